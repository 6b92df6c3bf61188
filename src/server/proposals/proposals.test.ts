import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Opportunity } from '../../contract/opportunities.ts';
import type { Proposal, ProposalSummary, ProposalTemplate } from '../../contract/proposals.ts';
import { parseMarkdown } from '../../domain/proposals/markdown.ts';
import { DEFAULT_TEMPLATE } from '../../domain/proposals/template.ts';
import { unzip, wordText } from '../../testing/docx.ts';
import { pdfPageCount, pdfText } from '../../testing/pdf.ts';
import { createDemoTestApp, signIn, type Caller, type TestContext } from '../../testing/test-app.ts';
import { reassessDealsById } from '../assessment/index.ts';
import { DEMO_PASSWORD } from '../demo/index.ts';
import { renderProposalPdf } from './proposal.pdf.ts';

let ctx: TestContext;
let admin: Caller;
let rich: Opportunity;
let poor: Opportunity;
let orgId: string;

beforeAll(async () => {
  const demo = await createDemoTestApp({ today: '2026-11-20' });
  ctx = demo;
  orgId = demo.demo.orgId;
  admin = await signIn(ctx.app, 'admin@demo.example.com', DEMO_PASSWORD);
  const open = (await admin.get('/api/opportunities?status=open&limit=200')).json<{ items: Opportunity[] }>().items;
  const byCoverage = [...open].sort((a, b) => (b.coverageIndex ?? 0) - (a.coverageIndex ?? 0));
  rich = byCoverage[0]!;
  // the least-known deal without a proposal yet (the demo sent one on the very least-known)
  for (const deal of [...byCoverage].reverse()) {
    const list = (await admin.get(`/api/opportunities/${deal.id}/proposals`)).json<{ items: unknown[] }>();
    if (list.items.length === 0) {
      poor = deal;
      break;
    }
  }
});
afterAll(() => ctx.close());

const generate = async (deal: Opportunity, as = admin) => {
  const response = await as.post(`/api/opportunities/${deal.id}/proposals`);
  expect(response.statusCode, response.body).toBe(201);
  return response.json<Proposal>();
};

/** Every sentence the seller alone may read: the notes and the internal appendix. */
const internalWords = (p: Proposal) => [
  ...p.notes.map((n) => n.message),
  ...p.appendix.evaluators.map((e) => e.mustDo),
  ...p.appendix.toBeat.map((t) => t.why),
];

describe('a proposal written from what we know', () => {
  it('fills every section of a well-known deal from its knowledge, and keeps who, when and what it was made from', async () => {
    const p = await generate(rich);
    expect(p).toMatchObject({
      number: expect.any(Number),
      origin: 'generated',
      basedOn: null,
      createdByName: expect.any(String),
    });
    expect(p.text).toContain(`# Proposal for ${rich.accountName}`);
    expect(p.text).not.toMatch(/\{\{/);
    expect(p.madeFrom).toMatchObject({ dealName: rich.name, asOf: '2026-11-20', amountMinor: rich.amountMinor });
    expect(p.madeFrom.objectives).toHaveLength(9);
    expect(p.completeness).toBeGreaterThan(50);
    expect(p.appendix.evaluators.length).toBeGreaterThan(0);
    const headings = parseMarkdown(p.text).filter((b) => b.kind === 'heading').length;
    expect(headings).toBeGreaterThanOrEqual(8);

    const list = (await admin.get(`/api/opportunities/${rich.id}/proposals`)).json<{ items: ProposalSummary[] }>();
    expect(list.items.map((i) => i.id)).toContain(p.id);
    expect((await admin.get(`/api/opportunities/${rich.id}/proposals/${p.id}`)).json()).toEqual(p);
  });

  it('tells the seller what is unknown on a barely-known deal, with the question and whom to ask', async () => {
    const p = await generate(poor);
    expect(p.completeness).toBeLessThan(60);
    expect(p.notes.length).toBeGreaterThan(0);
    for (const n of p.notes) {
      expect(n.message).toMatch(/^(We don't know|The customer)/);
      expect(n.question).not.toBe('');
      expect(n.askWhom).not.toBe('');
    }
    expect(Object.values(p.sections)).toContain('generic');
  });
});

describe('the customer documents', () => {
  it('DOCX: real headings, a pricing table, page numbers, and none of the internal appendix', async () => {
    const p = await generate(rich);
    for (const url of [`${p.id}.docx`, `${p.id}?format=docx`]) {
      const response = await admin.get(`/api/opportunities/${rich.id}/proposals/${url}`);
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toContain('wordprocessingml.document');
      expect(response.headers['content-disposition']).toMatch(/attachment; filename="proposal-.*-v\d+\.docx"/);
      const files = unzip(response.rawPayload);
      const xml = files.get('word/document.xml')!.toString('utf8');
      expect(xml).toContain('<w:pStyle w:val="Heading1"/>');
      expect(xml).toContain('<w:pStyle w:val="Heading2"/>');
      expect(xml).toContain('<w:tbl>');
      const text = wordText(xml);
      expect(text).toContain(`Proposal for ${rich.accountName}`);
      expect(text).toContain('Investment');
      expect(text).toContain('Total');
      const footer = [...files.entries()].find(([name]) => name.startsWith('word/footer'))![1].toString('utf8');
      expect(footer).toContain('PAGE');
      expect(footer).toContain('NUMPAGES');
      for (const secret of internalWords(p)) expect(text).not.toContain(secret);
    }
  });

  it('PDF: the headings and pricing, "Page n of m", and none of the internal appendix', async () => {
    const p = await generate(rich);
    const response = await admin.get(`/api/opportunities/${rich.id}/proposals/${p.id}.pdf`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    // the same document uncompressed, to read its text
    const pdf = await bytesOfDoc(renderProposalPdf(p.text, `Proposal for ${rich.accountName}`, { compress: false }));
    const text = pdfText(pdf);
    expect(text).toContain('Executive summary');
    expect(text).toContain('Investment');
    expect(text).toContain(`Page 1 of ${pdfPageCount(pdf)}`);
    const flat = text.replace(/\n/g, ' ');
    for (const secret of internalWords(p)) expect(flat).not.toContain(secret);
    for (const e of p.appendix.evaluators) expect(flat).not.toContain(e.mustDo.slice(0, 40));
  });

  it('answers 404 for a version of another deal, and for an unknown format', async () => {
    const p = await generate(rich);
    expect((await admin.get(`/api/opportunities/${poor.id}/proposals/${p.id}`)).statusCode).toBe(404);
    expect((await admin.get(`/api/opportunities/${rich.id}/proposals/${p.id}.exe`)).statusCode).toBe(404);
    expect((await admin.get(`/api/opportunities/${rich.id}/proposals/${p.id}?format=exe`)).statusCode).toBe(400);
  });
});

async function bytesOfDoc(doc: PDFKit.PDFDocument): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of doc) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe("a seller's edits", () => {
  it('are kept as new versions; the generated one stays as it was', async () => {
    const first = await generate(rich);
    const edited = await admin.put(`/api/opportunities/${rich.id}/proposals/${first.id}`, {
      text: `${first.text}\n\nA closing word from us.`,
    });
    expect(edited.statusCode, edited.body).toBe(201);
    const second = edited.json<Proposal>();
    expect(second).toMatchObject({ origin: 'edited', basedOn: first.id, number: first.number + 1 });
    expect(second.text).toContain('A closing word from us.');
    expect(second.notes).toEqual(first.notes);
    expect((await admin.get(`/api/opportunities/${rich.id}/proposals/${first.id}`)).json<Proposal>().text).toBe(
      first.text,
    );
    const bad = await admin.put(`/api/opportunities/${rich.id}/proposals/${first.id}`, { text: '   ' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toHaveProperty('text');
    // the deal's history tells who wrote each version and how
    const history = (await admin.get(`/api/opportunities/${rich.id}/history?limit=5`)).json<{
      items: Array<{ actorName: string; changes: Array<{ field: string; to: unknown }> }>;
    }>().items;
    expect(history.slice(0, 2).map((e) => e.changes)).toEqual([
      [
        {
          field: 'proposal',
          from: null,
          to: { number: second.number, origin: 'edited', basedOn: first.number, completeness: first.completeness },
        },
      ],
      [
        {
          field: 'proposal',
          from: null,
          to: { number: first.number, origin: 'generated', basedOn: null, completeness: first.completeness },
        },
      ],
    ]);
  });
});

describe('the template', () => {
  it('refuses an unknown placeholder with 422 naming it, and nothing is saved', async () => {
    const before = (await admin.get('/api/proposal-template')).json<ProposalTemplate>();
    expect(before).toMatchObject({ isDefault: true, version: null, text: DEFAULT_TEMPLATE });
    const response = await admin.put('/api/proposal-template', {
      text: '# {{customer}}\n\n{{secret_appendix}}',
      version: null,
    });
    expect(response.statusCode).toBe(422);
    expect(response.json().error.fields.text).toContain('{{secret_appendix}}');
    expect((await admin.get('/api/proposal-template')).json()).toEqual(before);
  });

  it('is saved by an administrator at the version seen, and used by the next draft', async () => {
    const saved = await admin.put('/api/proposal-template', {
      text: '# Offer to {{customer}}\n\n{{executive_summary}}\n\n## Price\n\n{{pricing}}\n',
      version: null,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json<ProposalTemplate>()).toMatchObject({ isDefault: false, version: 1 });
    const stale = await admin.put('/api/proposal-template', { text: '{{customer}}', version: null });
    expect(stale.statusCode).toBe(409);
    const p = await generate(rich);
    expect(p.text.startsWith(`# Offer to ${rich.accountName}`)).toBe(true);
    expect(p.text).not.toContain('## Value case');
    // a section shows only when what it rests on is known
    await admin.put('/api/proposal-template', {
      text: '{{customer}}{{#value_case}} VALUE KNOWN{{/value_case}}{{^value_case}} VALUE UNKNOWN{{/value_case}}',
      version: 1,
    });
    expect((await generate(rich)).text).toBe(`${rich.accountName} VALUE KNOWN`);
    expect((await generate(poor)).text).toBe(`${poor.accountName} VALUE UNKNOWN`);
    const open = await admin.put('/api/proposal-template', { text: '{{#value_case}} never closed', version: 2 });
    expect(open.statusCode).toBe(422);
    expect(open.json().error.fields.text).toContain('{{#value_case}} is never closed');
    const back = await admin.put('/api/proposal-template', { text: DEFAULT_TEMPLATE, version: 2 });
    expect(back.json<ProposalTemplate>().version).toBe(3);
    // each change is audited on the organization with the text before and after
    const changes = await ctx.deps.db
      .selectFrom('audit_events')
      .select(['changes', 'actor_id'])
      .where('org_id', '=', orgId)
      .where('entity_type', '=', 'organization')
      .orderBy('seq')
      .execute();
    const templateChanges = changes
      .flatMap((e) => JSON.parse(e.changes) as Array<{ field: string; from: unknown; to: unknown }>)
      .filter((c) => c.field === 'proposalTemplate');
    expect(templateChanges.map((c) => [c.from === null, String(c.to).slice(0, 17)])).toEqual([
      [true, '# Offer to {{cust'],
      [false, '{{customer}}{{#va'],
      [false, DEFAULT_TEMPLATE.slice(0, 17)],
    ]);
  });

  it('is kept by administrators only', async () => {
    const seller = await signIn(ctx.app, 'seller1@demo.example.com', DEMO_PASSWORD);
    expect((await seller.get('/api/proposal-template')).statusCode).toBe(403);
    expect((await seller.put('/api/proposal-template', { text: '{{customer}}', version: 2 })).statusCode).toBe(403);
  });
});

describe('a proposal sent while key objectives are unknown', () => {
  it('raises the danger zone on the deal', async () => {
    const zones = async () =>
      (await admin.get(`/api/opportunities/${poor.id}/assessment`)).json<{ dangerZones: Array<{ id: string }> }>()
        .dangerZones;
    expect((await zones()).map((z) => z.id)).not.toContain('DZ-28');
    const p = await generate(poor);
    const sent = await admin.post(`/api/opportunities/${poor.id}/proposals/${p.id}/sent`);
    expect(sent.statusCode, sent.body).toBe(200);
    expect(sent.json<Proposal>()).toMatchObject({ sentAt: expect.any(String), sentByName: expect.any(String) });
    expect((await zones()).map((z) => z.id)).toContain('DZ-28');
    // the nightly pass, which reads many deals' contexts at once, sees the proposal sent as well
    await reassessDealsById(ctx.deps, orgId, [poor.id], { kind: 'nightly' });
    expect((await zones()).map((z) => z.id)).toContain('DZ-28');
    // again changes nothing
    const again = await admin.post(`/api/opportunities/${poor.id}/proposals/${p.id}/sent`);
    expect(again.json<Proposal>().sentAt).toBe(sent.json<Proposal>().sentAt);
    // the history records the sending once
    const history = (await admin.get(`/api/opportunities/${poor.id}/history?limit=50`)).json<{
      items: Array<{ changes: Array<{ field: string; to: unknown }> }>;
    }>().items;
    const sends = history.flatMap((e) => e.changes).filter((c) => c.field === 'proposalSent');
    expect(sends).toEqual([{ field: 'proposalSent', from: null, to: { number: p.number } }]);
  });
});

describe('the demo', () => {
  it('holds drafts on its best-known deals, one edited, and one sent too early that raised the danger zone', async () => {
    const open = (await admin.get('/api/opportunities?status=open&limit=200')).json<{ items: Opportunity[] }>().items;
    const withProposals = [];
    for (const deal of open) {
      const items = (await admin.get(`/api/opportunities/${deal.id}/proposals`))
        .json<{ items: ProposalSummary[] }>()
        .items.filter((p) => p.createdAt < '2026-11-20');
      if (items.length > 0) withProposals.push({ deal, items });
    }
    const demoMade = withProposals;
    expect(demoMade).toHaveLength(3);
    expect(demoMade.some(({ items }) => items.some((i) => i.origin === 'edited' && i.basedOn !== null))).toBe(true);
    const sent = demoMade.find(({ items }) => items.some((i) => i.sentAt !== null))!;
    const assessment = (await admin.get(`/api/opportunities/${sent.deal.id}/assessment`)).json<{
      dangerZones: Array<{ id: string }>;
    }>();
    expect(assessment.dangerZones.map((z) => z.id)).toContain('DZ-28');
  });
});

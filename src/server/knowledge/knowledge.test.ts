import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KnowledgeResponse } from '../../contract/knowledge.ts';
import { createTestApp, type Caller, type TestContext } from '../../testing/test-app.ts';
import { buildWorkspace, type Workspace } from '../../testing/workspace.ts';
import { newDealToExplore, objective, said, today } from '../../testing/knowledge.ts';
import { findContactsByIds } from '../contacts/index.ts';
import { listFacts, listItems, listRecord, listRecordWithContacts } from './knowledge.repo.ts';

let ctx: TestContext;
let ws: Workspace;

beforeAll(async () => {
  ctx = await createTestApp();
  ws = await buildWorkspace(ctx);
});
afterAll(() => ctx.close());

const seller = () => ws.acme.sellerA1.as;
const freshDeal = () => newDealToExplore(ws);

async function ok(response: Promise<{ statusCode: number; body: string; json<T>(): T }>): Promise<KnowledgeResponse> {
  const r = await response;
  if (r.statusCode !== 200) throw new Error(`${r.statusCode}: ${r.body}`);
  return r.json<KnowledgeResponse>();
}

describe('the objective catalog', () => {
  it('lists the nine objectives with definitions, questions and weights', async () => {
    const { items } = (await seller().get('/api/objectives')).json();
    expect(items.map((o: { number: number }) => o.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(items[4]).toMatchObject({ key: 'champion_power', weight: 1.3, version: 0 });
    expect(items[4].questions.length).toBeGreaterThan(2);
  });

  it('lets an admin reword and re-weight, keeping every version, and refuses others and stale edits', async () => {
    const edit = {
      definition: 'Whether a tested advocate with power sells for us, and whether we reach the economic buyer.',
      weight: 1.5,
      version: 0,
    };
    expect((await ws.acme.managerA.as.patch('/api/objectives/champion_power', edit)).statusCode).toBe(403);
    const changed = await ws.acme.admin.as.patch('/api/objectives/champion_power', edit);
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ weight: 1.5, version: 1, changedByName: 'Ada Admin' });
    expect((await ws.acme.admin.as.patch('/api/objectives/champion_power', { weight: 2, version: 0 })).statusCode).toBe(
      409,
    );
    const versions = (await ws.acme.admin.as.get('/api/objectives/champion_power/versions')).json().items;
    expect(versions.map((v: { version: number }) => v.version)).toEqual([0, 1]);
    expect((await ws.globex.admin.as.get('/api/objectives')).json().items[4].version).toBe(0);
    expect((await ws.acme.admin.as.patch('/api/objectives/champion_power', { weight: 9, version: 1 })).statusCode).toBe(
      400,
    );
    expect(
      (await ws.acme.admin.as.patch('/api/objectives/not_an_objective', { weight: 1, version: 0 })).statusCode,
    ).toBe(400);
  });

  it('describes what can be recorded', async () => {
    const schema = (await seller().get('/api/knowledge/schema')).json();
    const evaluator = schema.kinds.find((k: { kind: string }) => k.kind === 'evaluator');
    expect(evaluator.identity).toEqual({ contact: true });
    expect(evaluator.fields.map((f: { key: string }) => f.key)).toContain('favours');
    expect(schema.evidenceSources).toHaveLength(6);
  });
});

describe('an opportunity nobody has explored', () => {
  it('shows nine objectives at K0, "not yet explored", each with its questions', async () => {
    const deal = await freshDeal();
    const k = await ok(seller().get(`/api/opportunities/${deal.id}/knowledge`));
    expect(k.coverageIndex).toBe(0);
    expect(k.objectives.every((o) => !o.explored && o.knowledgeLevel === 0 && o.position === null)).toBe(true);
    expect(objective(k, 'funding_value').openQuestions.length).toBeGreaterThanOrEqual(4);
    expect(k.unknowns.filter((u) => u.kind === 'not_explored')).toHaveLength(9);
  });
});

describe('recording knowledge', () => {
  let deal: Awaited<ReturnType<typeof freshDeal>>;
  let k: KnowledgeResponse;

  beforeAll(async () => {
    deal = await freshDeal();
  });

  it('adds an evaluator with evidence, then their influence, moving the buying-group level', async () => {
    k = await ok(
      seller().post(`/api/opportunities/${deal.id}/knowledge/items`, {
        version: deal.version,
        kind: 'evaluator',
        contactId: deal.contactId,
        evidence: said('Pat joined the kickoff and said she owns the budget', { contactId: deal.contactId }),
      }),
    );
    expect(k.opportunityVersion).toBe(deal.version + 1);
    const cfo = objective(k, 'buying_group').items[0]!;
    expect(cfo).toMatchObject({ kind: 'evaluator', label: 'Pat Initech', contactTitle: 'CFO' });
    expect(objective(k, 'buying_group').knowledgeLevel).toBe(1);

    k = await ok(
      seller().post(`/api/opportunities/${deal.id}/knowledge/facts`, {
        version: k.opportunityVersion,
        itemId: cfo.id,
        field: 'influence',
        value: 'high',
        evidence: said('Her CIO told us nothing moves without her', { contactId: deal.otherContactId }),
      }),
    );
    const fact = objective(k, 'buying_group').facts.find((f) => f.field === 'influence')!;
    expect(fact).toMatchObject({
      display: 'High',
      grade: 'stated',
      evidence: { contactName: expect.stringContaining('Ivy IT'), recordedByName: 'Sam Seller' },
    });
  });

  it('records an honest "unknown" without evidence text, and lists it among the unknowns', async () => {
    k = await ok(
      seller().post(`/api/opportunities/${deal.id}/knowledge/facts`, {
        version: k.opportunityVersion,
        kind: 'funding',
        field: 'budgetStatus',
        unknown: true,
        evidence: { source: 'buyer_stated', observedAt: today, contactId: deal.contactId },
      }),
    );
    expect(objective(k, 'funding_value')).toMatchObject({ explored: true, knowledgeLevel: 0 });
    const gap = k.unknowns.find((u) => u.field === 'budgetStatus')!;
    expect(gap).toMatchObject({ kind: 'unknown', question: 'How will this be funded?' });
  });

  it('logs a meeting: several facts and new items, one source, contact and date, in one go', async () => {
    const cfo = objective(k, 'buying_group').items[0]!;
    k = await ok(
      seller().post(`/api/opportunities/${deal.id}/knowledge/log`, {
        version: k.opportunityVersion,
        summary: 'Discovery call with Pat',
        source: 'buyer_stated',
        contactId: deal.contactId,
        observedAt: today,
        items: [
          {
            ref: 'rival',
            kind: 'alternative',
            title: 'Contoso Suite',
            category: 'competitor',
            said: 'We are also looking at Contoso',
          },
          {
            ref: 'ivy',
            kind: 'evaluator',
            contactId: deal.otherContactId,
            said: 'Ivy will run the technical evaluation',
          },
        ],
        facts: [
          { itemId: cfo.id, field: 'favours', value: 'us', said: 'Your approach is the only one that fixes the close' },
          {
            itemRef: 'ivy',
            field: 'favours',
            itemRefValue: undefined,
            value: 'us',
            said: 'Pat says Ivy likes the demo',
          },
          { itemRef: 'ivy', field: 'influence', value: 'medium' },
          {
            kind: 'funding',
            field: 'budgetStatus',
            value: 'identified_not_approved',
            said: "Money is in next year's plan, not yet approved",
          },
          { kind: 'compelling_event', field: 'eventDate', value: '2027-02-28', said: 'The audit is end of February' },
        ].map(({ itemRefValue: _x, ...f }) => f),
      }),
    );
    expect(objective(k, 'alternatives').items.map((i) => i.label)).toEqual(['Contoso Suite']);
    expect(objective(k, 'funding_value').knowledgeLevel).toBe(2);
    expect(objective(k, 'compelling_event').knowledgeLevel).toBe(2);
    expect(objective(k, 'evaluator_stance').position).toBeGreaterThan(0);
    const shareOfUs = k.evaluatorMatrix.shares.find((s) => s.alternativeId === 'us')!.share;
    expect(shareOfUs).toBe(1);
    expect(k.evaluatorMatrix.rows.map((r) => r.name)).toEqual(['Pat Initech', expect.stringContaining('Ivy IT')]);
    expect(k.unknowns.some((u) => u.field === 'budgetStatus')).toBe(false);
    expect(k.coverageIndex).toBeGreaterThan(0);
  });

  it("names the meeting's own fields plainly when they are wrong", async () => {
    const before = await ok(seller().get(`/api/opportunities/${deal.id}/knowledge`));
    const response = await seller().post(`/api/opportunities/${deal.id}/knowledge/log`, {
      version: before.opportunityVersion,
      source: 'buyer_stated',
      observedAt: '2026-12-25',
      summary: 'Future call',
      facts: [{ kind: 'funding', field: 'pricingDiscussed', value: true }],
    });
    expect(response.statusCode).toBe(422);
    expect(Object.keys(response.json().error.fields)).toEqual(['observedAt']);
  });

  it('writes nothing when one entry of a log is wrong, and names that entry', async () => {
    const before = await ok(seller().get(`/api/opportunities/${deal.id}/knowledge`));
    const response = await seller().post(`/api/opportunities/${deal.id}/knowledge/log`, {
      version: before.opportunityVersion,
      source: 'buyer_stated',
      observedAt: today,
      summary: 'Follow-up',
      facts: [
        { kind: 'funding', field: 'pricingDiscussed', value: true },
        { kind: 'funding', field: 'budgetStatus', value: 'plenty' },
      ],
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.fields).toHaveProperty(['facts.1.value']);
    const after = await ok(seller().get(`/api/opportunities/${deal.id}/knowledge`));
    expect(after.opportunityVersion).toBe(before.opportunityVersion);
    expect(objective(after, 'funding_value').facts.some((f) => f.field === 'pricingDiscussed')).toBe(false);
  });

  it('shows any day as it was known then', async () => {
    ctx.clock.advance(3 * 86_400_000);
    try {
      const now = await ok(seller().get(`/api/opportunities/${deal.id}/knowledge`));
      await ok(
        seller().post(`/api/opportunities/${deal.id}/knowledge/facts`, {
          version: now.opportunityVersion,
          kind: 'funding',
          field: 'budgetStatus',
          value: 'allocated',
          evidence: said('Budget approved at the board', { source: 'buyer_written', observedAt: '2026-11-23' }),
        }),
      );
      const then = await ok(seller().get(`/api/opportunities/${deal.id}/knowledge?asOf=${today}`));
      expect(then.isHistorical).toBe(true);
      expect(objective(then, 'funding_value').facts.find((f) => f.field === 'budgetStatus')!.display).toBe(
        'Identified not approved',
      );
      const later = await ok(seller().get(`/api/opportunities/${deal.id}/knowledge`));
      expect(objective(later, 'funding_value').facts.find((f) => f.field === 'budgetStatus')!.display).toBe(
        'Allocated',
      );
      const before = await ok(seller().get(`/api/opportunities/${deal.id}/knowledge?asOf=2026-11-01`));
      expect(before.coverageIndex).toBe(0);
      expect((await seller().get(`/api/opportunities/${deal.id}/knowledge?asOf=2030-01-01`)).statusCode).toBe(422);
    } finally {
      ctx.clock.advance(-3 * 86_400_000);
    }
  });

  it('keeps the history of who learned what, with evidence', async () => {
    const history = (await ws.acme.managerA.as.get(`/api/opportunities/${deal.id}/knowledge/history`)).json();
    expect(history.total).toBeGreaterThan(8);
    const change = history.items.find(
      (e: { what: string; action: string }) => e.what === 'Budget status' && e.action === 'changed',
    );
    expect(change).toMatchObject({
      value: 'Allocated',
      byName: 'Sam Seller',
      evidence: { source: 'buyer_written', text: 'Budget approved at the board' },
      logId: null,
    });
    const logged = history.items.find((e: { what: string }) => e.what === 'Alternative: Contoso Suite');
    expect(logged).toMatchObject({ logId: expect.any(String), logSummary: 'Discovery call with Pat' });
    expect(new Set(history.items.map((e: { id: string }) => e.id)).size).toBe(history.items.length);
    expect(history.items.at(-1)).toMatchObject({ action: 'added', what: 'Evaluator: Pat Initech' });
  });

  it('re-confirms a stale fact, which makes it fresh again and shows in the history', async () => {
    // seven weeks pass (sessions stay alive while used); a stance fades after thirty days
    for (let week = 0; week < 7; week++) {
      ctx.clock.advance(7 * 86_400_000);
      await seller().get('/api/auth/session');
    }
    try {
      const stale = await ok(seller().get(`/api/opportunities/${deal.id}/knowledge`));
      const influence = objective(stale, 'evaluator_stance').facts.find(
        (f) => f.field === 'favours' && f.itemLabel === 'Pat Initech',
      )!;
      expect(influence.fresh).toBe(false);
      expect(stale.unknowns.some((u) => u.kind === 'stale' && u.field === 'favours')).toBe(true);
      const today = new Date(ctx.clock.now()).toISOString().slice(0, 10);
      expect(
        (
          await seller().post(`/api/opportunities/${deal.id}/knowledge/facts/${influence.id}/verify`, {
            version: stale.opportunityVersion,
            verifiedOn: '2030-01-01',
          })
        ).statusCode,
      ).toBe(422);
      const verified = await ok(
        seller().post(`/api/opportunities/${deal.id}/knowledge/facts/${influence.id}/verify`, {
          version: stale.opportunityVersion,
          verifiedOn: today,
        }),
      );
      const again = objective(verified, 'evaluator_stance').facts.find(
        (f) => f.field === 'favours' && f.itemLabel === 'Pat Initech',
      )!;
      expect(again).toMatchObject({
        fresh: true,
        display: 'Us',
        lastVerifiedAt: today,
        evidence: { text: influence.evidence.text },
      });
      const history = (await seller().get(`/api/opportunities/${deal.id}/knowledge/history`)).json();
      expect(history.items[0]).toMatchObject({ action: 'verified', what: 'Favoured alternative of Pat Initech' });
      const gone = await seller().post(`/api/opportunities/${deal.id}/knowledge/facts/${influence.id}/verify`, {
        version: verified.opportunityVersion,
        verifiedOn: today,
      });
      expect(gone.statusCode).toBe(404);
    } finally {
      ctx.clock.advance(-49 * 86_400_000);
      await seller().get('/api/auth/session');
    }
  });

  it('retires a fact and an item, which leave the current view but not the history', async () => {
    const now = await ok(seller().get(`/api/opportunities/${deal.id}/knowledge`));
    const rival = objective(now, 'alternatives').items[0]!;
    const after = await ok(
      seller().delete(`/api/opportunities/${deal.id}/knowledge/items/${rival.id}?version=${now.opportunityVersion}`),
    );
    expect(objective(after, 'alternatives').items).toHaveLength(0);
    const fact = objective(after, 'funding_value').facts[0]!;
    const cleared = await ok(
      seller().delete(`/api/opportunities/${deal.id}/knowledge/facts/${fact.id}?version=${after.opportunityVersion}`),
    );
    expect(objective(cleared, 'funding_value').facts.some((f) => f.id === fact.id)).toBe(false);
    const history = (await seller().get(`/api/opportunities/${deal.id}/knowledge/history`)).json();
    expect(history.items.filter((e: { action: string }) => e.action === 'retired')).toHaveLength(2);
  });
});

describe('bad knowledge is refused with the field named, and nothing is written', () => {
  let deal: Awaited<ReturnType<typeof freshDeal>>;
  let otherDeal: Awaited<ReturnType<typeof freshDeal>>;
  let evaluatorOfOther: string;

  beforeAll(async () => {
    deal = await freshDeal();
    otherDeal = await freshDeal();
    const k = await ok(
      seller().post(`/api/opportunities/${otherDeal.id}/knowledge/items`, {
        version: otherDeal.version,
        kind: 'evaluator',
        contactId: otherDeal.contactId,
        evidence: said('Met Pat'),
      }),
    );
    evaluatorOfOther = objective(k, 'buying_group').items[0]!.id;
  });

  const attempt = async (caller: Caller, body: Record<string, unknown>, path = 'facts') => {
    const before = await ok(caller.get(`/api/opportunities/${deal.id}/knowledge`));
    const response = await caller.post(`/api/opportunities/${deal.id}/knowledge/${path}`, {
      version: before.opportunityVersion,
      ...body,
    });
    const after = await ok(caller.get(`/api/opportunities/${deal.id}/knowledge`));
    expect(after.opportunityVersion).toBe(before.opportunityVersion);
    return response;
  };

  it.each([
    [
      'a stance for an evaluator of another opportunity',
      () => ({ itemId: evaluatorOfOther, field: 'favours', value: 'us', evidence: said('x') }),
      422,
      'itemId',
    ],
    [
      'an unknown source kind',
      () => ({
        kind: 'funding',
        field: 'budgetStatus',
        value: 'allocated',
        evidence: { text: 'x', source: 'gossip', observedAt: today },
      }),
      400,
      'evidence.source',
    ],
    [
      'evidence missing for a known value',
      () => ({
        kind: 'funding',
        field: 'budgetStatus',
        value: 'allocated',
        evidence: { source: 'buyer_stated', observedAt: today },
      }),
      400,
      'evidence.text',
    ],
    [
      'an observation dated in the future',
      () => ({
        kind: 'funding',
        field: 'budgetStatus',
        value: 'allocated',
        evidence: said('x', { observedAt: '2026-12-24' }),
      }),
      422,
      'evidence.observedAt',
    ],
    [
      'an impossible observation date',
      () => ({
        kind: 'funding',
        field: 'budgetStatus',
        value: 'allocated',
        evidence: said('x', { observedAt: '2026-02-30' }),
      }),
      400,
      'evidence.observedAt',
    ],
    [
      "a value outside the field's options",
      () => ({ kind: 'funding', field: 'budgetStatus', value: 'lots', evidence: said('x') }),
      400,
      'value',
    ],
    [
      'a field the item does not have',
      () => ({ kind: 'funding', field: 'colour', value: 'red', evidence: said('x') }),
      400,
      'field',
    ],
    [
      'a contact of another account as witness',
      () => ({
        kind: 'funding',
        field: 'budgetStatus',
        value: 'allocated',
        evidence: said('x', { contactId: ws.books.sellerB1.contact.id }),
      }),
      422,
      'evidence.contactId',
    ],
    [
      'both a value and unknown',
      () => ({ kind: 'funding', field: 'budgetStatus', value: 'allocated', unknown: true, evidence: said('x') }),
      400,
      'value',
    ],
    [
      'a per-alternative field without the alternative',
      () => ({ kind: 'funding', field: 'budgetStatus', qualifier: 'us', value: 'allocated', evidence: said('x') }),
      422,
      'qualifier',
    ],
    [
      'a favoured alternative that is not one of ours',
      () => ({ itemId: 'EVAL', field: 'favours', value: 'contoso', evidence: said('x') }),
      422,
      'value',
    ],
  ] as const)('refuses %s', async (_label, body, status, field) => {
    const k = await ok(seller().get(`/api/opportunities/${deal.id}/knowledge`));
    let evaluator = objective(k, 'buying_group').items[0]?.id;
    if (!evaluator) {
      const added = await ok(
        seller().post(`/api/opportunities/${deal.id}/knowledge/items`, {
          version: k.opportunityVersion,
          kind: 'evaluator',
          contactId: deal.contactId,
          evidence: said('Met Pat'),
        }),
      );
      evaluator = objective(added, 'buying_group').items[0]!.id;
    }
    const resolved = body();
    const response = await attempt(seller(), {
      ...resolved,
      ...('itemId' in resolved && resolved.itemId === 'EVAL' ? { itemId: evaluator } : {}),
    });
    expect(response.statusCode, response.body).toBe(status);
    expect(Object.keys(response.json().error.fields)).toContain(field);
  });

  it.each([
    ['an evaluator without a contact', { kind: 'evaluator' }, 'contactId'],
    ['an alternative with an unknown kind', { kind: 'alternative', title: 'X', category: 'friend' }, 'category'],
    ['a one-per-opportunity kind as an item', { kind: 'funding' }, 'kind'],
  ])('refuses %s as a new item', async (_label, body, field) => {
    const response = await attempt(seller(), { ...body, evidence: said('x') }, 'items');
    expect(response.statusCode).toBe(422);
    expect(response.json().error.fields).toHaveProperty([field]);
  });

  it('refuses the same contact twice as an evaluator', async () => {
    const response = await attempt(
      seller(),
      { kind: 'evaluator', contactId: deal.contactId, evidence: said('x') },
      'items',
    );
    expect(response.statusCode).toBe(409);
  });

  it('answers a stale opportunity version with 409 and the current opportunity', async () => {
    const response = await seller().post(`/api/opportunities/${deal.id}/knowledge/facts`, {
      version: 1,
      kind: 'funding',
      field: 'budgetStatus',
      value: 'allocated',
      evidence: said('x'),
    });
    expect(response.statusCode).toBe(409);
    expect(response.json().error.current.id).toBe(deal.id);
  });
});

describe('who may see and change knowledge', () => {
  it('follows the opportunity: its seller and their managers, not another team or organization', async () => {
    const deal = await freshDeal();
    const url = `/api/opportunities/${deal.id}/knowledge`;
    expect((await ws.acme.managerA.as.get(url)).statusCode).toBe(200);
    expect((await ws.acme.vp.as.get(url)).statusCode).toBe(200);
    expect((await ws.acme.managerB.as.get(url)).statusCode).toBe(404);
    expect((await ws.globex.admin.as.get(url)).statusCode).toBe(404);
    const write = {
      version: deal.version,
      kind: 'funding',
      field: 'budgetStatus',
      value: 'allocated',
      evidence: said('x'),
    };
    expect((await ws.acme.managerB.as.post(`${url}/facts`, write)).statusCode).toBe(404);
    expect((await ws.acme.managerA.as.post(`${url}/facts`, write)).statusCode).toBe(200);
  });
});

describe('knowledge and objectives written by two people at once', () => {
  it('keeps one of many items recorded at once from the same version and answers the others 409 with the opportunity as it now is', async () => {
    const deal = await freshDeal();
    const answers = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        seller().post(`/api/opportunities/${deal.id}/knowledge/items`, {
          version: deal.version,
          kind: 'evaluator',
          contactId: deal.contactId,
          evidence: said(`Attempt ${i}`, { contactId: deal.contactId }),
        }),
      ),
    );
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409, 409, 409, 409, 409]);
    for (const refused of answers.filter((a) => a.statusCode === 409))
      expect(refused.json().error.current).toMatchObject({ id: deal.id, version: deal.version + 1 });
    const k = (await seller().get(`/api/opportunities/${deal.id}/knowledge`)).json<KnowledgeResponse>();
    expect(objective(k, 'buying_group').items).toHaveLength(1);
  });

  it('accepts one of several rewordings of an objective made from the same version and answers the others 409 with the wording that won', async () => {
    const current = (await ws.acme.admin.as.get('/api/objectives'))
      .json()
      .items.find((o: { key: string }) => o.key === 'funding_value');
    const answers = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        ws.acme.admin.as.patch('/api/objectives/funding_value', { weight: 1 + i / 10, version: current.version }),
      ),
    );
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409, 409, 409, 409, 409]);
    const winner = answers.find((a) => a.statusCode === 200)!.json();
    for (const refused of answers.filter((a) => a.statusCode === 409))
      expect(refused.json().error.current).toMatchObject({
        key: 'funding_value',
        weight: winner.weight,
        version: current.version + 1,
      });
  });
});

describe("one opportunity's record in one statement", () => {
  it('reads the items and facts, retired ones too, as the two lists read them', async () => {
    const deal = await newDealToExplore(ws);
    const seller = ws.acme.sellerA1.as;
    let k = await ok(
      seller.post(`/api/opportunities/${deal.id}/knowledge/log`, {
        version: deal.version,
        source: 'buyer_stated',
        contactId: deal.contactId,
        observedAt: today,
        summary: 'Call',
        items: [
          { ref: 'a', kind: 'alternative', title: 'Contoso', category: 'competitor', said: 'Contoso too' },
          { ref: 'b', kind: 'alternative', title: 'Fabrikam', category: 'competitor', said: 'And Fabrikam' },
        ],
        facts: [
          { kind: 'funding', field: 'budgetStatus', unknown: true },
          { kind: 'funding', field: 'pricingDiscussed', value: true, said: 'We talked price' },
        ],
      }),
    );
    const contoso = k.objectives.flatMap((o) => o.items).find((i) => i.label === 'Contoso')!;
    k = await ok(
      seller.delete(`/api/opportunities/${deal.id}/knowledge/items/${contoso.id}?version=${k.opportunityVersion}`),
    );
    const { db } = ctx.deps;
    const orgId = ws.acme.orgId;
    const record = await listRecord(db, orgId, deal.id);
    expect(record).toEqual({ items: await listItems(db, orgId, deal.id), facts: await listFacts(db, orgId, deal.id) });
    expect(record.items.some((i) => i.retiredAt !== null)).toBe(true);
    expect(record.facts.map((f) => f.isUnknown).sort()).toEqual([false, true]);
  });

  it('reads with it the contacts it names and those asked for, as reading them by id gives them', async () => {
    const deal = await newDealToExplore(ws);
    const seller = ws.acme.sellerA1.as;
    await ok(
      seller.post(`/api/opportunities/${deal.id}/knowledge/items`, {
        version: deal.version,
        kind: 'evaluator',
        contactId: deal.otherContactId,
        evidence: said('Ivy joins the evaluation', { contactId: deal.contactId }),
      }),
    );
    const { db } = ctx.deps;
    const orgId = ws.acme.orgId;
    const asked = [ws.books.sellerB1.contact.id, 'no-such-contact'];
    const { record, contacts } = await listRecordWithContacts(db, orgId, deal.id, asked);
    expect(record).toEqual(await listRecord(db, orgId, deal.id));
    const byId = await findContactsByIds(db, orgId, [deal.contactId, deal.otherContactId, asked[0]!]);
    expect(contacts).toEqual(new Map([...byId.map((c) => [c.id, c] as const), ['no-such-contact', undefined]]));
  });
});

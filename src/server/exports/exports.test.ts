import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoSummary } from '../demo/index.ts';
import { callerWith, createDemoTestApp, createTestApp, signIn, type TestContext } from '../../testing/test-app.ts';
import { DOCUMENT_TABLES, isInfrastructureTable, NOT_EXPORTED } from './document-tables.ts';
import { listDatabaseTables } from './exports.repo.ts';
import { organizationDocument, restoreOrganizationDocument } from './index.ts';

// An organization's document holds everything it owns; a second Winsight reads it back and holds
// the same: exporting there gives the same document, and people sign in and see the same deals.

let source: TestContext & { demo: DemoSummary };
let target: TestContext;
let exported: string;

const MANAGER = 'manager1@demo.example.com';
const ADMIN = 'admin@demo.example.com';

async function documentText(ctx: TestContext, orgId: string): Promise<string> {
  let text = '';
  for await (const chunk of organizationDocument(ctx.deps, orgId)) text += chunk;
  return text;
}

/** The document without the moment it was made, which is all two exports of the same data differ by. */
const comparable = (text: string) => ({ ...JSON.parse(text), exportedAt: null });

beforeAll(async () => {
  source = await createDemoTestApp({ today: '2026-11-20' });
  target = await createTestApp();
  const admin = await signIn(source.app, ADMIN, source.demo.password);
  const response = await admin.get('/api/export');
  expect(response.statusCode).toBe(200);
  expect(response.headers['content-disposition']).toMatch(
    /attachment; filename="winsight-export-\d{4}-\d{2}-\d{2}\.json"/,
  );
  exported = response.body;
});
afterAll(async () => {
  await source.close();
  await target.close();
});

describe("an organization's document", () => {
  it('holds every table of the database or says why not', async () => {
    const tables = (await listDatabaseTables(source.deps.db, source.deps.dialect)).filter(
      (t) => !isInfrastructureTable(t),
    );
    const accounted = [...DOCUMENT_TABLES.map((t) => t.name), ...Object.keys(NOT_EXPORTED)].sort();
    expect(accounted).toEqual(tables);
  });

  it('holds the demo’s people, deals, knowledge with evidence, history, assessments and coaching', () => {
    const doc = JSON.parse(exported) as { tables: Record<string, Array<Record<string, unknown>>> };
    expect(doc.tables['users']).toHaveLength(source.demo.counts.users);
    expect(doc.tables['opportunities']).toHaveLength(source.demo.counts.opportunities);
    expect(doc.tables['accounts']).toHaveLength(source.demo.counts.accounts);
    const facts = doc.tables['knowledge_facts']!;
    expect(facts.length).toBeGreaterThan(0);
    expect(facts.some((f) => typeof f['evidence_text'] === 'string' && f['evidence_text'] !== '')).toBe(true);
    for (const table of ['audit_events', 'assessments', 'assessment_history', 'opportunity_snapshots']) {
      expect(doc.tables[table]!.length, table).toBeGreaterThan(0);
    }
    expect(doc.tables['coaching_assignments']!.length).toBeGreaterThan(0);
    // numbered by the database: left out, the order kept
    expect(doc.tables['audit_events']![0]).not.toHaveProperty('seq');
    // nothing of another organization, no credentials
    expect(exported).not.toContain('"token_hash"');
  });

  it('reads back into another Winsight without loss', async () => {
    const restored = await restoreOrganizationDocument(target.deps, JSON.parse(exported));
    expect(restored).toMatchObject({ orgId: source.demo.orgId });
    expect(restored.rows['opportunities']).toBe(source.demo.counts.opportunities);
    expect(comparable(await documentText(target, source.demo.orgId))).toEqual(comparable(exported));

    // people sign in with their passwords and see the same deals, the same chances, the same knowledge
    const there = await signIn(target.app, MANAGER, source.demo.password);
    const here = await signIn(source.app, MANAGER, source.demo.password);
    const list = '/api/opportunities?limit=50&sort=-amount';
    expect((await there.get(list)).json()).toEqual((await here.get(list)).json());
    const deal = (await here.get(list)).json<{ items: Array<{ id: string }> }>().items[0]!.id;
    for (const path of [
      `/api/opportunities/${deal}/assessment`,
      `/api/opportunities/${deal}/knowledge`,
      `/api/opportunities/${deal}/history`,
    ]) {
      const a = await here.get(path);
      expect(a.statusCode, path).toBe(200);
      // an assessment read is computed at the reading: each app's clock reads its own milliseconds
      const withoutReadingTime = (body: Record<string, unknown>) => ({ ...body, computedAt: null });
      expect(withoutReadingTime((await there.get(path)).json()), path).toEqual(withoutReadingTime(a.json()));
    }
  });

  it('is refused when it is already here, naming what does not fit, and leaves nothing behind', async () => {
    await expect(restoreOrganizationDocument(target.deps, JSON.parse(exported))).rejects.toMatchObject({
      code: 'unprocessable',
      fields: { 'organization.id': expect.stringMatching(/already in this Winsight/) },
    });

    const other = createTestApp();
    const fresh = await other;
    try {
      const broken = JSON.parse(exported);
      // the last table refers to someone the document does not hold: the whole restore is undone
      broken.tables.audit_events.push({ ...broken.tables.audit_events[0], id: 'x-1', actor_id: 'nobody' });
      await expect(restoreOrganizationDocument(fresh.deps, broken)).rejects.toBeTruthy();
      const orgs = await fresh.deps.db.selectFrom('organizations').select('id').execute();
      const people = await fresh.deps.db.selectFrom('users').select('id').execute();
      expect([orgs.length, people.length]).toEqual([0, 0]);
    } finally {
      await fresh.close();
    }
  });

  it.each([
    ['format', { format: 'something-else' }, /Winsight organization document/],
    ['schema', { schema: '9999_from_the_future' }, /does not know: upgrade it first/],
    ['tables.spreadsheets', { tables: { spreadsheets: [] } }, /not a table/],
    [
      'tables.users',
      { tables: { opportunities: [], users: [] } },
      /comes after opportunities: keep the tables in the order/,
    ],
    ['tables', { tables: undefined }, /Expected the tables/],
  ])('is refused when %s does not fit', async (field, change, message) => {
    const whole = JSON.parse(exported);
    // another organization, so that what does not fit is found rather than the organization already here
    const doc = { ...whole, organization: { ...whole.organization, id: 'another-org' }, ...change };
    await expect(restoreOrganizationDocument(target.deps, doc)).rejects.toMatchObject({
      fields: { [field]: expect.stringMatching(message) },
    });
  });

  it('refuses a column this Winsight does not have, naming the row', async () => {
    const whole = JSON.parse(exported);
    const stages: Array<Record<string, unknown>> = (whole.tables.stages as Array<Record<string, unknown>>).map((s) => ({
      ...s,
      org_id: 'another-org',
    }));
    stages[1]!['colour'] = 'red';
    const doc = { ...whole, organization: { ...whole.organization, id: 'another-org' }, tables: { stages } };
    await expect(restoreOrganizationDocument(target.deps, doc)).rejects.toMatchObject({
      fields: { 'tables.stages.1.colour': 'stages has no column colour' },
    });
  });
});

describe('exporting from the app', () => {
  it('is for administrators only', async () => {
    const manager = await signIn(source.app, MANAGER, source.demo.password);
    expect((await manager.get('/api/export')).statusCode).toBe(403);
    expect((await manager.get('/api/export/tables')).statusCode).toBe(403);
    expect((await callerWith(source.app).get('/api/export')).statusCode).toBe(401);
  });

  it('lists the tables with their rows, and gives each as CSV', async () => {
    const admin = await signIn(source.app, ADMIN, source.demo.password);
    const tables = (await admin.get('/api/export/tables')).json<{ items: Array<{ name: string; rows: number }> }>();
    expect(tables.items.find((t) => t.name === 'opportunities')?.rows).toBe(source.demo.counts.opportunities);
    const csv = await admin.get('/api/export/tables/opportunities');
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    const rows = parse(csv.body, { bom: true, columns: true }) as Array<Record<string, string>>;
    expect(rows).toHaveLength(source.demo.counts.opportunities);
    expect(Object.keys(rows[0]!)).toEqual(expect.arrayContaining(['id', 'name', 'amount_minor', 'stage_id']));
    expect((await admin.get('/api/export/tables/sessions')).statusCode).toBe(404);
  });
});

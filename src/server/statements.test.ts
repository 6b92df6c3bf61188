import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Opportunity } from '../contract/opportunities.ts';
import { newDealToExplore, today } from '../testing/knowledge.ts';
import { statementCounter, type StatementKind } from '../testing/statements.ts';
import { createTestApp, type Caller, type TestContext } from '../testing/test-app.ts';
import { buildWorkspace, type Workspace } from '../testing/workspace.ts';

// Statements per request are a figure a test can hold steady where time is not: a slow page is
// usually the same row read twice. Each ceiling is today's count; lower it when a change saves
// one, and a change that adds one fails here and must say why.
const CEILINGS = {
  list: 2,
  detail: 2,
  patch: 11,
  log: 15,
  assessment: 9,
} as const;

let ctx: TestContext;
let ws: Workspace;
const counter = statementCounter();

beforeAll(async () => {
  ctx = await createTestApp({}, { plugin: counter.plugin });
  ws = await buildWorkspace(ctx);
});
afterAll(() => ctx.close());

/** The statements one request runs, after checking it succeeded. */
async function statementsOf(request: () => ReturnType<Caller['get']>, answer?: (body: unknown) => void): Promise<StatementKind[]> {
  counter.take();
  const response = await request();
  const ran = counter.take();
  expect(response.statusCode, response.body).toBeLessThan(300);
  answer?.(response.json());
  return ran;
}

describe('statements per request', () => {
  let deal: Awaited<ReturnType<typeof newDealToExplore>>;
  const seller = () => ws.acme.sellerA1.as;
  const counts: Record<keyof typeof CEILINGS, StatementKind[]> = { list: [], detail: [], patch: [], log: [], assessment: [] };
  const answers: { patch?: unknown; patchRead?: unknown; log?: unknown } = {};

  beforeAll(async () => {
    deal = await newDealToExplore(ws);
    // the first request of a session fills the per-organization caches; the counts are of later ones
    await seller().get('/api/opportunities');
    counts.list = await statementsOf(() => seller().get('/api/opportunities'));
    counts.detail = await statementsOf(() => seller().get(`/api/opportunities/${deal.id}`));
    counts.patch = await statementsOf(() => seller().patch(`/api/opportunities/${deal.id}`, { version: deal.version, amountMinor: 12_000_000 }), (body) => (answers.patch = body));
    const afterPatch = (await seller().get(`/api/opportunities/${deal.id}`)).json<Opportunity>();
    answers.patchRead = afterPatch;
    const version = afterPatch.version;
    counts.log = await statementsOf(() =>
      seller().post(`/api/opportunities/${deal.id}/knowledge/log`, {
        version,
        summary: 'Discovery call',
        source: 'buyer_stated',
        contactId: deal.contactId,
        observedAt: today,
        items: [{ ref: 'rival', kind: 'alternative', title: 'Contoso Suite', category: 'competitor', said: 'We also look at Contoso' }],
        facts: [
          { kind: 'funding', field: 'budgetStatus', value: 'identified_not_approved', said: 'In next year\'s plan' },
          { kind: 'compelling_event', field: 'eventDate', value: '2027-02-28', said: 'The audit is end of February' },
          { kind: 'funding', field: 'pricingDiscussed', value: true },
        ],
      }),
      (body) => (answers.log = body),
    );
    counts.assessment = await statementsOf(() => seller().get(`/api/opportunities/${deal.id}/assessment`));
    console.log(Object.entries(counts).map(([route, ran]) => `${route}: ${ran.length} (${ran.filter((k) => k === 'write').length} writes)`).join(', '));
  });

  it.each(Object.keys(CEILINGS) as Array<keyof typeof CEILINGS>)('%s stays within its ceiling', (route) => {
    expect(counts[route].length).toBeLessThanOrEqual(CEILINGS[route]);
  });

  it.each(['list', 'detail', 'assessment'] as const)('GET %s writes nothing', (route) => {
    expect(counts[route].filter((k) => k === 'write')).toEqual([]);
  });

  // the writes answer from what they hold instead of reading the row and the record again
  it('answers a PATCH with the opportunity a read then gives', () => {
    expect(answers.patch).toEqual(answers.patchRead);
  });

  it('answers a knowledge log with the knowledge a read then gives', async () => {
    expect(answers.log).toEqual((await seller().get(`/api/opportunities/${deal.id}/knowledge`)).json());
  });

  it('tells writes from reads (so that a GET that writes would be caught)', () => {
    expect(counts.patch.filter((k) => k === 'write').length).toBeGreaterThan(0);
    expect(counts.patch.filter((k) => k === 'read').length).toBeGreaterThan(0);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  describeCounts,
  measureRouteStatements,
  statementCounter,
  type MeasuredRoute,
  type RouteStatements,
} from '../testing/statements.ts';
import { createTestApp, type TestContext } from '../testing/test-app.ts';
import { buildWorkspace, type Workspace } from '../testing/workspace.ts';

// Statements per request are a figure a test can hold steady where time is not: a slow page is
// usually the same row read twice. Each ceiling is today's count; lower it when a change saves
// one, and a change that adds one fails here and must say why. Before the deals use cases:
// PATCH 16, log 26, assessment 13 with an INSERT. A re-valued deal no longer re-reads every deal for
// the prior's calibration (PATCH 8 -> 7); the knowledge a write answers names the contacts it
// already looked up without reading them again (log 12 -> 11). A deal's record, its context and
// the contacts they name are one statement (PATCH 7 -> 6, log 11 -> 9, assessment 5 -> 3), and
// people's names come from the cache of reporting lines every request warms (log 9 -> 8).
const CEILINGS: Record<MeasuredRoute, number> = {
  list: 2,
  detail: 2,
  patch: 6,
  log: 8,
  assessment: 3,
};

let ctx: TestContext;
let ws: Workspace;
let measured: RouteStatements;
const counter = statementCounter();

beforeAll(async () => {
  ctx = await createTestApp({}, { plugin: counter.plugin });
  ws = await buildWorkspace(ctx);
  measured = await measureRouteStatements(ws, counter);
  console.log(`statements per request: ${describeCounts(measured.counts)}`);
});
afterAll(() => ctx.close());

describe('statements per request', () => {
  it.each(Object.keys(CEILINGS) as MeasuredRoute[])('%s stays within its ceiling', (route) => {
    expect(measured.counts[route].length).toBeLessThanOrEqual(CEILINGS[route]);
  });

  it.each(['list', 'detail', 'assessment'] as const)('GET %s writes nothing', (route) => {
    expect(measured.counts[route].filter((k) => k === 'write')).toEqual([]);
  });

  it('tells writes from reads (so that a GET that writes would be caught)', () => {
    expect(measured.counts.patch.filter((k) => k === 'write').length).toBeGreaterThan(0);
    expect(measured.counts.patch.filter((k) => k === 'read').length).toBeGreaterThan(0);
  });

  // the writes answer from what they hold instead of reading the row and the record again
  it('answers a PATCH with the opportunity a read then gives', () => {
    expect(measured.answers.patch).toEqual(measured.answers.readAfterPatch);
  });

  it('answers a knowledge log with the knowledge a read then gives', async () => {
    const id = (measured.answers.readAfterPatch as { id: string }).id;
    const read = await ws.acme.sellerA1.as.get(`/api/opportunities/${id}/knowledge`);
    expect(measured.answers.log).toEqual(read.json());
  });
});

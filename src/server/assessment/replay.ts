import { quickProbability } from '../../domain/assessment/assess.ts';
import { compileRules } from '../../domain/assessment/rules.ts';
import { computeSignals } from '../../domain/assessment/signals.ts';
import { toDateOnly } from '../../domain/dates.ts';
import type { ItemKind } from '../../domain/knowledge/schema.ts';
import { snapshotAsOf } from '../../domain/knowledge/snapshot.ts';
import type { AppDeps } from '../deps.ts';
import { listOrgOpportunities } from '../opportunities/index.ts';
import * as repo from './assessment.repo.ts';
import { assessedOn, closedOn, engineSetup, recordsAndContexts } from './assessment.service.ts';

type Point = repo.HistoryPoint & { orgId: string; opportunityId: string };

/** Rounded as the history's triggers compare: what a person would see move. */
const visible = (p: repo.HistoryPoint) =>
  JSON.stringify([
    Math.round(p.winProbability * 1000),
    Math.round(p.bandLow * 1000),
    Math.round(p.bandHigh * 1000),
    Math.round(p.coverageIndex * 100),
    p.topSeverity,
    p.zoneIds,
  ]);

/**
 * A workspace that arrives with its past (the demo) gets the history it would have had: each deal is
 * re-assessed at the end of every day knowledge was recorded on it, before the day it is assessed
 * now, with the fast path (signals, the model's sum, the compiled zones: no explanations), and each
 * day that moved what a person sees becomes a point naming who recorded what. The deal's context
 * (account, seller) is taken as it stands now; only the close-date pushes made by each day count.
 */
export async function replayAssessmentHistory(deps: AppDeps, orgId: string): Promise<number> {
  const engine = await engineSetup(deps.db, deps.caches, orgId);
  const opportunities = await listOrgOpportunities(deps.db, orgId, 'all');
  const zonesOf = compileRules(engine.rules, engine.ruleSettings);
  const today = toDateOnly(deps.now());
  let written = 0;
  for (let i = 0; i < opportunities.length; i += 500) {
    const batch = opportunities.slice(i, i + 500);
    const read = await recordsAndContexts(deps.db, orgId, batch, engine.model, closedOn);
    const points: Point[] = [];
    for (const o of batch) {
      const { items, facts, ctx } = read.get(o.id)!;
      const until = assessedOn(o, today);
      const days = new Map<
        string,
        { at: string; by: string; fields: Array<{ item: ItemKind; field: string }>; items: ItemKind[] }
      >();
      const kindOf = new Map(items.map((it) => [it.id, it.kind]));
      const dayOf = (at: string, by: string) => {
        const day = at.slice(0, 10);
        const entry = days.get(day) ?? { at, by, fields: [], items: [] };
        if (at >= entry.at) Object.assign(entry, { at, by });
        days.set(day, entry);
        return entry;
      };
      for (const it of items)
        if (it.createdAt.slice(0, 10) < until) dayOf(it.createdAt, it.evidence.recordedBy).items.push(it.kind);
      for (const f of facts) {
        if (f.recordedAt.slice(0, 10) >= until) continue;
        const kind = kindOf.get(f.itemId);
        if (kind) dayOf(f.recordedAt, f.evidence.recordedBy).fields.push({ item: kind, field: f.field });
      }
      let last: string | null = null;
      for (const [day, what] of [...days.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
        const dayCtx = { ...ctx, asOf: day };
        const set = computeSignals(snapshotAsOf(items, facts, day), dayCtx, engine.objectives);
        const p = quickProbability(set.signals, set.kci, dayCtx, engine.model);
        const sellerGap = o.sellerProbability === null ? null : o.sellerProbability - p.winProbability * 100;
        const zones = zonesOf({ ...set.signals, sellerGapAbs: sellerGap === null ? null : Math.abs(sellerGap) });
        const point: Point = {
          orgId,
          opportunityId: o.id,
          at: what.at,
          winProbability: p.winProbability,
          bandLow: p.band[0],
          bandHigh: p.band[1],
          coverageIndex: set.kci,
          topSeverity: zones[0]?.severity ?? null,
          zoneIds: zones.map((z) => z.id),
          modelVersion: engine.model.version,
          cause: { kind: 'knowledge', by: what.by, fields: what.fields, items: what.items },
        };
        const seen = visible(point);
        if (seen === last) continue;
        last = seen;
        points.push(point);
      }
    }
    await repo.insertHistory(deps.db, points);
    written += points.length;
  }
  return written;
}

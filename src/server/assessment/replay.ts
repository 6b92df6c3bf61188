import { quickProbability } from '../../domain/assessment/assess.ts';
import { compileRules } from '../../domain/assessment/rules.ts';
import { computeSignals } from '../../domain/assessment/signals.ts';
import { addDays } from '../../domain/dates.ts';
import type { ItemKind } from '../../domain/knowledge/schema.ts';
import { snapshotAsOf } from '../../domain/knowledge/snapshot.ts';
import type { AppDeps } from '../deps.ts';
import { listOrgOpportunities } from '../opportunities/index.ts';
import * as repo from './assessment.repo.ts';
import { assessedOn, closedOn, engineSetup, recordsAndContexts } from './assessment.service.ts';

type Point = repo.HistoryPoint & { orgId: string; opportunityId: string };

/** Days between the replayed nightly passes of a deal (a lived workspace has one every night). */
const NIGHTLY_EVERY = 7;

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
 * re-assessed at the end of every day knowledge was recorded on it, up to the day it is assessed
 * now, with the fast path (signals, the model's sum, the compiled zones: no explanations), and each
 * day that moved what a person sees becomes a point naming who recorded what; between them, a weekly
 * nightly pass adds the drift of ageing knowledge and a nearing close date, and a last one stands on
 * the day it is assessed, so the assessment continues the history without a jump. The deal's context
 * (account, seller, the seller's bias) is taken as it stands now; only the close-date pushes made by
 * each day count. Run after the deals are assessed: it replaces the history those passes wrote.
 * `nightlyFrom` keeps the weekly points to the days someone compares with (the snapshots' reach).
 */
export async function replayAssessmentHistory(
  deps: AppDeps,
  orgId: string,
  options: { nightlyFrom?: string } = {},
): Promise<number> {
  // what the passes that assessed the deals just now wrote is replaced by the past they stand on
  await repo.deleteHistory(deps.db, orgId);
  const engine = await engineSetup(deps.db, deps.caches, orgId);
  const opportunities = await listOrgOpportunities(deps.db, orgId, 'all');
  const zonesOf = compileRules(engine.rules, engine.ruleSettings);
  const now = deps.now().toISOString();
  const today = now.slice(0, 10);
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
        if (it.createdAt.slice(0, 10) <= until) dayOf(it.createdAt, it.evidence.recordedBy).items.push(it.kind);
      for (const f of facts) {
        if (f.recordedAt.slice(0, 10) > until) continue;
        const kind = kindOf.get(f.itemId);
        if (kind) dayOf(f.recordedAt, f.evidence.recordedBy).fields.push({ item: kind, field: f.field });
      }
      // the nightly pass between what was learned: knowledge ageing and the close date nearing move
      // the probability too, and a review a week later must see that week's drift, not all at once
      const learned = [...days.keys()].sort();
      const nights = new Map<string, { at: string; nightly: true }>();
      if (learned.length > 0)
        for (let day = addDays(learned[0]!, NIGHTLY_EVERY); day <= until; day = addDays(day, NIGHTLY_EVERY))
          if (!days.has(day) && day >= (options.nightlyFrom ?? ''))
            nights.set(day, { at: `${day}T02:00:00.000Z`, nightly: true });
      // and the day it is assessed now, so the history ends where the assessment stands
      if (learned.length > 0 && !days.has(until)) nights.set(until, { at: `${until}T02:00:00.000Z`, nightly: true });
      const steps = [...days.entries(), ...nights.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      let last: string | null = null;
      // nothing of today after this instant: the assessment written now is the point that follows
      for (const [day, what] of steps.filter(([, w]) => w.at <= now)) {
        const dayCtx = { ...ctx, asOf: day };
        const set = computeSignals(snapshotAsOf(items, facts, day), dayCtx, engine.objectives);
        const p = quickProbability(set.signals, set.kci, dayCtx, engine.model);
        const sellerGap = o.sellerProbability === null ? null : o.sellerProbability - p.winProbability * 100;
        const zones = zonesOf({
          ...set.signals,
          sellerGapAbs: sellerGap === null ? null : Math.abs(sellerGap),
          sellerBiasAbs: ctx.sellerBias === null ? null : Math.abs(ctx.sellerBias),
        });
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
          cause:
            'nightly' in what
              ? { kind: 'nightly' }
              : { kind: 'knowledge', by: what.by, fields: what.fields, items: what.items },
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

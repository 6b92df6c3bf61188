/**
 * How the assessment reads on the demo workspace, the first thing a buyer sees: danger zones per
 * open deal, the share at high or critical risk, moves, probabilities at the extremes, and the
 * calibration of the learned model on the demo's closed deals (cross-validated, from its card).
 * Part of `npm run bench`; alone: `node --import tsx bench/demo-quality.ts`.
 */
import { pathToFileURL } from 'node:url';
import type { AssessmentView } from '../src/contract/assessment.ts';
import { DANGER_ZONE_RULES } from '../src/domain/assessment/catalog.ts';
import type { Actor } from '../src/domain/access.ts';
import { getAssessment } from '../src/server/assessment/assessment.service.ts';
import { modelCard } from '../src/server/assessment/model.service.ts';
import { seedDemoWorkspace } from '../src/server/demo/index.ts';
import { listOrgOpportunities } from '../src/server/opportunities/index.ts';
import { createTestApp } from '../src/testing/test-app.ts';

export type DemoQuality = {
  openDeals: number;
  /** rules firing per deal */
  zonesPerDeal: { median: number; max: number };
  /** zones as the deal page shows them (the unknowns gathered into one), and how many lead it */
  shownZonesPerDeal: { median: number; max: number; headlineMedian: number };
  /** open deals each shown zone is on (rule ids, and "unknowns" for the gathered one) */
  shownZoneCounts: Record<string, number>;
  highOrCriticalShare: number;
  withMoveShare: number;
  highRiskWithoutMove: number;
  dealsWithDuplicateMoves: number;
  outsideTwoToNinetyFiveShare: number;
  /** open deals each zone fires on, by id; zones firing on none are listed too */
  zoneCounts: Record<string, number>;
  model: { version: string; auc: number | null; brier: number | null; ece: number | null; trainingSize: number };
  assessmentMs: { median: number; p95: number };
};

/** The aims of the credible-assessment issue, on the demo's open deals. */
export const DEMO_AIMS = {
  maxZoneShare: 0.5,
  maxHighOrCriticalShare: 0.6,
  maxOutsideShare: 0.05,
};

const HIGH = new Set(['high', 'critical']);

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

function duplicateMoves(a: AssessmentView): boolean {
  const ids = a.recommendations.map((r) => r.id);
  const words = a.recommendations.map((r) => `${r.action}|${r.question}`);
  return new Set(ids).size < ids.length || new Set(words).size < words.length;
}

export async function measureDemoQuality(log: (line: string) => void): Promise<DemoQuality> {
  const ctx = await createTestApp();
  try {
    const { orgId, logins } = await seedDemoWorkspace(ctx.deps);
    const adminEmail = logins.find((l) => l.role === 'admin')!.email;
    const admin = await ctx.deps.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', adminEmail)
      .executeTakeFirstOrThrow();
    const actor: Actor = { userId: admin.id, orgId, role: 'admin', visibleOwnerIds: 'all' };
    const open = await listOrgOpportunities(ctx.deps.db, orgId, 'open');
    const assessments: AssessmentView[] = [];
    const times: number[] = [];
    for (const o of open) {
      const started = performance.now();
      assessments.push(await getAssessment(ctx.deps, actor, o.id));
      times.push(performance.now() - started);
    }
    const zoneCounts: Record<string, number> = Object.fromEntries(DANGER_ZONE_RULES.map((r) => [r.id, 0]));
    for (const a of assessments) for (const z of a.dangerZones) zoneCounts[z.id] = (zoneCounts[z.id] ?? 0) + 1;
    const shownZoneCounts: Record<string, number> = {};
    for (const a of assessments)
      for (const g of [...a.zoneSummary.headline, ...a.zoneSummary.more])
        shownZoneCounts[g.id] = (shownZoneCounts[g.id] ?? 0) + 1;
    const shown = assessments
      .map((a) => a.zoneSummary.headline.length + a.zoneSummary.more.length)
      .sort((x, y) => x - y);
    const headlines = assessments.map((a) => a.zoneSummary.headline.length).sort((x, y) => x - y);
    const zones = assessments.map((a) => a.dangerZones.length).sort((x, y) => x - y);
    const highRisk = assessments.filter((a) => a.dangerZones.some((z) => HIGH.has(z.severity)));
    const share = (n: number) => (assessments.length === 0 ? 0 : n / assessments.length);
    const model = await modelCard(ctx.deps, actor);
    const card = model.card;
    const sortedTimes = [...times].sort((x, y) => x - y);
    const quality: DemoQuality = {
      openDeals: assessments.length,
      zonesPerDeal: { median: quantile(zones, 0.5), max: zones.at(-1) ?? 0 },
      shownZonesPerDeal: {
        median: quantile(shown, 0.5),
        max: shown.at(-1) ?? 0,
        headlineMedian: quantile(headlines, 0.5),
      },
      shownZoneCounts,
      highOrCriticalShare: share(highRisk.length),
      withMoveShare: share(assessments.filter((a) => a.recommendations.length > 0).length),
      highRiskWithoutMove: highRisk.filter((a) => a.recommendations.length === 0).length,
      dealsWithDuplicateMoves: assessments.filter(duplicateMoves).length,
      outsideTwoToNinetyFiveShare: share(
        assessments.filter((a) => a.winProbability < 0.02 || a.winProbability > 0.95).length,
      ),
      zoneCounts,
      model: {
        version: model.version,
        auc: card?.crossValidated?.auc ?? null,
        brier: card?.crossValidated?.brier ?? null,
        ece: card?.crossValidated?.ece ?? null,
        trainingSize: card?.trainingSize ?? 0,
      },
      assessmentMs: { median: quantile(sortedTimes, 0.5), p95: quantile(sortedTimes, 0.95) },
    };
    describe(quality, log);
    return quality;
  } finally {
    await ctx.close();
  }
}

function describe(q: DemoQuality, log: (line: string) => void): void {
  const pct = (x: number) => `${(x * 100).toFixed(0)} %`;
  const mark = (ok: boolean) => (ok ? 'ok' : 'MISSED');
  const widest = Math.max(...Object.values(q.zoneCounts));
  const never = Object.entries(q.zoneCounts)
    .filter(([, n]) => n === 0)
    .map(([id]) => id);
  log(`Demo workspace, ${q.openDeals} open deals (model ${q.model.version}):`);
  log(`  rules firing per deal: median ${q.zonesPerDeal.median}, max ${q.zonesPerDeal.max}`);
  const [widestShown, widestShownCount] = Object.entries(q.shownZoneCounts).reduce<[string, number]>(
    (best, entry) => (entry[1] > best[1] ? entry : best),
    ['none', 0],
  );
  log(
    `  zones shown per deal (unknowns gathered): median ${q.shownZonesPerDeal.median}, max ${q.shownZonesPerDeal.max}; headline median ${q.shownZonesPerDeal.headlineMedian}; most frequent shown: ${widestShown} on ${pct(widestShownCount / Math.max(1, q.openDeals))}`,
  );
  log(
    `  most frequent zone on ${pct(widest / Math.max(1, q.openDeals))} of deals (aim <= ${pct(DEMO_AIMS.maxZoneShare)}: ${mark(widest / Math.max(1, q.openDeals) <= DEMO_AIMS.maxZoneShare)}); never firing: ${never.length === 0 ? 'none' : never.join(', ')}`,
  );
  log(
    `  at high or critical risk: ${pct(q.highOrCriticalShare)} (aim <= ${pct(DEMO_AIMS.maxHighOrCriticalShare)}: ${mark(q.highOrCriticalShare <= DEMO_AIMS.maxHighOrCriticalShare)})`,
  );
  log(
    `  with a move: ${pct(q.withMoveShare)}; high-risk deals without one: ${q.highRiskWithoutMove}; deals with duplicate moves: ${q.dealsWithDuplicateMoves}`,
  );
  log(
    `  outside 2-95 %: ${pct(q.outsideTwoToNinetyFiveShare)} (aim <= ${pct(DEMO_AIMS.maxOutsideShare)}: ${mark(q.outsideTwoToNinetyFiveShare <= DEMO_AIMS.maxOutsideShare)})`,
  );
  const f = (x: number | null) => (x === null ? 'n/a' : x.toFixed(3));
  log(
    `  closed deals, cross-validated: AUC ${f(q.model.auc)}, Brier ${f(q.model.brier)}, ECE ${f(q.model.ece)} (${q.model.trainingSize} deals)`,
  );
  log(
    `  one full assessment (GET, replayed from knowledge): median ${q.assessmentMs.median.toFixed(1)} ms, p95 ${q.assessmentMs.p95.toFixed(1)} ms`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await measureDemoQuality((line) => process.stdout.write(`${line}\n`));
}

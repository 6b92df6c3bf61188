import { sql } from 'kysely';
import { performance } from 'node:perf_hooks';
import { REVIEW_RANKS, topReviewQuerySchema, type ReviewRank } from '../src/contract/reviews.ts';
import type { Actor } from '../src/domain/access.ts';
import { insertRates, rateBook } from '../src/server/currency/index.ts';
import type { AppDeps } from '../src/server/deps.ts';
import { topReview } from '../src/server/reviews/reviews.service.ts';
import { getForecast } from '../src/server/forecast/forecast.service.ts';
import { getForecastAccuracy } from '../src/server/forecast/accuracy.service.ts';
import { getForecastWaterfall } from '../src/server/forecast/waterfall.service.ts';
import { reviewChanges } from '../src/server/reviews/meetings.service.ts';
import { getScorecard, getTeamCoaching } from '../src/server/coaching/scorecard.service.ts';
import { getEffectiveness, getImpact } from '../src/server/coaching/impact.service.ts';
import { seedAssignments, seedLearningItems } from '../src/server/coaching/index.ts';
import { addDays } from '../src/domain/dates.ts';
import { takeSnapshot } from '../src/server/forecast/index.ts';
import { accuracyQuerySchema } from '../src/contract/forecast.ts';
import { previousPeriod, quarterOf } from '../src/domain/periods.ts';
import { winLossQuerySchema } from '../src/contract/win-loss.ts';
import { winLossReview } from '../src/server/reviews/win-loss.service.ts';
import type { Seeded } from './seed.ts';

// The top-20 pipeline review, what changed since, the forecast, its accuracy, a period's waterfall and
// the coaching scorecard and team view on the seeded organization (100,000
// deals in three currencies), in process: the time of each for the organization (admin) and one
// manager's team (the review for each ranking), and the statements each runs. The seeded deals carry no knowledge, so each of the 20 is
// assessed from an empty record: a real organization's rows cost a few milliseconds more each.

export type ReviewFigures = Array<{
  scope: 'admin' | 'manager';
  /** a ranking of the review, or the forecast and its accuracy */
  rank:
    | ReviewRank
    | 'forecast'
    | 'accuracy'
    | 'waterfall'
    | 'changes'
    | 'winLoss'
    | 'scorecard'
    | 'team'
    | 'impact'
    | 'effectiveness';
  p50: number;
  p95: number;
}>;

/** Today's rates for the seeded currencies, unless the organization has some already. */
async function ensureRates(deps: AppDeps, seeded: Seeded): Promise<void> {
  const book = await rateBook(deps, seeded.orgId);
  if (book.rates.length > 0) return;
  const at = new Date().toISOString();
  await insertRates(
    deps.db,
    [
      ['EUR', '1.0843'],
      ['GBP', '1.2716'],
    ].map(([currency, rate]) => ({
      orgId: seeded.orgId,
      currency: currency!,
      validFrom: '2020-01-01',
      rate: rate!,
      at,
      by: seeded.admin.id,
    })),
  );
}

/** Learning on the win rate assigned to `sellerId` 85 days ago (once): its impact reads 0, 30, 60 days and today, and the last 90 days count it. */
async function benchAssignment(deps: AppDeps, seeded: Seeded, sellerId: string): Promise<string> {
  const id = 'bench-impact';
  const found = await deps.db.selectFrom('coaching_assignments').select('id').where('id', '=', id).executeTakeFirst();
  if (found) return id;
  const at = new Date().toISOString();
  const today = at.slice(0, 10);
  await seedLearningItems(deps.db, seeded.orgId, [
    {
      id: 'bench-item',
      title: 'Qualify out early',
      type: 'job_aid',
      summary: 'Stop the deals we cannot win',
      content: 'Ask what happens if they do nothing.',
      externalUrl: null,
      minutes: 20,
      rootCauses: ['B2'],
      quiz: null,
      by: seeded.admin.id,
      at,
    },
  ]);
  await seedAssignments(
    deps.db,
    seeded.orgId,
    [
      {
        id,
        sellerId,
        itemId: 'bench-item',
        assignedBy: seeded.manager.id,
        assignedAt: `${addDays(today, -85)}T09:00:00.000Z`,
        dueDate: addDays(today, -60),
        rootCause: 'B2',
        level: 'behaviour',
        gapRule: 'GAP-09',
        zoneId: null,
        indicator: 'winRate',
        baselineValue: null,
        opportunityId: null,
        conditionId: null,
        conditionParams: null,
        status: 'completed',
        completedAt: `${addDays(today, -70)}T09:00:00.000Z`,
      },
    ],
    at,
  );
  return id;
}

const percentile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
};

export async function measureReview(
  deps: AppDeps,
  seeded: Seeded,
  log: (line: string) => void,
  options: { runs?: number; statements?: () => number } = {},
): Promise<ReviewFigures> {
  await ensureRates(deps, seeded);
  const actors: Record<'admin' | 'manager', Actor> = {
    admin: { userId: seeded.admin.id, orgId: seeded.orgId, role: 'admin', visibleOwnerIds: 'all' },
    manager: {
      userId: seeded.manager.id,
      orgId: seeded.orgId,
      role: 'manager',
      visibleOwnerIds: seeded.manager.teamOwnerIds,
    },
  };
  const runs = options.runs ?? 15;
  const figures: ReviewFigures = [];
  // a snapshot at the start of this quarter, so the accuracy has calls to score, and one a week for
  // the last 16 weeks, as the nightly job leaves them (a scorecard draws 12 weeks of trend and a
  // month-old baseline)
  const today = new Date().toISOString().slice(0, 10);
  const current = quarterOf(today);
  const weekly = Array.from({ length: 17 }, (_, k) => addDays(today, -7 * k));
  for (const day of new Set([current.from, ...weekly])) await takeSnapshot(deps.db, seeded.orgId, day);
  // the snapshots are last night's: PostgreSQL's autovacuum has analyzed them since, as the seed
  // analyzed the deals (without it the planner reads a day's 100,000 rows as 2)
  if (deps.dialect === 'postgres') await sql`analyze opportunity_snapshots`.execute(deps.db);
  const measure = async (
    scope: 'admin' | 'manager',
    rank: ReviewFigures[number]['rank'],
    run: () => Promise<unknown>,
  ) => {
    // the caches warm (people, the engine setup), as on a server that has been answering
    await run();
    options.statements?.();
    const times: number[] = [];
    let statements = 0;
    for (let i = 0; i < runs; i++) {
      const started = performance.now();
      await run();
      times.push(performance.now() - started);
      if (i === 0) statements = options.statements?.() ?? 0;
    }
    const row = { scope, rank, p50: percentile(times, 0.5), p95: percentile(times, 0.95) };
    figures.push(row);
    const what = (REVIEW_RANKS as readonly string[]).includes(rank) ? `review by ${rank}` : rank;
    log(
      `${what}, ${scope === 'admin' ? 'organization' : "a manager's team"}: p50 ${row.p50.toFixed(0)} ms, p95 ${row.p95.toFixed(0)} ms over ${runs}${options.statements ? `; ${statements} statements` : ''} (aim p95 < 500 ms)`,
    );
  };
  for (const [scope, actor] of Object.entries(actors) as Array<['admin' | 'manager', Actor]>) {
    for (const rank of REVIEW_RANKS) {
      const query = topReviewQuerySchema.parse({ rank });
      await measure(scope, rank, async () => {
        const review = await topReview(deps, actor, query);
        if (review.items.length === 0) throw new Error(`an empty review for ${scope}`);
      });
    }
    await measure(scope, 'forecast', () => getForecast(deps, actor, {}));
    await measure(scope, 'accuracy', () => getForecastAccuracy(deps, actor, accuracyQuerySchema.parse({})));
    await measure(scope, 'waterfall', () => getForecastWaterfall(deps, actor, { period: current.key }));
    // what changed since the snapshot at the quarter's start (no review recorded yet)
    await measure(scope, 'changes', () => reviewChanges(deps, actor, { since: current.from }));
    // last quarter's win/loss review: each closed deal's knowledge at the close against how it ended,
    // drawn once per deal (timed alone: the first review after the deals closed) and kept
    const winLoss = () => winLossReview(deps, actor, winLossQuerySchema.parse({ period: previousPeriod(current).key }));
    if (scope === 'admin') {
      const started = performance.now();
      await winLoss();
      log(
        `winLoss, organization, the first review (every deal's analysis drawn and kept): ${(performance.now() - started).toFixed(0)} ms`,
      );
    }
    await measure(scope, 'winLoss', winLoss);
    // coaching: a seller's scorecard and the team view, every seller's sums read at once
    const coached = seeded.manager.teamOwnerIds.find((id) => id !== seeded.manager.id)!;
    await measure(scope, 'scorecard', () => getScorecard(deps, actor, coached));
    await measure(scope, 'team', () => getTeamCoaching(deps, actor, scope === 'admin' ? undefined : seeded.manager.id));
    // the impact of learning on a result (the closed deals of four windows, every seller at once)
    // and the manager's coaching effectiveness over the last 90 days
    const assignmentId = await benchAssignment(deps, seeded, coached);
    await measure(scope, 'impact', () => getImpact(deps, actor, assignmentId));
    await measure(scope, 'effectiveness', () =>
      getEffectiveness(deps, actor, { manager: scope === 'admin' ? undefined : seeded.manager.id }),
    );
  }
  return figures;
}

// Alone: `node --import tsx bench/review.ts` seeds 100,000 deals in a temporary SQLite file (or
// REVIEW_PG_URL's schema `review_bench`) and measures; `npm run bench` measures it on its own seed.
if (import.meta.url === `file://${process.argv[1]}`) {
  const { rmSync } = await import('node:fs');
  const { createDb } = await import('../src/db/database.ts');
  const { migrateToLatest } = await import('../src/db/migrate.ts');
  const { createAppDeps, DEFAULT_CONFIG } = await import('../src/server/deps.ts');
  const { DEFAULT_PLAN, seedWorkspace } = await import('./seed.ts');
  const pgUrl = process.env.REVIEW_PG_URL;
  const path = '/tmp/winsight-review-bench.sqlite';
  if (pgUrl) {
    const pg = (await import('pg')).default;
    const client = new pg.Client({ connectionString: pgUrl });
    await client.connect();
    await client.query('drop schema if exists review_bench cascade');
    await client.query('create schema review_bench');
    await client.end();
  } else for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
  const handle = pgUrl ? createDb(pgUrl, { pgSchema: 'review_bench', poolSize: 4 }) : createDb(path);
  await migrateToLatest(handle);
  const deps = createAppDeps({
    db: handle.db,
    dialect: handle.dialect,
    config: { ...DEFAULT_CONFIG, rateLimitPerMinute: 0, passwordCost: 1024 },
    now: () => new Date(),
  });
  // 200 sellers (20 managers of 10), as the coaching views are measured on
  const plan = { ...DEFAULT_PLAN, managers: 20, sellersPerManager: 10 };
  const seeded = await seedWorkspace(deps, plan, () => {});
  console.log(
    `${handle.dialect}: seeded ${plan.opportunities} deals of ${plan.managers * (plan.sellersPerManager + 1)} people in ${seeded.seconds.toFixed(0)} s`,
  );
  await measureReview(deps, seeded, console.log);
  await handle.close();
}

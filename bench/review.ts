import { performance } from 'node:perf_hooks';
import { REVIEW_RANKS, topReviewQuerySchema, type ReviewRank } from '../src/contract/reviews.ts';
import type { Actor } from '../src/domain/access.ts';
import { insertRates, rateBook } from '../src/server/currency/index.ts';
import type { AppDeps } from '../src/server/deps.ts';
import { topReview } from '../src/server/reviews/reviews.service.ts';
import type { Seeded } from './seed.ts';

// The top-20 pipeline review on the seeded organization (100,000 deals in three currencies), in
// process: the time of one review for the organization (admin) and one manager's team, for each
// ranking, and the statements it runs. The seeded deals carry no knowledge, so each of the 20 is
// assessed from an empty record: a real organization's rows cost a few milliseconds more each.

export type ReviewFigures = Array<{ scope: 'admin' | 'manager'; rank: ReviewRank; p50: number; p95: number }>;

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
  for (const [scope, actor] of Object.entries(actors) as Array<['admin' | 'manager', Actor]>) {
    for (const rank of REVIEW_RANKS) {
      const query = topReviewQuerySchema.parse({ rank });
      // the caches warm (people, the engine setup), as on a server that has been answering
      await topReview(deps, actor, query);
      options.statements?.();
      const times: number[] = [];
      let statements = 0;
      for (let i = 0; i < runs; i++) {
        const started = performance.now();
        const review = await topReview(deps, actor, query);
        times.push(performance.now() - started);
        if (i === 0) statements = options.statements?.() ?? 0;
        if (review.items.length === 0) throw new Error(`an empty review for ${scope}`);
      }
      const row = { scope, rank, p50: percentile(times, 0.5), p95: percentile(times, 0.95) };
      figures.push(row);
      log(
        `review, ${scope === 'admin' ? 'organization' : "a manager's team"}, by ${rank}: p50 ${row.p50.toFixed(0)} ms, p95 ${row.p95.toFixed(0)} ms over ${runs}${options.statements ? `; ${statements} statements` : ''} (aim p95 < 500 ms)`,
      );
    }
  }
  return figures;
}

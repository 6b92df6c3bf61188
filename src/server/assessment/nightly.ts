import { toDateOnly } from '../../domain/dates.ts';
import type { AppDeps } from '../deps.ts';
import { listOrganizations } from '../organizations/index.ts';
import { claimRefit, listModelVersions } from './assessment.repo.ts';
import { reassessDeals, refitModel } from './model.service.ts';

/**
 * Refits every organization's model once a night: at `hour` (UTC) each organization whose current
 * model was not made today is refitted, by whichever instance claims that night first.
 * Organizations with too little history are skipped.
 */
type RefitLog = { info(details: object, message: string): void; warn(details: object, message: string): void };

export async function refitDueModels(deps: AppDeps, log: RefitLog): Promise<number> {
  const today = toDateOnly(deps.now());
  let refitted = 0;
  for (const org of await listOrganizations(deps.db)) {
    const latest = (await listModelVersions(deps.db, org.id))[0];
    if (latest && latest.createdAt.slice(0, 10) === today) continue;
    // every instance runs this at the same hour: the first to claim the night does the work
    if (!(await claimRefit(deps.db, org.id, `nightly:${today}`, deps.now().toISOString()))) continue;
    try {
      const model = await refitModel(deps, org.id, null);
      refitted += 1;
      log.info({ org: org.name, version: model.version, trainingSize: model.card?.trainingSize }, 'nightly refit');
    } catch (error) {
      log.warn({ org: org.name, reason: (error as Error).message }, 'nightly refit skipped');
    }
    // knowledge ages and close dates come nearer: each night every open deal is assessed afresh
    await reassessDeals(deps, org.id, 'open', { kind: 'nightly' });
  }
  return refitted;
}

/** Checks every ten minutes whether the refit hour has come; returns a function that stops it. */
export function scheduleNightlyRefit(deps: AppDeps, log: RefitLog, hour: number): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running || deps.now().getUTCHours() !== hour) return;
    running = true;
    refitDueModels(deps, log)
      .catch((error: unknown) => log.warn({ err: error }, 'nightly refit failed'))
      .finally(() => (running = false));
  }, 10 * 60_000);
  timer.unref();
  return () => clearInterval(timer);
}

import { toDateOnly } from '../../domain/dates.ts';
import type { AppDeps } from '../deps.ts';
import { recordGapSightings } from '../coaching/index.ts';
import { takeSnapshot } from '../forecast/index.ts';
import { sendDueReminders } from '../inbox/index.ts';
import { listOrganizations } from '../organizations/index.ts';
import { pruneWebhookDeliveries } from '../webhooks/index.ts';
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
    if (await refitTonight(deps, org.id, today)) refitted += await refitOrganization(deps, org, log);
    // the day's snapshot of every open deal, for the forecast's trends and accuracy; taken again by
    // another instance or a second run, it changes nothing
    await takeSnapshot(deps.db, org.id, today);
    // every seller's coaching gaps as tonight's scorecards read them: when each was first seen
    await recordGapSightings(deps, org.id, today).catch((error: unknown) =>
      log.warn({ org: org.name, reason: (error as Error).message }, 'coaching gaps not read tonight'),
    );
  }
  // reminders of what is due (agreed actions ...): each told once, so a second run sends nothing
  await sendDueReminders(deps, { log });
  // the webhook delivery log keeps a month: older deliveries done with go (never a pending one)
  await pruneWebhookDeliveries(deps)
    .then((removed) => removed > 0 && log.info({ removed }, 'old webhook deliveries removed'))
    .catch((error: unknown) => log.warn({ reason: (error as Error).message }, 'webhook deliveries not pruned tonight'));
  return refitted;
}

/** Whether this instance refits the organization tonight: no model made today, and the night claimed first. */
async function refitTonight(deps: AppDeps, orgId: string, today: string): Promise<boolean> {
  const latest = (await listModelVersions(deps.db, orgId))[0];
  if (latest && latest.createdAt.slice(0, 10) === today) return false;
  // every instance runs this at the same hour: the first to claim the night does the work
  return claimRefit(deps.db, orgId, `nightly:${today}`, deps.now().toISOString());
}

/** Refits one organization (1 when it was refitted, 0 when skipped), then re-assesses its open deals. */
async function refitOrganization(deps: AppDeps, org: { id: string; name: string }, log: RefitLog): Promise<number> {
  let refitted = 0;
  try {
    const model = await refitModel(deps, org.id, null);
    refitted = 1;
    log.info({ org: org.name, version: model.version, trainingSize: model.card?.trainingSize }, 'nightly refit');
  } catch (error) {
    log.warn({ org: org.name, reason: (error as Error).message }, 'nightly refit skipped');
  }
  // knowledge ages and close dates come nearer: each night every open deal is assessed afresh
  await reassessDeals(deps, org.id, 'open', { kind: 'nightly' });
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

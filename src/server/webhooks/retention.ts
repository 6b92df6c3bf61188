import { WEBHOOK_LOG_KEEP_PER_ENDPOINT, WEBHOOK_LOG_RETENTION_DAYS } from '../../domain/webhooks/webhooks.ts';
import type { AppDeps } from '../deps.ts';
import { inTransaction } from '../transaction.ts';
import { deleteDoneDeliveries, listAllEndpointIds, nthNewestDoneAt } from './webhooks.repo.ts';

// The delivery log would otherwise grow with every change an endpoint hears of. Each night the
// deliveries done with (delivered, or failed for good) and queued more than the retention ago go,
// with their tries, endpoint by endpoint, except each endpoint's newest few. Pending deliveries,
// still to be tried, are never touched. Run again the same night, it finds nothing more to do.

const CHUNK = 1000;

export type PruneOptions = { retentionDays?: number; keepPerEndpoint?: number };

/** Removes the old deliveries of every organization's endpoints; answers how many went. */
export async function pruneWebhookDeliveries(deps: AppDeps, options: PruneOptions = {}): Promise<number> {
  const retentionDays = options.retentionDays ?? WEBHOOK_LOG_RETENTION_DAYS;
  const keep = options.keepPerEndpoint ?? WEBHOOK_LOG_KEEP_PER_ENDPOINT;
  const cutoff = new Date(deps.now().getTime() - retentionDays * 86_400_000).toISOString();
  let removed = 0;
  for (const endpointId of await listAllEndpointIds(deps.db)) {
    // the newest `keep` stay: only what was queued before the oldest of them may go
    const oldestKept = keep > 0 ? await nthNewestDoneAt(deps.db, endpointId, keep) : cutoff;
    if (oldestKept === undefined) continue;
    const before = oldestKept < cutoff ? oldestKept : cutoff;
    for (;;) {
      const gone = await inTransaction(deps, (tx) => deleteDoneDeliveries(tx, endpointId, before, CHUNK));
      removed += gone;
      if (gone < CHUNK) break;
    }
  }
  return removed;
}

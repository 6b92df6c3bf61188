import type { Db } from '../db/database.ts';
import type { AppDeps } from './deps.ts';

/**
 * Runs `work` in one transaction: everything it writes lands together or not at all. Called with
 * deps whose db is already a transaction, it joins that one, so a larger unit of work (loading
 * the demo) can include services that open their own.
 */
export function inTransaction<T>(deps: AppDeps, work: (tx: Db) => Promise<T>): Promise<T> {
  return deps.db.isTransaction ? work(deps.db) : deps.db.transaction().execute(work);
}

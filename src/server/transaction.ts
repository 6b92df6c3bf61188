import type { Db } from '../db/database.ts';
import type { AppDeps } from './deps.ts';

/** Runs `work` in one transaction: everything it writes lands together or not at all. */
export function inTransaction<T>(deps: AppDeps, work: (tx: Db) => Promise<T>): Promise<T> {
  return deps.db.transaction().execute(work);
}

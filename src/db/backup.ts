import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';

// Copies of a SQLite database made through SQLite's online backup, never by copying the file:
// rows committed but still only in the write-ahead log are part of the database, not of its file.

/** Why a file cannot be restored: not SQLite, or SQLite but not ours. */
export class NotRestorableError extends Error {}

/**
 * Writes a consistent copy of the database at `sourcePath` to `out` while others may be writing
 * to it. The copy is made beside `out` and renamed over it, so `out` is never half-written.
 */
export async function backupSqlite(sourcePath: string, out: string): Promise<void> {
  const source = new SqliteDatabase(sourcePath, { fileMustExist: true });
  const partial = `${out}.partial-${process.pid}`;
  try {
    source.pragma('busy_timeout = 5000');
    mkdirSync(dirname(out), { recursive: true });
    await source.backup(partial);
    renameSync(partial, out);
  } finally {
    rmSync(partial, { force: true });
    source.close();
  }
}

/** How many organizations a Winsight SQLite file holds; throws NotRestorableError for any other file. */
export function countWinsightOrganizations(path: string): number {
  let db: SqliteDatabase.Database;
  try {
    db = new SqliteDatabase(path, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new NotRestorableError(`cannot open ${path} (${(error as Error).message})`);
  }
  try {
    const tables = new Set(db.prepare(`select name from sqlite_master where type = 'table'`).pluck().all() as string[]);
    if (!tables.has('kysely_migration') || !tables.has('organizations'))
      throw new NotRestorableError(`${path} is a SQLite database but not a Winsight one`);
    return db.prepare('select count(*) from organizations').pluck().get() as number;
  } catch (error) {
    if (error instanceof NotRestorableError) throw error;
    throw new NotRestorableError(`${path} is not a SQLite database (${(error as Error).message})`);
  } finally {
    db.close();
  }
}

/** Whether the SQLite database at `path` holds any organization (a missing file holds none). */
export function holdsData(path: string): boolean {
  if (!existsSync(path)) return false;
  try {
    return countWinsightOrganizations(path) > 0;
  } catch {
    // some other database (or not one at all): overwriting it is as grave as overwriting ours
    return true;
  }
}

/**
 * Replaces the database at `targetPath` with the contents of `file`, through the backup API so
 * the target's own write-ahead log cannot be replayed over the restored pages.
 */
export async function restoreSqlite(file: string, targetPath: string): Promise<void> {
  const source = new SqliteDatabase(file, { readonly: true, fileMustExist: true });
  try {
    mkdirSync(dirname(targetPath), { recursive: true });
    await source.backup(targetPath);
  } finally {
    source.close();
  }
}

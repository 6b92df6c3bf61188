import { accessSync, constants, existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { isConnectionFailure } from './faults.ts';
import {
  createDb,
  DEFAULT_SQLITE_PATH,
  isPostgresUrl,
  pingDatabase,
  resolveDatabaseUrl,
  sqlitePathOf,
  type DbHandle,
  type DbOptions,
} from './database.ts';

/** Why the database named by DATABASE_URL cannot be used, in one line an operator can act on. */
export class StartupError extends Error {}

export type OpenOptions = DbOptions & {
  /**
   * Refuse a SQLite file that does not exist yet (other than the default one): `serve` must not
   * quietly start on an empty database because of a typing mistake in the path.
   */
  sqliteMustExist?: boolean;
};

/** Opens the database and proves it answers (and, on SQLite, that it can be written) before anything uses it. */
export async function openDatabase(url: string | undefined, options: OpenOptions = {}): Promise<DbHandle> {
  const target = resolveDatabaseUrl(url);
  const { sqliteMustExist, ...dbOptions } = options;
  if (!isPostgresUrl(target)) checkSqlitePath(sqlitePathOf(target), Boolean(sqliteMustExist));
  let handle: DbHandle;
  try {
    handle = createDb(target, dbOptions);
  } catch (error) {
    throw new StartupError(describeOpenFailure(error, target));
  }
  try {
    await pingDatabase(handle.db);
  } catch (error) {
    await handle.close().catch(() => undefined);
    throw new StartupError(describeOpenFailure(error, target));
  }
  return handle;
}

function checkSqlitePath(path: string, mustExist: boolean): void {
  if (path === ':memory:') return;
  const folder = dirname(path);
  if (!existsSync(path)) {
    if (mustExist && resolve(path) !== resolve(DEFAULT_SQLITE_PATH)) {
      throw new StartupError(
        `there is no SQLite database at ${path} (DATABASE_URL); check the path, or create it with "winsight migrate" (or "winsight start")`,
      );
    }
    try {
      mkdirSync(folder, { recursive: true });
    } catch (error) {
      throw new StartupError(
        `cannot create the folder ${folder} for the SQLite database ${path} (${reason(error)}); set DATABASE_URL to a path you can write to`,
      );
    }
  } else if (statSync(path).isDirectory()) {
    throw new StartupError(`${path} is a folder, not a SQLite database file; DATABASE_URL should name the file`);
  }
  if (!writable(folder)) {
    // WAL mode keeps its -wal and -shm files beside the database, even just to read it
    throw new StartupError(
      `the folder ${folder} of the SQLite database is read-only, and SQLite must write its journal there; make it writable or point DATABASE_URL elsewhere`,
    );
  }
  if (existsSync(path) && !writable(path)) {
    throw new StartupError(readOnly(path));
  }
}

const readOnly = (path: string) =>
  `the SQLite database ${path} is read-only; make it writable or point DATABASE_URL elsewhere`;

function writable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

function reason(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : (error as Error).message;
}

function describeOpenFailure(error: unknown, target: string): string {
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  if (!isPostgresUrl(target)) {
    const path = sqlitePathOf(target);
    if (code === 'SQLITE_NOTADB') return `${path} is not a SQLite database (DATABASE_URL)`;
    if (typeof code === 'string' && code.startsWith('SQLITE_READONLY')) return readOnly(path);
    return `cannot open the SQLite database ${path} named by DATABASE_URL (${code ?? message})`;
  }
  const url = new URL(target);
  const server = `${url.hostname}:${url.port || 5432}`;
  const database = decodeURIComponent(url.pathname.slice(1)) || url.username;
  if (code === '3D000')
    return `the PostgreSQL database "${database}" does not exist on ${server}; create it (createdb ${database}) or fix DATABASE_URL`;
  if (code === '28P01' || code === '28000')
    return `PostgreSQL on ${server} refused the login of "${decodeURIComponent(url.username)}" (${message}); check the user and password in DATABASE_URL`;
  if (isConnectionFailure(error)) {
    const errno =
      (error instanceof AggregateError ? (error.errors[0] as { code?: unknown } | undefined)?.code : code) ?? message;
    return `cannot reach PostgreSQL at ${server} (${String(errno)}); is it running? check DATABASE_URL`;
  }
  return `cannot open the PostgreSQL database "${database}" on ${server} (${message}); check DATABASE_URL`;
}

import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, sql, type PostgresPool, type PostgresPoolClient } from 'kysely';
import pg from 'pg';
import type { DialectName } from './dialect.ts';
import { isConnectionFailure } from './faults.ts';
import type { Database } from './schema.ts';
import { WriterSqliteDialect } from './sqlite-writer.ts';

export type Db = Kysely<Database>;

export type DbHandle = {
  db: Db;
  dialect: DialectName;
  /** where the data lives, without credentials: a file path or host/database */
  location: string;
  close(): Promise<void>;
};

export type DbOptions = {
  /** PostgreSQL schema to use (tests give each file its own); created when missing */
  pgSchema?: string;
  poolSize?: number;
  /**
   * Told about connection errors no query is waiting on: a backend terminated while idle, as a
   * failover or a database restart does. Without a listener pg would crash the process on them.
   */
  onConnectionError?: (error: Error) => void;
  /** shown in pg_stat_activity, so an operator (or a test) can tell these connections apart */
  applicationName?: string;
  /** how long a query waits for a PostgreSQL connection before failing (default 5 s) */
  connectTimeoutMs?: number;
};

export const DEFAULT_SQLITE_PATH = './data/winsight.sqlite';

/** The smallest round trip that proves the database answers (start-up and the health check). */
export async function pingDatabase(db: Db): Promise<void> {
  await sql`select 1`.execute(db);
}

// count(*) and bigint columns arrive as strings by default; our amounts stay well inside 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//.test(url);
}

/**
 * Opens the database a URL names: `postgres://...` for PostgreSQL; a file path, `sqlite:PATH`
 * or `:memory:` for SQLite. An empty URL means the default SQLite file.
 */
export function createDb(url: string | undefined, options: DbOptions = {}): DbHandle {
  const target = resolveDatabaseUrl(url);
  return isPostgresUrl(target) ? openPostgres(target, options) : openSqlite(sqlitePathOf(target));
}

/** The URL createDb opens for DATABASE_URL: the default SQLite file when it is unset or blank. */
export function resolveDatabaseUrl(url: string | undefined): string {
  return url && url.trim() !== '' ? url.trim() : DEFAULT_SQLITE_PATH;
}

export function sqlitePathOf(url: string): string {
  return url.replace(/^sqlite:/, '');
}

/** An in-memory SQLite database holding a copy of `snapshot` (what `VACUUM INTO` wrote): tests start from one. */
export function createDbFromSnapshot(snapshot: Buffer): DbHandle {
  return openSqlite(':memory:', snapshot);
}

function openSqlite(path: string, snapshot?: Buffer): DbHandle {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = snapshot ? new SqliteDatabase(snapshot) : new SqliteDatabase(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // pipeline-wide reads (the review's ranking, the forecast's sums) scan a whole organization's deals:
  // read through a memory map and a larger page cache rather than a system call per page
  sqlite.pragma('mmap_size = 268435456');
  sqlite.pragma('cache_size = -32768');
  const db = new Kysely<Database>({ dialect: new WriterSqliteDialect({ database: withStatementCache(sqlite) }) });
  return {
    db,
    dialect: 'sqlite',
    location: path,
    close: () => db.destroy(),
  };
}

/**
 * Kysely prepares every statement anew on SQLite, which costs more than running most of ours;
 * keeping the last few hundred prepared statements by their SQL text saves that.
 */
function withStatementCache(sqlite: SqliteDatabase.Database, size = 500) {
  const statements = new Map<string, SqliteDatabase.Statement>();
  return {
    close: () => sqlite.close(),
    prepare: (text: string) => {
      let statement = statements.get(text);
      if (!statement) {
        statement = sqlite.prepare(text);
        if (statements.size >= size) statements.delete(statements.keys().next().value!);
        statements.set(text, statement);
      }
      return statement;
    },
  };
}

function openPostgres(url: string, options: DbOptions): DbHandle {
  const schema = options.pgSchema;
  if (schema && !/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`invalid schema name ${schema}`);
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    // while PostgreSQL is down, requests fail within seconds instead of queueing forever
    connectionTimeoutMillis: options.connectTimeoutMs ?? 5000,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
    ...(options.applicationName ? { application_name: options.applicationName } : {}),
  });
  const report =
    options.onConnectionError ??
    ((error: Error) => console.warn(`winsight: database connection lost (${error.message}); reconnecting on next use`));
  // An idle client's error reaches the pool, which has already dropped that client: the next
  // query opens a fresh connection.
  pool.on('error', (error) => report(error));
  // A checked-out client whose socket dies emits 'error' after failing its query; that query's
  // request already answers 503, and the pool drops the client on release as it is no longer
  // queryable. The listener only stops the event from becoming an uncaught exception.
  pool.on('connect', (client) => client.on('error', () => undefined));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: discardingBroken(pool) }) });
  const parsed = new URL(url);
  return {
    db,
    dialect: 'postgres',
    location: `${parsed.hostname}:${parsed.port || 5432}${parsed.pathname}${schema ? `#${schema}` : ''}`,
    close: () => db.destroy(),
  };
}

/**
 * The pool's clients, except that one whose connection failed under a query goes back as broken.
 * The server's error reaches the query before the socket's close reaches the client, and in that
 * moment the pool would lend the dead client to the next request, failing it too.
 */
function discardingBroken(pool: pg.Pool): PostgresPool {
  return {
    connect: async () => {
      const client = await pool.connect();
      let broken = false;
      const query = async (text: string, values: readonly unknown[]) => {
        try {
          return await client.query(text, values as unknown[]);
        } catch (error) {
          if (isConnectionFailure(error)) broken = true;
          throw error;
        }
      };
      return {
        query,
        release: (destroy?: boolean) => client.release(destroy || broken),
      } as unknown as PostgresPoolClient;
    },
    end: () => pool.end(),
  };
}

import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { copyFile, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { inject } from 'vitest';
import { createDb, createDbFromSnapshot, isPostgresUrl, type DbHandle } from '../db/database.ts';
import { migrateTo, migrateToLatest, type MigrationName } from '../db/migrate.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** where a test run keeps its template databases (SQLite files, and what each PostgreSQL one holds) */
    testTemplates: { dir: string; runId: string };
  }
}

/**
 * A fresh, migrated database for one test file: in-memory SQLite by default, or a database of its
 * own in the PostgreSQL server DATABASE_URL names (dropped again on close), so the same suite runs
 * on both. On PostgreSQL each is a copy of one migrated template the run makes once (a copy takes a
 * tenth of migrating afresh). `upTo` stops after that migration, so that a test can write rows a
 * later one must carry forward: that one is migrated step by step in a schema of its own.
 */
export async function createTestDb(options: { upTo?: MigrationName } = {}): Promise<DbHandle> {
  const url = process.env.DATABASE_URL;
  if (!url || !isPostgresUrl(url)) {
    const handle = createDb(':memory:');
    await (options.upTo === undefined ? migrateToLatest(handle) : migrateTo(handle, options.upTo));
    return handle;
  }
  const run = templates();
  if (options.upTo !== undefined || !run) return schemaDb(url, options.upTo);
  return copyOf(url, await pgTemplate(url, `wt_${run.runId}_migrated`, migrateToLatest));
}

/** createTestDb, holding one organization ("org-1", Acme) for rows that need one. */
export async function createTestDbWithOrganization(): Promise<DbHandle> {
  const handle = await createTestDb();
  await handle.db
    .insertInto('organizations')
    .values({ id: 'org-1', name: 'Acme', created_at: '2026-11-20T09:00:00.000Z' })
    .execute();
  return handle;
}

/**
 * A database for one test file holding what `build` writes into a migrated one, built once per run
 * for each `key` and copied for every file that asks for the same (the demo workspace takes seconds
 * to load; a copy, milliseconds). `build` answers what the files need to know of it besides the
 * rows (kept beside the template as JSON).
 */
export async function createTemplatedTestDb<T>(
  key: string,
  build: (handle: DbHandle) => Promise<T>,
): Promise<{ handle: DbHandle; built: T }> {
  const run = templates();
  const url = process.env.DATABASE_URL;
  const name = `wt_${run?.runId ?? 'none'}_${key.toLowerCase().replace(/[^a-z0-9]+/g, '_')}`;
  if (!run) {
    const handle = await createTestDb();
    return { handle, built: await build(handle) };
  }
  const about = join(run.dir, `${name}.json`);
  if (url && isPostgresUrl(url)) {
    const template = await pgTemplate(url, name, async (handle) =>
      writeFile(about, JSON.stringify(await build(handle))),
    );
    return { handle: await copyOf(url, template), built: JSON.parse(await readFile(about, 'utf8')) as T };
  }
  const file = join(run.dir, `${name}.sqlite`);
  if (existsSync(about)) {
    return {
      handle: createDbFromSnapshot(await readFile(file)),
      built: JSON.parse(await readFile(about, 'utf8')) as T,
    };
  }
  // the first file to need it builds it (two at once both build: the last one written stays)
  const handle = await createTestDb();
  const built = await build(handle);
  const staging = `${file}.${randomBytes(4).toString('hex')}`;
  await sql`vacuum into ${sql.lit(staging)}`.execute(handle.db);
  await rename(staging, file);
  await writeFile(`${about}.tmp`, JSON.stringify(built));
  await rename(`${about}.tmp`, about);
  return { handle, built };
}

/**
 * The template `key` (built as createTemplatedTestDb builds it) copied into a database of its own
 * that a child process can open by its URL: a SQLite file, or a PostgreSQL database. `cleanup`
 * removes it.
 */
export async function templatedDatabaseUrl<T>(
  key: string,
  build: (handle: DbHandle) => Promise<T>,
): Promise<{ url: string; built: T; cleanup: () => Promise<void> }> {
  const run = templates();
  if (!run) throw new Error('templatedDatabaseUrl runs inside vitest only');
  const url = process.env.DATABASE_URL;
  const name = `wt_${run.runId}_${key.toLowerCase().replace(/[^a-z0-9]+/g, '_')}`;
  if (url && isPostgresUrl(url)) {
    const template = await pgTemplate(url, name, async (handle) =>
      writeFile(join(run.dir, `${name}.json`), JSON.stringify(await build(handle))),
    );
    const copy = `${runPrefix(template)}_${randomBytes(6).toString('hex')}`;
    await adminQuery(url, (client) => client.query(`create database ${copy} template ${template}`));
    return {
      url: databaseUrl(url, copy),
      built: JSON.parse(await readFile(join(run.dir, `${name}.json`), 'utf8')) as T,
      cleanup: async () => {
        await adminQuery(url, (client) => client.query(`drop database if exists ${copy} with (force)`));
      },
    };
  }
  const { handle, built } = await createTemplatedTestDb(key, build);
  await handle.close();
  const dir = await mkdtemp(join(tmpdir(), 'winsight-templated-'));
  const file = join(dir, 'copy.sqlite');
  await copyFile(join(run.dir, `${name}.sqlite`), file);
  return { url: file, built, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** The run's template settings from the global setup; none outside vitest (a benchmark). */
function templates(): { dir: string; runId: string } | null {
  try {
    return inject('testTemplates') ?? null;
  } catch {
    return null;
  }
}

const databaseUrl = (url: string, database: string) => {
  const target = new URL(url);
  target.pathname = `/${database}`;
  return target.toString();
};

async function adminQuery<R>(url: string, work: (client: pg.Client) => Promise<R>): Promise<R> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const made = new Set<string>();

/**
 * The template database `name`, made by the first worker that needs it (the others wait for it):
 * a copy of the migrated one (or an empty database, for that one) that `build` fills, renamed into
 * place only once it is whole.
 */
async function pgTemplate(url: string, name: string, build: (handle: DbHandle) => Promise<unknown>): Promise<string> {
  if (made.has(name)) return name;
  await adminQuery(url, async (client) => {
    await client.query('select pg_advisory_lock(hashtext($1))', [name]);
    try {
      const found = await client.query('select 1 from pg_database where datname = $1', [name]);
      if (found.rowCount === 0) {
        const building = `${name}_building`;
        await client.query(`drop database if exists ${building} with (force)`);
        const base = name.endsWith('_migrated')
          ? null
          : await pgTemplate(url, `${runPrefix(name)}_migrated`, migrateToLatest);
        await client.query(`create database ${building}${base ? ` template ${base}` : ''}`);
        const handle = createDb(databaseUrl(url, building), { poolSize: 4 });
        try {
          await build(handle);
        } finally {
          await handle.close();
        }
        await client.query(`alter database ${building} rename to ${name}`);
      }
    } finally {
      await client.query('select pg_advisory_unlock(hashtext($1))', [name]);
    }
  });
  made.add(name);
  return name;
}

/** `wt_<run id>` of a template's name. */
const runPrefix = (name: string) => name.split('_').slice(0, 2).join('_');

/** A database of its own for one test file, copied from `template`, dropped on close. */
async function copyOf(url: string, template: string): Promise<DbHandle> {
  const name = `${runPrefix(template)}_${randomBytes(6).toString('hex')}`;
  await adminQuery(url, (client) => client.query(`create database ${name} template ${template}`));
  const handle = createDb(databaseUrl(url, name), { poolSize: 4 });
  return {
    ...handle,
    close: async () => {
      await handle.close();
      await adminQuery(url, (client) => client.query(`drop database if exists ${name} with (force)`));
    },
  };
}

/** A private schema migrated up to `upTo` (or all the way), dropped on close. */
async function schemaDb(url: string, upTo: MigrationName | undefined): Promise<DbHandle> {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  await adminQuery(url, (client) => client.query(`create schema ${schema}`));
  const handle = createDb(url, { pgSchema: schema, poolSize: 4 });
  await (upTo === undefined ? migrateToLatest(handle) : migrateTo(handle, upTo));
  return {
    ...handle,
    close: async () => {
      await handle.close();
      await adminQuery(url, (client) => client.query(`drop schema ${schema} cascade`));
    },
  };
}

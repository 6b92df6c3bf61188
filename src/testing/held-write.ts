import { sql } from 'kysely';
import pg from 'pg';
import type { DbHandle } from '../db/database.ts';

export type HeldWrite = {
  /**
   * Resolves once another connection waits for the rows this write holds. Given the request that
   * should be the one waiting, fails (and lets go of the rows) if it finishes without waiting.
   */
  untilSomeoneWaits(request?: Promise<unknown>): Promise<void>;
  commit(): Promise<void>;
};

/**
 * PostgreSQL only: runs `statement` in a transaction of its own connection and keeps it open, as
 * another app instance caught mid-write would. A request that then writes the same rows has
 * already read them as they were, waits for this one, and must cope when it commits: a race made
 * to happen every time instead of hoped for.
 */
export async function holdWrite(handle: DbHandle, statement: string, params: unknown[]): Promise<HeldWrite> {
  const { schema, database } = (
    await sql<{
      schema: string;
      database: string;
    }>`select current_schema() as schema, current_database() as database`.execute(handle.db)
  ).rows[0]!;
  // the test's own database (each test file has one), in its schema
  const target = new URL(process.env.DATABASE_URL!);
  target.pathname = `/${database}`;
  const client = new pg.Client({ connectionString: target.toString(), options: `-c search_path=${schema}` });
  await client.connect();
  await client.query('begin');
  await client.query(statement, params);
  const pid = (await client.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]!.pid;
  const watcher = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await watcher.connect();
  const end = () => Promise.all([client.end(), watcher.end()]);
  return {
    untilSomeoneWaits: async (request) => {
      let finished = false;
      request?.then(
        () => (finished = true),
        () => (finished = true),
      );
      for (;;) {
        const waiting = await watcher.query('select 1 from pg_stat_activity where $1 = any(pg_blocking_pids(pid))', [
          pid,
        ]);
        if (waiting.rowCount) return;
        if (finished) {
          await client.query('rollback');
          await end();
          throw new Error('the request finished without waiting for the held write');
        }
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    },
    commit: async () => {
      await client.query('commit');
      await end();
    },
  };
}

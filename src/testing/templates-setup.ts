import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { isPostgresUrl } from '../db/database.ts';
import './test-db.ts';

/**
 * Gives the test run a folder and an id for the template databases its files copy (the migrated
 * schema, the demo workspace), and removes them when the run ends: nothing is reused from one run
 * to the next, so a changed migration or demo can never be served stale.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = await mkdtemp(join(tmpdir(), 'winsight-test-templates-'));
  const runId = randomBytes(4).toString('hex');
  project.provide('testTemplates', { dir, runId });
  return async () => {
    await rm(dir, { recursive: true, force: true });
    const url = process.env.DATABASE_URL;
    if (!url || !isPostgresUrl(url)) return;
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const left = await client.query<{ datname: string }>('select datname from pg_database where datname like $1', [
        `wt\\_${runId}\\_%`,
      ]);
      for (const { datname } of left.rows) await client.query(`drop database if exists ${datname} with (force)`);
    } finally {
      await client.end();
    }
  };
}

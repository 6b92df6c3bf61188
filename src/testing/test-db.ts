import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createDb, isPostgresUrl, type DbHandle } from '../db/database.ts';
import { migrateTo, migrateToLatest, type MigrationName } from '../db/migrate.ts';

/**
 * A fresh, migrated database for one test file: in-memory SQLite by default, or a private schema
 * in the PostgreSQL that DATABASE_URL names (dropped again on close), so the same suite runs on both.
 * `upTo` stops after that migration, so that a test can write rows a later one must carry forward.
 */
export async function createTestDb(options: { upTo?: MigrationName } = {}): Promise<DbHandle> {
  const url = process.env.DATABASE_URL;
  const migrate = (handle: DbHandle) =>
    options.upTo === undefined ? migrateToLatest(handle) : migrateTo(handle, options.upTo);
  if (!url || !isPostgresUrl(url)) {
    const handle = createDb(':memory:');
    await migrate(handle);
    return handle;
  }
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const handle = createDb(url, { pgSchema: schema, poolSize: 4 });
  await migrate(handle);
  return {
    ...handle,
    close: async () => {
      await handle.close();
      const cleanup = new pg.Client({ connectionString: url });
      await cleanup.connect();
      await cleanup.query(`drop schema ${schema} cascade`);
      await cleanup.end();
    },
  };
}

import { Migrator, type Kysely, type Migration, type MigrationResult } from 'kysely';
import type { DbHandle } from './database.ts';
import type { DialectName } from './dialect.ts';
import * as m0001 from './migrations/0001_foundation.ts';

type DialectMigration = { up(db: Kysely<unknown>, dialect: DialectName): Promise<void> };

// Listed explicitly (not read from the folder) so bundling and tests see the same set, in order.
const MIGRATIONS: Record<string, DialectMigration> = {
  '0001_foundation': m0001,
};

export async function migrateToLatest(handle: DbHandle): Promise<MigrationResult[]> {
  const migrations: Record<string, Migration> = {};
  for (const [name, m] of Object.entries(MIGRATIONS)) {
    migrations[name] = { up: (db) => m.up(db, handle.dialect) };
  }
  const migrator = new Migrator({
    db: handle.db,
    provider: { getMigrations: async () => migrations },
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return results ?? [];
}

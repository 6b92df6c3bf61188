import { Migrator, sql, type Kysely, type Migration, type MigrationResult } from 'kysely';
import type { DbHandle } from './database.ts';
import type { DialectName } from './dialect.ts';
import * as m0001 from './migrations/0001_foundation.ts';
import * as m0002 from './migrations/0002_knowledge.ts';
import * as m0003 from './migrations/0003_assessment.ts';
import * as m0004 from './migrations/0004_list_indexes.ts';
import * as m0005 from './migrations/0005_assessment_inputs.ts';
import * as m0006 from './migrations/0006_login_throttles.ts';
import * as m0007 from './migrations/0007_refit_claims.ts';
import * as m0008 from './migrations/0008_list_sort_indexes.ts';
import * as m0009 from './migrations/0009_list_search_and_keyset.ts';
import * as m0010 from './migrations/0010_assessment_history.ts';
import * as m0011 from './migrations/0011_commit_overrides.ts';
import * as m0012 from './migrations/0012_list_joined_sorts.ts';
import * as m0013 from './migrations/0013_reporting_currency.ts';
import * as m0014 from './migrations/0014_forecast.ts';
import * as m0015 from './migrations/0015_retrospectives.ts';
import * as m0016 from './migrations/0016_opportunity_snapshots.ts';
import * as m0017 from './migrations/0017_agreed_actions.ts';
import * as m0018 from './migrations/0018_review_meetings.ts';
import * as m0019 from './migrations/0019_converted_amount_sort.ts';
import * as m0020 from './migrations/0020_learning_catalog.ts';
import * as m0021 from './migrations/0021_snapshot_coverage.ts';
import * as m0022 from './migrations/0022_coaching_assignments.ts';
import * as m0023 from './migrations/0023_inbox_and_mail.ts';
import * as m0024 from './migrations/0024_coaching_diagnoses.ts';
import * as m0025 from './migrations/0025_close_analyses.ts';
import * as m0026 from './migrations/0026_assignment_diagnosis.ts';
import * as m0027 from './migrations/0027_coaching_gap_rules.ts';
import * as m0028 from './migrations/0028_snapshot_reads.ts';
import * as m0029 from './migrations/0029_gap_sightings.ts';
import * as m0030 from './migrations/0030_open_deal_sums.ts';
import * as m0031 from './migrations/0031_token_scopes.ts';
import * as m0032 from './migrations/0032_imports.ts';
import * as m0033 from './migrations/0033_webhooks.ts';
import * as m0034 from './migrations/0034_hand_overs.ts';
import * as m0035 from './migrations/0035_single_sign_on.ts';
import * as m0036 from './migrations/0036_proposals.ts';
import * as m0037 from './migrations/0037_sso_required.ts';
import * as m0038 from './migrations/0038_unassessed_deals.ts';
import * as m0039 from './migrations/0039_partial_snapshot_days.ts';
import * as m0040 from './migrations/0040_assessment_history_per_statement.ts';
import * as m0041 from './migrations/0041_account_names_per_statement.ts';

type DialectMigration = { up(db: Kysely<unknown>, dialect: DialectName): Promise<void> };

// Listed explicitly (not read from the folder) so bundling and tests see the same set, in order.
const MIGRATIONS = {
  '0001_foundation': m0001,
  '0002_knowledge': m0002,
  '0003_assessment': m0003,
  '0004_list_indexes': m0004,
  '0005_assessment_inputs': m0005,
  '0006_login_throttles': m0006,
  '0007_refit_claims': m0007,
  '0008_list_sort_indexes': m0008,
  '0009_list_search_and_keyset': m0009,
  '0010_assessment_history': m0010,
  '0011_commit_overrides': m0011,
  '0012_list_joined_sorts': m0012,
  '0013_reporting_currency': m0013,
  '0014_forecast': m0014,
  '0015_retrospectives': m0015,
  '0016_opportunity_snapshots': m0016,
  '0017_agreed_actions': m0017,
  '0018_review_meetings': m0018,
  '0019_converted_amount_sort': m0019,
  '0020_learning_catalog': m0020,
  '0021_snapshot_coverage': m0021,
  '0022_coaching_assignments': m0022,
  '0023_inbox_and_mail': m0023,
  '0024_coaching_diagnoses': m0024,
  '0025_close_analyses': m0025,
  '0026_assignment_diagnosis': m0026,
  '0027_coaching_gap_rules': m0027,
  '0028_snapshot_reads': m0028,
  '0029_gap_sightings': m0029,
  '0030_open_deal_sums': m0030,
  '0031_token_scopes': m0031,
  '0032_imports': m0032,
  '0033_webhooks': m0033,
  '0034_hand_overs': m0034,
  '0035_single_sign_on': m0035,
  '0036_proposals': m0036,
  '0037_sso_required': m0037,
  '0038_unassessed_deals': m0038,
  '0039_partial_snapshot_days': m0039,
  '0040_assessment_history_per_statement': m0040,
  '0041_account_names_per_statement': m0041,
} satisfies Record<string, DialectMigration>;

export type MigrationName = keyof typeof MIGRATIONS & string;

/** every migration's name, oldest first: the last is the schema this code reads and writes */
export const MIGRATION_NAMES = Object.keys(MIGRATIONS) as MigrationName[];

export function migrateToLatest(handle: DbHandle): Promise<MigrationResult[]> {
  return migrate(handle, (migrator) => migrator.migrateToLatest());
}

/** Migrates up to and including `name`, and no further: for tests of what a later migration does to rows. */
export function migrateTo(handle: DbHandle, name: MigrationName): Promise<MigrationResult[]> {
  return migrate(handle, (migrator) => migrator.migrateTo(name));
}

async function migrate(
  handle: DbHandle,
  run: (migrator: Migrator) => ReturnType<Migrator['migrateToLatest']>,
): Promise<MigrationResult[]> {
  const migrations: Record<string, Migration> = {};
  for (const [name, m] of Object.entries(MIGRATIONS)) {
    migrations[name] = { up: (db) => m.up(db, handle.dialect) };
  }
  // On PostgreSQL the migration bookkeeping lives in the schema the connection works in: without
  // naming it, Kysely would take a kysely_migration table in another schema for ours.
  const schema =
    handle.dialect === 'postgres'
      ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(handle.db)).rows[0]?.schema
      : undefined;
  const migrator = new Migrator({
    db: handle.db,
    provider: { getMigrations: async () => migrations },
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error, results } = await run(migrator);
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return results ?? [];
}

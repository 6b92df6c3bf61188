import type { Kysely } from 'kysely';

// A replay of an imported history keeps, on its older days, only the deals the forecast reads of
// them (domain/forecast/replay.ts replayedClosing). Such a day is listed here with the expected close
// dates it keeps, so what reads a whole day (a review's "since") knows to pass it by.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('partial_snapshot_days')
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('closing_from', 'text', (c) => c.notNull())
    .addColumn('closing_to', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('partial_snapshot_days_pk', ['org_id', 'day'])
    .execute();
}

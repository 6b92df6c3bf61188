import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect.ts';

// A pipeline review held: who held it, for which scope, and every open deal of that scope as it
// stood when it was recorded, so the next review shows what changed since (deals added and dropped,
// probability moves, close dates, zones) from what was seen, not from a reconstruction. And the
// items someone marked on a deal to discuss at the next review, kept until a review takes them up.
export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  const money = dialect === 'postgres' ? 'bigint' : 'integer';
  const real = dialect === 'postgres' ? 'double precision' : 'real';
  await db.schema
    .createTable('review_meetings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
    // "org", "team:<id>" or "owner:<id>", as the forecast names scopes
    .addColumn('scope_key', 'text', (c) => c.notNull())
    .addColumn('held_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('held_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('review_meetings_by_scope')
    .on('review_meetings')
    .columns(['org_id', 'scope_key', 'held_at'])
    .execute();

  await db.schema
    .createTable('review_meeting_deals')
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('review_meetings.id'))
    .addColumn('opportunity_id', 'text', (c) => c.notNull().references('opportunities.id'))
    .addColumn('owner_id', 'text', (c) => c.notNull())
    .addColumn('amount_minor', money, (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('expected_close_date', 'text', (c) => c.notNull())
    .addColumn('win_probability', real)
    // JSON array of rule ids
    .addColumn('zone_ids', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('review_meeting_deals_pk', ['meeting_id', 'opportunity_id'])
    .execute();

  await db.schema
    .createTable('review_marks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('opportunity_id', 'text', (c) => c.notNull().references('opportunities.id'))
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('marked_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('marked_at', 'text', (c) => c.notNull())
    // set when a review of a scope holding the deal was recorded
    .addColumn('discussed_in', 'text', (c) => c.references('review_meetings.id'))
    .execute();
  await db.schema
    .createIndex('review_marks_by_opportunity')
    .on('review_marks')
    .columns(['opportunity_id', 'discussed_in'])
    .execute();
}

import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../dialect.ts';

// Every change of a deal's assessment that a person would see is kept, with what caused it, so the
// assessment can be answered for any past day and its trend drawn. The stored assessment carries its
// cause; the database itself copies a row into the history in the statement that upserts it (no
// request gains a statement). A recompute that moves nothing visible (the probability and band to a
// tenth of a point, the coverage to a hundredth, the zones, the top severity) adds no row.
export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  const float = dialect === 'postgres' ? 'double precision' : 'real';
  await db.schema.alterTable('assessments').addColumn('cause', 'text').execute();
  await db.schema
    .createTable('assessment_history')
    // a sequence, not a UUID: points written within one instant keep the order they were written in
    .$call((t) =>
      dialect === 'postgres'
        ? t.addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
        : t.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement()),
    )
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('opportunity_id', 'text', (c) => c.notNull().references('opportunities.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('win_probability', float, (c) => c.notNull())
    .addColumn('band_low', float, (c) => c.notNull())
    .addColumn('band_high', float, (c) => c.notNull())
    .addColumn('coverage_index', float, (c) => c.notNull())
    .addColumn('top_severity', 'text')
    .addColumn('zone_ids', 'text', (c) => c.notNull())
    .addColumn('model_version', 'text', (c) => c.notNull())
    .addColumn('cause', 'text')
    .execute();
  await db.schema
    .createIndex('assessment_history_opp_idx')
    .on('assessment_history')
    .columns(['opportunity_id', 'at'])
    .execute();

  if (dialect === 'postgres') {
    await sql`
      create function keep_assessment_history() returns trigger language plpgsql as $$
      begin
        if tg_op = 'INSERT'
          or round((new.win_probability * 1000)::numeric) <> round((old.win_probability * 1000)::numeric)
          or round((new.band_low * 1000)::numeric) <> round((old.band_low * 1000)::numeric)
          or round((new.band_high * 1000)::numeric) <> round((old.band_high * 1000)::numeric)
          or round((new.coverage_index * 100)::numeric) <> round((old.coverage_index * 100)::numeric)
          or new.top_severity is distinct from old.top_severity
          or new.zone_ids <> old.zone_ids
        then
          insert into assessment_history (org_id, opportunity_id, at, win_probability, band_low, band_high,
            coverage_index, top_severity, zone_ids, model_version, cause)
          values (new.org_id, new.opportunity_id, new.computed_at, new.win_probability,
            new.band_low, new.band_high, new.coverage_index, new.top_severity, new.zone_ids, new.model_version,
            new.cause);
        end if;
        return null;
      end
      $$`.execute(db);
    await sql`create trigger assessments_history_insert after insert on assessments
      for each row execute function keep_assessment_history()`.execute(db);
    await sql`create trigger assessments_history_update after update on assessments
      for each row execute function keep_assessment_history()`.execute(db);
    return;
  }

  const copy = sql`
      insert into assessment_history (org_id, opportunity_id, at, win_probability, band_low, band_high,
        coverage_index, top_severity, zone_ids, model_version, cause)
      values (new.org_id, new.opportunity_id, new.computed_at, new.win_probability,
        new.band_low, new.band_high, new.coverage_index, new.top_severity, new.zone_ids, new.model_version,
        new.cause);`;
  await sql`create trigger assessments_history_insert after insert on assessments
    begin ${copy} end`.execute(db);
  await sql`create trigger assessments_history_update after update on assessments
    when round(new.win_probability * 1000) <> round(old.win_probability * 1000)
      or round(new.band_low * 1000) <> round(old.band_low * 1000)
      or round(new.band_high * 1000) <> round(old.band_high * 1000)
      or round(new.coverage_index * 100) <> round(old.coverage_index * 100)
      or new.top_severity is not old.top_severity
      or new.zone_ids <> old.zone_ids
    begin ${copy} end`.execute(db);
}

import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../dialect.ts';

// PostgreSQL: the history of assessments (migration 0010) is copied once per statement, from the
// statement's new rows (and, for an update, its old ones beside them), instead of by a statement
// of the trigger's own for each row. Bulk writes store thousands of assessments a statement: an
// import's 40,000 first assessments spent a quarter of their insert's time in that trigger. The
// rows copied are the same: every new assessment, and every update that moves something visible.
// A statement stores at most one assessment of a deal, so each deal's points keep their order.
// SQLite has row triggers only: its own stay as they are.
export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  if (dialect !== 'postgres') return;
  await sql`drop trigger assessments_history_insert on assessments`.execute(db);
  await sql`drop trigger assessments_history_update on assessments`.execute(db);
  await sql`drop function keep_assessment_history()`.execute(db);
  await sql`
    create function keep_new_assessments_history() returns trigger language plpgsql as $$
    begin
      insert into assessment_history (org_id, opportunity_id, at, win_probability, band_low, band_high,
        coverage_index, top_severity, zone_ids, model_version, cause)
      select org_id, opportunity_id, computed_at, win_probability, band_low, band_high, coverage_index,
        top_severity, zone_ids, model_version, cause
      from added;
      return null;
    end
    $$`.execute(db);
  await sql`
    create function keep_changed_assessments_history() returns trigger language plpgsql as $$
    begin
      insert into assessment_history (org_id, opportunity_id, at, win_probability, band_low, band_high,
        coverage_index, top_severity, zone_ids, model_version, cause)
      select n.org_id, n.opportunity_id, n.computed_at, n.win_probability, n.band_low, n.band_high,
        n.coverage_index, n.top_severity, n.zone_ids, n.model_version, n.cause
      from changed n join previous o on o.opportunity_id = n.opportunity_id
      where round((n.win_probability * 1000)::numeric) <> round((o.win_probability * 1000)::numeric)
        or round((n.band_low * 1000)::numeric) <> round((o.band_low * 1000)::numeric)
        or round((n.band_high * 1000)::numeric) <> round((o.band_high * 1000)::numeric)
        or round((n.coverage_index * 100)::numeric) <> round((o.coverage_index * 100)::numeric)
        or n.top_severity is distinct from o.top_severity
        or n.zone_ids <> o.zone_ids;
      return null;
    end
    $$`.execute(db);
  await sql`create trigger assessments_history_insert after insert on assessments
    referencing new table as added for each statement execute function keep_new_assessments_history()`.execute(db);
  await sql`create trigger assessments_history_update after update on assessments
    referencing old table as previous new table as changed
    for each statement execute function keep_changed_assessments_history()`.execute(db);
}

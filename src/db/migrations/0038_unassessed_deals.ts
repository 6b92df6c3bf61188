import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../dialect.ts';

// The deals without an assessment, which the list sorted by win probability shows as -1, move from
// a mark on the deal (`is_assessed`, migration 0012) to a table of their own. Clearing the mark
// wrote a new version of the deal's row: on PostgreSQL, an entry in each of the deal's twenty
// indexes (a column of a partial index's condition rules out the update that skips them), so an
// import's 40,000 first assessments spent 12 s on the marks alone, more than on the assessments.
// A deal is now listed in unassessed_deals from its insertion until its first assessment is
// stored, and again when its assessment is removed, by the database as the mark was.
//
// PostgreSQL: a first assessment still takes the deal's row before the assessment's (FOR NO KEY
// UPDATE, the lock the mark's update took), so a change of the deal's owner waits for it and two
// writers take the rows in one order. A deal's insertion lists it once per statement (the
// statement's new rows), not once per row.
export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  // one b-tree, in the order the list reads it (on SQLite without a rowid table beside it): an
  // import lists tens of thousands of deals at random places in it. No foreign key: its check would
  // lock each new deal's row again on PostgreSQL (half the cost of listing an import's deals); the
  // database lists only deals it inserts and unlists a deal it deletes
  await db.schema
    .createTable('unassessed_deals')
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('opportunity_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('unassessed_deals_pkey', ['org_id', 'opportunity_id'])
    .$call((table) => (dialect === 'sqlite' ? table.modifyEnd(sql`without rowid`) : table))
    .execute();
  await sql`insert into unassessed_deals (org_id, opportunity_id)
    select org_id, id from opportunities where is_assessed = 0`.execute(db);

  if (dialect === 'postgres') await postgresTriggers(db);
  else await sqliteTriggers(db);

  await db.schema.dropIndex('opps_org_unassessed_idx').execute();
  await db.schema.alterTable('opportunities').dropColumn('is_assessed').execute();
  if (dialect === 'postgres') await sql`analyze unassessed_deals`.execute(db);
}

async function postgresTriggers(db: Kysely<unknown>): Promise<void> {
  await sql`
    create function list_unassessed_deals() returns trigger language plpgsql as $$
    begin
      insert into unassessed_deals (org_id, opportunity_id) select org_id, id from added;
      return null;
    end
    $$`.execute(db);
  await sql`create trigger opportunities_unassessed after insert on opportunities
    referencing new table as added for each statement execute function list_unassessed_deals()`.execute(db);
  await sql`
    create function unlist_deleted_deals() returns trigger language plpgsql as $$
    begin
      delete from unassessed_deals u using removed r where u.org_id = r.org_id and u.opportunity_id = r.id;
      return null;
    end
    $$`.execute(db);
  await sql`create trigger opportunities_unlisted after delete on opportunities
    referencing old table as removed for each statement execute function unlist_deleted_deals()`.execute(db);

  await sql`
    create or replace function keep_assessment_with_opportunity() returns trigger language plpgsql as $$
    declare
      owner text;
    begin
      if tg_op = 'DELETE' then
        insert into unassessed_deals (org_id, opportunity_id)
          select org_id, id from opportunities where id = old.opportunity_id
          on conflict (org_id, opportunity_id) do nothing;
        return old;
      end if;
      -- a first assessment takes its deal's row until commit, as a change of the deal does: its
      -- owner cannot change under us. An upsert that finds its row comes back here as an UPDATE
      -- once it holds that row, and reads the owner then (a hand-over committed meanwhile, or
      -- waiting on the row)
      if tg_op = 'INSERT' and exists (
        select 1 from unassessed_deals where org_id = new.org_id and opportunity_id = new.opportunity_id
      ) then
        perform 1 from opportunities where id = new.opportunity_id for no key update;
        delete from unassessed_deals where org_id = new.org_id and opportunity_id = new.opportunity_id;
      end if;
      select owner_id into owner from opportunities where id = new.opportunity_id;
      if found then new.owner_id := owner; end if;
      return new;
    end
    $$`.execute(db);
}

async function sqliteTriggers(db: Kysely<unknown>): Promise<void> {
  await sql`drop trigger assessments_mark_opportunity_insert`.execute(db);
  await sql`drop trigger assessments_mark_opportunity_delete`.execute(db);
  await sql`create trigger opportunities_unassessed after insert on opportunities begin
    insert into unassessed_deals (org_id, opportunity_id) values (new.org_id, new.id);
  end`.execute(db);
  await sql`create trigger opportunities_unlisted after delete on opportunities begin
    delete from unassessed_deals where org_id = old.org_id and opportunity_id = old.id;
  end`.execute(db);
  // an upsert that finds the row updates it: only a first assessment fires the insert trigger
  await sql`create trigger assessments_unlist_insert after insert on assessments begin
    delete from unassessed_deals where org_id = new.org_id and opportunity_id = new.opportunity_id;
  end`.execute(db);
  await sql`create trigger assessments_relist_delete after delete on assessments begin
    insert or ignore into unassessed_deals (org_id, opportunity_id)
      select org_id, id from opportunities where id = old.opportunity_id;
  end`.execute(db);
}

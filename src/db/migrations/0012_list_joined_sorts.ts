import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../dialect.ts';

// The opportunity list sorted by stage, account or win probability ordered by a column of another
// table: no index held that order within the caller's scope, so every page joined and sorted the
// whole scope (0.2 to 0.6 s a page for an administrator at 100,000 deals on SQLite). Each of the
// three now reads its page in order from indexes:
//
// Stage: from the organization's stages in position order, each stage's deals in id order
// (opportunities (org or owner, stage_id, id)). That is the list's order only if no two stages
// share a position, so positions become unique per organization: duplicates are renumbered
// first (keeping their order, ties by id), and a reorder moves stages aside before placing them.
// A reorder writes a few stage rows, never the deals.
//
// Account: each opportunity carries a copy of its account's name, kept by the database in the
// statement that sets or moves the deal's account or renames the account (an account holds few
// deals), with (org or owner, name, id) indexes: deals of same-named accounts interleave by id.
//
// Win probability: the stored assessments in probability order (assessments (org or owner,
// win_probability, opportunity_id)), and the deals without one (-1: below every probability)
// from a small index of those, marked by `is_assessed`, which the database sets when a deal's
// first assessment is stored and clears when it is removed. An assessment's owner is its deal's,
// also kept by the database (whatever owner its writer held, and when the deal changes hands), so
// that a seller's page reads the seller's own range. The probabilities are not copied onto
// the deals: every change of a deal and every nightly refit writes them, and on PostgreSQL each
// copy would be another version of the deal's row in every index of the table.
//
// PostgreSQL: the account's name is read under a share lock of the account (a move waits for a
// rename to commit, and the other way round); the mark is set and the deal's owner read before
// the assessment is written (BEFORE trigger), so a writer that takes the deal's row takes it
// before the assessment's, as a change of the deal does, and two of them cannot deadlock.
export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  await uniqueStagePositions(db);
  await db.schema.createIndex('opps_org_stage_idx').on('opportunities').columns(['org_id', 'stage_id', 'id']).execute();
  await db.schema
    .createIndex('opps_owner_stage_idx')
    .on('opportunities')
    .columns(['owner_id', 'stage_id', 'id'])
    .execute();

  await db.schema
    .alterTable('opportunities')
    .addColumn('sort_account_name', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await sql`update opportunities set
    sort_account_name = (select name from accounts where accounts.id = opportunities.account_id)`.execute(db);

  await assessedMark(db, dialect);
  if (dialect === 'postgres') await postgresTriggers(db);
  else await sqliteTriggers(db);

  for (const scope of ['org', 'owner'] as const) {
    await db.schema
      .createIndex(`opps_${scope}_account_idx`)
      .on('opportunities')
      .columns([`${scope}_id`, 'sort_account_name', 'id'])
      .execute();
  }
  await db.schema
    .createIndex('opps_org_unassessed_idx')
    .on('opportunities')
    .columns(['org_id', 'id'])
    .where(sql.ref('is_assessed'), '=', 0)
    .execute();
  await sql`update assessments set owner_id = (
      select owner_id from opportunities where opportunities.id = assessments.opportunity_id)
    where owner_id <> (select owner_id from opportunities where opportunities.id = assessments.opportunity_id)`.execute(
    db,
  );
  for (const scope of ['org', 'owner'] as const) {
    await db.schema
      .createIndex(`assessments_${scope}_win_idx`)
      .on('assessments')
      .columns([`${scope}_id`, 'win_probability', 'opportunity_id'])
      .execute();
  }
  if (dialect === 'postgres') await sql`analyze opportunities, assessments, stages`.execute(db);
}

async function uniqueStagePositions(db: Kysely<unknown>): Promise<void> {
  // where an organization has two stages at one position, number its stages 1, 2, ... in their order
  const { rows } = await sql<{ id: string; org_id: string }>`
    select id, org_id from stages
    where org_id in (select org_id from stages group by org_id, position having count(*) > 1)
    order by org_id, position, id`.execute(db);
  let org: string | undefined;
  let position = 0;
  for (const stage of rows) {
    position = stage.org_id === org ? position + 1 : 1;
    org = stage.org_id;
    await sql`update stages set position = ${position} where id = ${stage.id}`.execute(db);
  }
  await db.schema.dropIndex('stages_org_idx').execute();
  await db.schema.createIndex('stages_org_position_idx').on('stages').columns(['org_id', 'position']).unique().execute();
}

async function assessedMark(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  if (dialect === 'postgres') {
    // every deal marked assessed at once (no row rewritten), new ones unassessed, then the few without one
    await db.schema
      .alterTable('opportunities')
      .addColumn('is_assessed', 'integer', (c) => c.notNull().defaultTo(1))
      .execute();
    await db.schema
      .alterTable('opportunities')
      .alterColumn('is_assessed', (c) => c.setDefault(0))
      .execute();
    await sql`update opportunities set is_assessed = 0
      where not exists (select 1 from assessments where assessments.opportunity_id = opportunities.id)`.execute(db);
    return;
  }
  await db.schema
    .alterTable('opportunities')
    .addColumn('is_assessed', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await sql`update opportunities set is_assessed = 1
    where exists (select 1 from assessments where assessments.opportunity_id = opportunities.id)`.execute(db);
}

async function postgresTriggers(db: Kysely<unknown>): Promise<void> {
  await sql`
    create function copy_account_name_to_opportunity() returns trigger language plpgsql as $$
    declare
      account_name text;
    begin
      -- an update that names the account without moving the deal takes no lock
      if tg_op = 'UPDATE' and new.account_id = old.account_id then return new; end if;
      -- an account gone by now leaves the copy as it was: the foreign key refuses the row (a 409)
      select name into account_name from accounts where id = new.account_id for share;
      if found then new.sort_account_name := account_name; end if;
      return new;
    end
    $$`.execute(db);
  await sql`create trigger opportunities_account_name before insert or update of account_id on opportunities
    for each row execute function copy_account_name_to_opportunity()`.execute(db);

  await sql`
    create function copy_account_name_to_opportunities() returns trigger language plpgsql as $$
    begin
      update opportunities set sort_account_name = new.name where account_id = new.id;
      return null;
    end
    $$`.execute(db);
  await sql`create trigger accounts_name_to_opportunities after update of name on accounts
    for each row when (new.name <> old.name) execute function copy_account_name_to_opportunities()`.execute(db);

  await sql`
    create function keep_assessment_with_opportunity() returns trigger language plpgsql as $$
    declare
      owner text;
    begin
      if tg_op = 'DELETE' then
        update opportunities set is_assessed = 0 where id = old.opportunity_id;
        return old;
      end if;
      -- a first assessment marks its deal, which holds the deal's row until commit: its owner cannot
      -- change under us. An upsert that finds its row comes back here as an UPDATE once it holds
      -- that row, and reads the owner then (a hand-over committed meanwhile, or waiting on the row)
      if tg_op = 'INSERT' then
        update opportunities set is_assessed = 1 where id = new.opportunity_id and is_assessed = 0;
      end if;
      select owner_id into owner from opportunities where id = new.opportunity_id;
      if found then new.owner_id := owner; end if;
      return new;
    end
    $$`.execute(db);
  await sql`create trigger assessments_with_opportunity before insert or update or delete on assessments
    for each row execute function keep_assessment_with_opportunity()`.execute(db);

  await sql`
    create function copy_owner_to_assessment() returns trigger language plpgsql as $$
    begin
      update assessments set owner_id = new.owner_id where opportunity_id = new.id;
      return null;
    end
    $$`.execute(db);
  await sql`create trigger opportunities_owner_to_assessment after update of owner_id on opportunities
    for each row when (new.owner_id <> old.owner_id) execute function copy_owner_to_assessment()`.execute(db);
}

async function sqliteTriggers(db: Kysely<unknown>): Promise<void> {
  // SQLite cannot set a column of the row being written: an AFTER trigger updates it by rowid (the
  // default stands for an account that is not there, only where foreign keys are off)
  const accountName = sql`coalesce((select name from accounts where id = new.account_id), '')`;
  await sql`create trigger opportunities_account_name_insert after insert on opportunities begin
    update opportunities set sort_account_name = ${accountName} where rowid = new.rowid;
  end`.execute(db);
  await sql`create trigger opportunities_account_name_move after update of account_id on opportunities
    when new.account_id <> old.account_id begin
    update opportunities set sort_account_name = ${accountName} where rowid = new.rowid;
  end`.execute(db);
  await sql`create trigger accounts_name_to_opportunities after update of name on accounts
    when new.name <> old.name begin
    update opportunities set sort_account_name = new.name where account_id = new.id;
  end`.execute(db);
  // an upsert that finds the row updates it: only a first assessment fires the insert trigger
  await sql`create trigger assessments_mark_opportunity_insert after insert on assessments begin
    update opportunities set is_assessed = 1 where id = new.opportunity_id and is_assessed = 0;
  end`.execute(db);
  await sql`create trigger assessments_mark_opportunity_delete after delete on assessments begin
    update opportunities set is_assessed = 0 where id = old.opportunity_id;
  end`.execute(db);
  // the assessment's owner is its deal's, whoever wrote it (an upsert that finds the row updates it)
  const dealOwner = sql`coalesce((select owner_id from opportunities where id = new.opportunity_id), new.owner_id)`;
  for (const event of ['insert', 'update of owner_id'] as const) {
    await sql`create trigger ${sql.id(`assessments_owner_${event === 'insert' ? 'insert' : 'update'}`)}
      after ${sql.raw(event)} on assessments when new.owner_id is not ${dealOwner} begin
      update assessments set owner_id = ${dealOwner} where opportunity_id = new.opportunity_id;
    end`.execute(db);
  }
  await sql`create trigger opportunities_owner_to_assessment after update of owner_id on opportunities
    when new.owner_id <> old.owner_id begin
    update assessments set owner_id = new.owner_id where opportunity_id = new.id;
  end`.execute(db);
}

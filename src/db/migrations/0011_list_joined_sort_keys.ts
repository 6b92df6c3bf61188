import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../dialect.ts';

// The opportunity list sorted by stage, account or win probability ordered by a column of another
// table (the stage's position, the account's name, the stored assessment's probability): no index
// held that order within the caller's scope, so every page joined and sorted the whole scope
// (0.7 to 1 s a page for an administrator at 100,000 deals on SQLite).
//
// Each opportunity now carries a copy of the three sort keys, kept by the database itself in the
// statement that changes their source, so no request gains a statement and no write path can
// forget one: a stage moved (every deal in it), an account renamed (its deals), an assessment
// stored or removed (its deal; none is -1, below any probability, as the list always sorted it),
// and a deal inserted or moved to another stage or account. With (scope, key, id) indexes the
// three sorts page like the others: a range of one index, after the cursor's (key, id).
//
// PostgreSQL: the copy is read under a share lock of the stage or account (a move waits for a
// reorder or a rename to commit, and the other way round); the assessment's copy is written
// before its row (BEFORE trigger), so that every writer takes the deal's row before the
// assessment's, as a change of the deal does, and two of them cannot deadlock.
export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  const float = dialect === 'postgres' ? 'double precision' : 'real';
  await db.schema
    .alterTable('opportunities')
    .addColumn('sort_stage_position', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('opportunities')
    .addColumn('sort_account_name', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema
    .alterTable('opportunities')
    .addColumn('sort_win_probability', float, (c) => c.notNull().defaultTo(-1))
    .execute();
  await sql`update opportunities set
      sort_stage_position = (select position from stages where stages.id = opportunities.stage_id),
      sort_account_name = (select name from accounts where accounts.id = opportunities.account_id),
      sort_win_probability = coalesce(
        (select win_probability from assessments where assessments.opportunity_id = opportunities.id), -1)`.execute(db);

  if (dialect === 'postgres') await postgresTriggers(db);
  else await sqliteTriggers(db);

  for (const [key, column] of [
    ['stage', 'sort_stage_position'],
    ['account', 'sort_account_name'],
    ['win', 'sort_win_probability'],
  ] as const) {
    await db.schema
      .createIndex(`opps_org_${key}_idx`)
      .on('opportunities')
      .columns(['org_id', column, 'id'])
      .execute();
    await db.schema
      .createIndex(`opps_owner_${key}_idx`)
      .on('opportunities')
      .columns(['owner_id', column, 'id'])
      .execute();
  }
}

async function postgresTriggers(db: Kysely<unknown>): Promise<void> {
  await sql`
    create function copy_opportunity_sort_keys() returns trigger language plpgsql as $$
    declare
      stage_position integer;
      account_name text;
    begin
      -- a reference gone by now leaves the copy as it was: the foreign key refuses the row (a 409)
      if tg_op = 'INSERT' or new.stage_id <> old.stage_id then
        select position into stage_position from stages where id = new.stage_id for share;
        if found then new.sort_stage_position := stage_position; end if;
      end if;
      if tg_op = 'INSERT' or new.account_id <> old.account_id then
        select name into account_name from accounts where id = new.account_id for share;
        if found then new.sort_account_name := account_name; end if;
      end if;
      return new;
    end
    $$`.execute(db);
  await sql`create trigger opportunities_sort_keys before insert or update of stage_id, account_id on opportunities
    for each row execute function copy_opportunity_sort_keys()`.execute(db);

  await sql`
    create function copy_stage_position() returns trigger language plpgsql as $$
    begin
      update opportunities set sort_stage_position = new.position
        where org_id = new.org_id and sort_stage_position = old.position and stage_id = new.id;
      return null;
    end
    $$`.execute(db);
  await sql`create trigger stages_sort_key after update of position on stages
    for each row when (new.position <> old.position) execute function copy_stage_position()`.execute(db);

  await sql`
    create function copy_account_name() returns trigger language plpgsql as $$
    begin
      update opportunities set sort_account_name = new.name where account_id = new.id;
      return null;
    end
    $$`.execute(db);
  await sql`create trigger accounts_sort_key after update of name on accounts
    for each row when (new.name <> old.name) execute function copy_account_name()`.execute(db);

  await sql`
    create function copy_win_probability() returns trigger language plpgsql as $$
    begin
      if tg_op = 'DELETE' then
        update opportunities set sort_win_probability = -1 where id = old.opportunity_id;
        return old;
      end if;
      update opportunities set sort_win_probability = new.win_probability
        where id = new.opportunity_id and sort_win_probability <> new.win_probability;
      return new;
    end
    $$`.execute(db);
  await sql`create trigger assessments_sort_key before insert or update of win_probability or delete on assessments
    for each row execute function copy_win_probability()`.execute(db);
}

async function sqliteTriggers(db: Kysely<unknown>): Promise<void> {
  // SQLite cannot set a column of the row being written: an AFTER trigger updates it by rowid. A new
  // deal has no assessment yet (the assessment refers to it): its probability key starts at -1. The
  // defaults stand for a reference that is not there (only where foreign keys are off).
  await sql`create trigger opportunities_sort_keys_insert after insert on opportunities begin
    update opportunities set
      sort_stage_position = coalesce((select position from stages where id = new.stage_id), 0),
      sort_account_name = coalesce((select name from accounts where id = new.account_id), '')
    where rowid = new.rowid;
  end`.execute(db);
  await sql`create trigger opportunities_sort_keys_stage after update of stage_id on opportunities
    when new.stage_id <> old.stage_id begin
    update opportunities set sort_stage_position = coalesce((select position from stages where id = new.stage_id), 0)
    where rowid = new.rowid;
  end`.execute(db);
  await sql`create trigger opportunities_sort_keys_account after update of account_id on opportunities
    when new.account_id <> old.account_id begin
    update opportunities set sort_account_name = coalesce((select name from accounts where id = new.account_id), '')
    where rowid = new.rowid;
  end`.execute(db);
  await sql`create trigger stages_sort_key after update of position on stages
    when new.position <> old.position begin
    update opportunities set sort_stage_position = new.position
    where org_id = new.org_id and sort_stage_position = old.position and stage_id = new.id;
  end`.execute(db);
  await sql`create trigger accounts_sort_key after update of name on accounts
    when new.name <> old.name begin
    update opportunities set sort_account_name = new.name where account_id = new.id;
  end`.execute(db);
  await sql`create trigger assessments_sort_key_insert after insert on assessments begin
    update opportunities set sort_win_probability = new.win_probability where id = new.opportunity_id;
  end`.execute(db);
  await sql`create trigger assessments_sort_key_update after update of win_probability on assessments
    when new.win_probability <> old.win_probability begin
    update opportunities set sort_win_probability = new.win_probability where id = new.opportunity_id;
  end`.execute(db);
  await sql`create trigger assessments_sort_key_delete after delete on assessments begin
    update opportunities set sort_win_probability = -1 where id = old.opportunity_id;
  end`.execute(db);
}

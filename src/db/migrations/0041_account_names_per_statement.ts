import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../dialect.ts';

// PostgreSQL: a deal's copy of its account's name (migration 0012) was read by a trigger of each
// inserted row, under a share lock of the account: a tenth of an import's insert of 100,000 deals.
// An insert that brings the name (an import knows every account it writes) is now checked once per
// statement: the statement's accounts are share-locked together, in id order, and a copy that is
// not the account's name (renamed meanwhile: the lock waited for that rename to commit) is
// corrected. An insert without the name (the app's own, which leaves it empty) and a move of a
// deal to another account are still copied row by row, as before. SQLite keeps its own triggers.
export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  if (dialect !== 'postgres') return;
  await sql`drop trigger opportunities_account_name on opportunities`.execute(db);
  await sql`create trigger opportunities_account_name before update of account_id on opportunities
    for each row execute function copy_account_name_to_opportunity()`.execute(db);
  await sql`create trigger opportunities_account_name_unnamed before insert on opportunities
    for each row when (new.sort_account_name = '') execute function copy_account_name_to_opportunity()`.execute(db);
  await sql`
    create function check_account_names_of_deals() returns trigger language plpgsql as $$
    begin
      perform 1 from accounts where id = any(array(select distinct account_id from added)) order by id for share;
      if exists (select 1 from added n join accounts a on a.id = n.account_id where n.sort_account_name <> a.name) then
        update opportunities o set sort_account_name = a.name
          from added n join accounts a on a.id = n.account_id
          where o.id = n.id and n.sort_account_name <> a.name;
      end if;
      return null;
    end
    $$`.execute(db);
  await sql`create trigger opportunities_account_names after insert on opportunities
    referencing new table as added for each statement execute function check_account_names_of_deals()`.execute(db);
}

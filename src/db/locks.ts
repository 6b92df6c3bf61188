import { sql } from 'kysely';
import type { Db } from './database.ts';
import type { DialectName } from './dialect.ts';

/**
 * Makes the calling transaction the organization's only writer of a kind of data until it ends,
 * for writes whose checks read many rows (the next stage position, a name not yet taken) and that
 * no row version can guard. PostgreSQL: a row lock on the organization that other such writers
 * wait for, while ordinary inserts (which only key-share the row) pass. SQLite: one process
 * already runs one transaction at a time; writing first takes the file's write lock at once, so
 * another process waits for it instead of failing later on a stale read.
 */
export async function lockOrganizationWrites(tx: Db, dialect: DialectName, orgId: string): Promise<void> {
  if (dialect === 'postgres') {
    await sql`select id from organizations where id = ${orgId} for no key update`.execute(tx);
  } else {
    // a column no key or reference uses, so the write checks nothing and changes nothing
    await sql`update organizations set name = name where id = ${orgId}`.execute(tx);
  }
}

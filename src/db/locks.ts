import { sql } from 'kysely';
import type { Db } from './database.ts';
import type { DialectName } from './dialect.ts';

/**
 * Makes the calling transaction the organization's only writer of a kind of data until it ends,
 * for writes whose checks read many rows (the next stage position, a name not yet taken) and that
 * no row version can guard. PostgreSQL: a row lock on the organization that other such writers
 * wait for, while ordinary inserts (which only key-share the row) pass. SQLite needs nothing
 * more: every write transaction begins immediate (sqlite-writer.ts), so it holds the file's write
 * lock from its first statement and any other writer, in this process or another, waits for it.
 */
export async function lockOrganizationWrites(tx: Db, dialect: DialectName, orgId: string): Promise<void> {
  if (dialect === 'postgres') {
    await sql`select id from organizations where id = ${orgId} for no key update`.execute(tx);
  }
}

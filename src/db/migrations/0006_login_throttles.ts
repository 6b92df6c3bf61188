import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect.ts';

// One counter row per (email, client address), plus one per email across all addresses (client
// '*'), updated by a single upsert so parallel guesses and several app instances share the count.
// The per-email failure log it replaces was read, then written: parallel guesses all slipped in.
export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('login_throttles')
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('client', 'text', (c) => c.notNull())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('last_failure_at', 'text', (c) => c.notNull())
    .addColumn('locked_until', 'text')
    .addPrimaryKeyConstraint('login_throttles_pk', ['email', 'client'])
    .execute();
  // guesses at made-up emails leave rows behind: sign-ins sweep the old ones by this index
  await db.schema.createIndex('login_throttles_last_failure_idx').on('login_throttles').column('last_failure_at').execute();
  await db.schema.dropTable('login_failures').execute();
}

import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect.ts';

// Personal API tokens get scopes and an expiry (issue 14): a token reads, also writes, or also
// administers, and stops working at its expiry. Tokens made before could do everything their owner
// can and never expired: they keep both until revoked.
export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await db.schema
    .alterTable('api_tokens')
    .addColumn('scopes', 'text', (c) => c.notNull().defaultTo('read,write,admin'))
    .execute();
  await db.schema.alterTable('api_tokens').addColumn('expires_at', 'text').execute();
  await db.schema.createIndex('api_tokens_org_idx').on('api_tokens').columns(['org_id', 'created_at']).execute();
}

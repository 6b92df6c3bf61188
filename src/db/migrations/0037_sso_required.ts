import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect.ts';

// Single sign-on required: an organization whose provider is on may refuse password sign-in to its
// people, administrators excepted (the break-glass, should the provider be down). Off for every
// organization that set a provider up before.
export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await db.schema
    .alterTable('sso_settings')
    .addColumn('requires_sso', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect.ts';

// Who is refitting an organization's model: 'running' while a refit runs (so a second one, from
// any instance or command, waits its turn), and 'nightly:YYYY-MM-DD' for the night's refit, which
// only the first instance to claim it runs. The key makes each claim a single insert that wins once.
export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('refit_claims')
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('claim', 'text', (c) => c.notNull())
    .addColumn('claimed_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('refit_claims_pk', ['org_id', 'claim'])
    .execute();
}

import type { Db } from '../../db/database.ts';

/** Without a reporting currency, the database's default (USD). */
export async function insertOrganization(
  db: Db,
  org: { id: string; name: string; at: string; reportingCurrency?: string },
): Promise<void> {
  await db
    .insertInto('organizations')
    .values({
      id: org.id,
      name: org.name,
      created_at: org.at,
      ...(org.reportingCurrency ? { reporting_currency: org.reportingCurrency } : {}),
    })
    .execute();
}

export async function listOrganizations(db: Db): Promise<Array<{ id: string; name: string }>> {
  return db.selectFrom('organizations').select(['id', 'name']).orderBy('created_at').execute();
}

/** By id, or by name ignoring case, as people type it on the command line. */
export async function findOrganization(db: Db, nameOrId: string): Promise<{ id: string; name: string } | undefined> {
  return db
    .selectFrom('organizations')
    .select(['id', 'name'])
    .where((eb) => eb.or([eb('id', '=', nameOrId), eb(eb.fn('lower', ['name']), '=', nameOrId.toLowerCase())]))
    .orderBy('created_at')
    .executeTakeFirst();
}

export async function countOrganizations(db: Db): Promise<number> {
  const row = await db
    .selectFrom('organizations')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

import type { Db } from '../../db/database.ts';
import type { ReportingLine } from '../../domain/access.ts';
import type { Role } from '../../domain/enums.ts';
import type { User } from '../../contract/users.ts';
import type { Flag } from '../../db/schema.ts';

/** A person of the organization: who they report to and how they are named. */
export type Person = ReportingLine & { name: string };

/**
 * Everyone of the organization, with who reports to whom (every request needs it) and their names
 * (every knowledge page and assessment shows who recorded what): cached in AppDeps.caches.people.
 */
export async function listPeople(db: Db, orgId: string): Promise<Person[]> {
  const rows = await db.selectFrom('users').select(['id', 'manager_id', 'name']).where('org_id', '=', orgId).execute();
  return rows.map((r) => ({ id: r.id, managerId: r.manager_id, name: r.name }));
}

function selectUsers(db: Db, orgId: string) {
  return db
    .selectFrom('users')
    .leftJoin('users as managers', 'managers.id', 'users.manager_id')
    .select([
      'users.id',
      'users.email',
      'users.name',
      'users.role',
      'users.manager_id',
      'managers.name as manager_name',
      'users.is_active',
      'users.created_at',
      'users.updated_at',
      'users.version',
    ])
    .where('users.org_id', '=', orgId);
}

type UserRow = Awaited<ReturnType<ReturnType<typeof selectUsers>['executeTakeFirstOrThrow']>>;

function toUser(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role as Role,
    managerId: row.manager_id,
    managerName: row.manager_name ?? null,
    isActive: row.is_active === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

export async function listUsers(db: Db, orgId: string): Promise<User[]> {
  const rows = await selectUsers(db, orgId).orderBy('users.name').execute();
  return rows.map(toUser);
}

export async function findUser(db: Db, orgId: string, id: string): Promise<User | undefined> {
  const row = await selectUsers(db, orgId).where('users.id', '=', id).executeTakeFirst();
  return row ? toUser(row) : undefined;
}

export async function isEmailTaken(db: Db, email: string): Promise<boolean> {
  const row = await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst();
  return row !== undefined;
}

export async function countActiveReports(db: Db, managerId: string): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('manager_id', '=', managerId)
    .where('is_active', '=', 1)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export type UserRecord = {
  id: string;
  orgId: string;
  email: string;
  name: string;
  role: Role;
  managerId: string | null;
  isActive: boolean;
  passwordHash: string | null;
  at: string;
};

export async function insertUser(db: Db, user: UserRecord): Promise<void> {
  await db
    .insertInto('users')
    .values({
      id: user.id,
      org_id: user.orgId,
      email: user.email,
      name: user.name,
      role: user.role,
      manager_id: user.managerId,
      is_active: user.isActive ? 1 : 0,
      password_hash: user.passwordHash,
      created_at: user.at,
      updated_at: user.at,
      version: 1,
    })
    .execute();
}

export type UserPatch = Partial<{
  name: string;
  role: Role;
  managerId: string | null;
  isActive: boolean;
  passwordHash: string;
}>;

/** Applies the patch if the row is still at `version`; returns whether it was. */
export async function updateUserAtVersion(
  db: Db,
  target: { orgId: string; id: string; version: number },
  patch: UserPatch,
  at: string,
): Promise<boolean> {
  const result = await db
    .updateTable('users')
    .set((eb) => ({
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.role !== undefined ? { role: patch.role } : {}),
      ...(patch.managerId !== undefined ? { manager_id: patch.managerId } : {}),
      ...(patch.isActive !== undefined ? { is_active: (patch.isActive ? 1 : 0) as Flag } : {}),
      ...(patch.passwordHash !== undefined ? { password_hash: patch.passwordHash } : {}),
      updated_at: at,
      version: eb('version', '+', 1),
    }))
    .where('org_id', '=', target.orgId)
    .where('id', '=', target.id)
    .where('version', '=', target.version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDbWithOrganization } from '../testing/test-db.ts';
import { withBulkRows } from './bulk-rows.ts';
import type { DbHandle } from './database.ts';

let handle: DbHandle;

beforeAll(async () => {
  handle = await createTestDbWithOrganization();
});
afterAll(() => handle.close());

const COLUMNS = {
  id: 'text',
  org_id: 'text',
  email: 'text',
  name: 'text',
  role: 'text',
  manager_id: 'text',
  is_active: 'integer',
  password_hash: 'text',
  created_at: 'text',
  updated_at: 'text',
  version: 'integer',
} as const;

const user = (n: number, managerId: string | null) => ({
  id: `u-${n}`,
  org_id: 'org-1',
  email: `person${n}@acme.test`,
  name: `Person ${n}, "quoted" {braced}`,
  role: 'seller',
  manager_id: managerId,
  is_active: (n % 2) as 0 | 1,
  password_hash: null,
  created_at: '2026-11-20T09:00:00.000Z',
  updated_at: '2026-11-20T09:00:00.000Z',
  version: n,
});

describe('bulk rows', () => {
  it('writes every row with its nulls, numbers and awkward text, through conflicts and returning', async () => {
    const rows = [user(1, null), user(2, 'u-1'), user(3, 'u-1')];
    const returned = await withBulkRows(handle.db.insertInto('users'), handle.dialect, COLUMNS, rows)
      .returning(['id'])
      .execute();
    expect(returned.map((r) => r.id).sort()).toEqual(['u-1', 'u-2', 'u-3']);
    // the same ids again: the conflict clause applies to the rows as it does to VALUES
    await withBulkRows(handle.db.insertInto('users'), handle.dialect, COLUMNS, [{ ...user(2, null), name: 'Renamed' }])
      .onConflict((oc) => oc.column('id').doUpdateSet((eb) => ({ name: eb.ref('excluded.name') })))
      .execute();
    const stored = await handle.db
      .selectFrom('users')
      .select(['id', 'name', 'manager_id', 'is_active', 'password_hash', 'version'])
      .orderBy('id')
      .execute();
    expect(stored.map((r) => ({ ...r, is_active: Number(r.is_active), version: Number(r.version) }))).toEqual([
      {
        id: 'u-1',
        name: 'Person 1, "quoted" {braced}',
        manager_id: null,
        is_active: 1,
        password_hash: null,
        version: 1,
      },
      { id: 'u-2', name: 'Renamed', manager_id: 'u-1', is_active: 0, password_hash: null, version: 2 },
      {
        id: 'u-3',
        name: 'Person 3, "quoted" {braced}',
        manager_id: 'u-1',
        is_active: 1,
        password_hash: null,
        version: 3,
      },
    ]);
  });
});

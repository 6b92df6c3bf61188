import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDbWithOrganization } from '../testing/test-db.ts';
import type { DbHandle } from './database.ts';
import { isForeignKeyViolation, uniqueViolation } from './constraints.ts';

let handle: DbHandle;

beforeAll(async () => {
  handle = await createTestDbWithOrganization();
});
afterAll(() => handle.close());

const user = (id: string, email: string) => ({
  id,
  org_id: 'org-1',
  email,
  name: 'Someone',
  role: 'seller',
  manager_id: null,
  is_active: 1 as const,
  password_hash: null,
  created_at: '2026-11-20T09:00:00.000Z',
  updated_at: '2026-11-20T09:00:00.000Z',
  version: 1,
});

async function refusal(write: () => Promise<unknown>): Promise<unknown> {
  try {
    await write();
  } catch (error) {
    return error;
  }
  throw new Error('the write was accepted');
}

describe('constraint violations', () => {
  it('names the column of a duplicate unique value, as the driver reports it', async () => {
    await handle.db.insertInto('users').values(user('u-1', 'one@acme.test')).execute();
    const error = await refusal(() => handle.db.insertInto('users').values(user('u-2', 'one@acme.test')).execute());
    expect(uniqueViolation(error)?.columns).toEqual(['email']);
  });

  it('names the column of a duplicate primary key', async () => {
    const error = await refusal(() => handle.db.insertInto('users').values(user('u-1', 'other@acme.test')).execute());
    expect(uniqueViolation(error)?.columns).toEqual(['id']);
  });

  it('tells a reference to a missing row from a duplicate', async () => {
    const error = await refusal(() =>
      handle.db
        .insertInto('users')
        .values({ ...user('u-3', 'three@acme.test'), org_id: 'no-such-org' })
        .execute(),
    );
    expect(uniqueViolation(error)).toBeNull();
    expect(isForeignKeyViolation(error)).toBe(true);
  });

  it('leaves every other failure alone', async () => {
    expect(isForeignKeyViolation(new Error('boom'))).toBe(false);
    expect(uniqueViolation(new Error('boom'))).toBeNull();
    expect(uniqueViolation(undefined)).toBeNull();
  });
});

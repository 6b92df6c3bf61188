import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from './database.ts';
import { preparedQuery } from './prepared.ts';
import { createTestDb } from '../testing/test-db.ts';

let handle: DbHandle;
const at = '2026-01-01T00:00:00.000Z';

beforeAll(async () => {
  handle = await createTestDb();
  await handle.db
    .insertInto('organizations')
    .values([
      { id: 'o1', name: 'One', created_at: at },
      { id: 'o2', name: 'Two', created_at: at },
    ])
    .execute();
  await handle.db
    .insertInto('stages')
    .values(
      ['Qualify', 'Discover', 'Propose', 'Commit'].map((name, i) => ({
        id: `s${i + 1}`,
        org_id: i < 3 ? 'o1' : 'o2',
        name,
        position: i + 1,
        probability: (i + 1) * 20,
        is_active: 1,
        created_at: at,
        updated_at: at,
        version: 1,
      })),
    )
    .execute();
});
afterAll(() => handle.close());

const stagesAbove = preparedQuery((db, args: { orgId: string; min: number }) =>
  db
    .selectFrom('stages')
    .select(['name', 'probability'])
    .where('org_id', '=', args.orgId)
    .where('probability', '>=', args.min)
    .where('is_active', '=', 1)
    .orderBy('position'),
);
const stagesNamed = preparedQuery((db, args: { names: readonly string[] }) =>
  db.selectFrom('stages').select('name').where('name', 'in', args.names).orderBy('position'),
);

describe('preparedQuery', () => {
  it('runs the same statement with each call’s values, constants kept', async () => {
    expect(await stagesAbove(handle.db, { orgId: 'o1', min: 40 })).toEqual([
      { name: 'Discover', probability: 40 },
      { name: 'Propose', probability: 60 },
    ]);
    expect(await stagesAbove(handle.db, { orgId: 'o2', min: 0 })).toEqual([{ name: 'Commit', probability: 80 }]);
    expect(await stagesAbove(handle.db, { orgId: 'o1', min: 100 })).toEqual([]);
  });

  it('gives lists of each length their own statement', async () => {
    expect(await stagesNamed(handle.db, { names: ['Commit'] })).toEqual([{ name: 'Commit' }]);
    expect(await stagesNamed(handle.db, { names: ['Propose', 'Qualify', 'Nope'] })).toEqual([
      { name: 'Qualify' },
      { name: 'Propose' },
    ]);
    expect(await stagesNamed(handle.db, { names: ['Discover'] })).toEqual([{ name: 'Discover' }]);
  });

  it('treats values that look like SQL as plain values', async () => {
    expect(await stagesAbove(handle.db, { orgId: "o1' or '1'='1", min: 0 })).toEqual([]);
  });

  it('refuses a builder that uses an argument to shape the query', async () => {
    const shaped = preparedQuery((db, args: { orgId: string }) =>
      db
        .selectFrom('stages')
        .select('name')
        .$if(args.orgId !== '', (q) => q.where('is_active', '=', 1)),
    );
    await expect(shaped(handle.db, { orgId: 'o1' })).rejects.toThrow(/argument 'orgId' is not a bound value/);
  });
});

import type { Db } from '../../db/database.ts';
import type { AppCaches } from '../cache.ts';
import { listPeople, type Person } from './users.repo.ts';

/** The organization's people (reporting lines and names), from the cache every request warms. */
export function cachedPeople(db: Db, caches: AppCaches, orgId: string): Promise<Person[]> {
  return caches.people.get(orgId, '', () => listPeople(db, orgId));
}

const namesByList = new WeakMap<readonly Person[], ReadonlyMap<string, string>>();

/** People's names by id, from the same cache (made once per cached list). */
export async function cachedUserNames(db: Db, caches: AppCaches, orgId: string): Promise<ReadonlyMap<string, string>> {
  const people = await cachedPeople(db, caches, orgId);
  let names = namesByList.get(people);
  if (!names) namesByList.set(people, (names = new Map(people.map((p) => [p.id, p.name]))));
  return names;
}

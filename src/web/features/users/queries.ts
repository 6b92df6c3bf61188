import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { api } from '../../app/api.ts';
import type { User } from '../../../contract/users.ts';
import { descendantsOf } from '../../../domain/access.ts';
import type { SessionUser } from '../../../contract/auth.ts';

export const usersKey = ['users'] as const;

/** Everyone in the organization (names appear as owners and in history everywhere). */
export function useUsers() {
  return useQuery({
    queryKey: usersKey,
    queryFn: async () => (await api.get<{ items: User[] }>('/api/users')).items,
    staleTime: 60_000,
  });
}

/** id -> person, for resolving owners and managers by id. */
export function useUserMap(): Map<string, User> {
  const { data } = useUsers();
  return useMemo(() => new Map((data ?? []).map((u) => [u.id, u])), [data]);
}

/**
 * The people whose records `me` may see and assign: everyone for an administrator, otherwise
 * themselves and everyone below them in the manager hierarchy (the API's own rule).
 */
export function visiblePeople(me: SessionUser, users: readonly User[]): User[] {
  if (me.role === 'admin') return [...users];
  const ids = new Set([me.id, ...descendantsOf(me.id, users)]);
  return users.filter((u) => ids.has(u.id));
}

/** Select options for choosing an owner: active people in scope, yourself first. */
export function ownerOptions(me: SessionUser, users: readonly User[], keepId?: string | null) {
  const people = visiblePeople(me, users).filter((u) => u.isActive || u.id === keepId);
  people.sort((a, b) => (a.id === me.id ? -1 : b.id === me.id ? 1 : a.name.localeCompare(b.name)));
  return people.map((u) => ({
    value: u.id,
    label: u.id === me.id ? `${u.name} (you)` : u.isActive ? u.name : `${u.name} (deactivated)`,
  }));
}

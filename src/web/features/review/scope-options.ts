import { useMemo } from 'react';
import { useCurrentUser } from '../../app/auth.tsx';
import { descendantsOf } from '../../../domain/access.ts';
import { useUsers, visiblePeople } from '../users/queries.ts';

// Whose deals a pipeline page shows (the review, the forecast): the caller's own scope first, then
// the teams of the managers below them, then each person, as the API's scope rules allow.

export function usePipelineScopes(): Array<{ value: string; label: string }> {
  const me = useCurrentUser();
  const users = useUsers();
  return useMemo(() => {
    const all = users.data ?? [];
    const people = visiblePeople(me, all).filter((u) => u.isActive);
    const managers = people.filter((u) => u.id !== me.id && descendantsOf(u.id, all).length > 0);
    return [
      { value: '', label: me.role === 'admin' ? 'Whole organization' : me.role === 'manager' ? 'My team' : 'My deals' },
      ...managers.map((u) => ({ value: `team:${u.id}`, label: `${u.name}’s team` })),
      ...people
        .filter((u) => u.id !== me.id || me.role !== 'seller')
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((u) => ({ value: `owner:${u.id}`, label: u.id === me.id ? `${u.name} (you), own deals` : u.name })),
    ];
  }, [me, users.data]);
}

/** The select's value for a team or owner parameter, and the parameters for a chosen value. */
export const scopeValue = (p: { team?: string | undefined; owner?: string | undefined }) =>
  p.team ? `team:${p.team}` : p.owner ? `owner:${p.owner}` : '';

export function scopeParams(value: string | null): { team: string | null; owner: string | null } {
  const [kind, id] = (value ?? '').split(':');
  return { team: kind === 'team' ? (id ?? null) : null, owner: kind === 'owner' ? (id ?? null) : null };
}

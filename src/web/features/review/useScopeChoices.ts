import { useMemo } from 'react';
import { useCurrentUser } from '../../app/auth.tsx';
import type { ParamPatch } from '../../shared/useListParams.ts';
import { descendantsOf } from '../../../domain/access.ts';
import { useUsers, visiblePeople } from '../users/queries.ts';

/**
 * Whose deals a review covers, as a select offers it: the caller's own scope (the organization, my
 * team or my deals), each manager's team and each person they can see; kept in the address as
 * `team` or `owner`. The pipeline review and the win/loss review choose alike.
 */
export function useScopeChoices(params: { team?: string | undefined; owner?: string | undefined }) {
  const me = useCurrentUser();
  const users = useUsers();
  const choices = useMemo(() => {
    const people = visiblePeople(me, users.data ?? []).filter((u) => u.isActive);
    const all = users.data ?? [];
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
  const value = params.team ? `team:${params.team}` : params.owner ? `owner:${params.owner}` : '';
  /** the address change that selects `choice` */
  const patchFor = (choice: string | null): ParamPatch => {
    const [kind, id] = (choice ?? '').split(':');
    return { team: kind === 'team' ? id : null, owner: kind === 'owner' ? id : null };
  };
  // a seller who sees nobody else has nothing to choose
  const worthShowing = me.role !== 'seller' || choices.length > 1;
  return { choices, value, patchFor, worthShowing };
}

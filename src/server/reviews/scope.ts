import { canSeeOwner, descendantsOf, type Actor } from '../../domain/access.ts';
import type { AppDeps } from '../deps.ts';
import { AppError } from '../errors.ts';
import { findOrganization } from '../organizations/index.ts';
import { cachedPeople } from '../users/index.ts';

// Whose deals a pipeline view covers (the review, the win/loss review, the forecast): a team (a
// person and everyone below them), one person's own deals, or the organization; checked against
// what the actor may see, so a manager's view never reaches outside their hierarchy.

export type ScopeQuery = { team?: string | undefined; owner?: string | undefined };

export type PipelineScope = {
  owners: 'all' | string[];
  kind: 'organization' | 'team' | 'owner';
  id: string | null;
  name: string;
  /** "org", "team:<id>" or "owner:<id>": how targets and calls name it */
  key: string;
};

/** The scope a query names, or the actor's own (their team, or their own deals). */
export async function scopeOf(deps: AppDeps, actor: Actor, query: ScopeQuery): Promise<PipelineScope> {
  if (query.team && query.owner)
    throw new AppError('invalid-input', 'Give a team or an owner, not both', {
      fields: { owner: 'Give a team or an owner, not both' },
    });
  const people = await cachedPeople(deps.db, deps.caches, actor.orgId);
  const person = (id: string, field: 'team' | 'owner') => {
    const found = people.find((p) => p.id === id);
    // someone of another organization, or outside the actor's hierarchy, is not there for them
    if (!found || !canSeeOwner(actor, id))
      throw new AppError('not-found', `${field}: nobody you can see has this id`, {
        fields: { [field]: 'Nobody you can see has this id' },
      });
    return found;
  };
  if (query.owner) {
    const owner = person(query.owner, 'owner');
    return { owners: [owner.id], kind: 'owner', id: owner.id, name: owner.name, key: `owner:${owner.id}` };
  }
  const rootId = query.team ?? (actor.visibleOwnerIds === 'all' ? null : actor.userId);
  if (rootId === null) {
    const org = await findOrganization(deps.db, actor.orgId);
    return { owners: 'all', kind: 'organization', id: null, name: org?.name ?? 'Organization', key: 'org' };
  }
  const root = person(rootId, 'team');
  const team = [root.id, ...descendantsOf(root.id, people)].filter((id) => canSeeOwner(actor, id));
  return team.length === 1
    ? { owners: team, kind: 'owner', id: root.id, name: root.name, key: `owner:${root.id}` }
    : { owners: team, kind: 'team', id: root.id, name: `${root.name}’s team`, key: `team:${root.id}` };
}

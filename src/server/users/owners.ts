import type { Db } from '../../db/database.ts';
import { canSeeOwner, type Actor } from '../../domain/access.ts';
import { unprocessable } from '../errors.ts';
import { findUser } from './users.repo.ts';

/**
 * Checks that records may be given to `ownerId`: an active person of the organization within the
 * actor's scope (a seller can only own things themselves; a manager can give them to their team).
 */
export async function assertAssignableOwner(db: Db, actor: Actor, ownerId: string, field = 'ownerId'): Promise<void> {
  const owner = await findUser(db, actor.orgId, ownerId);
  if (!owner || !canSeeOwner(actor, ownerId)) {
    throw unprocessable(field, 'Choose an owner from your own team');
  }
  if (!owner.isActive) throw unprocessable(field, `${owner.name} is deactivated and cannot own records`);
}

import { randomUUID } from 'node:crypto';
import { DEFAULT_STAGES } from '../../domain/stages.ts';
import type { User } from '../../contract/users.ts';
import { appendAuditEvents } from '../audit/index.ts';
import { hashPassword } from '../auth/index.ts';
import { forgetOrganization } from '../cache.ts';
import type { AppDeps } from '../deps.ts';
import { insertStages } from '../stages/index.ts';
import { AppError } from '../errors.ts';
import { inTransaction } from '../transaction.ts';
import { addUser } from '../users/index.ts';
import { findOrganization, insertOrganization } from './organizations.repo.ts';

/**
 * A new tenant, all or nothing: the organization, its first administrator and the default stages.
 * Names are unique (ignoring case), since the command line picks organizations by name.
 */
export async function createOrganization(
  deps: AppDeps,
  input: { id?: string; name: string; admin: { email: string; name: string; password?: string | undefined } },
): Promise<{ orgId: string; admin: User }> {
  const orgId = input.id ?? randomUUID();
  const at = deps.now().toISOString();
  const passwordHash = input.admin.password ? await hashPassword(input.admin.password, deps.config.passwordCost) : null;
  const created = await inTransaction(deps, async (tx) => {
    if (await findOrganization(tx, input.name))
      throw new AppError('conflict', `An organization named "${input.name}" already exists`);
    await insertOrganization(tx, { id: orgId, name: input.name, at });
    const admin = await addUser(
      tx,
      { orgId, actorId: null, at },
      { email: input.admin.email, name: input.admin.name, role: 'admin' },
      passwordHash,
    );
    const stages = DEFAULT_STAGES.map((s, i) => ({
      id: randomUUID(),
      orgId,
      name: s.name,
      position: i + 1,
      probability: s.probability,
      at,
    }));
    await insertStages(tx, stages);
    await appendAuditEvents(
      tx,
      stages.map((s) => ({
        orgId,
        entityType: 'stage' as const,
        entityId: s.id,
        action: 'create' as const,
        actorId: admin.id,
        at,
        changes: [
          { field: 'name', from: null, to: s.name },
          { field: 'probability', from: null, to: s.probability },
        ],
      })),
    );
    return { orgId, admin };
  });
  forgetOrganization(deps.caches, orgId);
  return created;
}

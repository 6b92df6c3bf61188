import type { Role } from './enums.ts';

/**
 * Who a signed-in person is, and whose records they may see. Resolved once per request from the
 * session or token; every service takes it and every repository query is narrowed by it.
 */
export type Actor = {
  userId: string;
  orgId: string;
  role: Role;
  /** 'all' for admins; otherwise the actor plus everyone below them in the manager hierarchy */
  visibleOwnerIds: 'all' | readonly string[];
  /** what a personal API token may do; absent for a signed-in person (all they may do) */
  scopes?: readonly TokenScope[];
};

/** A token reads; with write it also changes records; with admin an administrator's token also administers. */
export const TOKEN_SCOPES = ['read', 'write', 'admin'] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

export type ReportingLine = { id: string; managerId: string | null };

/** Everyone below `rootId` in the hierarchy, nearest first; tolerant of accidental cycles. */
export function descendantsOf(rootId: string, people: readonly ReportingLine[]): string[] {
  const reportsByManager = new Map<string, string[]>();
  for (const p of people) {
    if (!p.managerId) continue;
    const list = reportsByManager.get(p.managerId) ?? [];
    list.push(p.id);
    reportsByManager.set(p.managerId, list);
  }
  const seen = new Set<string>([rootId]);
  const order: string[] = [];
  const queue = [rootId];
  while (queue.length > 0) {
    const current = queue.shift()!;
    for (const report of reportsByManager.get(current) ?? []) {
      if (seen.has(report)) continue;
      seen.add(report);
      order.push(report);
      queue.push(report);
    }
  }
  return order;
}

export function visibleOwnersFor(
  user: { id: string; role: Role },
  people: readonly ReportingLine[],
): Actor['visibleOwnerIds'] {
  if (user.role === 'admin') return 'all';
  return [user.id, ...descendantsOf(user.id, people)];
}

export function canSeeOwner(actor: Actor, ownerId: string): boolean {
  return actor.visibleOwnerIds === 'all' || actor.visibleOwnerIds.includes(ownerId);
}

export function isAdmin(actor: Actor): boolean {
  return actor.role === 'admin' && (actor.scopes === undefined || actor.scopes.includes('admin'));
}

/**
 * Would making `managerId` the manager of `userId` close a loop? (A manager cannot report,
 * directly or indirectly, to one of their own reports.)
 */
export function wouldCreateCycle(userId: string, managerId: string, people: readonly ReportingLine[]): boolean {
  if (userId === managerId) return true;
  return descendantsOf(userId, people).includes(managerId);
}

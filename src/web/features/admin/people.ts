import type { User } from '../../../contract/users.ts';
import { descendantsOf } from '../../../domain/access.ts';

/**
 * Who may be `user`'s manager: active managers and administrators, except the user and anyone
 * reporting to them (that would make a loop). `user` is null when adding someone.
 */
export function managerOptions(users: readonly User[], user: User | null) {
  const excluded = new Set(user ? [user.id, ...descendantsOf(user.id, users)] : []);
  return users
    .filter((u) => u.role !== 'seller' && u.isActive && !excluded.has(u.id))
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((u) => ({ value: u.id, label: `${u.name} (${u.role === 'admin' ? 'administrator' : 'manager'})` }));
}

export type TreeNode = { user: User; reports: TreeNode[] };

/** The reporting lines as a forest: people without a manager at the top, reports beneath. */
export function buildHierarchy(users: readonly User[]): TreeNode[] {
  const byManager = new Map<string | null, User[]>();
  const ids = new Set(users.map((u) => u.id));
  for (const u of users) {
    const key = u.managerId && ids.has(u.managerId) ? u.managerId : null;
    byManager.set(key, [...(byManager.get(key) ?? []), u]);
  }
  const rank = { admin: 0, manager: 1, seller: 2 } as const;
  const order = (list: User[]) => [...list].sort((a, b) => rank[a.role] - rank[b.role] || a.name.localeCompare(b.name));
  const seen = new Set<string>();
  const grow = (user: User): TreeNode => {
    seen.add(user.id);
    return {
      user,
      reports: order(byManager.get(user.id) ?? [])
        .filter((r) => !seen.has(r.id))
        .map(grow),
    };
  };
  return order(byManager.get(null) ?? []).map(grow);
}

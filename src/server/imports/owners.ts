import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/database.ts';
import * as repo from './imports.repo.ts';

// The people an import's owner cells name: found among the organization's by e-mail, else by name,
// else added as inactive people (one look-up of taken addresses and one insert per batch), and
// remembered for the rest of the import.

export type OwnerCell = { name: string | null; email: string | null };

export class ImportOwners {
  private readonly byEmail = new Map<string, string>();
  private readonly byName = new Map<string, string>();

  constructor(people: ReadonlyArray<{ id: string; email: string; name: string }>) {
    for (const p of people) this.remember(p.id, p.email.toLowerCase(), p.name);
  }

  /** Each cell's person (null for an empty cell), adding the ones not found; answers how many were added. */
  async resolve(
    tx: Db,
    stamp: { orgId: string; at: string },
    cells: ReadonlyArray<OwnerCell | null>,
  ): Promise<{ ids: Array<string | null>; created: number }> {
    const fresh = new Map<string, { email: string | null; name: string }>();
    for (const cell of cells) {
      if (cell && !this.find(cell)) {
        const key = cell.email ? `e:${cell.email}` : `n:${cell.name!.toLowerCase()}`;
        fresh.set(key, { email: cell.email, name: cell.name ?? cell.email!.split('@')[0]! });
      }
    }
    if (fresh.size > 0) {
      const taken = await repo.takenEmails(
        tx,
        [...fresh.values()].flatMap((p) => (p.email ? [p.email] : [])),
      );
      const people = [...fresh.values()].map((p) => ({
        id: randomUUID(),
        orgId: stamp.orgId,
        // e-mail addresses are unique across organizations: one used elsewhere is not taken over
        email: p.email && !taken.has(p.email) ? p.email : `imported-${randomUUID().slice(0, 13)}@imported.invalid`,
        name: p.name.slice(0, 200),
        at: stamp.at,
        given: p.email,
      }));
      await repo.insertInactivePeople(tx, people);
      for (const p of people) this.remember(p.id, p.given, p.name);
    }
    return { ids: cells.map((cell) => (cell ? this.find(cell)! : null)), created: fresh.size };
  }

  private find(cell: OwnerCell): string | undefined {
    return (
      (cell.email ? this.byEmail.get(cell.email) : undefined) ??
      (cell.name ? this.byName.get(cell.name.toLowerCase()) : undefined)
    );
  }

  private remember(id: string, email: string | null, name: string): void {
    if (email) this.byEmail.set(email, id);
    if (!this.byName.has(name.toLowerCase())) this.byName.set(name.toLowerCase(), id);
  }
}

import type { WinModel } from '../domain/assessment/model.ts';

// Small in-process caches for figures that are costly to compute on every request and harmless
// to serve a few seconds old: a list's total count, an organization's reporting lines, the
// win rate and deal sizes the prior model is calibrated on. Writes in
// this process drop the affected organization's entries at once; another instance sharing the
// database sees the change when its own entries expire (ttlMs).

type Entry<V> = { value: V; expires: number; generation: number };

export class OrgCache<V> {
  private readonly entries = new Map<string, Entry<V>>();
  private readonly generations = new Map<string, number>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 5000,
  ) {}

  /** The cached value for (org, key), or the one `compute` gives (then kept). */
  async get(orgId: string, key: string, compute: () => Promise<V>): Promise<V> {
    const id = `${orgId}\u0000${key}`;
    const generation = this.generations.get(orgId) ?? 0;
    const hit = this.entries.get(id);
    if (hit && hit.generation === generation && hit.expires > Date.now()) return hit.value;
    const value = await compute();
    // a write that happened while computing makes this value suspect: do not keep it
    if ((this.generations.get(orgId) ?? 0) === generation) {
      if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
      this.entries.set(id, { value, expires: Date.now() + this.ttlMs, generation });
    }
    return value;
  }

  /** Something of this organization changed: forget everything cached for it. */
  invalidate(orgId: string): void {
    this.generations.set(orgId, (this.generations.get(orgId) ?? 0) + 1);
  }
}

/** Total counts of opportunity lists, per organization, scope and filter. */
export const opportunityCounts = new OrgCache<number>(10_000);
/** Who reports to whom, per organization. */
export const reportingLines = new OrgCache<Array<{ id: string; managerId: string | null }>>(10_000);
/**
 * The prior model calibrated on an organization's outcomes (win rate, large-deal size, cycle
 * length): a scan of all its deals, needed by every assessment until a model is fitted.
 */
export const calibratedPriors = new OrgCache<WinModel>(60_000, 1000);

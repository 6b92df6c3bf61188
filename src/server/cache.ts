import type { EngineSetup } from '../domain/assessment/engine.ts';
import type { ReportingLine } from '../domain/access.ts';
import type { WinModel } from '../domain/assessment/model.ts';
import type { Objective } from '../contract/knowledge.ts';
import type { RateBook } from '../domain/money/convert.ts';
import type { GapRuleSet } from '../domain/coaching/gap-rule-set.ts';
import type { Configuration as OidcProvider } from 'openid-client';
import type { WebhookEvent } from '../domain/webhooks/webhooks.ts';

// Small in-process caches for figures that are costly to compute on every request and harmless
// to serve a few seconds old: a list's total count, an organization's people (reporting lines and
// names), the win rate and deal sizes the prior model is calibrated on, the engine's model,
// objectives and rule settings, the gap rules. One set per app (AppDeps.caches), timed by the app's clock. The
// use cases that change what a cache holds drop the organization's entries at once; another
// instance sharing the database sees the change when its own entries expire (ttlMs).

type Entry<V> = { value: V; expires: number; generation: number };

export class OrgCache<V> {
  private readonly entries = new Map<string, Entry<V>>();
  private readonly generations = new Map<string, number>();

  constructor(
    private readonly now: () => Date,
    private readonly ttlMs: number,
    private readonly maxEntries = 5000,
  ) {}

  /** The cached value for (org, key), or the one `compute` gives (then kept). */
  async get(orgId: string, key: string, compute: () => Promise<V>): Promise<V> {
    const id = `${orgId}\u0000${key}`;
    const generation = this.generations.get(orgId) ?? 0;
    const hit = this.entries.get(id);
    if (hit && hit.generation === generation && hit.expires > this.now().getTime()) return hit.value;
    const value = await compute();
    // a write that happened while computing makes this value suspect: do not keep it
    if ((this.generations.get(orgId) ?? 0) === generation) {
      if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
      this.entries.set(id, { value, expires: this.now().getTime() + this.ttlMs, generation });
    }
    return value;
  }

  /** Something of this organization changed: forget everything cached for it. */
  invalidate(orgId: string): void {
    this.generations.set(orgId, (this.generations.get(orgId) ?? 0) + 1);
  }
}

/** The engine's setup as stored: no model until one is fitted (the calibrated prior stands in). */
export type StoredSetup = Omit<EngineSetup, 'model'> & { model: WinModel | undefined };

export type AppCaches = {
  /** total counts of opportunity lists, per scope and filter */
  opportunityCounts: OrgCache<number>;
  /**
   * the organization's people: who reports to whom (every request's visibility) and their names
   * (every knowledge page and assessment names who recorded what)
   */
  people: OrgCache<Array<ReportingLine & { name: string }>>;
  /**
   * the prior model calibrated on the organization's outcomes (win rate, large-deal size, cycle
   * length): a scan of all its deals, needed by every assessment until a model is fitted
   */
  calibratedPriors: OrgCache<WinModel>;
  /** the current model, objectives and rule settings every assessment starts from */
  engineSetups: OrgCache<StoredSetup>;
  /** the organization's objectives as worded and weighted now (every knowledge page shows them) */
  objectives: OrgCache<Objective[]>;
  /** the reporting currency and its rates: every page of the opportunity list converts amounts */
  rateBooks: OrgCache<RateBook>;
  /** the gap rules every scorecard and team view is read with */
  gapRules: OrgCache<GapRuleSet>;
  /** the organization's sign-in provider as discovered (its endpoints and keys), read again hourly */
  ssoProviders: OrgCache<OidcProvider>;
  /**
   * the enabled webhook endpoints and what each listens to: every change that may emit an event
   * asks, and most organizations have none
   */
  webhookSubscribers: OrgCache<ReadonlyArray<{ id: string; events: readonly WebhookEvent[] }>>;
};

/** Everything cached for one organization is dropped (the demo's load, a new organization). */
export function forgetOrganization(caches: AppCaches, orgId: string): void {
  for (const cache of Object.values(caches)) cache.invalidate(orgId);
}

export function createCaches(now: () => Date): AppCaches {
  return {
    opportunityCounts: new OrgCache(now, 10_000),
    people: new OrgCache(now, 10_000),
    calibratedPriors: new OrgCache(now, 60_000, 1000),
    engineSetups: new OrgCache(now, 10_000, 1000),
    objectives: new OrgCache(now, 10_000, 1000),
    rateBooks: new OrgCache(now, 10_000, 1000),
    gapRules: new OrgCache(now, 10_000, 1000),
    ssoProviders: new OrgCache(now, 60 * 60_000, 1000),
    webhookSubscribers: new OrgCache(now, 10_000, 1000),
  };
}

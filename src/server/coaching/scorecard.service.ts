import type { Scorecard, ScorecardIndicator, TeamCoaching } from '../../contract/scorecard.ts';
import { canSeeOwner, descendantsOf, type Actor } from '../../domain/access.ts';
import { DANGER_ZONE_RULES } from '../../domain/assessment/catalog.ts';
import type { GapRuleSet } from '../../domain/coaching/gap-rule-set.ts';
import {
  evaluateGaps,
  INDICATOR_ZONES,
  type GapFlag,
  type PeerReading,
  type SellerReading,
  type ZoneRecurrence,
} from '../../domain/coaching/gap-rules.ts';
import {
  INDICATOR_KEYS,
  INDICATORS,
  indicatorValues,
  median,
  ZONE_INDICATORS,
  type IndicatorKey,
  type OpenFigures,
  type WindowFigures,
} from '../../domain/coaching/indicators.ts';
import { ROOT_CAUSES } from '../../domain/coaching/root-causes.ts';
import { addDays, toDateOnly } from '../../domain/dates.ts';
import { gapKey, isStanding, nextSightings, SIGHTING_QUIET_DAYS } from '../../domain/coaching/gap-sightings.ts';
import { conversionFactor, type RateBook } from '../../domain/money/convert.ts';
import { rateBook, requireRates } from '../currency/index.ts';
import { snapshotDays } from '../forecast/index.ts';
import type { AppDeps } from '../deps.ts';
import { AppError, notFound } from '../errors.ts';
import { cachedPeople } from '../users/index.ts';
import { organizationGapRules } from './gap-rules.service.ts';
import * as sightingsRepo from './gap-sightings.repo.ts';
import * as repo from './scorecard.repo.ts';

// A seller's scorecard and their manager's team view, both read from the same per-seller sums of
// the whole organization (the peers' medians need every seller anyway): a handful of statements
// however many sellers and deals there are.

/** Results read over the last 180 days, against the 180 before; pipeline created over 90 against 90. */
const RESULT_DAYS = 180;
const CREATED_DAYS = 90;
/** A leading indicator's baseline: the snapshot about a month old. */
const BASELINE_DAYS = 28;
/** How far back the weekly trend reaches. */
const TREND_DAYS = 84;

const ZONE_IDS = DANGER_ZONE_RULES.map((z) => z.id);
const EMPTY_OPEN: OpenFigures = { deals: 0, coverageSum: 0, zoneCounts: {}, withSellerFigure: 0, sellerGapSum: 0 };
/** No open deal on a snapshot's day: nothing open to read, coverage included. */
const NOTHING_OPEN: OpenFigures = { ...EMPTY_OPEN, coverageSum: null };
const EMPTY_WINDOW: WindowFigures = { won: 0, lost: 0, noDecision: 0, wonValue: 0, wonDaysSum: 0, createdValue: 0 };

type Values = Record<IndicatorKey, number | null>;

type Readings = {
  today: string;
  book: RateBook;
  /** everyone with a deal open now or closed or created in the windows */
  owners: string[];
  now: Map<string, Values>;
  previous: Map<string, Values>;
  open: Map<string, repo.OwnerOpen>;
  closedDeals: Map<string, number>;
  trendDays: string[];
  trend: Map<string, Map<string, Values>>;
};

/**
 * Every seller's figures, now and a period before, and their weekly trend: five statements. As of
 * a past day (`asOf`), what was open is read from that day's snapshot.
 */
async function readOrganization(deps: AppDeps, orgId: string, asOf?: string): Promise<Readings> {
  const today = asOf ?? toDateOnly(deps.now());
  const isPast = today < toDateOnly(deps.now());
  const [book, open, days, closed, created] = await Promise.all([
    rateBook(deps, orgId),
    isPast ? repo.openFiguresOn(deps.db, orgId, [today], ZONE_IDS) : repo.openFiguresNow(deps.db, orgId, ZONE_IDS),
    // newest first
    snapshotDays(deps.db, orgId, addDays(today, 1 - TREND_DAYS - BASELINE_DAYS), today).then((d) => d.reverse()),
    repo.closedFigures(deps.db, deps.dialect, orgId, {
      before: addDays(today, -2 * RESULT_DAYS),
      now: addDays(today, -RESULT_DAYS),
      to: today,
    }),
    repo.createdFigures(deps.db, orgId, {
      before: addDays(today, -2 * CREATED_DAYS),
      now: addDays(today, -CREATED_DAYS),
      to: today,
    }),
  ]);
  requireRates(
    book,
    [...new Set([...closed, ...created].map((r) => r.currency))].map((currency) => ({ currency, onDate: today })),
  );
  const factor = (currency: string) => conversionFactor(book, currency, today)!;
  const baselineDay = days.find((d) => d <= addDays(today, -BASELINE_DAYS)) ?? null;
  // one snapshot a week, newest first, within the trend's reach
  const weekly: string[] = [];
  for (const day of days)
    if (day > addDays(today, -TREND_DAYS) && (weekly.length === 0 || day <= addDays(weekly.at(-1)!, -7)))
      weekly.push(day);
  const wanted = [...new Set([...weekly, ...(baselineDay ? [baselineDay] : [])])];
  const snapshots = await repo.openFiguresOn(deps.db, orgId, wanted, ZONE_IDS);

  const windows = new Map<string, { now: WindowFigures; before: WindowFigures }>();
  const windowOf = (owner: string) => {
    const found = windows.get(owner) ?? { now: { ...EMPTY_WINDOW }, before: { ...EMPTY_WINDOW } };
    windows.set(owner, found);
    return found;
  };
  const closedDeals = new Map<string, number>();
  for (const r of closed) {
    const w = windowOf(r.ownerId)[r.window];
    if (r.window === 'now') closedDeals.set(r.ownerId, (closedDeals.get(r.ownerId) ?? 0) + r.deals);
    if (r.status === 'won') {
      w.won += r.deals;
      w.wonValue += r.amountMinor * factor(r.currency);
      w.wonDaysSum += r.daysSum;
    } else if (r.status === 'lost') w.lost += r.deals;
    else w.noDecision += r.deals;
  }
  for (const r of created) windowOf(r.ownerId)[r.window].createdValue += r.amountMinor * factor(r.currency);

  const openNow = new Map(open.map((o) => [o.ownerId, o]));
  const onDay = new Map<string, Map<string, repo.OwnerOpen>>();
  for (const s of snapshots) {
    const day = onDay.get(s.day) ?? new Map<string, repo.OwnerOpen>();
    day.set(s.ownerId, s);
    onDay.set(s.day, day);
  }
  const owners = [...new Set([...openNow.keys(), ...windows.keys()])];
  const now = new Map<string, Values>();
  const previous = new Map<string, Values>();
  const trend = new Map<string, Map<string, Values>>();
  for (const owner of owners) {
    const w = windows.get(owner) ?? { now: EMPTY_WINDOW, before: EMPTY_WINDOW };
    now.set(owner, indicatorValues(openNow.get(owner) ?? EMPTY_OPEN, w.now));
    const then = baselineDay ? onDay.get(baselineDay)?.get(owner) : undefined;
    // a period before: the month-old snapshot for what is open (no deal then: nothing to read), the
    // windows before for the rest
    previous.set(owner, indicatorValues(then ?? NOTHING_OPEN, w.before));
    trend.set(
      owner,
      new Map(weekly.map((day) => [day, indicatorValues(onDay.get(day)?.get(owner) ?? NOTHING_OPEN, w.now)])),
    );
  }
  return { today, book, owners, now, previous, open: openNow, closedDeals, trendDays: [...weekly].reverse(), trend };
}

/** The indicators read from open deals (a snapshot gives them a past). */
const OPEN_KEYS: readonly IndicatorKey[] = [
  'knowledgeCoverage',
  ...(Object.keys(ZONE_INDICATORS) as IndicatorKey[]),
  'forecastBias',
];

function mediansOf(values: Map<string, Values>, owners: readonly string[]): Record<IndicatorKey, number | null> {
  return Object.fromEntries(
    INDICATOR_KEYS.map((key) => [key, median(owners.map((o) => values.get(o)?.[key] ?? null))]),
  ) as Record<IndicatorKey, number | null>;
}

/** Each zone's median share of the open deals, over the sellers with enough of them to read. */
function zoneShareMedians(r: Readings, recurrence: ZoneRecurrence): Record<string, number> {
  const readable = [...r.open.values()].filter((o) => o.deals >= recurrence.minDeals);
  return Object.fromEntries(
    ZONE_IDS.map((id) => [id, median(readable.map((o) => (o.zoneCounts[id] ?? 0) / o.deals)) ?? 0]),
  );
}

const peersOf = (r: Readings, rules: GapRuleSet): PeerReading => ({
  medians: mediansOf(r.now, r.owners),
  previousMedians: mediansOf(r.previous, r.owners),
  zoneShareMedians: zoneShareMedians(r, rules.recurrence),
});

function readingOf(r: Readings, owner: string): SellerReading {
  return {
    values: r.now.get(owner) ?? {},
    previous: r.previous.get(owner) ?? {},
    openDeals: r.open.get(owner)?.deals ?? 0,
    closedDeals: r.closedDeals.get(owner) ?? 0,
    zoneCounts: r.open.get(owner)?.zoneCounts ?? {},
  };
}

const ROOT_CAUSE_NAMES = new Map<string, string>(ROOT_CAUSES.map((c) => [c.id, c.name]));
const presentRootCauses = (flag: GapFlag) => flag.rootCauses.map((id) => ({ id, name: ROOT_CAUSE_NAMES.get(id)! }));

/** A seller the actor may coach or is: themselves, someone below them, or anyone for an admin. */
async function visibleSeller(deps: AppDeps, actor: Actor, sellerId: string) {
  const people = await cachedPeople(deps.db, deps.caches, actor.orgId);
  const seller = people.find((p) => p.id === sellerId);
  // a peer's scorecard is nobody else's business: to them it does not exist
  if (!seller || !canSeeOwner(actor, seller.id)) throw notFound('Seller');
  return { seller, people };
}

export async function getScorecard(deps: AppDeps, actor: Actor, sellerId: string): Promise<Scorecard> {
  const { seller } = await visibleSeller(deps, actor, sellerId);
  const [r, rules] = await Promise.all([readOrganization(deps, actor.orgId), organizationGapRules(deps, actor.orgId)]);
  const peers = peersOf(r, rules);
  const reading = readingOf(r, seller.id);
  const flags = evaluateGaps(reading, peers, rules.rules, rules.recurrence);
  const since = await sinceOf(deps, actor.orgId, r.today, seller.id);
  const zoneOf = (flag: GapFlag) => flag.zoneId ?? (flag.indicator ? (INDICATOR_ZONES[flag.indicator] ?? null) : null);
  const flaggedZones = [...new Set(flags.map(zoneOf).filter((z): z is string => z !== null))];
  const deals = await repo.dealsWithZones(deps.db, actor.orgId, seller.id, flaggedZones);
  const flagged = new Set(flags.map((f) => f.indicator));
  const indicators: ScorecardIndicator[] = INDICATORS.map((def) => ({
    ...def,
    value: reading.values[def.key] ?? null,
    peerMedian: peers.medians[def.key] ?? null,
    baseline: reading.previous[def.key] ?? null,
    trend: OPEN_KEYS.includes(def.key)
      ? [
          ...r.trendDays.map((day) => ({ day, value: r.trend.get(seller.id)?.get(day)?.[def.key] ?? null })),
          { day: r.today, value: reading.values[def.key] ?? null },
        ]
      : [],
    flag: flagged.has(def.key),
  }));
  return {
    seller: { id: seller.id, name: seller.name },
    asOf: r.today,
    reportingCurrency: r.book.reportingCurrency,
    openDeals: reading.openDeals,
    closedDeals: reading.closedDeals,
    peers: r.owners.length,
    indicators,
    flags: flags.map((flag) => {
      const zone = zoneOf(flag);
      return {
        rule: flag.rule,
        indicator: flag.indicator,
        zoneId: flag.zoneId,
        level: flag.level,
        rootCauses: presentRootCauses(flag),
        text: flag.text,
        severity: flag.severity,
        since: since(seller.id, flag),
        deals: zone ? deals.filter((d) => d.zoneIds.includes(zone)).map(({ id, name }) => ({ id, name })) : [],
      };
    }),
    summary: summaryOf(seller.name, reading, flags),
  };
}

/** What stands out, in one sentence. */
function summaryOf(name: string, reading: SellerReading, flags: readonly GapFlag[]): string {
  const first = name.split(' ')[0];
  if (reading.openDeals === 0 && reading.closedDeals === 0) return `${first} has no deals to read yet.`;
  if (flags.length === 0)
    return `Nothing stands out: ${first}’s indicators are within the rules’ reach of their peers.`;
  const top = flags[0]!;
  const causes = top.rootCauses
    .slice(0, 2)
    .map((id) => ROOT_CAUSE_NAMES.get(id)!.toLowerCase())
    .join(' or ');
  return `${top.text}: worth a conversation about ${causes}${flags.length > 1 ? `, and ${flags.length - 1} more gap${flags.length > 2 ? 's' : ''}` : ''}.`;
}

export async function getTeamCoaching(
  deps: AppDeps,
  actor: Actor,
  managerId: string | undefined,
): Promise<TeamCoaching> {
  if (actor.role === 'seller') throw new AppError('forbidden', 'The team view is for managers and admins');
  const people = await cachedPeople(deps.db, deps.caches, actor.orgId);
  const rootId = managerId ?? (actor.visibleOwnerIds === 'all' ? null : actor.userId);
  const root = rootId === null ? null : people.find((p) => p.id === rootId);
  if (rootId !== null && (!root || !canSeeOwner(actor, rootId)))
    throw new AppError('not-found', 'manager: nobody you can see has this id', {
      fields: { manager: 'Nobody you can see has this id' },
    });
  const team = root ? descendantsOf(root.id, people) : people.map((p) => p.id).filter((id) => id !== actor.userId);
  const [r, rules] = await Promise.all([readOrganization(deps, actor.orgId), organizationGapRules(deps, actor.orgId)]);
  const peers = peersOf(r, rules);
  const since = await sinceOf(deps, actor.orgId, r.today);
  const withDeals = new Set(r.owners);
  const names = new Map(people.map((p) => [p.id, p.name]));
  return {
    manager: { id: root?.id ?? null, name: root ? root.name : 'Everyone' },
    reportingCurrency: r.book.reportingCurrency,
    peerMedians: peers.medians as Record<IndicatorKey, number | null>,
    sellers: team
      .filter((id) => withDeals.has(id) && canSeeOwner(actor, id))
      .map((id) => {
        const reading = readingOf(r, id);
        return {
          id,
          name: names.get(id) ?? 'Former colleague',
          openDeals: reading.openDeals,
          values: reading.values as Record<IndicatorKey, number | null>,
          flags: evaluateGaps(reading, peers, rules.rules, rules.recurrence).map((flag) => ({
            rule: flag.rule,
            indicator: flag.indicator,
            zoneId: flag.zoneId,
            level: flag.level,
            rootCauses: presentRootCauses(flag),
            text: flag.text,
            severity: flag.severity,
            since: since(id, flag),
          })),
        };
      })
      .sort((a, b) => b.flags.length - a.flags.length || a.name.localeCompare(b.name)),
  };
}

/**
 * The day each gap standing on `day` was first seen (one statement), for one seller or all: a gap
 * the nightly pass has not seen yet has no such day.
 */
async function sinceOf(deps: AppDeps, orgId: string, day: string, sellerId?: string) {
  const sightings = await sightingsRepo.listSightings(deps.db, orgId, {
    since: addDays(day, -SIGHTING_QUIET_DAYS),
    sellerId,
  });
  const first = new Map(sightings.filter((s) => isStanding(s, day)).map((s) => [gapKey(s), s.firstSeen]));
  return (seller: string, flag: GapFlag): string | null =>
    first.get(gapKey({ sellerId: seller, rule: flag.rule, indicator: flag.indicator, zoneId: flag.zoneId })) ?? null;
}

/**
 * The night's reading of every seller's gaps, as their scorecards show them on `day`, kept as
 * sightings: a gap seen again carries its sighting to the day, a new one starts one. A past day is
 * read from its snapshot; without one there is nothing to read (0). Returns the gaps seen.
 */
export async function recordGapSightings(deps: AppDeps, orgId: string, day: string): Promise<number> {
  const [r, rules] = await Promise.all([readOrganization(deps, orgId, day), organizationGapRules(deps, orgId)]);
  if (r.open.size === 0) return 0;
  const peers = peersOf(r, rules);
  const seen = r.owners.flatMap((owner) =>
    evaluateGaps(readingOf(r, owner), peers, rules.rules, rules.recurrence).map((flag) => ({
      sellerId: owner,
      rule: flag.rule,
      indicator: flag.indicator,
      zoneId: flag.zoneId,
    })),
  );
  const standing = await sightingsRepo.listSightings(deps.db, orgId, { since: addDays(day, -SIGHTING_QUIET_DAYS) });
  await sightingsRepo.writeSightings(deps.db, orgId, day, nextSightings(standing, seen, day));
  return seen.length;
}

import type { EffectivenessReport, Impact } from '../../contract/impact.ts';
import { canSeeOwner, descendantsOf, type Actor } from '../../domain/access.ts';
import { DANGER_ZONE_RULES } from '../../domain/assessment/catalog.ts';
import { summarizeEffectiveness, type AssignmentFacts, type CoachedMove } from '../../domain/coaching/effectiveness.ts';
import {
  impactCheckpoints,
  impactPoints,
  impactVerdict,
  measureDef,
  measureOf,
  sameMeasure,
  TOO_EARLY_DAYS,
  zoneShare,
  type Checkpoint,
  type Measure,
} from '../../domain/coaching/impact.ts';
import {
  INDICATOR_DEFS,
  indicatorValues,
  ZONE_INDICATORS,
  type IndicatorKey,
  type OpenFigures,
  type WindowFigures,
} from '../../domain/coaching/indicators.ts';
import { addDays, daysBetween, toDateOnly } from '../../domain/dates.ts';
import { conversionFactor } from '../../domain/money/convert.ts';
import { parsePeriod, type Period } from '../../domain/periods.ts';
import { cachedRateBook, requireRates } from '../currency/index.ts';
import type { AppDeps } from '../deps.ts';
import { AppError, notFound } from '../errors.ts';
import { snapshotDays } from '../forecast/index.ts';
import { cachedPeople } from '../users/index.ts';
import * as assignments from './assignments.repo.ts';
import * as repo from './impact.repo.ts';
import { listSightings } from './gap-sightings.repo.ts';
import { openFiguresNow, openFiguresOn, type OwnerOpen } from './scorecard.repo.ts';

// The impact of one assignment and a manager's coaching effectiveness, both read from what the
// scorecard reads (the snapshots for what is open, the closed and created deals for the rest) for
// every seller of the organization at once: a few statements however many sellers and days.

const ZONE_IDS = DANGER_ZONE_RULES.map((z) => z.id);
const ZONE_NAMES = new Map(DANGER_ZONE_RULES.map((z) => [z.id, z.name]));
/** The windows the scorecard reads results and created pipeline over. */
const RESULT_DAYS = 180;
const CREATED_DAYS = 90;
/** A day without its own snapshot reads the latest one this many days before it at most. */
const SNAPSHOT_REACH = 7;

const OPEN_KEYS = new Set<IndicatorKey>([
  'knowledgeCoverage',
  ...(Object.keys(ZONE_INDICATORS) as IndicatorKey[]),
  'forecastBias',
]);
const NOTHING_OPEN: OpenFigures = { deals: 0, coverageSum: null, zoneCounts: {}, withSellerFigure: 0, sellerGapSum: 0 };
const EMPTY_WINDOW: WindowFigures = { won: 0, lost: 0, noDecision: 0, wonValue: 0, wonDaysSum: 0, createdValue: 0 };

/** Without a period, the effectiveness reads the last 90 days: a quarter's worth, whatever the day. */
const DEFAULT_PERIOD_DAYS = 90;
const lastDays = (today: string, days: number): Period => ({
  key: `last-${days}-days`,
  kind: 'quarter',
  from: addDays(today, 1 - days),
  to: today,
  label: `Last ${days} days`,
});

const measureId = (m: Measure) => (m.kind === 'indicator' ? m.key : m.zoneId);
const readsOpen = (m: Measure) => m.kind === 'zone' || OPEN_KEYS.has(m.key);

type Readings = {
  reportingCurrency: string;
  /** everyone with a reading on some day */
  owners: Set<string>;
  valueOf: (measure: Measure, day: string, owner: string) => number | null;
};

/** Each measure's value for every seller on each of its days: the snapshots, the deals closed and created. */
async function readMeasures(
  deps: AppDeps,
  orgId: string,
  today: string,
  wants: ReadonlyArray<{ measure: Measure; days: readonly string[] }>,
): Promise<Readings> {
  const openDays = [...new Set(wants.filter((w) => readsOpen(w.measure)).flatMap((w) => w.days))].sort();
  const windowDays = [...new Set(wants.filter((w) => !readsOpen(w.measure)).flatMap((w) => w.days))].sort();
  const pastOpen = openDays.filter((d) => d < today);
  const closedSpans = windowDays.map((d) => ({ from: addDays(d, -RESULT_DAYS), to: d }));
  const createdSpans = windowDays.map((d) => ({ from: addDays(d, -CREATED_DAYS), to: d }));
  const wantsCreated = wants.some((w) => w.measure.kind === 'indicator' && w.measure.key === 'pipelineCreated');
  const wantsClosed = wants.some(
    (w) => !readsOpen(w.measure) && !(w.measure.kind === 'indicator' && w.measure.key === 'pipelineCreated'),
  );
  const [book, taken, now, closed, created] = await Promise.all([
    cachedRateBook(deps, orgId),
    pastOpen.length > 0 ? snapshotDays(deps.db, orgId, addDays(pastOpen[0]!, -SNAPSHOT_REACH), today) : [],
    openDays.includes(today) ? openFiguresNow(deps.db, orgId, ZONE_IDS) : [],
    wantsClosed ? repo.closedInWindows(deps.db, deps.dialect, orgId, closedSpans) : [],
    wantsCreated ? repo.createdInWindows(deps.db, orgId, createdSpans) : [],
  ]);
  // only money is converted: a win rate reads in any currency, rates or not
  const needsRates = wants.some(
    (w) => w.measure.kind === 'indicator' && INDICATOR_DEFS.get(w.measure.key)!.unit === 'money',
  );
  if (needsRates)
    requireRates(
      book,
      [...new Set([...closed, ...created].map((r) => r.currency))].map((currency) => ({ currency, onDate: today })),
    );
  const factor = (currency: string) => (needsRates ? conversionFactor(book, currency, today)! : 1);
  // each day past reads the latest snapshot on or before it, a week old at most
  const snapshotFor = new Map<string, string>();
  for (const day of pastOpen) {
    const found = taken.filter((t) => t <= day && t >= addDays(day, -SNAPSHOT_REACH)).at(-1);
    if (found) snapshotFor.set(day, found);
  }
  const snapshots = await openFiguresOn(deps.db, orgId, [...new Set(snapshotFor.values())], ZONE_IDS);

  const owners = new Set<string>();
  const open = new Map<string, Map<string, OwnerOpen>>();
  const put = (day: string, o: OwnerOpen) => {
    owners.add(o.ownerId);
    const m = open.get(day) ?? new Map<string, OwnerOpen>();
    m.set(o.ownerId, o);
    open.set(day, m);
  };
  for (const s of snapshots) put(s.day, s);
  for (const o of now) put(today, o);

  const windows = new Map<string, WindowFigures>();
  const windowOf = (day: string, owner: string) => {
    owners.add(owner);
    const key = `${day}|${owner}`;
    const found = windows.get(key) ?? { ...EMPTY_WINDOW };
    windows.set(key, found);
    return found;
  };
  for (const r of closed) {
    const w = windowOf(windowDays[r.window]!, r.ownerId);
    if (r.status === 'won') {
      w.won += r.deals;
      w.wonValue += r.amountMinor * factor(r.currency);
      w.wonDaysSum += r.daysSum;
    } else if (r.status === 'lost') w.lost += r.deals;
    else w.noDecision += r.deals;
  }
  for (const r of created)
    windowOf(windowDays[r.window]!, r.ownerId).createdValue += r.amountMinor * factor(r.currency);

  return {
    reportingCurrency: book.reportingCurrency,
    owners,
    valueOf: (measure, day, owner) => {
      if (measure.kind === 'zone' || OPEN_KEYS.has(measure.key)) {
        const source = day === today ? today : snapshotFor.get(day);
        const figures = (source ? open.get(source)?.get(owner) : undefined) ?? NOTHING_OPEN;
        return measure.kind === 'zone'
          ? zoneShare(figures, measure.zoneId)
          : indicatorValues(figures, EMPTY_WINDOW)[measure.key];
      }
      return indicatorValues(NOTHING_OPEN, windows.get(`${day}|${owner}`) ?? EMPTY_WINDOW)[measure.key];
    },
  };
}

/** The sellers coached on a measure by the last day read (dropped work does not count). */
function coachedOn(facts: readonly AssignmentFacts[], measure: Measure, by: string): Set<string> {
  return new Set(
    facts
      .filter((a) => a.status !== 'abandoned' && a.assignedAt.slice(0, 10) <= by)
      .filter((a) => {
        const m = measureOf({ indicator: a.indicator as IndicatorKey | null, zoneId: a.zoneId });
        return m !== null && sameMeasure(m, measure);
      })
      .map((a) => a.sellerId),
  );
}

/** The seller's values and each not-coached seller's at the checkpoints, made into points. */
function pointsFor(
  r: Readings,
  facts: readonly AssignmentFacts[],
  measure: Measure,
  sellerId: string,
  checkpoints: readonly Checkpoint[],
) {
  const coached = coachedOn(facts, measure, checkpoints.at(-1)!.day);
  const others = [...r.owners].filter((o) => o !== sellerId && !coached.has(o)).sort();
  const def = measureDef(measure, measure.kind === 'zone' ? (ZONE_NAMES.get(measure.zoneId) ?? measure.zoneId) : '');
  const points = impactPoints(
    checkpoints,
    def.better,
    checkpoints.map((c) => r.valueOf(measure, c.day, sellerId)),
    others.map((o) => checkpoints.map((c) => r.valueOf(measure, c.day, o))),
  );
  return { def, points, others: others.length };
}

/** A seller's indicator on a day, read as an impact reads it (what the demo takes a baseline from). */
export async function indicatorOn(
  deps: AppDeps,
  orgId: string,
  sellerId: string,
  key: IndicatorKey,
  day: string,
): Promise<number | null> {
  const today = toDateOnly(deps.now());
  const measure: Measure = { kind: 'indicator', key };
  return (await readMeasures(deps, orgId, today, [{ measure, days: [day] }])).valueOf(measure, day, sellerId);
}

export async function getImpact(deps: AppDeps, actor: Actor, id: string): Promise<Impact> {
  const today = toDateOnly(deps.now());
  const a = await assignments.findAssignment(deps.db, actor.orgId, id);
  // like the assignment itself: a peer's learning is nobody else's business
  if (!a || !canSeeOwner(actor, a.sellerId)) throw notFound('Assignment');
  const people = await cachedPeople(deps.db, deps.caches, actor.orgId);
  const assignedOn = a.assignedAt.slice(0, 10);
  const elapsedDays = Math.max(0, daysBetween(assignedOn, today));
  const measure = measureOf(a);
  const base = {
    assignmentId: a.id,
    seller: { id: a.sellerId, name: people.find((p) => p.id === a.sellerId)?.name ?? 'Former colleague' },
    assignedOn,
    asOf: today,
    elapsedDays,
    baselineAtAssignment: a.baselineValue,
  };
  if (!measure) {
    const book = await cachedRateBook(deps, actor.orgId);
    return {
      ...base,
      reportingCurrency: book.reportingCurrency,
      measure: null,
      points: [],
      notCoachedSellers: 0,
      verdict: {
        kind: 'nothing_to_measure',
        difference: null,
        offset: null,
        sentence:
          'This assignment names no indicator nor recurring danger zone: there is nothing on the scorecard to measure its impact by.',
      },
    };
  }
  const checkpoints = impactCheckpoints(assignedOn, today);
  const [facts, r] = await Promise.all([
    repo.listAssignmentFacts(deps.db, actor.orgId),
    readMeasures(deps, actor.orgId, today, [{ measure, days: checkpoints.map((c) => c.day) }]),
  ]);
  const { def, points, others } = pointsFor(r, facts, measure, a.sellerId, checkpoints);
  return {
    ...base,
    reportingCurrency: r.reportingCurrency,
    measure: { kind: measure.kind, id: measureId(measure), ...def },
    points,
    notCoachedSellers: others,
    verdict: impactVerdict(points, def, elapsedDays, r.reportingCurrency),
  };
}

export async function getEffectiveness(
  deps: AppDeps,
  actor: Actor,
  query: { manager?: string | undefined; period?: string | undefined },
): Promise<EffectivenessReport> {
  if (actor.role === 'seller') throw new AppError('forbidden', 'Coaching effectiveness is for managers and admins');
  const today = toDateOnly(deps.now());
  const period = query.period ? parsePeriod(query.period)! : lastDays(today, DEFAULT_PERIOD_DAYS);
  const people = await cachedPeople(deps.db, deps.caches, actor.orgId);
  const rootId = query.manager ?? (actor.visibleOwnerIds === 'all' ? null : actor.userId);
  const root = rootId === null ? null : people.find((p) => p.id === rootId);
  if (rootId !== null && (!root || !canSeeOwner(actor, rootId)))
    throw new AppError('not-found', 'manager: nobody you can see has this id', {
      fields: { manager: 'Nobody you can see has this id' },
    });
  const team = (root ? descendantsOf(root.id, people) : people.map((p) => p.id)).filter(
    (id) => id !== actor.userId && canSeeOwner(actor, id),
  );
  const teamSet = new Set(team);
  const to = period.to < today ? period.to : today;
  const [facts, diagnoses, sightings] = await Promise.all([
    repo.listAssignmentFacts(deps.db, actor.orgId),
    repo.listDiagnosisFacts(deps.db, actor.orgId),
    listSightings(deps.db, actor.orgId),
  ]);

  // the team's assignments of the period old enough to read, each from its day to its latest checkpoint
  const measured = facts.flatMap((a) => {
    const measure = measureOf({ indicator: a.indicator as IndicatorKey | null, zoneId: a.zoneId });
    const day = a.assignedAt.slice(0, 10);
    if (!measure || !teamSet.has(a.sellerId) || a.status === 'abandoned') return [];
    if (day < period.from || day > to || daysBetween(day, today) < TOO_EARLY_DAYS) return [];
    const all = impactCheckpoints(day, today);
    return [{ a, measure, checkpoints: [all[0]!, all.at(-1)!] }];
  });
  const r =
    measured.length > 0
      ? await readMeasures(
          deps,
          actor.orgId,
          today,
          measured.map((m) => ({ measure: m.measure, days: m.checkpoints.map((c) => c.day) })),
        )
      : null;
  const moves: CoachedMove[] = [];
  for (const m of measured) {
    const { def, points } = pointsFor(r!, facts, m.measure, m.a.sellerId, m.checkpoints);
    const last = points.at(-1)!;
    if (last.sellerImprovement === null) continue;
    moves.push({
      rootCause: m.a.rootCause,
      measure: measureId(m.measure),
      label: def.label,
      unit: def.unit,
      sellerImprovement: last.sellerImprovement,
      notCoachedImprovement: last.notCoachedImprovement,
    });
  }
  const figures = summarizeEffectiveness({
    from: period.from,
    to: period.to,
    today,
    sellers: team,
    diagnoses,
    sightings,
    assignments: facts,
    moves,
  });
  const reportingCurrency = r ? r.reportingCurrency : (await cachedRateBook(deps, actor.orgId)).reportingCurrency;
  return {
    manager: { id: root?.id ?? null, name: root ? root.name : 'Everyone' },
    period: { key: period.key, label: period.label, from: period.from, to: period.to },
    reportingCurrency,
    ...figures,
  };
}

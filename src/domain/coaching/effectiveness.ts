import { daysBetween } from '../dates.ts';
import { gapSeenBefore, type Sighting } from './gap-sightings.ts';
import { median } from './indicators.ts';
import { ROOT_CAUSES, type PyramidLevel } from './root-causes.ts';

// A manager's coaching effectiveness over a period (REFERENCE §6.7): how often they diagnose, how
// many of their sellers have a development plan under way, how fast a gap becomes an assignment,
// how much of what fell due was completed, applied on the deals and confirmed, and whether the
// indicators they coached on moved more than for the sellers nobody coached on them.

/** A month as the figures count it: a twelfth of an average year. */
const MONTH_DAYS = 365.25 / 12;

type Status = 'assigned' | 'in_progress' | 'completed' | 'applied' | 'verified' | 'abandoned';

export type DiagnosisFacts = {
  id: string;
  sellerId: string;
  status: 'in_progress' | 'concluded' | 'abandoned';
  startedAt: string;
  closedAt: string | null;
  flagRule: string | null;
  flagIndicator: string | null;
  flagZone: string | null;
  rootCause: string | null;
};

export type AssignmentFacts = {
  id: string;
  sellerId: string;
  assignedAt: string;
  dueDate: string;
  status: Status;
  completedAt: string | null;
  verifiedAt: string | null;
  rootCause: string;
  gapRule: string | null;
  indicator: string | null;
  zoneId: string | null;
};

/** One coached assignment's move at its latest checkpoint, against the not-coached median's. */
export type CoachedMove = {
  /** the root cause the assignment was made for */
  rootCause: string;
  measure: string;
  label: string;
  unit: 'share' | 'points' | 'days' | 'money';
  sellerImprovement: number;
  notCoachedImprovement: number | null;
};

export type EffectivenessInput = {
  from: string;
  to: string;
  today: string;
  sellers: readonly string[];
  diagnoses: readonly DiagnosisFacts[];
  /** when each seller's gaps were first seen (the nightly pass keeps them) */
  sightings: readonly Sighting[];
  assignments: readonly AssignmentFacts[];
  moves: readonly CoachedMove[];
};

export type Rate = { count: number; of: number; rate: number | null };

export type Effectiveness = {
  /** the days read: the period up to today */
  from: string;
  to: string;
  months: number;
  sellers: number;
  diagnosesStarted: { count: number; perSellerMonth: number | null };
  diagnosesConcluded: { count: number; perSellerMonth: number | null };
  /** sellers with work under way on the period's last day (assigned, not yet verified nor dropped) */
  activePlans: Rate;
  /**
   * From the day the gap was first seen to the assignment made for it; for an assignment naming no
   * gap seen standing, from the start of the diagnosis it came from.
   */
  daysToAssignment: {
    median: number | null;
    assignments: number;
    /** measured from the gap's first sighting */
    fromGap: number;
    /** measured from the diagnosis's start */
    fromDiagnosis: number;
    /** assignments with neither before them */
    unmeasured: number;
  };
  assignedInPeriod: number;
  /** of the assignments due in the period: completed, applied on the deals or verified, verified */
  due: number;
  completion: Rate;
  application: Rate;
  verification: Rate;
  /** per targeted measure: the coached sellers' median move against the not-coached median move */
  indicators: Array<{
    measure: string;
    label: string;
    unit: CoachedMove['unit'];
    assignments: number;
    coached: number | null;
    notCoached: number | null;
  }>;
  /**
   * The same per root cause the learning was assigned for (REFERENCE §6.7, "per root-cause type"),
   * each measure apart (their units differ); `beat` counts the coached moves better than the
   * not-coached median move over the same days, of those that have one to compare.
   */
  byRootCause: Array<{
    rootCause: string;
    name: string;
    level: PyramidLevel;
    measure: string;
    label: string;
    unit: CoachedMove['unit'];
    assignments: number;
    coached: number | null;
    notCoached: number | null;
    beat: Rate;
  }>;
};

const day = (instant: string) => instant.slice(0, 10);
const within = (d: string, from: string, to: string) => d >= from && d <= to;

export function rateOf(count: number, of: number): Rate {
  return { count, of, rate: of === 0 ? null : count / of };
}

/** How many months `from` to `to` (both included) make, never zero. */
export function monthsBetween(from: string, to: string): number {
  return Math.max(1, daysBetween(from, to) + 1) / MONTH_DAYS;
}

/** Per seller per month; null with nobody to coach. */
export function perSellerMonth(count: number, sellers: number, months: number): number | null {
  return sellers === 0 || months <= 0 ? null : count / sellers / months;
}

/**
 * The diagnosis an assignment came from: the seller's latest one started on or before it, on the
 * same flag when the assignment names one, else concluded on the same root cause.
 */
export function diagnosisBehind(a: AssignmentFacts, diagnoses: readonly DiagnosisFacts[]): DiagnosisFacts | null {
  const before = diagnoses
    .filter((d) => d.sellerId === a.sellerId && d.startedAt <= a.assignedAt && d.status !== 'abandoned')
    .sort((x, y) => (x.startedAt < y.startedAt ? 1 : -1));
  const onFlag = (d: DiagnosisFacts) =>
    a.gapRule !== null &&
    d.flagRule === a.gapRule &&
    (a.gapRule !== 'ZONE' || d.flagZone === a.zoneId) &&
    (a.indicator === null || d.flagIndicator === null || d.flagIndicator === a.indicator);
  return before.find(onFlag) ?? before.find((d) => d.rootCause === a.rootCause) ?? null;
}

/** Whether work was under way on `on`: assigned by then and neither verified by then nor dropped. */
export function isActiveOn(a: AssignmentFacts, on: string): boolean {
  if (day(a.assignedAt) > on || a.status === 'abandoned') return false;
  return a.verifiedAt === null || day(a.verifiedAt) > on;
}

export function summarizeEffectiveness(input: EffectivenessInput): Effectiveness {
  const to = input.to < input.today ? input.to : input.today;
  const { from } = input;
  const team = new Set(input.sellers);
  const months = monthsBetween(from, to);
  const diagnoses = input.diagnoses.filter((d) => team.has(d.sellerId));
  const assignments = input.assignments.filter((a) => team.has(a.sellerId));
  const started = diagnoses.filter((d) => within(day(d.startedAt), from, to)).length;
  const concluded = diagnoses.filter(
    (d) => d.status === 'concluded' && d.closedAt !== null && within(day(d.closedAt), from, to),
  ).length;
  const active = new Set(assignments.filter((a) => isActiveOn(a, to)).map((a) => a.sellerId));

  const assigned = assignments.filter((a) => within(day(a.assignedAt), from, to));
  const waits: number[] = [];
  let fromGap = 0;
  let fromDiagnosis = 0;
  for (const a of assigned) {
    const assignedOn = day(a.assignedAt);
    const seen = gapSeenBefore({ ...a, assignedOn }, input.sightings);
    const d = seen === null ? diagnosisBehind(a, diagnoses) : null;
    const start = seen ?? (d ? day(d.startedAt) : null);
    if (start === null) continue;
    if (seen !== null) fromGap++;
    else fromDiagnosis++;
    waits.push(Math.max(0, daysBetween(start, assignedOn)));
  }

  const due = assignments.filter((a) => within(a.dueDate, from, to));
  const count = (statuses: readonly Status[]) => due.filter((a) => statuses.includes(a.status)).length;

  const byMeasure = groupBy(input.moves, (m) => m.measure);
  const byCause = groupBy(input.moves, (m) => `${m.rootCause}|${m.measure}`);

  return {
    from,
    to,
    months,
    sellers: team.size,
    diagnosesStarted: { count: started, perSellerMonth: perSellerMonth(started, team.size, months) },
    diagnosesConcluded: { count: concluded, perSellerMonth: perSellerMonth(concluded, team.size, months) },
    activePlans: rateOf(active.size, team.size),
    daysToAssignment: {
      median: median(waits),
      assignments: waits.length,
      fromGap,
      fromDiagnosis,
      unmeasured: assigned.length - waits.length,
    },
    assignedInPeriod: assigned.length,
    due: due.length,
    completion: rateOf(count(['completed', 'applied', 'verified']), due.length),
    application: rateOf(count(['applied', 'verified']), due.length),
    verification: rateOf(count(['verified']), due.length),
    indicators: [...byMeasure.values()].map(medianMoves),
    byRootCause: [...byCause.values()]
      .map((moves) => {
        const first = moves[0]!;
        const cause = ROOT_CAUSES.find((c) => c.id === first.rootCause);
        const compared = moves.filter((m) => m.notCoachedImprovement !== null);
        return {
          rootCause: first.rootCause,
          name: cause?.name ?? first.rootCause,
          level: cause?.level ?? 'behaviour',
          ...medianMoves(moves),
          beat: rateOf(compared.filter((m) => m.sellerImprovement > m.notCoachedImprovement!).length, compared.length),
        };
      })
      .sort(
        (a, b) => a.rootCause.localeCompare(b.rootCause, 'en', { numeric: true }) || a.label.localeCompare(b.label),
      ),
  };
}

/** The coached moves of one measure: their median against the not-coached sellers' median. */
function medianMoves(moves: readonly CoachedMove[]) {
  const first = moves[0]!;
  return {
    measure: first.measure,
    label: first.label,
    unit: first.unit,
    assignments: moves.length,
    coached: median(moves.map((m) => m.sellerImprovement)),
    notCoached: median(moves.map((m) => m.notCoachedImprovement)),
  };
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(keyOf(item));
    if (group) group.push(item);
    else groups.set(keyOf(item), [item]);
  }
  return groups;
}

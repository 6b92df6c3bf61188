import type { PyramidLevel } from './root-causes.ts';

// A seller's scorecard: leading indicators (what they do on their open deals, read from what they
// recorded and what the assessment made of it) and results (how their closed deals ended), each
// from figures the database sums per seller. Every formula is here, as plain arithmetic on those
// sums, so each can be tested with a table and explained in a sentence.

export const INDICATOR_KEYS = [
  'knowledgeCoverage',
  'economicBuyerAccess',
  'multiThreading',
  'championTested',
  'processControl',
  'freshKnowledge',
  'forecastBias',
  'pipelineCreated',
  'winRate',
  'noDecisionRate',
  'cycleDays',
  'dealSize',
] as const;
export type IndicatorKey = (typeof INDICATOR_KEYS)[number];

export type IndicatorKind = 'leading' | 'result';
/** How a value reads: a share (0–1), points of probability, days, or money in the reporting currency's minor units. */
export type IndicatorUnit = 'share' | 'points' | 'days' | 'money';

export type IndicatorDef = {
  key: IndicatorKey;
  label: string;
  kind: IndicatorKind;
  level: PyramidLevel | 'results';
  unit: IndicatorUnit;
  /** which way is better; 'closer_to_zero' for a bias */
  better: 'higher' | 'lower' | 'closer_to_zero';
  /** what it is, in a sentence a seller understands */
  meaning: string;
};

export const INDICATORS: readonly IndicatorDef[] = [
  {
    key: 'knowledgeCoverage',
    label: 'Knowledge coverage',
    kind: 'leading',
    level: 'behaviour',
    unit: 'share',
    better: 'higher',
    meaning: 'How much of the nine objectives is known, with evidence, on the open deals (their mean coverage)',
  },
  {
    key: 'economicBuyerAccess',
    label: 'Economic buyer reached',
    kind: 'leading',
    level: 'behaviour',
    unit: 'share',
    better: 'higher',
    meaning: 'Open deals without the "no access to the economic buyer" danger zone',
  },
  {
    key: 'multiThreading',
    label: 'Multi-threaded',
    kind: 'leading',
    level: 'behaviour',
    unit: 'share',
    better: 'higher',
    meaning: 'Open deals that are not single-threaded',
  },
  {
    key: 'championTested',
    label: 'Champion tested',
    kind: 'leading',
    level: 'behaviour',
    unit: 'share',
    better: 'higher',
    meaning: 'Open deals with a champion who has been tested (no "no champion, or champion untested" zone)',
  },
  {
    key: 'processControl',
    label: 'Close dates held',
    kind: 'leading',
    level: 'behaviour',
    unit: 'share',
    better: 'higher',
    meaning: 'Open deals whose close date is not slipping',
  },
  {
    key: 'freshKnowledge',
    label: 'Knowledge kept fresh',
    kind: 'leading',
    level: 'behaviour',
    unit: 'share',
    better: 'higher',
    meaning: 'Open deals whose knowledge is not stale',
  },
  {
    key: 'forecastBias',
    label: 'Forecast bias',
    kind: 'leading',
    level: 'behaviour',
    unit: 'points',
    better: 'closer_to_zero',
    meaning: 'How far the seller’s own probability sits above (+) or below (−) the evidence, on average, in points',
  },
  {
    key: 'pipelineCreated',
    label: 'Pipeline created',
    kind: 'leading',
    level: 'behaviour',
    unit: 'money',
    better: 'higher',
    meaning: 'Value of the deals opened in the last 90 days',
  },
  {
    key: 'winRate',
    label: 'Win rate',
    kind: 'result',
    level: 'results',
    unit: 'share',
    better: 'higher',
    meaning: 'Won ÷ (won + lost) over the deals closed in the last 180 days; no decision counted apart',
  },
  {
    key: 'noDecisionRate',
    label: 'No decision',
    kind: 'result',
    level: 'results',
    unit: 'share',
    better: 'lower',
    meaning: 'Deals closed in the last 180 days that ended with no decision',
  },
  {
    key: 'cycleDays',
    label: 'Cycle time',
    kind: 'result',
    level: 'results',
    unit: 'days',
    better: 'lower',
    meaning: 'Mean days from opening to winning, for the deals won in the last 180 days',
  },
  {
    key: 'dealSize',
    label: 'Deal size',
    kind: 'result',
    level: 'results',
    unit: 'money',
    better: 'higher',
    meaning: 'Mean value of the deals won in the last 180 days',
  },
];

export const INDICATOR_DEFS = new Map(INDICATORS.map((d) => [d.key, d]));

/** Which danger zone's absence each zone-based indicator counts. */
export const ZONE_INDICATORS = {
  economicBuyerAccess: 'DZ-01',
  multiThreading: 'DZ-03',
  championTested: 'DZ-04',
  processControl: 'DZ-20',
  freshKnowledge: 'DZ-27',
} as const satisfies Partial<Record<IndicatorKey, string>>;

/** What the database sums for one seller's open deals (now, or on a snapshot's day). */
export type OpenFigures = {
  deals: number;
  /** sum of their coverage indexes (null where a snapshot does not keep it) */
  coverageSum: number | null;
  /** open deals carrying each danger zone */
  zoneCounts: Readonly<Record<string, number>>;
  /** deals with a seller's figure, and the sum of (seller's figure − evidence probability) in points */
  withSellerFigure: number;
  sellerGapSum: number;
};

/** What the database sums for one seller's closed and created deals over a window. */
export type WindowFigures = {
  won: number;
  lost: number;
  noDecision: number;
  /** won value in the reporting currency's minor units, and the days from opening to winning summed */
  wonValue: number;
  wonDaysSum: number;
  createdValue: number;
};

/** The indicators a seller's figures give; null where there is nothing to measure (no deal, no close). */
export function indicatorValues(open: OpenFigures, window: WindowFigures): Record<IndicatorKey, number | null> {
  const share = (count: number, of: number) => (of === 0 ? null : count / of);
  const without = (zone: string) => (open.deals === 0 ? null : 1 - (open.zoneCounts[zone] ?? 0) / open.deals);
  const decided = window.won + window.lost;
  const closed = decided + window.noDecision;
  return {
    knowledgeCoverage: open.coverageSum === null || open.deals === 0 ? null : open.coverageSum / open.deals,
    economicBuyerAccess: without(ZONE_INDICATORS.economicBuyerAccess),
    multiThreading: without(ZONE_INDICATORS.multiThreading),
    championTested: without(ZONE_INDICATORS.championTested),
    processControl: without(ZONE_INDICATORS.processControl),
    freshKnowledge: without(ZONE_INDICATORS.freshKnowledge),
    forecastBias: open.withSellerFigure === 0 ? null : open.sellerGapSum / open.withSellerFigure,
    pipelineCreated: window.createdValue,
    winRate: share(window.won, decided),
    noDecisionRate: share(window.noDecision, closed),
    cycleDays: window.won === 0 ? null : window.wonDaysSum / window.won,
    dealSize: window.won === 0 ? null : window.wonValue / window.won,
  };
}

/** The median of the values there are; null when none. */
export function median(values: ReadonlyArray<number | null>): number | null {
  const known = values.filter((v): v is number => v !== null).sort((a, b) => a - b);
  if (known.length === 0) return null;
  const mid = Math.floor(known.length / 2);
  return known.length % 2 === 1 ? known[mid]! : (known[mid - 1]! + known[mid]!) / 2;
}

/**
 * How much worse `value` is than `reference`, in the indicator's own terms: a share or points as a
 * difference, days and money relative to the reference. Positive is worse; null when either is unknown.
 */
export function shortfall(def: IndicatorDef, value: number | null, reference: number | null): number | null {
  if (value === null || reference === null) return null;
  const relative = def.unit === 'days' || def.unit === 'money';
  const diff = relative ? (reference === 0 ? 0 : (value - reference) / Math.abs(reference)) : value - reference;
  switch (def.better) {
    case 'higher':
      return -diff;
    case 'lower':
      return diff;
    case 'closer_to_zero':
      return Math.abs(value) - Math.abs(reference);
  }
}

// How the pipeline a period started with became what it won: the period's waterfall. The start is
// the period's pipeline in the snapshot of its first day, taken at that day's end: the open deals
// expected to close in it, and what was already won in it by then (that day's wins; more when the
// snapshot nearest the first day came after it), each deal at its value then. Every deal of the start leaves by exactly one door, at that value:
//   lost (or no decision) by the period's end,
//   slipped (closed outside the period, or still open past it, or now expected outside it),
//   removed (deleted, or now someone else's outside the scope),
//   still open (a running period only: open and still expected within it),
//   won in the period.
// The won ones are then valued as won (their amount then, at the close date's rate): the
// difference is the resized step, a change of amount rather than of deals. Deals won in the period
// that were not in the start are added: created (not open in that snapshot) or pulled in (open in
// it but expected outside the period, or someone else's). So, in amounts and in deals alike:
//   start − lost − slipped − removed − still open ± resized = won from the start
//   won from the start + created + pulled in = won in the period
// All amounts in the reporting currency's minor units.

export type Tally = { deals: number; amountMinor: number };

export const WATERFALL_STEPS = [
  'start',
  'lost',
  'slipped',
  'removed',
  'stillOpen',
  'resized',
  'wonFromStart',
  'created',
  'pulledIn',
  'won',
] as const;
export type WaterfallStepName = (typeof WATERFALL_STEPS)[number];

/** a total the bars before it must add up to; a step down or up in deals and amount; a change of amount only */
export const WATERFALL_STEP_KINDS = ['total', 'decrease', 'increase', 'change'] as const;
export type WaterfallStepKind = (typeof WATERFALL_STEP_KINDS)[number];

export const STEP_KIND: Record<WaterfallStepName, WaterfallStepKind> = {
  start: 'total',
  lost: 'decrease',
  slipped: 'decrease',
  removed: 'decrease',
  stillOpen: 'decrease',
  resized: 'change',
  wonFromStart: 'total',
  created: 'increase',
  pulledIn: 'increase',
  won: 'total',
};

export type WaterfallStep = Tally & { step: WaterfallStepName; kind: WaterfallStepKind };

/** What became of the start, each part at its value at the start, and what was won in the period. */
export type WaterfallParts = {
  lost: Tally;
  slipped: Tally;
  removed: Tally;
  stillOpen: Tally;
  /** the start's deals won in the period, at their value at the start */
  wonFromStartAtStart: Tally;
  /** how many of them were won for another amount (or in another currency) than they had at the start */
  resizedDeals: number;
  /** everything won in the period (the accuracy's actual), at the close dates' rates */
  won: Tally;
  created: Tally;
  pulledIn: Tally;
};

const plus = (a: Tally, b: Tally): Tally => ({ deals: a.deals + b.deals, amountMinor: a.amountMinor + b.amountMinor });
const minus = (a: Tally, b: Tally): Tally => ({ deals: a.deals - b.deals, amountMinor: a.amountMinor - b.amountMinor });

/**
 * The period's steps in order. The start is the sum of its parts, and what the start's won deals
 * brought is what was won less what was added, so the steps add up exactly (waterfallMismatches
 * finds none) whenever the parts agree on how many of the start's deals were won.
 */
export function buildWaterfall(parts: WaterfallParts): WaterfallStep[] {
  const start = [parts.lost, parts.slipped, parts.removed, parts.stillOpen, parts.wonFromStartAtStart].reduce(plus);
  const wonFromStart = minus(minus(parts.won, parts.created), parts.pulledIn);
  const tallies: Record<WaterfallStepName, Tally> = {
    start,
    lost: parts.lost,
    slipped: parts.slipped,
    removed: parts.removed,
    stillOpen: parts.stillOpen,
    resized: {
      deals: parts.resizedDeals,
      amountMinor: wonFromStart.amountMinor - parts.wonFromStartAtStart.amountMinor,
    },
    wonFromStart,
    created: parts.created,
    pulledIn: parts.pulledIn,
    won: parts.won,
  };
  return WATERFALL_STEPS.map((step) => ({ step, kind: STEP_KIND[step], ...tallies[step] }));
}

/** The running total after a step: a total sets it, the others move it. */
function applyStep(running: Tally, s: WaterfallStep): Tally {
  switch (s.kind) {
    case 'total':
      return { deals: s.deals, amountMinor: s.amountMinor };
    case 'decrease':
      return minus(running, s);
    case 'increase':
      return plus(running, s);
    case 'change':
      return { deals: running.deals, amountMinor: running.amountMinor + s.amountMinor };
  }
}

export type WaterfallWalk = { step: WaterfallStepName; before: Tally; after: Tally };

const none: Tally = { deals: 0, amountMinor: 0 };

/**
 * The running total before and after each step, in deals and amount: a total starts afresh at its
 * own figure, a decrease takes its deals and amount away, an increase adds them, a change moves the
 * amount only (its deals are those whose amount changed, already counted). A chart draws each bar
 * from `before` to `after`.
 */
export function walkWaterfall(steps: readonly WaterfallStep[]): WaterfallWalk[] {
  let running = none;
  return steps.map((s) => {
    const before = s.kind === 'total' ? none : running;
    running = applyStep(running, s);
    return { step: s.step, before, after: running };
  });
}

export type WaterfallMismatch = { step: WaterfallStepName; expected: Tally; found: Tally };

/**
 * Where the waterfall does not hold: each total that the steps before it do not add up to (the
 * first total is where the walk begins), and each step down or up that is negative.
 */
export function waterfallMismatches(steps: readonly WaterfallStep[]): WaterfallMismatch[] {
  const mismatches: WaterfallMismatch[] = [];
  let running: Tally | null = null;
  for (const s of steps) {
    const found = { deals: s.deals, amountMinor: s.amountMinor };
    if (s.kind === 'total' && running && (running.deals !== s.deals || running.amountMinor !== s.amountMinor))
      mismatches.push({ step: s.step, expected: running, found });
    if ((s.kind === 'decrease' || s.kind === 'increase') && (s.deals < 0 || s.amountMinor < 0))
      mismatches.push({ step: s.step, expected: none, found });
    running = applyStep(running ?? none, s);
  }
  return mismatches;
}

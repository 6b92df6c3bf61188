import { daysBetween } from '../dates.ts';
import { FORECAST_CATEGORIES, type DealType, type ForecastCategory, type Relationship } from '../enums.ts';
import { coverageOf } from '../knowledge/coverage.ts';
import { evaluatorMatrix, highInfluenceGap, preferenceGap, type EvaluatorMatrix } from '../knowledge/matrix.ts';
import {
  CHAMPION_TESTS,
  passedChampionTests,
  type ChampionTest,
  scoreObjectives,
  weightedFitAdvantage,
  knowledgeCoverageIndex,
  type ObjectiveScore,
  type OpportunityContext,
} from '../knowledge/scoring.ts';
import type { ObjectiveDefinition, ObjectiveKey } from '../knowledge/objectives.ts';
import {
  BUDGET_STATUSES,
  COVERAGE_LEVELS,
  EVENT_TYPES,
  INFLUENCE_LEVELS,
  PRICE_VS_BUDGET,
  RESPONSE_MODES,
  SUPPORT_LEVELS,
  US,
  type FactField,
} from '../knowledge/schema.ts';
import {
  snapshotAsOf,
  type Evidence,
  type KnowledgeFact,
  type KnowledgeItem,
  type KnowledgeSnapshot,
} from '../knowledge/snapshot.ts';

// Everything the probability model and the danger-zone rules look at, computed once per
// opportunity from its knowledge and context: a flat table of named signals, each able to say
// which facts it rests on.

export type DealContext = OpportunityContext & {
  asOf: string;
  createdOn: string;
  forecastCategory: ForecastCategory;
  dealType: DealType;
  relationship: Relationship;
  /** every move of the expected close date to a later day, oldest first (those after asOf are ignored) */
  closeDatePushes: readonly CloseDatePush[];
  /** amount from which a deal counts as large (minor units, same currency) */
  largeDealMinor: number;
  /** typical days from creation to close for this organization */
  expectedCycleDays: number;
  /** how long this organization's won deals went without news (null or absent: not known) */
  quietDaysWon?: number | null;
  /** the day a proposal was first sent to the customer (null: none sent; absent: not known) */
  proposalSentOn?: string | null;
};

/** One move of the expected close date to a later day: when it was made, from which date to which. */
export type CloseDatePush = { on: string; from: string; to: string };

/** one word of a closed vocabulary of the knowledge schema (facts are validated against it on write) */
type Word<T extends readonly string[]> = T[number];
/** a closed vocabulary, or "unknown" when nothing is recorded */
const orUnknown = <const T extends readonly string[]>(values: T) => [...values, 'unknown'] as const;

/**
 * Every signal there is, with the kind of value it holds when known (null means not known). The
 * rules, the model and the web name signals through this table, so a misspelt name fails the
 * type-check instead of silently never firing.
 */
export const SIGNAL_KINDS = {
  // time and the deal itself
  daysToClose: 'number',
  cyclePct: 'number',
  forecastCategory: FORECAST_CATEGORIES,
  commit: 'boolean',
  late: 'boolean',
  largeDeal: 'boolean',
  closeDatePushes: 'number',
  pushWithoutBuyerReason: 'boolean',
  pushedAcrossQuarterEnd: 'boolean',
  newLogo: 'boolean',
  upsell: 'boolean',
  renewal: 'boolean',
  kci: 'number',
  // knowledge level (K) and position (P) per objective, by objective number
  K1: 'number',
  K2: 'number',
  K3: 'number',
  K4: 'number',
  K5: 'number',
  K6: 'number',
  K7: 'number',
  K8: 'number',
  K9: 'number',
  P1: 'number',
  P2: 'number',
  P3: 'number',
  P4: 'number',
  P5: 'number',
  P6: 'number',
  P7: 'number',
  P8: 'number',
  P9: 'number',
  // the economic buyer and the champion
  ebIdentified: 'boolean',
  ebMet: 'boolean',
  ebConfirmedPriority: 'boolean',
  ebCoverage: orUnknown(COVERAGE_LEVELS),
  ebResponseMode: orUnknown(RESPONSE_MODES),
  ebFavoursOther: 'boolean',
  ebSupport: orUnknown(SUPPORT_LEVELS),
  ebEngaged: 'boolean',
  /** the economic buyer himself said, wrote or showed that he backs us */
  ebBacksUsFirstHand: 'boolean',
  /** ... or himself confirmed the priority: first-hand evidence that he wants this to happen */
  ebShowsIntent: 'boolean',
  championExists: 'boolean',
  championPassedCount: 'number',
  championPowerPassed: 'boolean',
  championStrength: 'number',
  championInfluence: [...orUnknown(INFLUENCE_LEVELS), 'none'],
  championOutside: 'boolean',
  championTalker: 'boolean',
  otherInfluentialSupporters: 'number',
  counterChampionOutranks: 'boolean',
  // the buying group
  threadsCovered: 'number',
  topContactShare: 'number',
  evaluatorCount: 'number',
  highInfluenceFavouringOther: 'number',
  ebAmongFavouringOther: 'boolean',
  highInfluenceStanceUnknown: 'number',
  ebStanceUnknown: 'boolean',
  uncontactedInfluencers: 'number',
  uncontactedHigh: 'boolean',
  newPlayers: 'number',
  newPlayerIsKey: 'boolean',
  keyPlayerLeft: 'boolean',
  reorganized: 'boolean',
  notReceptiveShare: 'number',
  otherReceptiveHigh: 'number',
  // preferences and alternatives
  prefShareGap: 'number',
  highInfluenceGap: 'number',
  doNothingLeads: 'boolean',
  competitorPresent: 'boolean',
  alternativesKnown: 'boolean',
  usBehind: 'boolean',
  // "us" or an alternative's id
  customerPreference: 'string',
  weEliminated: 'boolean',
  // decision criteria
  mandatoryFail: 'boolean',
  criteriaFitAdvantage: 'number',
  criteriaFitKnown: 'boolean',
  criteriaShapedByOther: 'boolean',
  criteriaConfirmed: 'boolean',
  // process, timing and engagement
  criticalPathAfterClose: 'boolean',
  businessCaseApproved: 'boolean',
  legalStarted: 'boolean',
  overdueSteps: 'number',
  processKnown: 'boolean',
  paperProcessKnown: 'boolean',
  signatoryKnown: 'boolean',
  purchasingUnknown: 'boolean',
  mapAgreed: 'boolean',
  nextStepKnown: 'boolean',
  nextStepOverdue: 'boolean',
  nextStepOwnerKnown: 'boolean',
  compellingEventType: orUnknown(EVENT_TYPES),
  /** the current contract ends: a renewal, or an event recorded as the contract's expiry */
  contractEnds: 'boolean',
  daysSinceBuyerEngagement: 'number',
  daysSinceKnowledgeChange: 'number',
  quieterThanWins: 'boolean',
  // funding and value
  budgetStatus: orUnknown(BUDGET_STATUSES),
  budgetAllocated: 'boolean',
  budgetUnknown: 'boolean',
  budgetOwnerKnown: 'boolean',
  priceVsBudget: orUnknown(PRICE_VS_BUDGET),
  pricingDiscussed: 'boolean',
  /** a proposal has gone to the customer */
  proposalSent: 'boolean',
  impactQuantified: 'boolean',
  impactAgreed: 'boolean',
  issuesOwnedOnlyByLow: 'boolean',
  ebOwnsIssue: 'boolean',
  // what is missing or old
  unknownCritical: 'number',
  staleCritical: 'number',
  // the seller's own figure against the evidence (added by the engine once the probability is known)
  sellerGapAbs: 'number',
  sellerBiasAbs: 'number',
} as const satisfies Record<string, 'number' | 'boolean' | 'string' | readonly string[]>;

export type SignalName = keyof typeof SIGNAL_KINDS;
export const SIGNAL_NAMES = Object.keys(SIGNAL_KINDS) as SignalName[];
type ValueOfKind = { number: number; boolean: boolean; string: string };
type ValueOf<K> = K extends readonly (infer V)[] ? V : K extends keyof ValueOfKind ? ValueOfKind[K] : never;
/** The value a signal holds when it is known: a number, a yes/no, or one of its listed words. */
export type KnownSignalValue<N extends SignalName> = ValueOf<(typeof SIGNAL_KINDS)[N]>;
export type NumericSignal = { [N in SignalName]: (typeof SIGNAL_KINDS)[N] extends 'number' ? N : never }[SignalName];

export type SignalValue = number | boolean | string | null;
/** Signal values by name; stored assessments read back as plain records, hence one value type. */
export type Signals = { [N in SignalName]?: SignalValue };
/** for each signal, the items and facts behind it (for explanations) */
export type SignalEvidence = Record<string, { items: string[]; facts: string[] }>;

export type SignalSet = {
  signals: Signals;
  evidence: SignalEvidence;
  scores: ObjectiveScore[];
  matrix: EvaluatorMatrix;
  kci: number;
};

const KEY_NUMBER: Record<ObjectiveKey, number> = {
  business_issues: 1,
  compelling_event: 2,
  buying_group: 3,
  evaluator_stance: 4,
  champion_power: 5,
  alternatives: 6,
  decision_criteria: 7,
  decision_process: 8,
  funding_value: 9,
};
/** K1..K9 (knowledge level) and P1..P9 (position) per objective */
const LEVEL_SIGNAL = Object.fromEntries(Object.entries(KEY_NUMBER).map(([key, n]) => [key, `K${n}`])) as Record<
  ObjectiveKey,
  SignalName
>;
const POSITION_SIGNAL = Object.fromEntries(Object.entries(KEY_NUMBER).map(([key, n]) => [key, `P${n}`])) as Record<
  ObjectiveKey,
  SignalName
>;
const OBJECTIVE_SIGNALS = new Map<string, { key: ObjectiveKey; measure: 'level' | 'position' }>(
  (Object.keys(KEY_NUMBER) as ObjectiveKey[]).flatMap((key) => [
    [LEVEL_SIGNAL[key], { key, measure: 'level' as const }],
    [POSITION_SIGNAL[key], { key, measure: 'position' as const }],
  ]),
);

/** What a K or P signal measures ("K2": the knowledge level of the compelling event); null for any other signal. */
export function objectiveOfSignal(name: string): { key: ObjectiveKey; measure: 'level' | 'position' } | null {
  return OBJECTIVE_SIGNALS.get(name) ?? null;
}

type Put = <N extends SignalName>(
  name: N,
  value: KnownSignalValue<N> | null,
  facts?: ReadonlyArray<KnowledgeFact | undefined>,
  items?: ReadonlyArray<KnowledgeItem | undefined>,
) => void;

/**
 * What every group of signals reads, and where it writes. The groups are separate functions so
 * each stays small enough to read, and for the engine to optimize quickly (the what-if
 * recommendations run them many times per request); they run in a fixed order, which is the
 * order of the signals.
 */
/** Evidence from the buyer in person: what they did, wrote or said themselves. */
const FIRST_HAND_SOURCES: ReadonlySet<string> = new Set(['buyer_action', 'buyer_written', 'buyer_stated']);

type Reading = {
  s: KnowledgeSnapshot;
  ctx: DealContext;
  put: Put;
  evaluators: KnowledgeItem[];
  /** the fact when there is an item to ask */
  fact(itemId: string | undefined, field: FactField, qualifier?: string | null): KnowledgeFact | undefined;
  influence(id: string | undefined): Word<typeof INFLUENCE_LEVELS> | undefined;
  /** high influence, or the economic buyer or an approver by role (several signals ask it) */
  isHigh(id: string): boolean;
};

type Power = {
  ebId: string | undefined;
  ebFact: KnowledgeFact | undefined;
  champion: { e: KnowledgeItem; passed: readonly ChampionTest[] } | undefined;
  championFacts: Array<KnowledgeFact | undefined>;
};

/**
 * With `explain: false` the evidence is left empty: a what-if needs only the values. With
 * `sellerSlots`, the table already holds the two seller signals the engine adds once the
 * probability is known (null until then, and last, where adding them would put them): filling a
 * slot keeps the object's layout, where adding two properties to some 90 made V8 grow and re-shape
 * it for every deal (about 4 % of a bulk assessment's time).
 */
export function computeSignals(
  s: KnowledgeSnapshot,
  ctx: DealContext,
  objectives: readonly ObjectiveDefinition[],
  { explain = true, sellerSlots = false } = {},
): SignalSet {
  const signals = sellerSlots ? { ...SIGNAL_SLOTS_WITH_SELLER } : { ...SIGNAL_SLOTS };
  return collectSignals(s, ctx, objectives, explain, signals, explain ? { ...EVIDENCE_SLOTS } : {});
}

/** computeSignals, writing into the tables it is given. */
function collectSignals(
  s: KnowledgeSnapshot,
  ctx: DealContext,
  objectives: readonly ObjectiveDefinition[],
  explain: boolean,
  signals: Signals,
  evidence: SignalEvidence,
): SignalSet {
  const matrix = evaluatorMatrix(s);
  const scores = scoreObjectives(s, ctx, matrix);
  const kci = knowledgeCoverageIndex(scores, objectives);
  const highIds = new Set<string>();
  // methods, not arrow functions: under tsx (how the server runs) each named closure is also
  // renamed at run time, once per deal; method shorthand is not
  const r: Reading = {
    s,
    ctx,
    evaluators: s.itemsOf('evaluator'),
    put(name, value, facts, items) {
      signals[name] = value;
      if (explain) evidence[name] = evidenceOf(facts, items);
    },
    fact(itemId, field, qualifier = null) {
      return itemId ? s.fact(itemId, field, qualifier) : undefined;
    },
    influence(id) {
      return s.known<Word<typeof INFLUENCE_LEVELS>>(id, 'influence');
    },
    isHigh(id) {
      return highIds.has(id);
    },
  };
  const { put } = r;
  for (const e of r.evaluators) {
    if (
      r.influence(e.id) === 'high' ||
      rolesOf(s, e.id).some((role) => role === 'economic_buyer' || role === 'approver')
    )
      highIds.add(e.id);
  }
  const { cyclePct } = timeSignals(r, scores, kci);
  const power = powerSignals(r);
  peopleSignals(r, power, matrix);
  const alternatives = preferenceSignals(r, matrix, scores);
  criteriaSignals(r, alternatives);
  const { steps, ce } = processSignals(r);
  engagementSignals(r);
  const { budget, fu } = valueSignals(r, power.ebId);

  // unknowns that matter, after the first 30 % of the cycle
  const criticalUnknown = [
    power.ebId === undefined,
    budget === undefined,
    alternatives.length === 0,
    steps.length === 0,
  ].filter(Boolean).length;
  put('unknownCritical', cyclePct >= 0.3 ? criticalUnknown : 0);
  const staleCritical = [
    power.ebFact,
    ...power.championFacts,
    ...r.evaluators.filter((e) => r.isHigh(e.id)).map((e) => s.fact(e.id, 'favours')),
    r.fact(ce, 'eventDate'),
    r.fact(fu, 'budgetStatus'),
  ]
    .filter((f): f is KnowledgeFact => f !== undefined && !f.isUnknown)
    .filter((f) => !s.quality(f).fresh || f.evidence.source === 'seller_inference');
  put('staleCritical', staleCritical.length, staleCritical);
  return { signals, evidence, scores, matrix, kci };
}

function timeSignals({ ctx, put }: Reading, scores: readonly ObjectiveScore[], kci: number): { cyclePct: number } {
  const daysToClose = daysBetween(ctx.asOf, ctx.expectedCloseDate);
  const cyclePct = Math.max(0, daysBetween(ctx.createdOn, ctx.asOf)) / Math.max(1, ctx.expectedCycleDays);
  put('daysToClose', daysToClose);
  put('cyclePct', cyclePct);
  put('forecastCategory', ctx.forecastCategory);
  put('commit', ctx.forecastCategory === 'commit');
  put(
    'late',
    cyclePct >= 0.5 || daysToClose <= 45 || ctx.forecastCategory === 'best_case' || ctx.forecastCategory === 'commit',
  );
  put('largeDeal', ctx.amountMinor >= ctx.largeDealMinor);
  put('closeDatePushes', pushesBy(ctx).length);
  put('newLogo', ctx.relationship === 'new');
  put('upsell', ctx.dealType === 'upsell');
  put('renewal', ctx.dealType === 'renewal');
  put('kci', kci);
  for (const sc of scores) {
    put(LEVEL_SIGNAL[sc.key], sc.knowledgeLevel);
    put(POSITION_SIGNAL[sc.key], sc.position);
  }
  return { cyclePct };
}

/** The economic buyer and the champion. */
function powerSignals({ s, put, evaluators, fact, influence }: Reading): Power {
  const pa = s.singleton('power_access')?.id;
  const ebFact = fact(pa, 'economicBuyer');
  const ebId =
    s.known<string>(pa, 'economicBuyer') ?? evaluators.find((e) => rolesOf(s, e.id).includes('economic_buyer'))?.id;
  const eb = ebId ? s.item(ebId) : undefined;
  put('ebIdentified', ebId !== undefined, [ebFact], [eb]);
  // The economic buyer confirming the priority himself (said, wrote or did it; not reported by
  // someone else) is meeting him, whether or not "met" was logged as well: without this, logging
  // his confirmation left "no access to the economic buyer" flagged and a move to ask him again.
  const confirmation = fact(pa, 'ebConfirmedPriority');
  const confirmedFirstHand =
    confirmation !== undefined &&
    !confirmation.isUnknown &&
    confirmation.value === true &&
    FIRST_HAND_SOURCES.has(confirmation.evidence.source) &&
    (confirmation.evidence.contactId === null || confirmation.evidence.contactId === eb?.contactId);
  const metRecorded = s.known<boolean>(pa, 'ebMet');
  const met = metRecorded === true || confirmedFirstHand ? true : (metRecorded ?? null);
  put('ebMet', met, [metRecorded === true || !confirmedFirstHand ? fact(pa, 'ebMet') : confirmation]);
  put('ebConfirmedPriority', s.known<boolean>(pa, 'ebConfirmedPriority') ?? null, [fact(pa, 'ebConfirmedPriority')]);
  put('ebCoverage', ebId ? (coverageOf(s, ebId) ?? 'unknown') : 'unknown', [fact(ebId, 'coverage')], [eb]);
  put(
    'ebResponseMode',
    ebId ? (s.known<Word<typeof RESPONSE_MODES>>(ebId, 'responseMode') ?? 'unknown') : 'unknown',
    [fact(ebId, 'responseMode')],
    [eb],
  );
  const ebFavours = ebId ? s.known<string>(ebId, 'favours') : undefined;
  put('ebFavoursOther', ebFavours !== undefined && ebFavours !== US, [fact(ebId, 'favours')], [eb]);
  put(
    'ebSupport',
    ebId ? (s.known<Word<typeof SUPPORT_LEVELS>>(ebId, 'support') ?? 'unknown') : 'unknown',
    [fact(ebId, 'support')],
    [eb],
  );
  put('ebEngaged', met === true && s.known(pa, 'ebConfirmedPriority') === true, [
    fact(pa, 'ebMet'),
    fact(pa, 'ebConfirmedPriority'),
  ]);
  // what the economic buyer said, wrote or did himself outweighs a tag someone put on him: a cap
  // that reads a tag (his response mode, a reported preference) stands aside when this says otherwise
  const byEb = (f: KnowledgeFact | undefined): f is KnowledgeFact =>
    f !== undefined &&
    !f.isUnknown &&
    FIRST_HAND_SOURCES.has(f.evidence.source) &&
    (f.evidence.contactId === null || f.evidence.contactId === eb?.contactId);
  const supportFact = fact(ebId, 'support');
  const favoursFact = fact(ebId, 'favours');
  const supportsUs = byEb(supportFact) && ['mentor', 'supporter'].includes(String(supportFact.value));
  const favoursUs = byEb(favoursFact) && favoursFact.value === US;
  const backsUs = supportsUs || favoursUs;
  put('ebBacksUsFirstHand', backsUs, [supportsUs ? supportFact : undefined, favoursUs ? favoursFact : undefined], [eb]);
  put(
    'ebShowsIntent',
    backsUs || confirmedFirstHand,
    [
      supportsUs ? supportFact : undefined,
      favoursUs ? favoursFact : undefined,
      confirmedFirstHand ? confirmation : undefined,
    ],
    [eb],
  );

  // the evaluator with a champion test recorded who passed the most (the first of them on a tie)
  let champion: Power['champion'];
  for (const e of evaluators) {
    const passed = passedChampionTests(s, e.id);
    const isCandidate = passed.length > 0 || CHAMPION_TESTS.some((t) => s.fact(e.id, t));
    if (isCandidate && (!champion || passed.length > champion.passed.length)) champion = { e, passed };
  }
  const championFacts = champion ? champion.passed.map((t) => s.fact(champion.e.id, t)) : [];
  put('championExists', (champion?.passed.length ?? 0) > 0, championFacts, [champion?.e]);
  put('championPassedCount', champion?.passed.length ?? 0, championFacts, [champion?.e]);
  put(
    'championPowerPassed',
    champion?.passed.includes('testPower') ?? false,
    [fact(champion?.e.id, 'testPower')],
    [champion?.e],
  );
  put(
    'championStrength',
    champion ? (champion.passed.length / 6) * (champion.passed.includes('testPower') ? 1 : 0.5) : 0,
    championFacts,
    [champion?.e],
  );
  put(
    'championInfluence',
    champion ? (influence(champion.e.id) ?? 'unknown') : 'none',
    [fact(champion?.e.id, 'influence')],
    [champion?.e],
  );
  put(
    'championOutside',
    champion ? s.known(champion.e.id, 'politicalStatus') === 'outside' : false,
    [fact(champion?.e.id, 'politicalStatus')],
    [champion?.e],
  );
  const profile = champion ? s.known<string>(champion.e.id, 'stakeholderType') : undefined;
  put(
    'championTalker',
    profile === 'guide' || profile === 'friend' || profile === 'climber',
    [fact(champion?.e.id, 'stakeholderType')],
    [champion?.e],
  );
  const otherSupporters = evaluators.filter(
    (e) =>
      e.id !== champion?.e.id &&
      ['high', 'medium'].includes(influence(e.id) ?? '') &&
      (['mentor', 'supporter'].includes(s.known<string>(e.id, 'support') ?? '') || s.known(e.id, 'favours') === US),
  );
  put(
    'otherInfluentialSupporters',
    otherSupporters.length,
    otherSupporters.map((e) => s.fact(e.id, 'support')),
    otherSupporters,
  );
  const counter = s.known<string>(pa, 'counterChampion');
  put(
    'counterChampionOutranks',
    counter !== undefined && (!champion || rankInfluence(influence(counter)) > rankInfluence(influence(champion.e.id))),
    [fact(pa, 'counterChampion')],
    [counter ? s.item(counter) : undefined],
  );
  return { ebId, ebFact, champion, championFacts };
}

/** Who in the buying group we reach, and where the influential ones stand. */
function peopleSignals(
  { s, ctx, put, evaluators, influence, isHigh }: Reading,
  { ebId, champion }: Power,
  matrix: EvaluatorMatrix,
): void {
  const covered = evaluators.filter((e) => {
    const coverage = coverageOf(s, e.id);
    return (coverage === 'multiple' || coverage === 'in_depth') && s.quality(s.fact(e.id, 'coverage')!).fresh;
  });
  put(
    'threadsCovered',
    covered.length,
    covered.map((e) => s.fact(e.id, 'coverage')),
    covered,
  );
  put('evaluatorCount', evaluators.length, [], evaluators);
  const highFavouringOther = evaluators.filter(
    (e) =>
      isHigh(e.id) &&
      ((s.known<string>(e.id, 'favours') ?? US) !== US ||
        ['non_supporter', 'enemy'].includes(s.known<string>(e.id, 'support') ?? '')),
  );
  put(
    'highInfluenceFavouringOther',
    Math.min(2, highFavouringOther.length),
    highFavouringOther.flatMap((e) => [s.fact(e.id, 'favours'), s.fact(e.id, 'support')]),
    highFavouringOther,
  );
  put(
    'ebAmongFavouringOther',
    highFavouringOther.some((e) => e.id === ebId),
    [],
    highFavouringOther,
  );
  const stanceUnknown = evaluators.filter(
    (e) =>
      isHigh(e.id) &&
      assumedOrUnknown(s.fact(e.id, 'favours')) &&
      assumedOrUnknown(s.fact(e.id, 'support')) &&
      daysBetween(e.createdAt.slice(0, 10), ctx.asOf) > 14,
  );
  put('highInfluenceStanceUnknown', stanceUnknown.length, [], stanceUnknown);
  put(
    'ebStanceUnknown',
    stanceUnknown.some((e) => e.id === ebId),
    [],
    stanceUnknown,
  );
  const uncontacted = evaluators.filter(
    (e) => ['high', 'medium'].includes(influence(e.id) ?? '') && ['none', undefined].includes(coverageOf(s, e.id)),
  );
  put(
    'uncontactedInfluencers',
    uncontacted.length,
    uncontacted.map((e) => s.fact(e.id, 'coverage')),
    uncontacted,
  );
  put(
    'uncontactedHigh',
    uncontacted.some((e) => influence(e.id) === 'high'),
    [],
    uncontacted,
  );
  // a new player joined a buying group already mapped: someone first recorded in the last 30 days,
  // a third of the way into the cycle or later; before that, adding people is discovery, not news
  const mappedBy = Math.max(14, Math.round(ctx.expectedCycleDays / 3));
  const newcomers = evaluators.filter(
    (e) =>
      s.known(e.id, 'newInRole') === true ||
      (daysBetween(e.createdAt.slice(0, 10), ctx.asOf) <= 30 &&
        ['high', 'medium'].includes(influence(e.id) ?? '') &&
        daysBetween(ctx.createdOn, e.createdAt.slice(0, 10)) > mappedBy),
  );
  put(
    'newPlayers',
    newcomers.length,
    newcomers.map((e) => s.fact(e.id, 'newInRole')),
    newcomers,
  );
  put(
    'newPlayerIsKey',
    newcomers.some((e) => e.id === ebId || e.id === champion?.e.id),
    [],
    newcomers,
  );
  const leavers = evaluators.filter(
    (e) => (e.id === ebId || e.id === champion?.e.id) && s.known(e.id, 'leftOrMoved') === true,
  );
  put(
    'keyPlayerLeft',
    leavers.length > 0,
    leavers.map((e) => s.fact(e.id, 'leftOrMoved')),
    leavers,
  );
  const bg = s.singleton('buying_group');
  const reorg = bg ? s.fact(bg.id, 'reorganized') : undefined;
  put('reorganized', reorg !== undefined && !reorg.isUnknown && reorg.value === true && s.quality(reorg).fresh, [
    reorg,
  ]);
  const modes = matrix.rows.map((row) => ({ w: row.weight, mode: s.known<string>(row.evaluatorId, 'responseMode') }));
  const totalW = modes.reduce((a, m) => a + m.w, 0);
  put(
    'notReceptiveShare',
    totalW === 0
      ? 0
      : modes.filter((m) => m.mode === 'even_keel' || m.mode === 'overconfident').reduce((a, m) => a + m.w, 0) / totalW,
  );
  const receptiveHigh = evaluators.filter(
    (e) => e.id !== ebId && isHigh(e.id) && ['growth', 'trouble'].includes(s.known<string>(e.id, 'responseMode') ?? ''),
  );
  put('otherReceptiveHigh', receptiveHigh.length, [], receptiveHigh);
}

/** Who the buying group prefers, and which alternatives are in play; returns the alternatives. */
function preferenceSignals(
  { s, put, fact }: Reading,
  matrix: EvaluatorMatrix,
  scores: readonly ObjectiveScore[],
): KnowledgeItem[] {
  const gap = preferenceGap(matrix);
  put(
    'prefShareGap',
    gap,
    matrix.rows.map((row) => s.fact(row.evaluatorId, 'favours')),
  );
  put('highInfluenceGap', highInfluenceGap(matrix));
  const alternatives = s.itemsOf('alternative');
  const doNothing = alternatives.filter((a) => a.category === 'do_nothing' || a.category === 'incumbent_status_quo');
  const bestOther = Math.max(0, ...alternatives.map((a) => shareOf(matrix, a.id)));
  put(
    'doNothingLeads',
    doNothing.some(
      (a) =>
        shareOf(matrix, a.id) > 0 && shareOf(matrix, a.id) >= bestOther && shareOf(matrix, a.id) > shareOf(matrix, US),
    ),
    [],
    doNothing,
  );
  const competitors = alternatives.filter(
    (a) => a.category === 'competitor' && s.known(a.id, 'status') !== 'eliminated',
  );
  put(
    'competitorPresent',
    competitors.length > 0,
    competitors.map((a) => s.fact(a.id, 'status')),
    competitors,
  );
  put('alternativesKnown', alternatives.length > 0, [], alternatives);
  put(
    'usBehind',
    shareOf(matrix, US) < bestOther && (scores.find((x) => x.key === 'evaluator_stance')?.knowledgeLevel ?? 0) >= 2,
  );
  const comp = s.singleton('competition')?.id;
  put('customerPreference', s.known<string>(comp, 'customerPreference') ?? null, [fact(comp, 'customerPreference')]);
  put('weEliminated', s.known(comp, 'shortlisted') === false, [fact(comp, 'shortlisted')]);
  return alternatives;
}

function criteriaSignals({ s, put, fact }: Reading, alternatives: readonly KnowledgeItem[]): void {
  const criteria = s.itemsOf('criterion');
  const failed = criteria.filter((c) => s.known(c.id, 'mandatory') === true && s.known(c.id, 'fit', US) === 'fails');
  put(
    'mandatoryFail',
    failed.length > 0,
    failed.map((c) => s.fact(c.id, 'fit', US)),
    failed,
  );
  const advantage = weightedFitAdvantage(s);
  put(
    'criteriaFitAdvantage',
    advantage ?? 0,
    criteria.map((c) => s.fact(c.id, 'fit', US)),
    criteria,
  );
  put('criteriaFitKnown', advantage !== null);
  const competitorAuthored = criteria.filter((c) => s.known(c.id, 'authoredBy') === 'competitor');
  const shaped = alternatives.filter((a) => s.known(a.id, 'shapedRequirements') === true);
  const dp = s.singleton('decision_process')?.id;
  const rfpUnexpected = s.known(dp, 'rfpReceived') === true && s.known(dp, 'rfpInfluenced') === false;
  put(
    'criteriaShapedByOther',
    competitorAuthored.length > 0 || rfpUnexpected || (shaped.length > 0 && (advantage ?? 0) < 0),
    [
      ...competitorAuthored.map((c) => s.fact(c.id, 'authoredBy')),
      ...shaped.map((a) => s.fact(a.id, 'shapedRequirements')),
      fact(dp, 'rfpReceived'),
    ],
    [...competitorAuthored, ...shaped],
  );
  put(
    'criteriaConfirmed',
    criteria.some(
      (c) => ['stated', 'validated'].includes(s.itemQuality(c).grade) && s.known(c.id, 'weight') !== undefined,
    ),
  );
}

/** Process and timing; returns the steps and the compelling event. */
function processSignals({ s, ctx, put, fact }: Reading): { steps: KnowledgeItem[]; ce: string | undefined } {
  const steps = s.itemsOf('decision_step');
  const dp = s.singleton('decision_process')?.id;
  const open = steps.filter((st) => s.known(st.id, 'status') !== 'done');
  const planned = open
    .map((st) => s.known<string>(st.id, 'plannedDate'))
    .filter((d): d is string => d !== undefined)
    .sort();
  put(
    'criticalPathAfterClose',
    planned.length > 0 && planned.at(-1)! > ctx.expectedCloseDate,
    open.map((st) => s.fact(st.id, 'plannedDate')),
    open,
  );
  put('overdueSteps', planned.filter((d) => d < ctx.asOf).length);
  // a step of the kind that is known: done (or under way) or not; null when no such step is known
  const stepState = (categories: readonly string[], started: readonly string[]) => {
    const found = steps.filter((st) => categories.includes(st.category ?? ''));
    if (found.length === 0) return { value: null, facts: [] };
    return {
      value: found.some((st) => started.includes(s.known<string>(st.id, 'status') ?? '')),
      facts: found.map((st) => s.fact(st.id, 'status')),
    };
  };
  const businessCase = stepState(['business_case', 'budget_approval'], ['done']);
  put('businessCaseApproved', businessCase.value, businessCase.facts);
  const legal = stepState(['legal', 'procurement', 'signature'], ['in_progress', 'done']);
  put('legalStarted', legal.value, legal.facts);
  put('processKnown', steps.length > 0, [], steps);
  put(
    'paperProcessKnown',
    steps.some((st) => ['legal', 'procurement', 'signature'].includes(st.category ?? '')),
  );
  put('signatoryKnown', s.known(dp, 'signatory') !== undefined, [fact(dp, 'signatory')]);
  put('purchasingUnknown', s.known(dp, 'purchasingInvolved') === undefined, [fact(dp, 'purchasingInvolved')]);
  const mapFact = fact(dp, 'mutualPlanAgreed');
  put('mapAgreed', s.known(dp, 'mutualPlanAgreed') === true, [mapFact]);
  const nextDue = s.known<string>(dp, 'nextStepDue');
  put('nextStepKnown', s.known(dp, 'nextStep') !== undefined, [fact(dp, 'nextStep')]);
  put('nextStepOverdue', nextDue !== undefined && nextDue < ctx.asOf, [fact(dp, 'nextStepDue')]);
  put('nextStepOwnerKnown', s.known(dp, 'nextStepOwner') !== undefined, [fact(dp, 'nextStepOwner')]);
  const ce = s.singleton('compelling_event')?.id;
  const recorded = s.known<Word<typeof EVENT_TYPES>>(ce, 'type');
  // a renewal's contract ends whatever else is said: that expiry is its compelling event
  const renewal = ctx.dealType === 'renewal';
  put(
    'compellingEventType',
    renewal && (recorded === undefined || recorded === 'none') ? 'contract_expiry' : (recorded ?? 'unknown'),
    [fact(ce, 'type')],
  );
  put('contractEnds', renewal || recorded === 'contract_expiry', [fact(ce, 'type')]);
  return { steps, ce };
}

/** How many buyer interactions it takes before one person's share of them says "single-threaded". */
const MIN_INTERACTIONS_FOR_SHARE = 6;
/** A push is explained when the buyer said or did something this many days before it (or 3 after). */
const PUSH_REASON_DAYS = 14;
/** Pushes older than this no longer say anything about the deal's date. */
const RECENT_PUSH_DAYS = 90;

/**
 * The latest thing a buyer said or did, how much of what buyers said came from one person, and
 * whether recent pushes of the close date came with anything the buyer said.
 */
function engagementSignals({ s, ctx, put }: Reading): void {
  let lastBuyer: string | null = null;
  const buyerDays: string[] = [];
  const byContact = new Map<string, number>();
  let withContact = 0;
  // anything recorded at all, by anyone (a what-if records nothing): an instant, or the creation day
  let lastRecorded = ctx.createdOn;
  const note = (e: Evidence, recorded: string) => {
    if (!e.hypothetical && recorded > lastRecorded) lastRecorded = recorded;
    if (!isBuyerEvidence(e)) return;
    if (lastBuyer === null || e.observedAt > lastBuyer) lastBuyer = e.observedAt;
    buyerDays.push(e.observedAt.slice(0, 10));
    if (e.contactId !== null) {
      withContact++;
      byContact.set(e.contactId, (byContact.get(e.contactId) ?? 0) + 1);
    }
  };
  for (const f of s.facts) note(f.evidence, f.recordedAt);
  for (const i of s.items) note(i.evidence, i.createdAt);
  put('daysSinceBuyerEngagement', lastBuyer ? daysBetween(lastBuyer, ctx.asOf) : null);
  const quietDays = Math.max(0, daysBetween(lastRecorded.slice(0, 10), ctx.asOf));
  put('daysSinceKnowledgeChange', quietDays);
  put('quieterThanWins', ctx.quietDaysWon == null ? null : quietDays > ctx.quietDaysWon);
  put(
    'topContactShare',
    withContact >= MIN_INTERACTIONS_FOR_SHARE ? Math.max(...byContact.values()) / withContact : null,
  );
  const recent = pushesBy(ctx).filter((p) => daysBetween(p.on, ctx.asOf) <= RECENT_PUSH_DAYS);
  put(
    'pushWithoutBuyerReason',
    recent.some(
      (p) =>
        !buyerDays.some((day) => {
          const before = daysBetween(day, p.on);
          return before >= -3 && before <= PUSH_REASON_DAYS;
        }),
    ),
  );
  put(
    'pushedAcrossQuarterEnd',
    recent.some((p) => quarterOf(p.to) > quarterOf(p.from) && daysBetween(p.on, quarterEnd(p.from)) < 30),
  );
}

/** The pushes made by the day of the assessment. */
function pushesBy(ctx: DealContext): readonly CloseDatePush[] {
  const pushes = ctx.closeDatePushes;
  return pushes.length === 0 || pushes.at(-1)!.on <= ctx.asOf ? pushes : pushes.filter((p) => p.on <= ctx.asOf);
}

/** Calendar quarters counted from year 0, so later quarters compare greater. */
const quarterOf = (date: string) => Number(date.slice(0, 4)) * 4 + Math.floor((Number(date.slice(5, 7)) - 1) / 3);
/** The last day of the calendar quarter a date falls in. */
function quarterEnd(date: string): string {
  const year = date.slice(0, 4);
  const lastMonth = (Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1) * 3;
  return `${year}-${String(lastMonth).padStart(2, '0')}-${lastMonth === 3 || lastMonth === 12 ? '31' : '30'}`;
}

/** Funding and value; returns the budget status and the funding item. */
function valueSignals(
  { s, ctx, put, fact, influence }: Reading,
  ebId: string | undefined,
): { budget: string | undefined; fu: string | undefined } {
  const fu = s.singleton('funding')?.id;
  const budget = s.known<Word<typeof BUDGET_STATUSES>>(fu, 'budgetStatus');
  put('budgetStatus', budget ?? 'unknown', [fact(fu, 'budgetStatus')]);
  put('budgetAllocated', budget === 'allocated', [fact(fu, 'budgetStatus')]);
  put('budgetUnknown', budget === undefined, [fact(fu, 'budgetStatus')]);
  put('budgetOwnerKnown', s.known(fu, 'budgetOwner') !== undefined, [fact(fu, 'budgetOwner')]);
  put('priceVsBudget', s.known<Word<typeof PRICE_VS_BUDGET>>(fu, 'priceVsBudget') ?? 'unknown', [
    fact(fu, 'priceVsBudget'),
  ]);
  put('pricingDiscussed', s.known<boolean>(fu, 'pricingDiscussed') ?? null, [fact(fu, 'pricingDiscussed')]);
  put(
    'proposalSent',
    ctx.proposalSentOn === undefined ? null : ctx.proposalSentOn !== null && ctx.proposalSentOn <= ctx.asOf,
    [],
  );
  const issues = s.itemsOf('business_issue');
  const quantified = issues.filter(
    (i) => s.known(i.id, 'metric') !== undefined && s.known(i.id, 'impact') !== undefined,
  );
  put(
    'impactQuantified',
    quantified.length > 0,
    quantified.map((i) => s.fact(i.id, 'impact')),
    quantified,
  );
  put(
    'impactAgreed',
    quantified.some((i) => s.known(i.id, 'impactAgreed') === true),
    quantified.map((i) => s.fact(i.id, 'impactAgreed')),
    quantified,
  );
  const owners = issues.map((i) => s.known<string>(i.id, 'owner')).filter((o): o is string => o !== undefined);
  put(
    'issuesOwnedOnlyByLow',
    issues.length > 0 &&
      owners.length === issues.length &&
      owners.every((o) => influence(o) === 'low' || s.known(o, 'politicalStatus') === 'outside'),
    issues.map((i) => s.fact(i.id, 'owner')),
    issues,
  );
  // REFERENCE 5 (DZ-02): the economic buyer owns an issue we can do something about
  const ebIssues = issues.filter((i) => ebId !== undefined && s.known(i.id, 'owner') === ebId);
  put(
    'ebOwnsIssue',
    ebIssues.some((i) => s.known(i.id, 'ourImpact') !== 'none'),
    ebIssues.map((i) => s.fact(i.id, 'owner')),
    ebIssues,
  );
  return { budget, fu };
}

/** Something a buyer said or did (not our inference, not a third party, not a what-if). */
function isBuyerEvidence(e: Evidence): boolean {
  return e.source !== 'seller_inference' && e.source !== 'third_party' && e.hypothetical !== true;
}

const shareOf = (matrix: EvaluatorMatrix, id: string) => matrix.shares.find((x) => x.alternativeId === id)?.share ?? 0;
const rolesOf = (s: KnowledgeSnapshot, id: string) => s.known<string[]>(id, 'roles') ?? [];
const assumedOrUnknown = (f: KnowledgeFact | undefined) =>
  !f || f.isUnknown || f.evidence.source === 'seller_inference';

/**
 * Most signals rest on nothing in particular: they share this one empty list rather than each
 * allocating its own (two per signal, some 90 signals per assessment). Frozen, so it stays empty.
 */
const NO_IDS: string[] = Object.freeze([]) as unknown as string[];

/** What a signal rests on when it rests on nothing in particular: one shared, frozen record. */
const NO_EVIDENCE: { facts: string[]; items: string[] } = Object.freeze({ facts: NO_IDS, items: NO_IDS });

function evidenceOf(
  facts: ReadonlyArray<KnowledgeFact | undefined> | undefined,
  items: ReadonlyArray<KnowledgeItem | undefined> | undefined,
): { facts: string[]; items: string[] } {
  const factIds = idsOf(facts);
  const itemIds = idsOf(items);
  return factIds === NO_IDS && itemIds === NO_IDS ? NO_EVIDENCE : { facts: factIds, items: itemIds };
}

/** The ids of what is there (plain loop: this runs for every signal of every assessment). */
function idsOf(list: ReadonlyArray<{ id: string } | undefined> | undefined): string[] {
  if (!list || list.length === 0) return NO_IDS;
  let ids: string[] | undefined;
  for (const x of list) if (x !== undefined) (ids ??= []).push(x.id);
  return ids ?? NO_IDS;
}

function rankInfluence(influence: string | undefined): number {
  return ({ high: 3, medium: 2, low: 1 } as Record<string, number>)[influence ?? ''] ?? 0;
}

/**
 * Every signal computeSignals writes, in the order it writes them (it writes each one every time,
 * so one run on empty knowledge finds them all). Some 90 properties added one by one turn an
 * object into a hash table in V8; a copy of a table that already holds every key keeps the fast
 * layout, for the writes and for every rule and model feature that reads them. The keys and their
 * order are those of writing them one by one, so the JSON of an assessment does not change.
 */
const WRITTEN_SIGNALS = Object.keys(
  collectSignals(
    snapshotAsOf([], [], '1970-01-01'),
    {
      asOf: '1970-01-01',
      createdOn: '1970-01-01',
      expectedCloseDate: '1970-01-01',
      amountMinor: 0,
      currency: 'USD',
      forecastCategory: 'pipeline',
      dealType: 'new_logo',
      relationship: 'new',
      closeDatePushes: [],
      largeDealMinor: 1,
      expectedCycleDays: 1,
    },
    [],
    false,
    {},
    {},
  ).signals,
);
const SIGNAL_SLOTS: Signals = Object.fromEntries(WRITTEN_SIGNALS.map((name) => [name, null]));
const SIGNAL_SLOTS_WITH_SELLER: Signals = { ...SIGNAL_SLOTS, sellerGapAbs: null, sellerBiasAbs: null };
const EVIDENCE_SLOTS: SignalEvidence = Object.fromEntries(WRITTEN_SIGNALS.map((name) => [name, NO_EVIDENCE]));

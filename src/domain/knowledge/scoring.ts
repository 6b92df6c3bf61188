import { daysBetween } from '../dates.ts';
import { GRADE_RANK, type EvidenceGrade } from './evidence.ts';
import { evaluatorMatrix, highInfluenceGap, preferenceGap, type EvaluatorMatrix } from './matrix.ts';
import { OBJECTIVE_KEYS, type ObjectiveDefinition, type ObjectiveKey } from './objectives.ts';
import { KNOWLEDGE_SCHEMA, US, type FactField, type FieldOf, type ItemKind } from './schema.ts';
import type { KnowledgeFact, KnowledgeItem, KnowledgeSnapshot } from './snapshot.ts';
import { coverageOf } from './coverage.ts';

// Knowledge level K (0-4: unknown, assumed, identified, confirmed, validated) and position P
// (-2..+2: how favourable what we know is) per objective, by the rules of REFERENCE section 3.
// Each result says why, in words a seller can act on.

export type KnowledgeLevel = 0 | 1 | 2 | 3 | 4;
export type Position = -2 | -1 | 0 | 1 | 2;

export type ObjectiveScore = {
  key: ObjectiveKey;
  /** anything at all recorded for it, even "unknown" */
  explored: boolean;
  knowledgeLevel: KnowledgeLevel;
  /** null while nothing is known */
  position: Position | null;
  knowledgeReasons: string[];
  positionReasons: string[];
};

export type OpportunityContext = {
  amountMinor: number;
  currency: string;
  expectedCloseDate: string;
};

type Rule = (
  s: KnowledgeSnapshot,
  ctx: OpportunityContext,
  matrix: EvaluatorMatrix,
) => { level: KnowledgeLevel; levelWhy: string[]; position: Position; positionWhy: string[] };

const rank = (grade: EvidenceGrade | null | undefined) => (grade ? GRADE_RANK[grade] : 0);

/** known with at least this grade; `fresh` also demands it be within its half-life */
function holds(s: KnowledgeSnapshot, fact: KnowledgeFact | undefined, grade: EvidenceGrade, fresh = false): boolean {
  if (!fact || fact.isUnknown) return false;
  const q = s.quality(fact);
  return rank(q.grade) >= GRADE_RANK[grade] && (!fresh || q.fresh);
}

const itemHolds = (s: KnowledgeSnapshot, item: KnowledgeItem, grade: EvidenceGrade) =>
  rank(s.itemQuality(item).grade) >= GRADE_RANK[grade];

function influenceOf(s: KnowledgeSnapshot, evaluatorId: string | undefined): string | undefined {
  return s.known<string>(evaluatorId, 'influence');
}

// Helpers the rules share, at module level: under tsx (how the server runs) every named closure
// made inside a function is also renamed at run time, once per call, for every deal assessed.
const factOf = (s: KnowledgeSnapshot, itemId: string | undefined, field: FactField) =>
  itemId ? s.fact(itemId, field) : undefined;
const influenceRank = (influence: string | undefined) =>
  (({ high: 3, medium: 2, low: 1 }) as Record<string, number>)[influence ?? ''] ?? 0;
const shapedRequirements = (s: KnowledgeSnapshot, id: string) => s.known(id, 'shapedRequirements') === true;
const isDone = (s: KnowledgeSnapshot, id: string) => s.known(id, 'status') === 'done';

function climb(steps: Array<[boolean, string]>): { level: KnowledgeLevel; levelWhy: string[] } {
  let level = 0;
  const why: string[] = [];
  for (const [reached, reason] of steps) {
    if (!reached) {
      why.push(`Next level: ${reason}`);
      break;
    }
    level += 1;
    why.push(reason);
  }
  return { level: level as KnowledgeLevel, levelWhy: why };
}

const businessIssues: Rule = (s, ctx) => {
  const issues = s.itemsOf('business_issue');
  const stated = issues.filter((i) => itemHolds(s, i, 'stated'));
  const complete = stated.filter((i) => {
    const owner = s.known<string>(i.id, 'owner');
    return (
      ['high', 'medium'].includes(influenceOf(s, owner) ?? '') &&
      holds(s, s.fact(i.id, 'metric'), 'stated', true) &&
      holds(s, s.fact(i.id, 'impact'), 'stated', true)
    );
  });
  const agreed = complete.filter(
    (i) => s.known(i.id, 'impactAgreed') === true && holds(s, s.fact(i.id, 'impactAgreed'), 'validated', true),
  );
  const { level, levelWhy } = climb([
    [issues.length > 0, 'a business issue is recorded'],
    [stated.length > 0, 'a buyer stated an issue in their own words'],
    [complete.length > 0, 'an issue owned by an influential evaluator has a measured baseline and a quantified impact'],
    [agreed.length > 0, 'the customer agreed the impact in writing or by action'],
  ]);
  // the best issue carries the opportunity's value
  let best: { position: Position; why: string } | null = null;
  for (const issue of issues) {
    const priority = s.known<string>(issue.id, 'priority');
    const ours = s.known<string>(issue.id, 'ourImpact');
    const ownerInfluence = influenceOf(s, s.known<string>(issue.id, 'owner'));
    const impact = s.known<{ amountMinor: number; currency: string }>(issue.id, 'impact');
    const dwarfsPrice =
      impact !== undefined && impact.currency === ctx.currency && impact.amountMinor >= 3 * ctx.amountMinor;
    let p: Position = 0;
    if (ours === 'none') p = -2;
    else if (priority === 'top3_initiative' && ownerInfluence === 'high' && ours === 'unique' && dwarfsPrice) p = 2;
    else if ((priority === 'top3_initiative' || priority === 'important') && (ours === 'unique' || ours === 'strong'))
      p = 1;
    else if (ownerInfluence === 'low') p = -1;
    if (!best || p > best.position) best = { position: p, why: issuePositionReason(issue, p) };
  }
  const position = best?.position ?? 0;
  const positionWhy = best ? [best.why] : [];
  return { level, levelWhy, position, positionWhy };
};

function issuePositionReason(issue: KnowledgeItem, p: Position): string {
  const name = `"${issue.title ?? 'issue'}"`;
  switch (p) {
    case 2:
      return `${name} is a top initiative owned by a high-influence evaluator, only we can solve it, and it is worth at least three times our price`;
    case 1:
      return `${name} matters to the customer and we can impact it strongly`;
    case 0:
      return `${name} is nice to have or we are at parity`;
    case -1:
      return `${name} is owned only by a low-influence contact`;
    case -2:
      return `we cannot materially impact ${name}`;
  }
}

const HARD_EVENTS = ['external_deadline', 'regulatory', 'contract_expiry'];
const INTERNAL_EVENTS = ['fiscal_budget_cycle', 'project_dependency', 'leadership_mandate', 'competitive_threat'];

const compellingEvent: Rule = (s) => {
  const ce = s.singleton('compelling_event')?.id;
  const type = s.known<string>(ce, 'type');
  const anyKnown = (
    ['description', 'type', 'eventDate', 'costOfDelay', 'owner', 'decisionDate', 'goLiveDate'] as const
  ).some((f) => holds(s, factOf(s, ce, f), 'assumed'));
  const dateStated =
    holds(s, factOf(s, ce, 'eventDate'), 'stated') || holds(s, factOf(s, ce, 'decisionDate'), 'stated');
  const complete =
    type !== undefined &&
    type !== 'none' &&
    holds(s, factOf(s, ce, 'eventDate'), 'stated', true) &&
    s.known(ce, 'owner') !== undefined &&
    (s.known(ce, 'costOfDelay') !== undefined || s.known(ce, 'description') !== undefined);
  const validated =
    holds(s, factOf(s, ce, 'costOfDelay'), 'validated', true) ||
    holds(s, factOf(s, ce, 'eventDate'), 'validated', true);
  const { level, levelWhy } = climb([
    [anyKnown, 'something is known about why the customer must act'],
    [dateStated, 'a buyer stated a date'],
    [complete, 'the event, its date, its owner and the consequence of missing it are known'],
    [validated, 'the cost of delay or the date is confirmed by a buyer action or in writing'],
  ]);
  const ownerInfluence = influenceOf(s, s.known<string>(ce, 'owner'));
  let position: Position;
  let why: string;
  if (type === 'none') [position, why] = [-2, 'the customer has no event forcing a decision'];
  else if (!dateStated && !holds(s, factOf(s, ce, 'type'), 'stated'))
    [position, why] = [-2, 'the only dates are ones we believe, not ones the customer stated'];
  else if (
    type &&
    HARD_EVENTS.includes(type) &&
    s.known(ce, 'costOfDelay') !== undefined &&
    s.known(ce, 'eventDate') !== undefined
  ) {
    [position, why] = [2, 'a hard external event with a quantified cost of delay forces the decision'];
  } else if (type && HARD_EVENTS.includes(type))
    [position, why] = [1, 'a hard external event drives the date, but its cost of delay is not quantified'];
  else if (type && INTERNAL_EVENTS.includes(type) && ownerInfluence === 'high')
    [position, why] = [1, 'an internal deadline owned by a high-influence evaluator drives the date'];
  else [position, why] = [0, 'the date is a soft target'];
  return { level, levelWhy, position, positionWhy: [why] };
};

const buyingGroup: Rule = (s) => {
  const evaluators = s.itemsOf('evaluator');
  const withRoles = evaluators.filter((e) => holds(s, s.fact(e.id, 'roles'), 'stated'));
  const ebId = s.known<string>(s.singleton('power_access')?.id, 'economicBuyer');
  const ebKnown =
    ebId !== undefined || evaluators.some((e) => (s.known<string[]>(e.id, 'roles') ?? []).includes('economic_buyer'));
  const influenceMapped = evaluators.length > 0 && evaluators.every((e) => influenceOf(s, e.id) !== undefined);
  const highs = evaluators.filter((e) => influenceOf(s, e.id) === 'high');
  const completeFact = s.singleton('buying_group')
    ? s.fact(s.singleton('buying_group')!.id, 'completeConfirmed')
    : undefined;
  const { level, levelWhy } = climb([
    [evaluators.length > 0, 'at least one evaluator is known'],
    [
      evaluators.length >= 2 && withRoles.length * 2 >= evaluators.length,
      'most evaluators have their roles named by a buyer',
    ],
    [
      ebKnown && influenceMapped && atLeastTwoCorroborate(s, evaluators),
      "the economic buyer and every evaluator's influence are known, and two or more buyers corroborate the map",
    ],
    [
      completeFact?.value === true &&
        holds(s, completeFact, 'validated') &&
        highs.every((h) => ['multiple', 'in_depth'].includes(coverageOf(s, h.id) ?? '')),
      'a buyer confirmed the group is complete and we cover every high-influence evaluator well',
    ],
  ]);
  let position: Position;
  let why: string;
  if (highs.length === 0) [position, why] = [0, 'nobody is known to have high influence yet'];
  else if (highs.some((h) => coverageOf(s, h.id) === 'none'))
    [position, why] = [-2, 'high-influence evaluators have not been contacted'];
  else if (highs.some((h) => !['multiple', 'in_depth'].includes(coverageOf(s, h.id) ?? '')))
    [position, why] = [-1, 'our coverage of some high-influence evaluators is thin or unknown'];
  else if (highs.every((h) => coverageOf(s, h.id) === 'in_depth'))
    [position, why] = [2, 'we cover every high-influence evaluator in depth'];
  else [position, why] = [1, 'we have several conversations with every high-influence evaluator'];
  return { level, levelWhy, position, positionWhy: [why] };
};

/**
 * Do two or more buyers back the map of the buying group (the contacts behind what a buyer stated
 * about an evaluator or its facts)? Asked only when the level gets that far, and it stops at the
 * second contact: it grades the group's facts one by one.
 */
function atLeastTwoCorroborate(s: KnowledgeSnapshot, evaluators: readonly KnowledgeItem[]): boolean {
  const contacts = new Set<string>();
  for (const e of evaluators) {
    if (e.evidence.contactId && itemHolds(s, e, 'stated')) contacts.add(e.evidence.contactId);
    if (contacts.size >= 2) return true;
  }
  for (const f of s.factsOf('buying_group')) {
    if (f.evidence.contactId && s.item(f.itemId)?.kind === 'evaluator' && holds(s, f, 'stated'))
      contacts.add(f.evidence.contactId);
    if (contacts.size >= 2) return true;
  }
  return false;
}

/** 0-4 for one evaluator's stance: by the person themselves and fresh counts most. */
function stanceLevel(s: KnowledgeSnapshot, evaluator: KnowledgeItem): KnowledgeLevel {
  let best: KnowledgeLevel = 0;
  for (const field of ['favours', 'support'] as const) {
    const fact = s.fact(evaluator.id, field);
    if (!fact || fact.isUnknown) continue;
    const q = s.quality(fact);
    const byThemselves = fact.evidence.contactId !== null && fact.evidence.contactId === evaluator.contactId;
    const level: KnowledgeLevel =
      q.grade === 'validated' ? (q.fresh ? 4 : 2) : q.grade === 'stated' ? (byThemselves && q.fresh ? 3 : 2) : 1;
    if (level > best) best = level;
  }
  return best;
}

const STANCE_WEIGHT: Record<string, number> = { high: 3, medium: 2, low: 1 };

const evaluatorStance: Rule = (s, _ctx, matrix) => {
  const evaluators = s.itemsOf('evaluator');
  // the same sums, in the same order, as summing over a list of weights (one loop, no list)
  let total = 0;
  let weighted = 0;
  for (const e of evaluators) {
    const w = STANCE_WEIGHT[influenceOf(s, e.id) ?? ''] ?? 1;
    total += w;
    weighted += w * stanceLevel(s, e);
  }
  const mean = total === 0 ? 0 : weighted / total;
  const level = Math.round(mean) as KnowledgeLevel;
  const levelWhy = [
    total === 0
      ? 'no evaluators recorded yet'
      : `influence-weighted stance knowledge ${mean.toFixed(1)} of 4 across ${evaluators.length} evaluator${evaluators.length === 1 ? '' : 's'}`,
  ];
  const gap = preferenceGap(matrix);
  const highGap = highInfluenceGap(matrix);
  const highsKnown = matrix.rows.some((r) => r.influence === 'high' && r.favours !== null);
  const eb = matrix.rows.find((r) => r.isEconomicBuyer);
  const ebWithUs = eb !== undefined && (eb.favours === US || ['mentor', 'supporter'].includes(eb.support ?? ''));
  let position: Position;
  let why: string;
  if (highsKnown && highGap < 0)
    [position, why] = [-2, 'another alternative leads among the high-influence evaluators'];
  else if (gap >= 0.3 && ebWithUs)
    [position, why] = [2, "we lead the buying group's preference by a wide margin and the economic buyer is with us"];
  else if (gap > 0) [position, why] = [1, 'more influence favours us than any other alternative'];
  else if (gap < 0) [position, why] = [-1, 'more influence favours another alternative than us'];
  else [position, why] = [0, "no alternative leads the buying group's known preferences"];
  return { level, levelWhy, position, positionWhy: [why] };
};

export const CHAMPION_TESTS = [
  'testPower',
  'testSellsInternally',
  'testVestedInterest',
  'testAccess',
  'testCoOwnsPlan',
  'testSharesInsideInfo',
] as const satisfies ReadonlyArray<FieldOf<'evaluator'>>;
export type ChampionTest = (typeof CHAMPION_TESTS)[number];

/** the key of each snapshot's passed tests by evaluator (see KnowledgeSnapshot.derived) */
const passedTestsByEvaluator = { derived: 'passed champion tests by evaluator' };

/** A test counts as passed only when a buyer action or something written shows it. */
export function passedChampionTests(s: KnowledgeSnapshot, evaluatorId: string): readonly ChampionTest[] {
  // the scoring and the signals both ask, for every evaluator: worked out once per snapshot
  const known = s.derived(passedTestsByEvaluator, () => new Map<string, readonly ChampionTest[]>());
  let passed = known.get(evaluatorId);
  if (!passed) {
    passed = CHAMPION_TESTS.filter(
      (t) => s.known(evaluatorId, t) === 'passed' && holds(s, s.fact(evaluatorId, t), 'validated'),
    );
    known.set(evaluatorId, passed);
  }
  return passed;
}

const championPower: Rule = (s, ctx) => {
  const pa = s.singleton('power_access')?.id;
  const evaluators = s.itemsOf('evaluator');
  const candidates = evaluators.filter((e) => CHAMPION_TESTS.some((t) => s.fact(e.id, t) !== undefined));
  const best = candidates
    .map((e) => ({ e, passed: passedChampionTests(s, e.id) }))
    .sort((a, b) => b.passed.length - a.passed.length)[0];
  const eb = s.known<string>(pa, 'economicBuyer');
  const ebStated = pa !== undefined && holds(s, s.fact(pa, 'economicBuyer'), 'stated');
  const anyKnown = s.factsOf('champion_power').some((f) => !f.isUnknown);
  const testStated = candidates.some((c) => CHAMPION_TESTS.some((t) => holds(s, s.fact(c.id, t), 'stated')));
  const powerValidated = candidates.some(
    (c) => s.known(c.id, 'testPower') === 'passed' && holds(s, s.fact(c.id, 'testPower'), 'validated', true),
  );
  const priorityValidated =
    pa !== undefined &&
    s.known(pa, 'ebConfirmedPriority') === true &&
    holds(s, s.fact(pa, 'ebConfirmedPriority'), 'validated', true);
  const { level, levelWhy } = climb([
    [anyKnown, 'something is known about a champion or the economic buyer'],
    [ebStated || testStated, 'a buyer named the economic buyer, or a champion has been tested'],
    [
      ebStated && s.known(pa, 'ebMet') !== undefined && (best?.passed.length ?? 0) > 0,
      'the economic buyer is identified, we know whether we met them, and a champion passed a test',
    ],
    [
      powerValidated && priorityValidated,
      "the champion's power is proven and the economic buyer confirmed the priority, by action or in writing",
    ],
  ]);
  const passed = best?.passed ?? [];
  const counter = s.known<string>(pa, 'counterChampion');
  const closeSoon = daysBetween(s.asOf, ctx.expectedCloseDate) <= 60;
  let position: Position;
  let why: string;
  if (
    counter !== undefined &&
    (passed.length === 0 || influenceRank(influenceOf(s, counter)) > influenceRank(influenceOf(s, best?.e.id)))
  ) {
    [position, why] = [-2, 'a counter-champion has more power than our champion'];
  } else if (eb === undefined && closeSoon)
    [position, why] = [-2, 'the economic buyer is still unknown with the close date less than 60 days away'];
  else if (
    passed.length >= 4 &&
    passed.includes('testPower') &&
    passed.includes('testAccess') &&
    s.known(pa, 'ebMet') === true &&
    s.known(pa, 'ebConfirmedPriority') === true
  ) {
    [position, why] = [
      2,
      `our champion passed ${passed.length} tests including power and access, and the economic buyer confirmed the priority`,
    ];
  } else if (passed.includes('testPower') && eb !== undefined)
    [position, why] = [1, 'we have a champion with proven power and the economic buyer is identified'];
  else if (passed.length > 0) [position, why] = [0, 'we have a coach, but their power is not proven'];
  else [position, why] = [-1, 'no champion has passed a test backed by buyer action'];
  return { level, levelWhy, position, positionWhy: [why] };
};

const alternatives: Rule = (s, _ctx, matrix) => {
  const alts = s.itemsOf('alternative');
  const comp = s.singleton('competition')?.id;
  const anyKnown = alts.length > 0 || s.factsOf('alternatives').some((f) => !f.isUnknown);
  const named = alts.some((a) => itemHolds(s, a, 'stated'));
  const live = alts.filter((a) => s.known(a.id, 'status') !== 'eliminated');
  const standingKnown = live.every((a) => holds(s, s.fact(a.id, 'status'), 'stated'));
  const highsFavourKnown = matrix.rows.filter((r) => r.influence === 'high').every((r) => r.favours !== null);
  const confirmed =
    comp !== undefined &&
    (holds(s, s.fact(comp, 'shortlisted'), 'validated', true) ||
      holds(s, s.fact(comp, 'customerPreference'), 'validated', true));
  const { level, levelWhy } = climb([
    [anyKnown, 'some alternative is recorded'],
    [named, 'the customer named the alternatives'],
    [
      standingKnown && highsFavourKnown,
      "each alternative's standing and what the high-influence evaluators favour are known",
    ],
    [confirmed, 'the customer confirmed the shortlist or their preference in writing or by action'],
  ]);
  const preference = s.known<string>(comp, 'customerPreference');
  const leader = [...matrix.shares].sort((a, b) => b.share - a.share)[0];
  const gap = preferenceGap(matrix);
  let position: Position;
  let why: string;
  if (preference === US) [position, why] = [2, 'the customer says we are their preferred option'];
  else if (s.known(comp, 'shortlisted') === false) [position, why] = [-2, 'we are not on the shortlist'];
  else if (preference !== undefined && shapedRequirements(s, preference))
    [position, why] = [-2, 'the customer prefers an alternative that shaped their requirements'];
  else if (
    leader &&
    leader.alternativeId !== US &&
    leader.share > 0 &&
    shapedRequirements(s, leader.alternativeId) &&
    gap < 0
  ) {
    [position, why] = [-2, 'the alternative that shaped the requirements also leads the preference'];
  } else if (preference !== undefined) [position, why] = [-1, 'the customer states a preference for another option'];
  else if (gap > 0) [position, why] = [1, 'we lead the known preferences'];
  else if (gap < 0) [position, why] = [-1, 'an alternative leads the known preferences'];
  else [position, why] = [0, 'no option clearly leads'];
  return { level, levelWhy, position, positionWhy: [why] };
};

const FIT_SCORE: Record<string, number> = { exceeds: 3, meets: 2, partial: 1, fails: 0 };

/** Σ weight·(fit_us − best other fit) / (3·Σ weight) over criteria with a known weight and fit for us. */
export function weightedFitAdvantage(s: KnowledgeSnapshot): number | null {
  // the scoring and the signals both ask: worked out once per snapshot
  return s.derived(fitAdvantageOf, fitAdvantageOf);
}

function fitAdvantageOf(s: KnowledgeSnapshot): number | null {
  const others = s.itemsOf('alternative').map((a) => a.id);
  let num = 0;
  let den = 0;
  for (const c of s.itemsOf('criterion')) {
    const weight = s.known<number>(c.id, 'weight');
    const ours = s.known<string>(c.id, 'fit', US);
    if (weight === undefined || ours === undefined || weight === 0) continue;
    const best = Math.max(0, ...others.map((o) => FIT_SCORE[s.known<string>(c.id, 'fit', o) ?? ''] ?? 0));
    num += weight * (FIT_SCORE[ours]! - best);
    den += weight * 3;
  }
  return den === 0 ? null : num / den;
}

const decisionCriteria: Rule = (s) => {
  const criteria = s.itemsOf('criterion');
  const stated = criteria.some((c) => itemHolds(s, c, 'stated'));
  const detailed =
    criteria.length > 0 &&
    criteria.every((c) => s.known(c.id, 'weight') !== undefined && s.known(c.id, 'caresAbout') !== undefined) &&
    criteria.some((c) => holds(s, s.fact(c.id, 'weight'), 'stated', true));
  const mandatory = criteria.filter((c) => s.known(c.id, 'mandatory') === true);
  const validated =
    criteria.some(
      (c) => c.category === 'formal' && itemHolds(s, c, 'validated') && s.known(c.id, 'authoredBy') === 'us',
    ) && mandatory.every((c) => holds(s, s.fact(c.id, 'fit', US), 'stated'));
  const { level, levelWhy } = climb([
    [criteria.length > 0, 'a decision criterion is recorded'],
    [stated, 'a buyer stated the criteria'],
    [detailed, 'every criterion has a weight and the people who care about it, confirmed by the customer'],
    [validated, 'written criteria we helped shape, with our fit on every must-have known'],
  ]);
  const advantage = weightedFitAdvantage(s);
  const failed = mandatory.find((c) => s.known(c.id, 'fit', US) === 'fails');
  const competitorWrote = criteria.some((c) => s.known(c.id, 'authoredBy') === 'competitor');
  const weWrote = criteria.some((c) => s.known(c.id, 'authoredBy') === 'us');
  let position: Position;
  let why: string;
  if (failed) [position, why] = [-2, `we fail the must-have "${failed.title ?? 'criterion'}"`];
  else if (advantage === null) [position, why] = [0, 'our fit against the criteria is not known yet'];
  else if (competitorWrote && advantage < 0) [position, why] = [-2, 'a competitor wrote criteria on which it leads'];
  else if (weWrote && advantage > 0) [position, why] = [2, 'we shaped the criteria and lead on weighted fit'];
  else if (advantage > 0) [position, why] = [1, 'we lead on weighted fit'];
  else if (advantage < 0) [position, why] = [-1, 'an alternative fits the weighted criteria better'];
  else [position, why] = [0, 'we are level with the alternatives on weighted fit'];
  return { level, levelWhy, position, positionWhy: [why] };
};

const PAPER_STEPS = ['legal', 'procurement', 'signature'];

const decisionProcess: Rule = (s, ctx) => {
  const steps = s.itemsOf('decision_step');
  const dp = s.singleton('decision_process')?.id;
  const anyKnown = steps.length > 0 || s.factsOf('decision_process').some((f) => !f.isUnknown);
  const dated = steps.every(
    (st) => isDone(s, st.id) || (s.known(st.id, 'owner') !== undefined && s.known(st.id, 'plannedDate') !== undefined),
  );
  const mapFact = dp ? s.fact(dp, 'mutualPlanAgreed') : undefined;
  const { level, levelWhy } = climb([
    [anyKnown, 'something is known about how they will decide'],
    [steps.some((st) => itemHolds(s, st, 'stated')), 'a buyer described the steps'],
    [
      steps.length >= 2 &&
        dated &&
        steps.some((st) => PAPER_STEPS.includes(st.category ?? '')) &&
        steps.some((st) => holds(s, s.fact(st.id, 'plannedDate'), 'stated', true)),
      'the steps, including the paper process, have owners and dates',
    ],
    [mapFact?.value === true && holds(s, mapFact, 'validated', true), 'a mutual action plan is agreed with the buyer'],
  ]);
  const open = steps.filter((st) => !isDone(s, st.id));
  const planned = open.map((st) => s.known<string>(st.id, 'plannedDate')).filter((d): d is string => d !== undefined);
  const end = planned.sort().at(-1);
  const overdue = planned.filter((d) => d < s.asOf).length;
  const closeSoon = daysBetween(s.asOf, ctx.expectedCloseDate) <= 45;
  let position: Position;
  let why: string;
  if (steps.length === 0 && closeSoon)
    [position, why] = [-2, 'the process is unknown and the close date is less than 45 days away'];
  else if (end !== undefined && end > ctx.expectedCloseDate)
    [position, why] = [-2, `the last step is planned for ${end}, after the close date`];
  else if (overdue > 0)
    [position, why] = [-1, `${overdue} step${overdue === 1 ? ' is' : 's are'} past the planned date`];
  else if (steps.length > 0 && open.length === 0) {
    [position, why] =
      s.known(dp, 'mutualPlanAgreed') === true
        ? [2, 'every step of the agreed plan is done']
        : [1, 'every known step is done'];
  } else if (planned.length > 0 && s.known(dp, 'mutualPlanAgreed') === true)
    [position, why] = [2, 'a mutual plan is agreed and every step lands before the close date'];
  else if (planned.length > 0) [position, why] = [1, 'the planned steps land before the close date'];
  else [position, why] = [0, 'the steps are not dated yet'];
  return { level, levelWhy, position, positionWhy: [why] };
};

const fundingValue: Rule = (s, ctx) => {
  const fu = s.singleton('funding')?.id;
  const status = s.known<string>(fu, 'budgetStatus');
  const anyKnown = s.factsOf('funding_value').some((f) => !f.isUnknown);
  const { level, levelWhy } = climb([
    [anyKnown, 'something is known about funding or value'],
    [holds(s, factOf(s, fu, 'budgetStatus'), 'stated'), 'a buyer told us the budget status'],
    [
      holds(s, factOf(s, fu, 'budgetStatus'), 'stated', true) &&
        s.known(fu, 'budgetOwner') !== undefined &&
        s.known(fu, 'valueAgreed') === true,
      'budget status and owner are known and the customer agreed the value case',
    ],
    [
      status === 'allocated' && holds(s, factOf(s, fu, 'budgetStatus'), 'validated', true),
      'the funding is approved in writing',
    ],
  ]);
  const price = s.known<string>(fu, 'priceVsBudget');
  const value = s.known<{ amountMinor: number; currency: string }>(fu, 'valueToCustomer');
  const valueDwarfsPrice =
    value !== undefined && value.currency === ctx.currency && value.amountMinor >= 3 * ctx.amountMinor;
  let position: Position;
  let why: string;
  if (status === 'none' && s.known(fu, 'budgetOwner') === undefined)
    [position, why] = [-2, 'there is no budget and nobody owns one'];
  else if (price === 'well_above') [position, why] = [-2, 'our price is well above their budget'];
  else if (status === 'allocated' && price === 'within' && valueDwarfsPrice)
    [position, why] = [2, 'budget is allocated, our price fits it, and the value is at least three times the price'];
  else if (status === 'allocated' || (status === 'identified_not_approved' && price === 'within'))
    [position, why] = [1, 'money is there or identified and our price fits'];
  else if (status === 'must_be_created' || price === 'above')
    [position, why] = [
      -1,
      status === 'must_be_created' ? 'the budget still has to be created' : 'our price is above their budget',
    ];
  else [position, why] = [0, 'funding is not settled yet'];
  return { level, levelWhy, position, positionWhy: [why] };
};

const RULES: Record<ObjectiveKey, Rule> = {
  business_issues: businessIssues,
  compelling_event: compellingEvent,
  buying_group: buyingGroup,
  evaluator_stance: evaluatorStance,
  champion_power: championPower,
  alternatives,
  decision_criteria: decisionCriteria,
  decision_process: decisionProcess,
  funding_value: fundingValue,
};

/** Per objective, the kinds of item with an identity of their own (recording one explores it). */
const LISTED_KINDS = Object.fromEntries(
  OBJECTIVE_KEYS.map((key) => [
    key,
    KNOWLEDGE_SCHEMA.filter((k) => k.objective === key && !k.singleton).map((k) => k.kind),
  ]),
) as Record<ObjectiveKey, ItemKind[]>;

/** Was anything (even "unknown") recorded for this objective? */
export function isExplored(s: KnowledgeSnapshot, key: ObjectiveKey): boolean {
  return s.factsOf(key).length > 0 || LISTED_KINDS[key].some((kind) => s.itemsOf(kind).length > 0);
}

export function scoreObjectives(
  snapshot: KnowledgeSnapshot,
  ctx: OpportunityContext,
  matrix: EvaluatorMatrix = evaluatorMatrix(snapshot),
): ObjectiveScore[] {
  return OBJECTIVE_KEYS.map((key) => {
    const explored = isExplored(snapshot, key);
    if (!explored) {
      return {
        key,
        explored,
        knowledgeLevel: 0,
        position: null,
        knowledgeReasons: ['Not yet explored'],
        positionReasons: [],
      };
    }
    const r = RULES[key](snapshot, ctx, matrix);
    return {
      key,
      explored,
      knowledgeLevel: r.level,
      position: r.level === 0 ? null : r.position,
      knowledgeReasons: r.levelWhy,
      positionReasons: r.level === 0 ? [] : r.positionWhy,
    };
  });
}

// An organization's objectives are one list shared by every deal it assesses: their weights are
// looked up once per list, not rebuilt per deal. Weak keys: nothing outlives the list.
const weightsOfObjectives = new WeakMap<readonly ObjectiveDefinition[], Map<ObjectiveKey, number>>();

function objectiveWeights(objectives: readonly ObjectiveDefinition[]): Map<ObjectiveKey, number> {
  let weights = weightsOfObjectives.get(objectives);
  if (!weights) weightsOfObjectives.set(objectives, (weights = new Map(objectives.map((o) => [o.key, o.weight]))));
  return weights;
}

/** Σ(weight·K/4) / Σ weight: how much of what matters we know, from 0 to 1. */
export function knowledgeCoverageIndex(
  scores: readonly ObjectiveScore[],
  objectives: readonly ObjectiveDefinition[],
): number {
  const weightOf = objectiveWeights(objectives);
  const total = scores.reduce((sum, sc) => sum + (weightOf.get(sc.key) ?? 1), 0);
  const known = scores.reduce((sum, sc) => sum + (weightOf.get(sc.key) ?? 1) * (sc.knowledgeLevel / 4), 0);
  return total === 0 ? 0 : known / total;
}

import { addDays, daysBetween } from '../dates.ts';
import { evaluatorMatrix } from '../knowledge/matrix.ts';
import { DEFAULT_OBJECTIVES, type ObjectiveKey } from '../knowledge/objectives.ts';
import { US, type ALTERNATIVE_KINDS } from '../knowledge/schema.ts';
import type { KnowledgeItem, KnowledgeSnapshot } from '../knowledge/snapshot.ts';

// The win/loss review: "what we didn't know we didn't know". For one closed deal, what was on
// record the day it closed (and LATE_DAYS before) set against how it ended: lost to an alternative
// nobody recorded, to an evaluator nobody mapped, on a criterion whose fit we never learned, or an
// outcome the probability did not see coming. Across deals: the unknowns that preceded losses more
// often than wins. Everything here reads what the seller recorded and the close reason they wrote;
// nothing is guessed beyond the words of that reason (which names who won, when a seller says so).

/** A win below this probability at the close is a surprise. */
export const SURPRISE_WIN_BELOW = 0.3;
/** A deal not won at or above this probability at the close is a surprise. */
export const SURPRISE_LOSS_FROM = 0.7;
/** What entered the record in the last days before the close came too late to act on. */
export const LATE_DAYS = 30;
/** Fewer people than this on record is a buying group nobody mapped (buying groups run 5 to 10). */
export const MIN_MAPPED_EVALUATORS = 3;

export type ClosedOutcome = 'won' | 'lost' | 'no_decision';

export const LESSON_KINDS = ['unrecordedAlternative', 'unmappedEvaluator', 'unknownCriterion', 'surprise'] as const;
export type LessonKind = (typeof LESSON_KINDS)[number];

/** What each lesson can have found, by lesson. */
export const LESSON_FINDINGS = {
  unrecordedAlternative: ['alternative_never_recorded', 'alternative_recorded_late'],
  unmappedEvaluator: ['no_economic_buyer', 'economic_buyer_not_met', 'few_evaluators', 'decider_added_late'],
  unknownCriterion: ['no_criteria', 'fit_unknown', 'fit_learned_late'],
  surprise: ['won_against_odds', 'lost_against_odds'],
} as const satisfies Record<LessonKind, readonly string[]>;
export type FindingCode = (typeof LESSON_FINDINGS)[LessonKind][number];

export type Finding = {
  code: FindingCode;
  /** in words, with the deal's own names */
  text: string;
  /** the knowledge item it is about (an alternative, an evaluator, a criterion), when one is on record */
  itemId: string | null;
};

export type Lesson = { kind: LessonKind; findings: Finding[] };

export type DealAtClose = {
  outcome: ClosedOutcome;
  /** the day the deal was opened: a deal younger than LATE_DAYS at its close learned nothing "late" */
  createdOn: string;
  closedDate: string;
  closeReason: string | null;
  /** the knowledge as it stood at the end of the close day */
  atClose: KnowledgeSnapshot;
  /** and LATE_DAYS earlier (lateSnapshotDay) */
  before: KnowledgeSnapshot;
  /** the win probability the deal's history holds for the close, null when it has none */
  probabilityAtClose: number | null;
};

/** The day whose knowledge a deal closed on `closedDate` could still have acted on. */
export const lateSnapshotDay = (closedDate: string) => addDays(closedDate, -LATE_DAYS);

type AlternativeKind = (typeof ALTERNATIVE_KINDS)[number];

/**
 * How a close reason names an alternative that has no proper name. A competitor is named by its
 * name; these are the words sellers use for the others.
 */
const KIND_WORDS: ReadonlyArray<readonly [AlternativeKind, RegExp, string]> = [
  [
    'internal_build',
    /\bin[- ]house\b|\bbuild(?:ing)? (?:it|their own|its own|one)\b|\bbuilt (?:it|their own|its own)\b/i,
    'an in-house build',
  ],
  ['do_nothing', /\bdo(?:ing)? nothing\b|\bstatus quo\b/i, 'doing nothing'],
  ['incumbent_status_quo', /\bincumbent\b/i, 'the incumbent'],
  ['other_project', /\b(?:another|other) project\b/i, 'another project'],
];

/**
 * The proper name a close reason gives the winner ("Lost to Northwind, who ...", "they moved to
 * Northwind"), for a winner nobody recorded: capitalised words after the verb.
 */
const WINNER_NAME =
  /\b(?:[Ll]ost\b[^.;:!?]{0,30}?\bto|[Mm]oved to|[Ss]witched to|[Ww]ent with|[Cc]hose|[Pp]icked|[Ss]elected|[Ss]igned with)\s+([A-Z0-9][\w'’&.-]*(?:\s+(?:&\s+)?[A-Z0-9][\w'’&.-]*)*)/;

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Does `text` name `name`, as whole words, whatever the case? */
export function mentions(text: string, name: string): boolean {
  const wanted = name.trim();
  if (wanted.length < 3) return false;
  return new RegExp(`(?<![\\p{L}\\p{N}])${escape(wanted)}(?![\\p{L}\\p{N}])`, 'iu').test(text);
}

/** Whether the deal was open LATE_DAYS before its close, so that something could come late at all. */
const canBeLate = (deal: DealAtClose) => deal.createdOn <= lateSnapshotDay(deal.closedDate);
const recordedOn = (item: KnowledgeItem) => item.createdAt.slice(0, 10);
const daysWord = (n: number) => (n === 1 ? '1 day' : `${n} days`);
const percent = (p: number) => `${Math.round(p * 100)} %`;
const FIT_WORDS: Record<string, string> = {
  exceeds: 'we exceed',
  meets: 'we meet',
  partial: 'we only partly meet',
  fails: 'we fail',
};
const ROLE_WORDS: Record<string, string> = {
  economic_buyer: 'economic buyer',
  approver: 'approver',
  decision_maker: 'decision maker',
};

/** The alternative a lost deal went to, as the close reason names it, and how it stood on record. */
function lostToUnrecorded(deal: DealAtClose): Finding | null {
  const reason = deal.closeReason ?? '';
  if (reason.trim() === '') return null;
  const alternatives = deal.atClose.itemsOf('alternative');
  const onRecord = (item: KnowledgeItem, name: string): Finding | null => {
    if (!canBeLate(deal) || deal.before.item(item.id)) return null;
    const days = daysBetween(recordedOn(item), deal.closedDate);
    return {
      code: 'alternative_recorded_late',
      text: `Lost to ${name}, recorded as an alternative only ${daysWord(days)} before the close`,
      itemId: item.id,
    };
  };
  const named = alternatives.find((a) => a.title !== null && mentions(reason, a.title));
  if (named) return onRecord(named, named.title!);
  for (const [kind, words, label] of KIND_WORDS) {
    if (!words.test(reason)) continue;
    const ofKind = alternatives.find((a) => a.category === kind);
    if (ofKind) return onRecord(ofKind, ofKind.title ? `${label} (“${ofKind.title}”)` : label);
    return {
      code: 'alternative_never_recorded',
      text: `Lost to ${label}, never recorded as an alternative`,
      itemId: null,
    };
  }
  const winner = WINNER_NAME.exec(reason)?.[1]?.replace(/[.’']+$/, '');
  if (winner && winner.length >= 2) {
    return {
      code: 'alternative_never_recorded',
      text: `Lost to ${winner}, never recorded as an alternative`,
      itemId: null,
    };
  }
  return null;
}

/** Who decides, as the record had them at the close. */
function buyingGroupGaps(deal: DealAtClose, nameOf: (evaluatorId: string) => string): Finding[] {
  const { atClose, before } = deal;
  const findings: Finding[] = [];
  const rows = evaluatorMatrix(atClose).rows;
  const economicBuyer = rows.find((r) => r.isEconomicBuyer);
  if (!economicBuyer) {
    findings.push({ code: 'no_economic_buyer', text: 'Nobody was on record as the economic buyer', itemId: null });
  } else {
    const met = atClose.known<boolean>(atClose.singleton('power_access')?.id, 'ebMet');
    const coverage = atClose.known<string>(economicBuyer.evaluatorId, 'coverage');
    // a brief conversation is a meeting; no coverage, or none recorded, is not
    const wasMet = met === true || (met !== false && coverage !== undefined && coverage !== 'none');
    if (!wasMet)
      findings.push({
        code: 'economic_buyer_not_met',
        text: `${nameOf(economicBuyer.evaluatorId)}, the economic buyer, was never met`,
        itemId: economicBuyer.evaluatorId,
      });
  }
  if (rows.length < MIN_MAPPED_EVALUATORS)
    findings.push({
      code: 'few_evaluators',
      text:
        rows.length === 0
          ? 'Nobody of the buying group was on record'
          : `Only ${rows.length === 1 ? '1 person' : `${rows.length} people`} of the buying group on record`,
      itemId: null,
    });
  for (const row of rows) {
    if (!canBeLate(deal) || before.item(row.evaluatorId)) continue;
    const role = row.roles.find((r) => r in ROLE_WORDS);
    if (!row.isEconomicBuyer && row.influence !== 'high' && role === undefined) continue;
    const item = atClose.item(row.evaluatorId)!;
    const as = row.isEconomicBuyer ? 'economic buyer' : role ? ROLE_WORDS[role]! : 'high influence';
    findings.push({
      code: 'decider_added_late',
      text: `${nameOf(row.evaluatorId)} (${as}) entered the record only ${daysWord(daysBetween(recordedOn(item), deal.closedDate))} before the close`,
      itemId: row.evaluatorId,
    });
  }
  return findings;
}

/** The criteria: none on record, our fit never learned, or learned too late to act on. */
function criteriaGaps(deal: DealAtClose): Finding[] {
  const { atClose, before } = deal;
  const criteria = atClose.itemsOf('criterion');
  if (criteria.length === 0)
    return [{ code: 'no_criteria', text: 'No decision criteria were on record', itemId: null }];
  const reason = deal.closeReason ?? '';
  const findings: Finding[] = [];
  const mandatory = (id: string) => atClose.known<boolean>(id, 'mandatory') === true;
  // must-haves first, then as recorded
  const ordered = [...criteria].sort((a, b) => Number(mandatory(b.id)) - Number(mandatory(a.id)));
  for (const criterion of ordered) {
    const title = criterion.title ?? 'an unnamed criterion';
    const must = mandatory(criterion.id) ? ' (a must-have)' : '';
    const fit = atClose.known<string>(criterion.id, 'fit', US);
    if (fit === undefined) {
      findings.push({
        code: 'fit_unknown',
        text: `Our fit on “${title}”${must} was never learned`,
        itemId: criterion.id,
      });
      continue;
    }
    // what decided it: the criterion the reason names, or a must-have we did not meet
    const decisive =
      (criterion.title !== null && mentions(reason, criterion.title)) || (must !== '' && fit === 'fails');
    // learned late: unknown, or known otherwise, LATE_DAYS before the close
    const earlier = before.known<string>(criterion.id, 'fit', US);
    if (!decisive || !canBeLate(deal) || earlier === fit) continue;
    const days = daysWord(daysBetween(atClose.fact(criterion.id, 'fit', US)!.recordedAt.slice(0, 10), deal.closedDate));
    findings.push({
      code: 'fit_learned_late',
      text: `Learned only ${days} before the close that ${FIT_WORDS[fit] ?? `our fit is ${fit}`} “${title}”${must}${earlier === undefined ? '' : ` (on record as ${earlier} until then)`}`,
      itemId: criterion.id,
    });
  }
  return findings;
}

function surpriseOf(deal: DealAtClose): Finding | null {
  const p = deal.probabilityAtClose;
  if (p === null) return null;
  if (deal.outcome === 'won' && p < SURPRISE_WIN_BELOW)
    return {
      code: 'won_against_odds',
      text: `Won although the evidence gave it ${percent(p)} at the close`,
      itemId: null,
    };
  if (deal.outcome !== 'won' && p >= SURPRISE_LOSS_FROM)
    return {
      code: 'lost_against_odds',
      text: `${deal.outcome === 'lost' ? 'Lost' : 'Ended without a decision'} although the evidence gave it ${percent(p)} at the close`,
      itemId: null,
    };
  return null;
}

/**
 * The lessons of one closed deal. The three about what we did not know are drawn from lost deals
 * (a deal won despite a gap teaches another lesson); a surprise from any outcome the probability
 * at the close did not expect, a deal ended without a decision counting as not won.
 */
export function winLossLessons(deal: DealAtClose, nameOf: (evaluatorId: string) => string): Lesson[] {
  const lessons: Lesson[] = [];
  if (deal.outcome === 'lost') {
    const alternative = lostToUnrecorded(deal);
    if (alternative) lessons.push({ kind: 'unrecordedAlternative', findings: [alternative] });
    const people = buyingGroupGaps(deal, nameOf);
    if (people.length > 0) lessons.push({ kind: 'unmappedEvaluator', findings: people });
    const criteria = criteriaGaps(deal);
    if (criteria.length > 0) lessons.push({ kind: 'unknownCriterion', findings: criteria });
  }
  const surprise = surpriseOf(deal);
  if (surprise) lessons.push({ kind: 'surprise', findings: [surprise] });
  return lessons;
}

/** One thing unknown at the close, the same key on every deal. */
export type UnknownAtClose = { key: string; label: string };

const OBJECTIVE_NAMES = new Map(DEFAULT_OBJECTIVES.map((o) => [o.key, o.name]));

/**
 * What was unknown at the close: the objectives nobody had explored, then what the assessment's
 * unknown zones list (their words, without names, so deals can be counted together).
 */
export function unknownsAtClose(
  notExplored: readonly ObjectiveKey[],
  unknownWords: readonly string[],
): UnknownAtClose[] {
  return [
    ...notExplored.map((key) => ({
      key: `objective:${key}`,
      label: `${OBJECTIVE_NAMES.get(key) ?? key}: not explored`,
    })),
    ...unknownWords.map((words) => ({
      key: `unknown:${words}`,
      label: words.charAt(0).toUpperCase() + words.slice(1),
    })),
  ];
}

export type ClosedDealFigures = {
  outcome: ClosedOutcome;
  /** in the reporting currency's minor units */
  valueMinor: number;
  /** the codes of what its lessons found */
  findings: readonly FindingCode[];
  unknowns: readonly UnknownAtClose[];
};

/** The lesson each finding belongs to. */
const LESSON_OF = new Map<FindingCode, LessonKind>(
  LESSON_KINDS.flatMap((kind) => LESSON_FINDINGS[kind].map((code) => [code, kind] as const)),
);

/** The codes of what a deal's lessons found, to keep and to add up. */
export const findingCodes = (lessons: readonly Lesson[]): FindingCode[] =>
  lessons.flatMap((l) => l.findings.map((f) => f.code));

export type UnknownShare = {
  key: string;
  label: string;
  won: number;
  lost: number;
  noDecision: number;
  /** share of the lost deals that closed with it unknown, null without lost deals */
  lostShare: number | null;
  wonShare: number | null;
};

export type WinLossFigures = {
  deals: number;
  won: number;
  lost: number;
  noDecision: number;
  /** won of all closed (a no decision is not a win), null with none closed */
  winRate: number | null;
  value: { won: number; lost: number; noDecision: number };
  /** deals with each lesson */
  lessons: Record<LessonKind, number>;
  surprises: { wonAgainstOdds: number; lostAgainstOdds: number };
  /** the unknowns at the close of lost deals, those that set losses apart from wins most first */
  unknowns: UnknownShare[];
};

/** Counts, win rate, values and the unknowns that preceded losses, over any set of closed deals (one pass). */
export function winLossFigures(deals: readonly ClosedDealFigures[]): WinLossFigures {
  const n = { won: 0, lost: 0, no_decision: 0 };
  const value = { won: 0, lost: 0, no_decision: 0 };
  const lessons = Object.fromEntries(LESSON_KINDS.map((kind) => [kind, 0])) as Record<LessonKind, number>;
  const surprises = { wonAgainstOdds: 0, lostAgainstOdds: 0 };
  const counts = new Map<string, UnknownShare>();
  const seen = new Set<string>();
  for (const deal of deals) {
    n[deal.outcome] += 1;
    value[deal.outcome] += deal.valueMinor;
    // each deal counts once per lesson and per surprise, however many findings it has
    const kinds = new Set(deal.findings.map((code) => LESSON_OF.get(code)!));
    for (const kind of kinds) lessons[kind] += 1;
    if (deal.findings.includes('won_against_odds')) surprises.wonAgainstOdds += 1;
    if (deal.findings.includes('lost_against_odds')) surprises.lostAgainstOdds += 1;
    seen.clear();
    for (const unknown of deal.unknowns) {
      if (seen.has(unknown.key)) continue;
      seen.add(unknown.key);
      let entry = counts.get(unknown.key);
      if (!entry) {
        entry = { ...unknown, won: 0, lost: 0, noDecision: 0, lostShare: null, wonShare: null };
        counts.set(unknown.key, entry);
      }
      if (deal.outcome === 'won') entry.won += 1;
      else if (deal.outcome === 'lost') entry.lost += 1;
      else entry.noDecision += 1;
    }
  }
  const share = (count: number, of: number) => (of === 0 ? null : count / of);
  const unknowns = [...counts.values()]
    .filter((u) => u.lost > 0)
    .map((u) => ({ ...u, lostShare: share(u.lost, n.lost), wonShare: share(u.won, n.won) }))
    // what sets losses apart from wins most (an unknown as common before wins teaches nothing about
    // losing), then the most frequent before a loss
    .sort(
      (a, b) =>
        (b.lostShare ?? 0) - (b.wonShare ?? 0) - ((a.lostShare ?? 0) - (a.wonShare ?? 0)) ||
        b.lost - a.lost ||
        (a.label < b.label ? -1 : a.label > b.label ? 1 : 0),
    );
  return {
    deals: deals.length,
    won: n.won,
    lost: n.lost,
    noDecision: n.no_decision,
    winRate: share(n.won, deals.length),
    value: { won: value.won, lost: value.lost, noDecision: value.no_decision },
    lessons,
    surprises,
    unknowns,
  };
}

export type ProbabilityPoint = { at: string; winProbability: number };

/** What a deal's kept history said at the end of `day`: the last point written by then. */
export function probabilityAtEndOf(points: readonly ProbabilityPoint[], day: string): number | null {
  const cutoff = `${addDays(day, 1)}T00:00:00.000Z`;
  let found: number | null = null;
  for (const p of points) if (p.at < cutoff) found = p.winProbability;
  return found;
}

/**
 * The probability a deal had at its close, from its history: the last point written by the end of
 * the close day; for a deal that entered the record already closed, its first point (a closed deal
 * is assessed as of the day it closed), never a recomputation.
 */
export function probabilityAtClose(points: readonly ProbabilityPoint[], closedDate: string): number | null {
  return probabilityAtEndOf(points, closedDate) ?? points[0]?.winProbability ?? null;
}

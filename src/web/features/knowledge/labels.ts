import type { KnowledgeGapView } from '../../../contract/knowledge.ts';
import { humanize } from '../../../domain/knowledge/display.ts';
import type { EvidenceGrade } from '../../../domain/knowledge/evidence.ts';
import { COVERAGE_LEVELS, INFLUENCE_LEVELS, SUPPORT_LEVELS, US } from '../../../domain/knowledge/schema.ts';
import type { KnowledgeLevel, Position } from '../../../domain/knowledge/scoring.ts';

// Words and colours for the knowledge vocabulary. The API sends codes; people read these. The
// vocabularies themselves (levels, positions, options, grades) come from the domain's tables.

export { humanize };
export type { KnowledgeLevel, Position };

type Coverage = (typeof COVERAGE_LEVELS)[number];

export const LEVEL_WORDS: Record<KnowledgeLevel, string> = {
  0: 'Unknown',
  1: 'Assumed',
  2: 'Identified',
  3: 'Confirmed',
  4: 'Validated',
};

export const LEVEL_MEANINGS: Record<KnowledgeLevel, string> = {
  0: 'Nothing known yet',
  1: 'Only our own belief or second-hand reports',
  2: 'A buyer told us, but the picture is partial',
  3: 'Stated by the right people, complete and recent',
  4: 'Proven by what the buyer did or wrote',
};

export const LEVEL_COLORS: Record<KnowledgeLevel, string> = {
  0: 'gray',
  1: 'orange',
  2: 'yellow',
  3: 'teal',
  4: 'green',
};

export function levelOf(k: number): KnowledgeLevel {
  return Math.max(0, Math.min(4, Math.round(k))) as KnowledgeLevel;
}

export const POSITION_WORDS: Record<Position, string> = {
  [-2]: 'Strongly unfavourable',
  [-1]: 'Unfavourable',
  0: 'Neutral',
  1: 'Favourable',
  2: 'Strongly favourable',
};

export const POSITION_COLORS: Record<Position, { color: string; variant: 'filled' | 'light' }> = {
  [-2]: { color: 'red', variant: 'filled' },
  [-1]: { color: 'orange', variant: 'light' },
  0: { color: 'gray', variant: 'light' },
  1: { color: 'teal', variant: 'light' },
  2: { color: 'green', variant: 'filled' },
};

export function positionOf(p: number): Position {
  return Math.max(-2, Math.min(2, Math.round(p))) as Position;
}

/** Words for every closed option the knowledge schema uses, where "Humanized token" reads badly. */
const OPTION_WORDS: Record<string, string> = {
  economic_buyer: 'Economic buyer',
  decision_maker: 'Decision maker',
  technical_evaluator: 'Technical evaluator',
  user_evaluator: 'User evaluator',
  legal_security: 'Legal / security',
  inner_circle: 'Inner circle',
  political_structure: 'Political structure',
  go_getter: 'Go-getter (mobilises)',
  teacher: 'Teacher (mobilises)',
  skeptic: 'Skeptic (mobilises)',
  guide: 'Guide (talks)',
  friend: 'Friend (talks)',
  climber: 'Climber (talks)',
  blocker: 'Blocker',
  in_depth: 'In depth',
  non_supporter: 'Non-supporter',
  even_keel: 'Even keel',
  not_tested: 'Not tested',
  incumbent_status_quo: 'Incumbent / status quo',
  do_nothing: 'Do nothing',
  internal_build: 'Build it themselves',
  other_project: 'Another project',
  partial_solution: 'Partial solution',
  some_interest: 'Some interest',
  existing_relationship: 'Existing relationship',
  not_satisfied: 'Not satisfied',
  [US]: 'Us',
  top3_initiative: 'Top-3 initiative',
  nice_to_have: 'Nice to have',
  customer_experience: 'Customer experience',
  identified_not_approved: 'Identified, not approved',
  must_be_created: 'Must be created',
  well_above: 'Well above budget',
  within: 'Within budget',
  above: 'Above budget',
  few_questions: 'A few open questions',
  not_started: 'Not started',
  in_progress: 'In progress',
};

/** Where the same code means different things in different fields. */
const FIELD_OPTION_WORDS: Record<string, Record<string, string>> = {
  ourImpact: { unique: 'Only we can', strong: 'Strongly', parity: 'As well as others', none: 'Not at all' },
  budgetStatus: { none: 'No budget' },
  type: { none: 'No event' },
  authoredBy: { [US]: 'Us' },
};

export function optionLabel(option: string, field?: string): string {
  return (field ? FIELD_OPTION_WORDS[field]?.[option] : undefined) ?? OPTION_WORDS[option] ?? humanize(option);
}

export const THREAT_WORDS: Record<number, string> = { 1: 'Low', 2: 'Medium', 3: 'High', 4: 'Very high' };

/** How an evaluator stands towards us, as a colour on their card. */
export const SUPPORT_COLORS: Record<string, string> = {
  mentor: 'green',
  supporter: 'teal',
  neutral: 'yellow',
  non_supporter: 'orange',
  enemy: 'red',
} satisfies Record<(typeof SUPPORT_LEVELS)[number], string>;

export const INFLUENCE_DOTS: Record<string, number> = { high: 3, medium: 2, low: 1 } satisfies Record<
  (typeof INFLUENCE_LEVELS)[number],
  number
>;

export const COVERAGE_WORDS: Record<string, string> = {
  none: 'Not contacted',
  brief: 'Brief contact',
  multiple: 'Several conversations',
  in_depth: 'Covered in depth',
} satisfies Record<Coverage, string>;

export const COVERAGE_COLORS: Record<string, string> = {
  none: 'red',
  brief: 'orange',
  multiple: 'teal',
  in_depth: 'green',
} satisfies Record<Coverage, string>;

export const GRADE_BADGES: Record<EvidenceGrade, { label: string; color: string; hint: string }> = {
  validated: { label: 'Validated', color: 'green', hint: 'The buyer did or wrote something that proves it' },
  stated: { label: 'Stated', color: 'blue', hint: 'A buyer said it' },
  assumed: {
    label: 'Assumed',
    color: 'orange',
    hint: 'Our own belief, a second-hand report or a third party: confirm it with the buyer',
  },
};

export const GAP_KINDS: Record<
  KnowledgeGapView['kind'],
  { label: string; plural: string; color: string; hint: string }
> = {
  not_explored: {
    label: 'Not yet explored',
    plural: 'Not yet explored',
    color: 'gray',
    hint: 'Nobody has recorded anything here yet',
  },
  unknown: {
    label: 'Unknown',
    plural: 'Asked, still unknown',
    color: 'orange',
    hint: 'We asked, and the answer is not known yet',
  },
  assumed: {
    label: 'Assumed',
    plural: 'Assumed, not confirmed',
    color: 'yellow',
    hint: 'Only our own inference: confirm it with the buyer',
  },
  stale: {
    label: 'Stale',
    plural: 'Gone stale',
    color: 'grape',
    hint: 'Older than it stays reliable: check it still holds',
  },
};

export const GAP_ORDER: readonly KnowledgeGapView['kind'][] = ['not_explored', 'unknown', 'assumed', 'stale'];

const ROLE_WORDS: Record<KnowledgeGapView['ask']['role'], string> = {
  evaluator: 'the person concerned',
  champion: 'our champion',
  economic_buyer: 'the economic buyer',
  anyone: 'anyone in the buying group',
};

/** "Ask Kwame Lindqvist (the economic buyer)", or "Ask anyone in the buying group". */
export function whomToAsk(ask: KnowledgeGapView['ask']): string {
  if (ask.contactName && ask.role !== 'evaluator') return `Ask ${ask.contactName} (${ROLE_WORDS[ask.role]})`;
  if (ask.contactName) return `Ask ${ask.contactName}`;
  return `Ask ${ROLE_WORDS[ask.role]}`;
}

/** The colours of the options in the matrix and the preference bar: us in the brand colour. */
const ALTERNATIVE_PALETTE = ['orange', 'grape', 'red', 'cyan', 'lime', 'pink', 'violet', 'yellow'];

/** Each option of the matrix with its colour, so the map, the matrix and the bar agree. */
export function alternativeColors(alternatives: ReadonlyArray<{ id: string; kind: string }>): Map<string, string> {
  return new Map(alternatives.map((a, i) => [a.id, alternativeColor(a.id, a.kind, i)]));
}

export function alternativeColor(id: string, kind: string, index: number): string {
  if (id === US) return 'brand';
  if (kind === 'do_nothing' || kind === 'incumbent_status_quo') return 'dark';
  return ALTERNATIVE_PALETTE[index % ALTERNATIVE_PALETTE.length]!;
}

/** "today", "yesterday", "12 days ago", "3 months ago" for an age in whole days. */
export function ageWords(days: number): string {
  if (days <= 0) return 'today';
  if (days === 1) return 'yesterday';
  if (days < 60) return `${days} days ago`;
  if (days < 730) return `${Math.round(days / 30)} months ago`;
  return `${Math.round(days / 365)} years ago`;
}

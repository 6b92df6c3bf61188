import { z } from 'zod';
import { amountMinorSchema, currencyCodeSchema } from '../currency.ts';
import { calendarDateSchema } from '../dates.ts';
import { plainText, TEXT_LIMITS } from '../text.ts';
import { OBJECTIVE_KEYS, type ObjectiveKey } from './objectives.ts';

// What can be known about an opportunity, as a typed table: kinds of item (an evaluator, an
// alternative, a criterion ...) and the fields each holds. Every field value is validated by its
// type here; references to other items are checked against the opportunity by the server.

export const DECISION_ROLES = [
  'economic_buyer',
  'approver',
  'decision_maker',
  'technical_evaluator',
  'user_evaluator',
  'influencer',
  'procurement',
  'legal_security',
  'coach',
  'gatekeeper',
] as const;
export const INFLUENCE_LEVELS = ['high', 'medium', 'low'] as const;
export const POLITICAL_STATUSES = ['inner_circle', 'political_structure', 'outside'] as const;
export const COVERAGE_LEVELS = ['none', 'brief', 'multiple', 'in_depth'] as const;
/**
 * The Challenger Customer's stakeholder profiles: the first three mobilise a buying group, the
 * next three talk (friendly, but they do not move a decision), and a blocker defends the status quo.
 */
export const STAKEHOLDER_TYPES = ['go_getter', 'teacher', 'skeptic', 'guide', 'friend', 'climber', 'blocker'] as const;
export const SUPPORT_LEVELS = ['mentor', 'supporter', 'neutral', 'non_supporter', 'enemy'] as const;
export const RESPONSE_MODES = ['growth', 'trouble', 'even_keel', 'overconfident'] as const;
export const TEST_STATUSES = ['passed', 'failed', 'not_tested'] as const;
export const ALTERNATIVE_KINDS = [
  'competitor',
  'incumbent_status_quo',
  'do_nothing',
  'internal_build',
  'other_project',
  'partial_solution',
] as const;
export const ALTERNATIVE_STATUSES = [
  'some_interest',
  'evaluating',
  'shortlisted',
  'existing_relationship',
  'not_satisfied',
  'eliminated',
] as const;
export const CRITERION_KINDS = ['formal', 'informal'] as const;
export const CRITERION_AUTHORS = ['customer', 'us', 'competitor', 'consultant'] as const;
export const CRITERION_FITS = ['exceeds', 'meets', 'partial', 'fails'] as const;
export const STEP_TYPES = [
  'evaluation',
  'technical_validation',
  'security_review',
  'business_case',
  'budget_approval',
  'board_approval',
  'legal',
  'procurement',
  'signature',
  'other',
] as const;
export const STEP_STATUSES = ['not_started', 'in_progress', 'done'] as const;
export const ISSUE_CATEGORIES = [
  'revenue',
  'cost',
  'risk',
  'compliance',
  'customer_experience',
  'strategic',
  'other',
] as const;
export const ISSUE_PRIORITIES = ['top3_initiative', 'important', 'nice_to_have'] as const;
export const OUR_IMPACT = ['unique', 'strong', 'parity', 'none'] as const;
export const EVENT_TYPES = [
  'external_deadline',
  'regulatory',
  'contract_expiry',
  'fiscal_budget_cycle',
  'project_dependency',
  'leadership_mandate',
  'competitive_threat',
  'none',
] as const;
export const BUDGET_STATUSES = ['allocated', 'identified_not_approved', 'must_be_created', 'none'] as const;
export const PRICE_VS_BUDGET = ['within', 'above', 'well_above'] as const;
export const SCOPE_CLARITY = ['clear', 'few_questions', 'low'] as const;

/** "us", or the id of one of the opportunity's alternatives. */
export const US = 'us';

const money = z.strictObject({
  amountMinor: amountMinorSchema,
  currency: currencyCodeSchema,
});

export const VALUE_TYPES = {
  text: plainText(
    z.string().trim().min(1, 'Required').max(TEXT_LIMITS.factText, `At most ${TEXT_LIMITS.factText} characters`),
    { multiline: true },
  ),
  boolean: z.boolean(),
  date: calendarDateSchema,
  percentage: z
    .number({ error: 'A whole percentage from 0 to 100' })
    .int('A whole percentage from 0 to 100')
    .min(0, 'A whole percentage from 0 to 100')
    .max(100, 'A whole percentage from 0 to 100'),
  threat: z.number().int().min(1, 'From 1 (low) to 4 (very high)').max(4, 'From 1 (low) to 4 (very high)'),
  money,
  costOfDelay: money.extend({ per: z.enum(['month', 'quarter']) }),
  impact: money.extend({ period: z.enum(['year', 'quarter', 'one_time']) }),
  metric: z.strictObject({
    name: plainText(z.string().trim().min(1).max(TEXT_LIMITS.metricName)),
    baseline: z.number().finite(),
    target: z.number().finite(),
    unit: plainText(z.string().trim().max(TEXT_LIMITS.metricUnit)),
  }),
  evaluator: plainText(z.string().min(1).max(64)),
  evaluators: z
    .array(plainText(z.string().min(1).max(64)))
    .min(1)
    .max(50),
  alternative: plainText(z.string().min(1).max(64)),
} as const;

type ValueKind = keyof typeof VALUE_TYPES | 'enum' | 'enumList';

export type FieldDef = {
  key: string;
  label: string;
  objective: ObjectiveKey;
  kind: ValueKind;
  /** for enum and enumList */
  options?: readonly string[];
  /** fades in 30 days rather than 90 */
  volatile: boolean;
  /** the question that finds it out */
  question: string;
  /** whom to ask: the evaluator concerned, our champion, the economic buyer or the fact's owner */
  askWhom: 'evaluator' | 'champion' | 'economic_buyer';
  /** one value per alternative (a criterion's fit) */
  perAlternative?: boolean;
};

export const ITEM_KINDS = [
  'business_issue',
  'compelling_event',
  'buying_group',
  'evaluator',
  'power_access',
  'competition',
  'alternative',
  'criterion',
  'decision_step',
  'decision_process',
  'funding',
] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

export type ItemKindDef = {
  kind: ItemKind;
  label: string;
  objective: ObjectiveKey;
  /** one per opportunity, with no identity of its own */
  singleton: boolean;
  /** what names an item: a contact (evaluators), a title, and a category from a closed list */
  identity: { contact?: boolean; title?: string; category?: { label: string; options: readonly string[] } };
  fields: readonly FieldDef[];
};

// the key stays a literal type, so the table below also defines FactField
const f = <const K extends string>(
  key: K,
  label: string,
  objective: ObjectiveKey,
  kind: ValueKind,
  question: string,
  extra: Partial<Pick<FieldDef, 'options' | 'volatile' | 'askWhom' | 'perAlternative'>> = {},
): FieldDef & { key: K } => ({ key, label, objective, kind, question, volatile: false, askWhom: 'champion', ...extra });

const SCHEMA = [
  {
    kind: 'business_issue',
    label: 'Business issue',
    objective: 'business_issues',
    singleton: false,
    identity: {
      title: "The issue, in the customer's words",
      category: { label: 'Category', options: ISSUE_CATEGORIES },
    },
    fields: [
      f('owner', 'Owner', 'business_issues', 'evaluator', 'Who is accountable for fixing this?'),
      f('priority', 'Priority', 'business_issues', 'enum', 'Is this one of the top initiatives this year?', {
        options: ISSUE_PRIORITIES,
        askWhom: 'economic_buyer',
      }),
      f(
        'metric',
        'Metric, baseline and target',
        'business_issues',
        'metric',
        'How do you measure it today, and where must it get to?',
      ),
      f(
        'impact',
        'Quantified impact',
        'business_issues',
        'impact',
        'What is this costing you per quarter or per year?',
      ),
      f(
        'impactAgreed',
        'Impact agreed by the customer',
        'business_issues',
        'boolean',
        'Would you stand behind this number in front of your CFO?',
        { askWhom: 'economic_buyer' },
      ),
      f(
        'ourImpact',
        'How much we can impact it',
        'business_issues',
        'enum',
        'Which part of this could you not solve without us?',
        { options: OUR_IMPACT },
      ),
    ],
  },
  {
    kind: 'compelling_event',
    label: 'Compelling event',
    objective: 'compelling_event',
    singleton: true,
    identity: {},
    fields: [
      f(
        'description',
        'What forces a decision',
        'compelling_event',
        'text',
        'What has changed that makes this a priority now?',
        { volatile: true },
      ),
      f('type', 'Kind of event', 'compelling_event', 'enum', 'What happens if you do nothing until next year?', {
        options: EVENT_TYPES,
        volatile: true,
      }),
      f('eventDate', 'Event date', 'compelling_event', 'date', 'Which date is driving this, and who set it?', {
        volatile: true,
      }),
      f('costOfDelay', 'Cost of delay', 'compelling_event', 'costOfDelay', 'What does each month of delay cost you?', {
        volatile: true,
        askWhom: 'economic_buyer',
      }),
      f(
        'owner',
        'Owner of the deadline',
        'compelling_event',
        'evaluator',
        'Who is on the hook if the date is missed?',
        { volatile: true },
      ),
      f('decisionDate', 'Customer decision date', 'compelling_event', 'date', 'When do you need to have decided?', {
        volatile: true,
      }),
      f('goLiveDate', 'Go-live date', 'compelling_event', 'date', 'When must the solution be live?', {
        volatile: true,
      }),
    ],
  },
  {
    kind: 'buying_group',
    label: 'Buying group',
    objective: 'buying_group',
    singleton: true,
    identity: {},
    fields: [
      f(
        'completeConfirmed',
        'Buyer confirmed the group is complete',
        'buying_group',
        'boolean',
        'Is there anyone else who will be asked for an opinion, or who could say no?',
      ),
      f(
        'reorganized',
        'Reorganization under way',
        'buying_group',
        'boolean',
        'Has anything changed in who reports to whom, or in who owns this decision?',
        { volatile: true },
      ),
    ],
  },
  {
    kind: 'evaluator',
    label: 'Evaluator',
    objective: 'buying_group',
    singleton: false,
    identity: { contact: true },
    fields: [
      f(
        'roles',
        'Roles in this decision',
        'buying_group',
        'enumList',
        'What part will this person play in the decision?',
        { options: DECISION_ROLES },
      ),
      f(
        'influence',
        'Influence',
        'buying_group',
        'enum',
        'Whose opinion carries the most weight, whatever the titles?',
        { options: INFLUENCE_LEVELS },
      ),
      f(
        'politicalStatus',
        'Political status',
        'buying_group',
        'enum',
        'Who is in the inner circle around the decision maker?',
        { options: POLITICAL_STATUSES },
      ),
      f(
        'coverage',
        'Our coverage',
        'buying_group',
        'enum',
        'When did we last have a real two-way conversation with this person?',
        { options: COVERAGE_LEVELS, volatile: true },
      ),
      f('reportsTo', 'Reports to', 'buying_group', 'evaluator', 'Whom does this person report to?'),
      f('newInRole', 'New in role', 'buying_group', 'boolean', 'How long has this person been in their role?'),
      f(
        'leftOrMoved',
        'Left or changed role',
        'buying_group',
        'boolean',
        'Is this person still in the role they had when the evaluation began?',
        { volatile: true },
      ),
      f(
        'stakeholderType',
        'Kind of stakeholder',
        'evaluator_stance',
        'enum',
        'When this person backs something, does it move, or do they only talk about it?',
        { options: STAKEHOLDER_TYPES },
      ),
      f('support', 'Support for us', 'evaluator_stance', 'enum', 'How does this person see our proposal today?', {
        options: SUPPORT_LEVELS,
        volatile: true,
        askWhom: 'evaluator',
      }),
      f(
        'favours',
        'Favoured alternative',
        'evaluator_stance',
        'alternative',
        'Which option does this person prefer today, and why?',
        { volatile: true, askWhom: 'evaluator' },
      ),
      f(
        'responseMode',
        'Receptivity to change',
        'evaluator_stance',
        'enum',
        'Does this person see a gap between where things are and where they must be?',
        { options: RESPONSE_MODES, volatile: true, askWhom: 'evaluator' },
      ),
      f(
        'businessResult',
        'Business result they need',
        'evaluator_stance',
        'text',
        'What result must this person deliver for the business?',
        { askWhom: 'evaluator' },
      ),
      f(
        'personalWin',
        'Personal win',
        'evaluator_stance',
        'text',
        'What does success look like for this person personally?',
        { askWhom: 'evaluator' },
      ),
      f('concerns', 'Concerns', 'evaluator_stance', 'text', 'What would this person lose if we win?', {
        volatile: true,
        askWhom: 'evaluator',
      }),
      f(
        'testPower',
        'Champion test: power and influence',
        'champion_power',
        'enum',
        'Has this person moved a decision like this before?',
        { options: TEST_STATUSES },
      ),
      f(
        'testSellsInternally',
        'Champion test: sells for us internally',
        'champion_power',
        'enum',
        'Has this person argued for us in a meeting we were not in?',
        { options: TEST_STATUSES, volatile: true },
      ),
      f(
        'testVestedInterest',
        'Champion test: personal stake in our success',
        'champion_power',
        'enum',
        'What does this person gain personally if we win?',
        { options: TEST_STATUSES },
      ),
      f(
        'testAccess',
        'Champion test: got us to the economic buyer',
        'champion_power',
        'enum',
        'Can this person get us a meeting with the economic buyer?',
        { options: TEST_STATUSES },
      ),
      f(
        'testCoOwnsPlan',
        'Champion test: co-owns the plan',
        'champion_power',
        'enum',
        'Will this person own the mutual plan with us?',
        { options: TEST_STATUSES, volatile: true },
      ),
      f(
        'testSharesInsideInfo',
        'Champion test: shares inside information',
        'champion_power',
        'enum',
        'Has this person told us something we could not have learned elsewhere?',
        { options: TEST_STATUSES },
      ),
      f(
        'prefersUs',
        'Prefers us over every alternative',
        'champion_power',
        'boolean',
        'If you had to choose today, would it be us, and over doing nothing?',
        { volatile: true, askWhom: 'evaluator' },
      ),
    ],
  },
  {
    kind: 'power_access',
    label: 'Access to power',
    objective: 'champion_power',
    singleton: true,
    identity: {},
    fields: [
      f(
        'economicBuyer',
        'Economic buyer',
        'champion_power',
        'evaluator',
        'Who can fund this and say yes when everyone else says no?',
      ),
      f(
        'ebMet',
        'We have met the economic buyer',
        'champion_power',
        'boolean',
        'Can you get us thirty minutes with the economic buyer?',
      ),
      f(
        'ebConfirmedPriority',
        'Economic buyer confirmed the priority',
        'champion_power',
        'boolean',
        'Has the economic buyer said this is a priority this year?',
        { volatile: true, askWhom: 'economic_buyer' },
      ),
      f(
        'ebConfirmedFunding',
        'Economic buyer confirmed funding',
        'champion_power',
        'boolean',
        'Has the economic buyer committed the money?',
        { askWhom: 'economic_buyer' },
      ),
      f(
        'ebAgreedNextStep',
        'Economic buyer agreed a next step',
        'champion_power',
        'boolean',
        'What did the economic buyer agree to do next?',
        { volatile: true, askWhom: 'economic_buyer' },
      ),
      f('counterChampion', 'Counter-champion', 'champion_power', 'evaluator', 'Who is arguing for another option?'),
    ],
  },
  {
    kind: 'competition',
    label: 'Competitive position',
    objective: 'alternatives',
    singleton: true,
    identity: {},
    fields: [
      f('shortlisted', 'We are shortlisted', 'alternatives', 'boolean', 'Are we on the shortlist, and who else is?', {
        volatile: true,
      }),
      f(
        'customerPreference',
        "Customer's stated preference",
        'alternatives',
        'alternative',
        'If you had to decide today, which option would you choose?',
        { volatile: true, askWhom: 'economic_buyer' },
      ),
    ],
  },
  {
    kind: 'alternative',
    label: 'Alternative',
    objective: 'alternatives',
    singleton: false,
    identity: { title: 'Name', category: { label: 'Kind', options: ALTERNATIVE_KINDS } },
    fields: [
      f(
        'status',
        'Standing with the customer',
        'alternatives',
        'enum',
        'How far has the customer gone with this option?',
        { options: ALTERNATIVE_STATUSES, volatile: true },
      ),
      f(
        'threat',
        'Threat (1 low - 4 very high)',
        'alternatives',
        'threat',
        'How seriously does the customer take this option?',
        { volatile: true },
      ),
      f('customerView', "The customer's view of it", 'alternatives', 'text', 'What do you like about this option?'),
      f(
        'strengths',
        'Strengths, as the customer sees them',
        'alternatives',
        'text',
        'Where is this option strongest for you?',
      ),
      f(
        'weaknesses',
        'Weaknesses, as the customer sees them',
        'alternatives',
        'text',
        'What worries you about this option?',
      ),
      f(
        'shapedRequirements',
        'Shaped the requirements',
        'alternatives',
        'boolean',
        'Who helped you write the requirements?',
      ),
    ],
  },
  {
    kind: 'criterion',
    label: 'Decision criterion',
    objective: 'decision_criteria',
    singleton: false,
    identity: { title: 'Criterion', category: { label: 'Formal or informal', options: CRITERION_KINDS } },
    fields: [
      f('mandatory', 'Must-have', 'decision_criteria', 'boolean', 'Is this a must-have, one that rules an option out?'),
      f(
        'weight',
        'Weight (0-100)',
        'decision_criteria',
        'percentage',
        'How much does this criterion weigh against the others?',
      ),
      f(
        'caresAbout',
        'Who cares about it',
        'decision_criteria',
        'evaluators',
        'Who in the group cares most about this?',
      ),
      f('authoredBy', 'Written by', 'decision_criteria', 'enum', 'Who wrote this requirement, and with whose help?', {
        options: CRITERION_AUTHORS,
      }),
      f(
        'fit',
        "Fit in the customer's view",
        'decision_criteria',
        'enum',
        'How would you score each option on this today?',
        { options: CRITERION_FITS, perAlternative: true, volatile: true },
      ),
    ],
  },
  {
    kind: 'decision_step',
    label: 'Decision step',
    objective: 'decision_process',
    singleton: false,
    identity: { title: 'Step', category: { label: 'Type', options: STEP_TYPES } },
    fields: [
      f('owner', 'Buyer owner', 'decision_process', 'evaluator', 'Who on your side owns this step?'),
      f('plannedDate', 'Planned date', 'decision_process', 'date', 'When will this step be done?', { volatile: true }),
      f('actualDate', 'Done on', 'decision_process', 'date', 'When was this step completed?'),
      f('status', 'Status', 'decision_process', 'enum', 'Where does this step stand?', {
        options: STEP_STATUSES,
        volatile: true,
      }),
    ],
  },
  {
    kind: 'decision_process',
    label: 'Decision process',
    objective: 'decision_process',
    singleton: true,
    identity: {},
    fields: [
      f(
        'signatory',
        'Final signatory',
        'decision_process',
        'evaluator',
        'Who signs, and above what amount are more approvals needed?',
      ),
      f(
        'purchasingInvolved',
        'Purchasing department involved',
        'decision_process',
        'boolean',
        'Will procurement be involved, and when?',
      ),
      f('formalTender', 'Formal tender', 'decision_process', 'boolean', 'Is this a formal tender?'),
      f('rfpReceived', 'RFP received', 'decision_process', 'boolean', 'Will there be a written request for proposal?'),
      f(
        'rfpInfluenced',
        'We influenced the RFP',
        'decision_process',
        'boolean',
        'Did we help shape the requirements before the RFP went out?',
      ),
      f(
        'mutualPlanAgreed',
        'Mutual action plan agreed',
        'decision_process',
        'boolean',
        'Can we build the plan to your go-live date together?',
        { volatile: true },
      ),
      f('nextStep', 'Next step', 'decision_process', 'text', 'What is the next thing that happens, and who does it?', {
        volatile: true,
      }),
      f('nextStepDue', 'Next step due', 'decision_process', 'date', 'When will that happen?', { volatile: true }),
      f(
        'nextStepOwner',
        'Buyer owner of the next step',
        'decision_process',
        'evaluator',
        'Who on your side owns the next step?',
        { volatile: true },
      ),
    ],
  },
  {
    kind: 'funding',
    label: 'Funding and value',
    objective: 'funding_value',
    singleton: true,
    identity: {},
    fields: [
      f('budgetStatus', 'Budget status', 'funding_value', 'enum', 'How will this be funded?', {
        options: BUDGET_STATUSES,
        askWhom: 'economic_buyer',
      }),
      f('budgetAmount', 'Budget amount', 'funding_value', 'money', 'What figure has been set aside?', {
        askWhom: 'economic_buyer',
      }),
      f('budgetOwner', 'Budget owner', 'funding_value', 'evaluator', 'Who controls that budget?'),
      f('fundingSource', 'Funding source', 'funding_value', 'text', 'Which budget line or programme pays for it?', {
        askWhom: 'economic_buyer',
      }),
      f(
        'valueToCustomer',
        'Value to the customer',
        'funding_value',
        'impact',
        'What return must this deliver, and by when?',
        { askWhom: 'economic_buyer' },
      ),
      f(
        'valueAgreed',
        'Customer agreed the value case',
        'funding_value',
        'boolean',
        'Would you present this business case internally?',
        { askWhom: 'economic_buyer' },
      ),
      f(
        'strategicValue',
        'Strategic for us',
        'funding_value',
        'boolean',
        'Is this account strategic beyond this deal?',
      ),
      f(
        'pricingDiscussed',
        'Pricing discussed',
        'funding_value',
        'boolean',
        'Have we discussed the price range openly?',
        { volatile: true },
      ),
      f(
        'priceVsBudget',
        'Price against budget',
        'funding_value',
        'enum',
        'How does our price compare with what you expected?',
        { options: PRICE_VS_BUDGET, volatile: true },
      ),
      f('scopeClarity', 'Scope clarity', 'funding_value', 'enum', 'How settled is what you want to buy?', {
        options: SCOPE_CLARITY,
      }),
    ],
  },
] as const satisfies readonly ItemKindDef[];

export const KNOWLEDGE_SCHEMA: readonly ItemKindDef[] = SCHEMA;

/** The key of every field an item of some kind can hold: what facts are recorded against. */
export type FactField = (typeof SCHEMA)[number]['fields'][number]['key'];
/** The fields of one kind of item. */
export type FieldOf<K extends ItemKind> = Extract<(typeof SCHEMA)[number], { kind: K }>['fields'][number]['key'];
export const FACT_FIELDS: readonly FactField[] = [
  ...new Set(SCHEMA.flatMap((k) => k.fields.map((field): FactField => field.key))),
];

const KIND_BY_NAME = new Map(KNOWLEDGE_SCHEMA.map((k) => [k.kind, k]));
// kind -> field key -> definition: looked up for every fact of every snapshot, so no key is built
const FIELDS_BY_KIND = new Map(KNOWLEDGE_SCHEMA.map((k) => [k.kind, new Map(k.fields.map((f) => [f.key, f]))]));

export function kindDef(kind: ItemKind): ItemKindDef {
  const def = KIND_BY_NAME.get(kind);
  if (!def) throw new Error(`unknown item kind ${kind}`);
  return def;
}

export function fieldDef(kind: ItemKind, key: string): FieldDef | undefined {
  return FIELDS_BY_KIND.get(kind)?.get(key);
}

/** The fields of one kind of item, and each one's position in that list by key. */
export type KindFields = {
  /** the kind's place in KNOWLEDGE_SCHEMA (-1 for a kind it does not list) */
  kindIndex: number;
  defs: readonly FieldDef[];
  position: ReadonlyMap<string, number>;
  /** by field position, the place of the field's objective in OBJECTIVE_KEYS */
  objectiveIndex: readonly number[];
};
const KIND_FIELDS = new Map(
  KNOWLEDGE_SCHEMA.map((k, kindIndex): [ItemKind, KindFields] => [
    k.kind,
    {
      kindIndex,
      defs: k.fields,
      position: new Map(k.fields.map((f, i) => [f.key, i])),
      objectiveIndex: k.fields.map((f) => OBJECTIVE_KEYS.indexOf(f.objective)),
    },
  ]),
);

/** The fields of one kind of item with their positions, for code that keeps one slot per field. */
export function kindFields(kind: ItemKind): KindFields {
  return KIND_FIELDS.get(kind) ?? { kindIndex: -1, defs: [], position: new Map(), objectiveIndex: [] };
}

/** The zod schema a field's known value must satisfy. */
export function valueSchema(field: FieldDef): z.ZodType {
  switch (field.kind) {
    case 'enum':
      return z.enum(field.options as [string, ...string[]]);
    case 'enumList':
      return z
        .array(z.enum(field.options as [string, ...string[]]))
        .min(1)
        .max(field.options!.length);
    default:
      return VALUE_TYPES[field.kind];
  }
}

import type { SizeBand } from '../../domain/enums.ts';
import type { DECISION_ROLES, INFLUENCE_LEVELS, ISSUE_CATEGORIES } from '../../domain/knowledge/schema.ts';

// Who plays which part in a demo deal, with titles that fit the part (a CFO is an economic buyer
// or a financial approver, never a "user"), and the invented vendors, issues and criteria the
// stories are told with.

type DecisionRole = (typeof DECISION_ROLES)[number];
type Influence = (typeof INFLUENCE_LEVELS)[number];

export type Part = {
  /** the roles a person in this part holds in the decision */
  roles: readonly DecisionRole[];
  influence: Influence;
  titles: readonly string[];
};

const C_LEVEL_SMALL = ['Chief Executive Officer', 'Managing Director', 'Chief Operating Officer'];
const C_LEVEL = ['Chief Financial Officer', 'Chief Operating Officer', 'Chief Information Officer'];

export const PARTS = {
  economic_buyer: { roles: ['economic_buyer', 'approver'], influence: 'high', titles: [...C_LEVEL, 'VP Operations'] },
  champion: {
    roles: ['decision_maker', 'coach'],
    influence: 'medium',
    titles: [
      'Director of Operations',
      'Head of Customer Service',
      'Director of Sales Operations',
      'Head of Finance Transformation',
      'Head of Field Operations',
      'Director of Supply Chain',
    ],
  },
  technical: {
    roles: ['technical_evaluator'],
    influence: 'high',
    titles: ['IT Director', 'Enterprise Architect', 'Head of Infrastructure', 'Head of Data Engineering'],
  },
  user: {
    roles: ['user_evaluator'],
    influence: 'low',
    titles: [
      'Operations Manager',
      'Customer Service Manager',
      'Finance Manager',
      'Field Service Supervisor',
      'Billing Team Lead',
      'Planning Manager',
    ],
  },
  finance: {
    roles: ['approver'],
    influence: 'high',
    titles: ['Finance Director', 'VP Finance', 'Financial Controller'],
  },
  procurement: {
    roles: ['procurement'],
    influence: 'medium',
    titles: ['Head of Procurement', 'Procurement Specialist', 'Category Manager'],
  },
  security: {
    roles: ['legal_security'],
    influence: 'medium',
    titles: ['Security Lead', 'Chief Information Security Officer', 'Data Protection Officer'],
  },
  legal: { roles: ['legal_security'], influence: 'low', titles: ['General Counsel', 'Legal Counsel'] },
  influencer: {
    roles: ['influencer'],
    influence: 'medium',
    titles: ['Business Analyst', 'Program Manager', 'Head of Strategy'],
  },
  /** the executive whose idea it is, outside the circle that decides */
  sponsor: {
    roles: ['influencer', 'coach'],
    influence: 'medium',
    titles: ['Head of Innovation', 'Director of Digital Experience', 'Head of Continuous Improvement'],
  },
  /** an executive who arrives mid-deal */
  newcomer: {
    roles: ['decision_maker'],
    influence: 'high',
    titles: ['Chief Information Officer', 'VP Operations', 'Chief Digital Officer'],
  },
} as const satisfies Record<string, Part>;

export type PartName = keyof typeof PARTS;

/** The economic buyer's title: the owner or a chief executive in a small company, a CxO in a large one. */
export function economicBuyerTitles(size: SizeBand): readonly string[] {
  return size === '1-49' || size === '50-249' ? C_LEVEL_SMALL : PARTS.economic_buyer.titles;
}

/** Every title a demo contact can hold, with the decision roles that fit it. */
export const ROLES_BY_TITLE: ReadonlyMap<string, ReadonlySet<DecisionRole>> = (() => {
  const byTitle = new Map<string, Set<DecisionRole>>();
  const add = (title: string, roles: readonly DecisionRole[]) => {
    const set = byTitle.get(title) ?? new Set<DecisionRole>();
    for (const r of roles) set.add(r);
    byTitle.set(title, set);
  };
  for (const part of Object.values(PARTS) as Part[]) for (const t of part.titles) add(t, part.roles);
  for (const t of C_LEVEL_SMALL) add(t, PARTS.economic_buyer.roles);
  return byTitle;
})();

/**
 * Invented vendors in our market: plausible, not famous, and none sharing a word with the demo
 * organization or its customers.
 */
export const COMPETITORS = [
  'Corvana',
  'Veltrix Systems',
  'Quillstone Software',
  'Brightlane',
  'Haldane Analytics',
  'Lumenfield',
  'Tavira Cloud',
  'Oxley & Finch Software',
] as const;

export type IssueTemplate = {
  /** the issue in the customer's words */
  title: string;
  category: (typeof ISSUE_CATEGORIES)[number];
  metric: { name: string; baseline: number; target: number; unit: string };
  /** what we sell against it (the deal's name) */
  product: string;
};

export const ISSUES: readonly IssueTemplate[] = [
  {
    title: 'Month-end close takes twelve days and the board wants five',
    category: 'cost',
    metric: { name: 'Days to close the books', baseline: 12, target: 5, unit: 'days' },
    product: 'Finance close automation',
  },
  {
    title: 'We lose one customer in seven at renewal and cannot say why',
    category: 'revenue',
    metric: { name: 'Annual churn', baseline: 14, target: 8, unit: '%' },
    product: 'Customer health platform',
  },
  {
    title: 'Technicians spend a third of their day on paperwork',
    category: 'cost',
    metric: { name: 'Admin hours per technician per week', baseline: 13, target: 5, unit: 'hours' },
    product: 'Field service rollout',
  },
  {
    title: 'The auditors could not trace who approved our discounts',
    category: 'compliance',
    metric: { name: 'Discounts without a traceable approval', baseline: 140, target: 0, unit: 'per quarter' },
    product: 'Quote approval controls',
  },
  {
    title: 'Our forecast misses by more than 20 % every quarter',
    category: 'strategic',
    metric: { name: 'Forecast error', baseline: 22, target: 8, unit: '%' },
    product: 'Forecasting suite',
  },
  {
    title: 'The support backlog doubles every peak season',
    category: 'customer_experience',
    metric: { name: 'Open tickets at peak', baseline: 4800, target: 1500, unit: 'tickets' },
    product: 'Contact center upgrade',
  },
  {
    title: 'We cannot see an order once it leaves our dock',
    category: 'customer_experience',
    metric: { name: 'Orders tracked end to end', baseline: 35, target: 95, unit: '%' },
    product: 'Supply chain visibility',
  },
  {
    title: 'Invoices go out late and wrong, and cash sits in disputes',
    category: 'cost',
    metric: { name: 'Days sales outstanding', baseline: 58, target: 40, unit: 'days' },
    product: 'Billing modernisation',
  },
  {
    title: 'Building the rota takes two managers a full week every month',
    category: 'cost',
    metric: { name: 'Manager hours on scheduling per month', baseline: 80, target: 20, unit: 'hours' },
    product: 'Workforce scheduling',
  },
  {
    title: 'A breach at a supplier would take us weeks to notice',
    category: 'risk',
    metric: { name: 'Days to detect a supplier incident', baseline: 21, target: 1, unit: 'days' },
    product: 'Security operations',
  },
];

/** Secondary issues other evaluators raise alongside the main one. */
export const SIDE_ISSUES: ReadonlyArray<readonly [string, IssueTemplate['category']]> = [
  ['Every report is rebuilt by hand in spreadsheets', 'cost'],
  ['Two systems disagree on the same customer', 'risk'],
  ['New starters take three months to become productive', 'cost'],
  ['The old platform goes out of support next year', 'risk'],
  ['Nobody trusts the numbers in the weekly review', 'strategic'],
];

export type CriterionTemplate = { title: string; kind: 'formal' | 'informal'; mustHave: boolean };

export const CRITERIA: readonly CriterionTemplate[] = [
  { title: 'Single sign-on with our identity provider', kind: 'formal', mustHave: true },
  { title: 'Data stays in our region', kind: 'formal', mustHave: true },
  { title: 'Live within one quarter', kind: 'formal', mustHave: false },
  { title: 'Total cost over three years', kind: 'formal', mustHave: false },
  { title: 'Integrates with our ERP without custom code', kind: 'formal', mustHave: true },
  { title: 'A vendor we trust to be around in five years', kind: 'informal', mustHave: false },
  { title: 'The team likes it in the pilot', kind: 'informal', mustHave: false },
  { title: 'References from companies like ours', kind: 'informal', mustHave: false },
];

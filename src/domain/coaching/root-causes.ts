// The root causes a coaching diagnosis can land on (REFERENCE §6.4), by level of the performance
// pyramid: selling behaviours rest on skill and knowledge, and those on capacity and commitment.
// Danger-zone rules, gap rules, diagnoses and learning activities name them by id.

export const PYRAMID_LEVELS = ['behaviour', 'skill_knowledge', 'capacity_commitment'] as const;
export type PyramidLevel = (typeof PYRAMID_LEVELS)[number];

export const ROOT_CAUSES = [
  { id: 'B1', level: 'behaviour', name: 'Not enough new pipeline' },
  { id: 'B2', level: 'behaviour', name: 'Weak qualification: pursues deals that cannot be won' },
  { id: 'B3', level: 'behaviour', name: 'Shallow discovery: the pain is not quantified' },
  { id: 'B4', level: 'behaviour', name: 'Single-threaded: avoids power' },
  { id: 'B5', level: 'behaviour', name: 'Does not build or test champions' },
  { id: 'B6', level: 'behaviour', name: 'Reacts to RFPs instead of shaping the criteria' },
  { id: 'B7', level: 'behaviour', name: 'Loses control of the buying process' },
  { id: 'B8', level: 'behaviour', name: 'Captures too little of what is learned' },
  { id: 'B9', level: 'behaviour', name: 'Forecasts on hope rather than evidence' },
  { id: 'B10', level: 'behaviour', name: 'Discounts too readily' },
  { id: 'B11', level: 'behaviour', name: 'Too little time with buyers' },
  { id: 'S1', level: 'skill_knowledge', name: 'Product and solution knowledge' },
  { id: 'S2', level: 'skill_knowledge', name: 'Customer and industry business acumen' },
  { id: 'S3', level: 'skill_knowledge', name: 'Competitive knowledge' },
  { id: 'S4', level: 'skill_knowledge', name: 'Knowledge of the method: objectives, roles, danger zones' },
  { id: 'S5', level: 'skill_knowledge', name: 'Questioning and discovery' },
  { id: 'S6', level: 'skill_knowledge', name: 'Putting a number on value' },
  { id: 'S7', level: 'skill_knowledge', name: 'Conversations with executives' },
  { id: 'S8', level: 'skill_knowledge', name: 'Insight: reframing how the customer sees the problem' },
  { id: 'S9', level: 'skill_knowledge', name: 'Negotiation' },
  { id: 'S10', level: 'skill_knowledge', name: 'Deal strategy and planning' },
  { id: 'S11', level: 'skill_knowledge', name: 'Handling objections' },
  { id: 'C1', level: 'capacity_commitment', name: 'Too little time: admin and workload' },
  { id: 'C2', level: 'capacity_commitment', name: 'Territory, lead flow or quota design' },
  { id: 'C3', level: 'capacity_commitment', name: 'Missing tools, resources or support' },
  { id: 'C4', level: 'capacity_commitment', name: 'Unclear expectations' },
  { id: 'C5', level: 'capacity_commitment', name: 'Incentives reward something else' },
  { id: 'C6', level: 'capacity_commitment', name: 'Motivation and confidence' },
  { id: 'C7', level: 'capacity_commitment', name: 'Role fit' },
  { id: 'C8', level: 'capacity_commitment', name: 'Wellbeing: a private matter, referred, never recorded here' },
] as const satisfies ReadonlyArray<{ id: string; level: PyramidLevel; name: string }>;

export type RootCauseId = (typeof ROOT_CAUSES)[number]['id'];
export const ROOT_CAUSE_IDS = ROOT_CAUSES.map((c) => c.id) as readonly RootCauseId[];

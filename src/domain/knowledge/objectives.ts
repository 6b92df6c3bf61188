/**
 * The nine information objectives: one organization-wide list of what a seller must know to
 * understand an opportunity. Admins may reword definitions and questions and change weights;
 * keys, order and names never change, and none can be removed.
 */
export const OBJECTIVE_KEYS = [
  'business_issues',
  'compelling_event',
  'buying_group',
  'evaluator_stance',
  'champion_power',
  'alternatives',
  'decision_criteria',
  'decision_process',
  'funding_value',
] as const;
export type ObjectiveKey = (typeof OBJECTIVE_KEYS)[number];

export type ObjectiveDefinition = {
  key: ObjectiveKey;
  number: number;
  name: string;
  definition: string;
  whyItMatters: string;
  questions: string[];
  /** relative weight in the Knowledge Coverage Index */
  weight: number;
};

export const DEFAULT_OBJECTIVES: readonly ObjectiveDefinition[] = [
  {
    key: 'business_issues',
    number: 1,
    name: 'Business issues and impact',
    definition:
      "The problems and goals, in the customer's own words, that our offer can materially change; who owns each one, and what solving it is worth to them in numbers.",
    whyItMatters:
      'Value and urgency start here. Without an issue a powerful person owns and has put a number on, the deal rests on a pet project or on our enthusiasm.',
    questions: [
      'What happens to this measure if nothing changes?',
      'Who feels this problem most, and who is accountable for fixing it?',
      'How do you measure it today, and what is it costing you each quarter?',
      'Is fixing this tied to a company goal or initiative this year?',
    ],
    weight: 1.2,
  },
  {
    key: 'compelling_event',
    number: 2,
    name: 'Compelling event and timeline',
    definition:
      "The event or deadline that forces a decision, what it costs the customer to miss it, and the customer's own decision and go-live dates.",
    whyItMatters:
      'Doing nothing is the most common outcome of a sales cycle. A real event with a cost of delay is the best defence against deals that drift and never decide.',
    questions: [
      'What happens if you do nothing until next year?',
      'Which date is driving this, and who set it?',
      'What has to be in place before that date?',
      'What changed recently that makes this a priority now?',
    ],
    weight: 1.2,
  },
  {
    key: 'buying_group',
    number: 3,
    name: 'Buying group and influence',
    definition:
      'Everyone who will evaluate, approve, use, block or influence the decision: their role in this decision, their real influence (not their title), and how well we cover each of them.',
    whyItMatters:
      'Buying groups are large and decisions are revisited. The person you never met is the one who says no after everyone else said yes.',
    questions: [
      'Who else will be affected or asked for an opinion?',
      'Who can say no after everyone else has said yes?',
      'Who was involved the last time you bought something similar?',
      'Whose opinion does the economic buyer trust most?',
      'Is anyone new to the group or to their role?',
    ],
    weight: 1.0,
  },
  {
    key: 'evaluator_stance',
    number: 4,
    name: 'Evaluator stance',
    definition:
      'For each evaluator: how they feel about our proposal, which alternative they favour (including doing nothing), how receptive they are to change, and what they need to win personally and for the business.',
    whyItMatters:
      "The win probability that matters is the customer's view: which option each influential person prefers, weighted by their influence.",
    questions: [
      'How does this person see each option today?',
      'What would they need to believe to choose us?',
      'What does success look like for them personally?',
      'What would they lose if we win?',
    ],
    weight: 1.3,
  },
  {
    key: 'champion_power',
    number: 5,
    name: 'Champion and access to power',
    definition:
      'Whether we have a tested internal advocate with power, and direct, productive access to the economic buyer who can fund and approve the decision.',
    whyItMatters:
      'A coach who likes us is not a champion. Deals are won by advocates who sell for us when we are not in the room, and by economic buyers who have said yes to the priority.',
    questions: [
      'If we were not in the room, who would argue for us, and has that already happened?',
      'Can our champion get us thirty minutes with the economic buyer?',
      'What does our champion personally gain if this succeeds?',
      'Has the economic buyer said this is a priority this year?',
    ],
    weight: 1.3,
  },
  {
    key: 'alternatives',
    number: 6,
    name: 'Alternatives, including doing nothing',
    definition:
      "Every option the customer is considering: named competitors, the incumbent, building it themselves, other projects competing for the same money, and doing nothing, with each one's standing in the customer's eyes.",
    whyItMatters:
      'You cannot position against an alternative you do not know, and the one that wrote the requirements usually wins.',
    questions: [
      'Who else are you talking to, and why them?',
      'What would you do if you did nothing?',
      'How would you compare us with the other options today?',
      'Is another project competing for this budget?',
    ],
    weight: 1.0,
  },
  {
    key: 'decision_criteria',
    number: 7,
    name: 'Decision criteria',
    definition:
      "The formal and informal criteria the buying group will decide on, their weights and must-haves, who cares about each and who wrote them, and how each alternative fits in the customer's view.",
    whyItMatters:
      'A failed must-have ends the deal whatever else is true; criteria shaped by a competitor tilt the field before we start.',
    questions: [
      'How will you decide between the options?',
      'Which criteria are must-haves?',
      'Who wrote the requirements, and with whose help?',
      'How would you score us today on each criterion?',
    ],
    weight: 1.0,
  },
  {
    key: 'decision_process',
    number: 8,
    name: 'Decision and approval process',
    definition:
      'The steps, owners and dates from today to signature and start, including security, legal and procurement, and whether the plan is agreed with the customer.',
    whyItMatters:
      'Deals slip in the paper process. Knowing every step, owner and date, and sharing the plan with the buyer, keeps the close date honest.',
    questions: [
      'Walk me through what happens after you choose a supplier.',
      'Who signs, and above what amount are more approvals needed?',
      'How long do legal, security and procurement usually take?',
      'Can we build the plan to your go-live date together?',
    ],
    weight: 0.9,
  },
  {
    key: 'funding_value',
    number: 9,
    name: 'Funding and value case',
    definition:
      'Whether money is available or must be created, who controls it, what the deal is worth to the customer and to us, and whether price has been tested against that value.',
    whyItMatters:
      'An approved budget and a value case the customer agrees with separate real projects from interesting conversations.',
    questions: [
      'How will this be funded, and who controls that budget?',
      'If it costs more than planned, where would the money come from?',
      'What return does the economic buyer need to see, and by when?',
      'Have you shared a figure internally yet?',
    ],
    weight: 0.9,
  },
];

export function objectiveByKey(objectives: readonly ObjectiveDefinition[], key: ObjectiveKey): ObjectiveDefinition {
  const found = objectives.find((o) => o.key === key);
  if (!found) throw new Error(`unknown objective ${key}`);
  return found;
}

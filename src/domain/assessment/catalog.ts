import { above, all, any, atLeast, atMost, below, is, isNot, oneOf, rule } from './rule-builder.ts';
import { dangerZoneRuleSchema, type DangerZoneRule } from './rules.ts';

// The danger-zone catalog (REFERENCE section 5), each rule in data. Thresholds named here are
// the ones an administrator may tune; rule-builder.ts checks every name against its table.

const late = is('late', true);
const commit = is('commit', true);

const RULES = [
  rule({
    id: 'DZ-01',
    name: 'No access to the economic buyer',
    family: 'risk',
    objectives: ['buying_group', 'champion_power'],
    trigger: all(
      // REFERENCE 5: not identified, not met, or met only briefly; an unrecorded coverage is an
      // unknown (its own zone), not proof of no access, and an economic buyer who met us and
      // confirmed the priority himself is engaged, however short the meeting
      any(
        is('ebIdentified', false),
        is('ebMet', false),
        all(oneOf('ebCoverage', ['none', 'brief']), isNot('ebEngaged', true)),
      ),
      any(late, is('largeDeal', true)),
    ),
    severity: 'high',
    escalations: [{ when: commit, severity: 'critical' }],
    thresholds: {},
    actions: [
      'Ask the champion to broker a meeting with the economic buyer (this is also their access test)',
      "Prepare a one-page summary of the business impact and the cost of delay at the economic buyer's level",
      'Arrange executive-to-executive outreach through our sponsor',
    ],
    questions: [
      'Who signs, and who can still say no after everyone else says yes?',
      'Has the economic buyer said this is a priority this year?',
      'What would the economic buyer need to see to approve?',
    ],
    rootCauses: ['B4', 'S7'],
  }),
  rule({
    id: 'DZ-02',
    name: 'Economic buyer not receptive or does not see the problem',
    family: 'risk',
    objectives: ['evaluator_stance', 'business_issues'],
    trigger: all(
      is('ebIdentified', true),
      // REFERENCE 5: not receptive, or owns no issue we can impact; but an economic buyer who
      // confirmed the priority himself is evidence of the opposite, whatever his mode was tagged
      isNot('ebConfirmedPriority', true),
      any(oneOf('ebResponseMode', ['even_keel', 'overconfident']), all(is('ebOwnsIssue', false), atLeast('K1', 1))),
    ),
    severity: 'high',
    escalations: [],
    thresholds: {},
    actions: [
      'Bring an insight that creates a gap between where they are and where they must be (benchmark, cost of inaction, risk)',
      'Find a receptive high-influence evaluator to carry the case',
      'If no gap can be created, deprioritise the deal',
    ],
    questions: [
      'What does the economic buyer think is working well today?',
      'Which results is the economic buyer accountable for this year, and where are they at risk?',
    ],
    rootCauses: ['S8', 'B3'],
  }),
  rule({
    id: 'DZ-03',
    name: 'Single-threaded',
    family: 'risk',
    objectives: ['buying_group'],
    // REFERENCE 5: fewer than two people (three on a large deal) covered in depth with a two-way
    // conversation in the last 30 days, or most of what buyers said came from one person
    trigger: any(
      below('threadsCovered', 'minThreads'),
      all(is('largeDeal', true), below('threadsCovered', 'minThreadsLargeDeal')),
      above('topContactShare', 'maxOneContactShare'),
    ),
    severity: 'medium',
    escalations: [{ when: late, severity: 'high' }],
    thresholds: { minThreads: 2, minThreadsLargeDeal: 3, maxOneContactShare: 0.7 },
    actions: [
      'Build the buying-group map with the champion',
      'Ask for introductions by role: finance, IT and security, users',
      'Plan a workshop with several stakeholders',
    ],
    questions: [
      'Who else will be affected by this?',
      'Whom will your CFO, IT or security ask for an opinion?',
      'Whose support would make this easier for you internally?',
    ],
    rootCauses: ['B4', 'C6'],
  }),
  rule({
    id: 'DZ-04',
    name: 'No champion, or champion untested',
    family: 'risk',
    objectives: ['champion_power'],
    // REFERENCE 5: "escalate if late": an untested champion early in a deal is work to do, not yet
    // a material risk; late it is, and in commit it is critical. In the first quarter of the cycle
    // the seller is still finding the people, as DZ-11, 16 and 19 allow for their objectives
    trigger: all(
      any(
        is('championExists', false),
        is('championPowerPassed', false),
        below('championPassedCount', 'minPassedTests'),
      ),
      any(atLeast('cyclePct', 'cycleShare'), late),
    ),
    severity: 'medium',
    escalations: [
      { when: late, severity: 'high' },
      { when: commit, severity: 'critical' },
    ],
    thresholds: { minPassedTests: 3, cycleShare: 0.25 },
    actions: [
      'Test the champion: ask for the economic-buyer introduction, ask them to co-own the mutual plan, ask for inside information',
      'Learn their personal win',
      'If they fail the tests, treat them as a coach and look for someone who mobilises',
    ],
    questions: [
      'If we were not in the room, who would argue for us, and has that happened?',
      'What do you personally gain if this succeeds?',
      'Can you get us thirty minutes with the economic buyer?',
    ],
    rootCauses: ['B5', 'S7'],
  }),
  rule({
    id: 'DZ-05',
    name: 'Champion is friendly but powerless',
    family: 'risk',
    objectives: ['evaluator_stance', 'champion_power'],
    // REFERENCE 5: outside the political structure, low influence, or a talker (guide, friend,
    // climber) rather than a mobiliser; worse when nobody else with influence supports us
    trigger: all(
      is('championExists', true),
      any(is('championOutside', true), is('championInfluence', 'low'), is('championTalker', true)),
    ),
    severity: 'medium',
    escalations: [{ when: below('otherInfluentialSupporters', 1), severity: 'high' }],
    thresholds: {},
    actions: [
      'Keep them as a coach and source of information',
      'Look for an evaluator who drives change and test them with a small ask that costs political capital',
    ],
    questions: [
      'Who in the organization usually drives change like this?',
      'Who would push back, and whom would they listen to?',
    ],
    rootCauses: ['B5', 'S10'],
  }),
  rule({
    id: 'DZ-06',
    name: 'A high-influence evaluator favours an alternative',
    family: 'risk',
    objectives: ['evaluator_stance', 'alternatives'],
    trigger: atLeast('highInfluenceFavouringOther', 1),
    severity: 'high',
    escalations: [
      { when: any(is('ebAmongFavouringOther', true), is('counterChampionOutranks', true)), severity: 'critical' },
    ],
    thresholds: {},
    actions: [
      'Learn what they need to win personally and what worries them',
      'Use leverage from strength: a supporter they trust, a peer reference, an executive meeting',
      'Reshape the criteria toward our differentiators, or decide to withdraw',
    ],
    questions: [
      'What does this person like about the alternative?',
      'What would they lose if we win?',
      'What would they need to believe to support us, or at least not oppose us?',
    ],
    rootCauses: ['B4', 'S10', 'S8'],
  }),
  rule({
    id: 'DZ-07',
    name: 'Stance of key evaluators unknown',
    family: 'unknown',
    objectives: ['evaluator_stance'],
    trigger: atLeast('highInfluenceStanceUnknown', 1),
    severity: 'medium',
    escalations: [{ when: any(late, is('ebStanceUnknown', true)), severity: 'high' }],
    thresholds: {},
    actions: [
      'Plan a discovery meeting with them, or ask the champion for a read',
      'Record what they actually said, not our impression',
    ],
    questions: ['How does this person see each option?', 'What has this person said in internal meetings?'],
    rootCauses: ['S4', 'S5', 'B8'],
  }),
  rule({
    id: 'DZ-08',
    name: 'Uncontacted buying influence',
    family: 'risk',
    objectives: ['buying_group'],
    trigger: atLeast('uncontactedInfluencers', 1),
    severity: 'medium',
    escalations: [{ when: all(is('uncontactedHigh', true), late), severity: 'high' }],
    thresholds: {},
    actions: [
      'Ask for an introduction',
      'Send content written for their role',
      'Involve the matching person on our side (solution engineer for technical, executive for the economic buyer)',
    ],
    questions: ['What does this person care about most?', 'What is the best way to get on their calendar?'],
    rootCauses: ['B4'],
  }),
  rule({
    id: 'DZ-09',
    name: 'New player, reorganization or champion change',
    family: 'risk',
    objectives: ['buying_group', 'champion_power'],
    // REFERENCE 5: a new person with influence, someone new in role, the champion or economic
    // buyer gone or moved, or a reorganization
    trigger: any(atLeast('newPlayers', 1), is('keyPlayerLeft', true), is('reorganized', true)),
    severity: 'medium',
    escalations: [{ when: any(is('newPlayerIsKey', true), is('keyPlayerLeft', true)), severity: 'high' }],
    thresholds: {},
    actions: [
      'Re-map the buying group and meet the new person early',
      'Re-check the timeline, the criteria and the budget',
    ],
    questions: [
      "What is the new person's mandate?",
      'Does this change priorities, budget or timing?',
      'Who now owns the decision?',
    ],
    rootCauses: ['B4', 'S4'],
  }),
  rule({
    id: 'DZ-10',
    name: 'No compelling event',
    family: 'risk',
    objectives: ['compelling_event'],
    trigger: all(
      any(atMost('K2', 1), atMost('P2', 0)),
      any(atMost('daysToClose', 'closeWindowDays'), oneOf('forecastCategory', ['best_case', 'commit'])),
    ),
    severity: 'high',
    escalations: [{ when: commit, severity: 'critical' }],
    thresholds: { closeWindowDays: 90 },
    actions: [
      'Quantify the cost of delay with the owner',
      'Tie the decision to an external date: contract expiry, regulation, budget cycle, dependent project',
      'If there is none, move the close date and the forecast category honestly',
    ],
    questions: [
      'What happens if you do nothing until next year?',
      'Which date is driving this, and who set it?',
      'What does each month of waiting cost?',
    ],
    rootCauses: ['B2', 'B7', 'S8'],
  }),
  rule({
    id: 'DZ-11',
    name: 'No quantified business impact',
    family: 'risk',
    objectives: ['business_issues', 'funding_value'],
    trigger: any(
      all(is('impactQuantified', false), atLeast('cyclePct', 'cycleShare')),
      all(is('impactAgreed', false), late),
    ),
    severity: 'medium',
    escalations: [{ when: late, severity: 'high' }],
    thresholds: { cycleShare: 0.3 },
    actions: [
      'Hold a value-discovery meeting with the issue owner',
      'Build a simple business case together: baseline, target, value, cost, payback',
      'Have the owner present it internally',
    ],
    questions: [
      'How do you measure this today?',
      'What is the baseline and what is the target?',
      'Who would sign off on these numbers?',
    ],
    rootCauses: ['B3', 'S2', 'S6'],
  }),
  rule({
    id: 'DZ-12',
    name: 'Pet project: nobody with influence owns the issue',
    family: 'risk',
    objectives: ['business_issues', 'buying_group'],
    trigger: is('issuesOwnedOnlyByLow', true),
    severity: 'medium',
    escalations: [{ when: late, severity: 'high' }],
    thresholds: {},
    actions: ['Link the issue to a company initiative', 'Get a high-influence owner to corroborate it, or qualify out'],
    questions: ['Which company goal does this support?', 'Who else has said this is a problem?'],
    rootCauses: ['B3', 'S2', 'S5'],
  }),
  rule({
    id: 'DZ-13',
    name: 'Customer satisfied with the status quo',
    family: 'risk',
    objectives: ['evaluator_stance', 'alternatives'],
    trigger: any(above('notReceptiveShare', 'notReceptiveShare'), is('doNothingLeads', true)),
    severity: 'high',
    escalations: [],
    thresholds: { notReceptiveShare: 0.5 },
    actions: [
      'Bring insight that reframes the status quo',
      'Quantify the risk of doing nothing',
      'If no gap can be created, nurture the account rather than forecast the deal',
    ],
    questions: [
      'What would have to be true for you to change how you do this?',
      'What are your peers doing differently?',
    ],
    rootCauses: ['S8', 'B6', 'S10'],
  }),
  rule({
    id: 'DZ-14',
    name: 'Criteria shaped by a competitor, or an unexpected RFP',
    family: 'risk',
    objectives: ['decision_criteria', 'alternatives', 'decision_process'],
    trigger: is('criteriaShapedByOther', true),
    severity: 'high',
    escalations: [{ when: is('ebAmongFavouringOther', true), severity: 'critical' }],
    thresholds: {},
    actions: [
      'Decide whether to bid at all',
      'Ask to meet the authors of the requirements before responding',
      "Propose criteria that reflect our differentiators, framed as the customer's risk and value",
    ],
    questions: [
      'Who helped write the requirements?',
      'Can we meet the evaluation team before we submit?',
      'How will the criteria be weighted?',
    ],
    rootCauses: ['B6', 'S3', 'S10'],
  }),
  rule({
    id: 'DZ-15',
    name: 'We fail a must-have criterion',
    family: 'risk',
    objectives: ['decision_criteria'],
    trigger: is('mandatoryFail', true),
    severity: 'critical',
    escalations: [],
    thresholds: {},
    actions: [
      'Check with the owner whether it is truly mandatory',
      'Find a workaround, a partner or a roadmap commitment',
      'Or qualify out early',
    ],
    questions: ['What is behind this requirement?', 'What happens if it is met in another way?'],
    rootCauses: ['S1', 'S4', 'S10'],
  }),
  rule({
    id: 'DZ-16',
    name: 'Decision criteria unknown or unconfirmed',
    family: 'unknown',
    objectives: ['decision_criteria'],
    trigger: any(all(atMost('K7', 1), atLeast('cyclePct', 'cycleShare')), all(is('criteriaConfirmed', false), late)),
    severity: 'high',
    escalations: [],
    thresholds: { cycleShare: 0.4 },
    actions: [
      'Ask for the evaluation scorecard',
      'Confirm the formal and informal criteria with each key evaluator',
      'Ask how they rate us on each',
    ],
    questions: [
      'How will you decide between the options?',
      'What are the must-haves?',
      'How would you score us today?',
    ],
    rootCauses: ['B6', 'S4', 'S10'],
  }),
  rule({
    id: 'DZ-17',
    name: 'Not differentiated: an alternative leads on fit',
    family: 'risk',
    objectives: ['alternatives', 'decision_criteria'],
    trigger: any(below('criteriaFitAdvantage', 'fitGap'), is('usBehind', true)),
    severity: 'high',
    escalations: [],
    thresholds: { fitGap: -0.2 },
    actions: [
      'Choose a competitive strategy: flank, fragment or develop rather than attack head-on when weaker',
      'Tie our differentiators to their business issues',
      'Bring reference customers',
    ],
    questions: ['Where do we fall short today in your view?', 'What would make the difference?'],
    rootCauses: ['S3', 'B6', 'S10'],
  }),
  rule({
    id: 'DZ-18',
    name: 'Close date not supported by the buying process',
    family: 'risk',
    objectives: ['decision_process', 'compelling_event'],
    // REFERENCE 5: the remaining steps end after the close date; or it closes this period while the
    // business case is not approved or legal and procurement have not started
    trigger: any(
      is('criticalPathAfterClose', true),
      all(commit, is('paperProcessKnown', false)),
      all(atMost('daysToClose', 'periodDays'), any(is('businessCaseApproved', false), is('legalStarted', false))),
    ),
    severity: 'high',
    escalations: [{ when: commit, severity: 'critical' }],
    thresholds: { periodDays: 30 },
    actions: [
      'Rebuild the timeline with the buyer',
      'Start the paper process in parallel: security questionnaire, contract redlines, supplier onboarding',
      "Move the close date if the buyer's plan says so",
    ],
    questions: [
      'What has to happen between now and signature, and how long does each step take?',
      'Can legal and procurement start now?',
    ],
    rootCauses: ['B7', 'S4'],
  }),
  rule({
    id: 'DZ-19',
    name: 'Decision or paper process unknown',
    family: 'unknown',
    objectives: ['decision_process'],
    trigger: any(
      all(atMost('K8', 1), atLeast('cyclePct', 'cycleShare')),
      all(late, any(is('signatoryKnown', false), is('paperProcessKnown', false), is('purchasingUnknown', true))),
    ),
    severity: 'high',
    escalations: [],
    thresholds: { cycleShare: 0.4 },
    actions: [
      'Ask for a walk-through of the process and how they bought last time',
      'Map the approvals by amount',
      'Propose a mutual action plan',
    ],
    questions: [
      'Walk me through what happens after you choose a supplier.',
      'Who signs, and above what amount are more approvals needed?',
      'How long did the last similar purchase take?',
    ],
    rootCauses: ['B7', 'S4'],
  }),
  rule({
    id: 'DZ-20',
    name: 'Close date slipping',
    family: 'risk',
    objectives: ['compelling_event', 'decision_process'],
    // REFERENCE 5: pushed twice, or pushed with nothing the buyer said behind it, or pushed into
    // the next quarter in the last month of this one
    trigger: any(
      atLeast('closeDatePushes', 'pushes'),
      is('pushWithoutBuyerReason', true),
      is('pushedAcrossQuarterEnd', true),
    ),
    severity: 'medium',
    escalations: [{ when: any(atLeast('closeDatePushes', 'manyPushes'), commit), severity: 'high' }],
    thresholds: { pushes: 2, manyPushes: 3 },
    actions: [
      'Re-check the compelling event and who owns the next step',
      'Confirm the date with the buyer, not with ourselves',
      'Downgrade the forecast category',
    ],
    questions: [
      "What changed on the customer's side?",
      'Who told you the new date?',
      'What will be different this time?',
    ],
    rootCauses: ['B7', 'B9', 'B2'],
  }),
  rule({
    id: 'DZ-21',
    name: 'Stalled: no recent buyer engagement',
    family: 'risk',
    objectives: ['buying_group', 'decision_process'],
    // REFERENCE 5: no two-way buyer interaction for longer than the stage allows, or nothing learned
    // for longer than three in four of this organization's won deals ever went without news
    trigger: any(
      all(above('daysSinceBuyerEngagement', 'quietDaysNearClose'), atMost('daysToClose', 90)),
      above('daysSinceBuyerEngagement', 'quietDays'),
      is('quieterThanWins', true),
    ),
    severity: 'medium',
    escalations: [{ when: late, severity: 'high' }],
    thresholds: { quietDaysNearClose: 14, quietDays: 30 },
    actions: [
      'Re-engage through the champion',
      'Share something new of value: an insight or a reference',
      'Ask directly whether priorities have changed',
    ],
    questions: ['When did we last hear from the customer, and what did they commit to?', 'Is this still a priority?'],
    rootCauses: ['B11', 'B7', 'C1'],
  }),
  rule({
    id: 'DZ-22',
    name: 'No buyer-owned next step or mutual plan',
    family: 'risk',
    objectives: ['decision_process'],
    trigger: any(
      is('nextStepKnown', false),
      is('nextStepOverdue', true),
      is('nextStepOwnerKnown', false),
      all(is('mapAgreed', false), late),
    ),
    severity: 'medium',
    escalations: [{ when: commit, severity: 'high' }],
    thresholds: {},
    actions: [
      'End every interaction with a dated next step owned by the buyer',
      'Propose a mutual action plan and let the buyer edit it',
    ],
    questions: ['What will the customer do next, and by when?', 'Who on their side owns it?'],
    rootCauses: ['B7'],
  }),
  rule({
    id: 'DZ-23',
    name: 'Budget not confirmed late in the cycle',
    family: 'risk',
    objectives: ['funding_value'],
    trigger: any(
      all(
        late,
        any(
          is('budgetUnknown', true),
          all(oneOf('budgetStatus', ['must_be_created', 'none']), is('budgetOwnerKnown', false)),
        ),
      ),
      is('priceVsBudget', 'well_above'),
    ),
    severity: 'high',
    escalations: [],
    thresholds: {},
    actions: [
      'Identify the funding source and who owns it',
      'Align phasing and packaging with their budget cycle',
      'Involve the economic buyer in any reallocation',
    ],
    questions: [
      'How will this be funded?',
      'Who controls that budget?',
      'If it costs more than planned, where does the money come from?',
    ],
    rootCauses: ['B2', 'B10', 'S6'],
  }),
  rule({
    id: 'DZ-24',
    name: 'Price and value not discussed late',
    family: 'risk',
    objectives: ['funding_value'],
    trigger: all(
      isNot('pricingDiscussed', true),
      any(atLeast('cyclePct', 'cycleShare'), oneOf('forecastCategory', ['best_case', 'commit'])),
    ),
    severity: 'medium',
    escalations: [],
    thresholds: { cycleShare: 0.6 },
    actions: ['Anchor the value first, then test a price range with the economic buyer or the champion'],
    questions: ['Have you shared an investment range internally?', 'How will the value be compared with the cost?'],
    rootCauses: ['B10', 'S6', 'S9'],
  }),
  rule({
    id: 'DZ-25',
    name: 'Critical information missing for the forecast category',
    family: 'unknown',
    objectives: [
      'business_issues',
      'compelling_event',
      'buying_group',
      'evaluator_stance',
      'champion_power',
      'alternatives',
      'decision_criteria',
      'decision_process',
      'funding_value',
    ],
    trigger: any(
      all(commit, any(below('kci', 'commitCoverage'), below('K4', 2), below('K5', 2), below('K8', 2))),
      all(is('forecastCategory', 'best_case'), below('kci', 'bestCaseCoverage')),
    ),
    severity: 'high',
    escalations: [],
    thresholds: { commitCoverage: 0.7, bestCaseCoverage: 0.5 },
    actions: [
      'Look at the specific unknowns and the questions that resolve them',
      'Schedule the meetings that answer them before committing the deal',
    ],
    questions: ['For each unknown: what did the customer say or do that tells you this?'],
    rootCauses: ['B8', 'B9', 'C4'],
  }),
  rule({
    id: 'DZ-26',
    name: "Seller's figure far from the evidence",
    family: 'risk',
    objectives: [
      'business_issues',
      'compelling_event',
      'buying_group',
      'evaluator_stance',
      'champion_power',
      'alternatives',
      'decision_criteria',
      'decision_process',
      'funding_value',
    ],
    trigger: any(atLeast('sellerGapAbs', 'gapPoints'), atLeast('sellerBiasAbs', 'biasPoints')),
    severity: 'medium',
    escalations: [],
    thresholds: { gapPoints: 30, biasPoints: 15 },
    actions: [
      "Review the evidence behind the seller's view in the next one-to-one",
      'Record the missing evidence, or adjust the forecast',
    ],
    questions: ['What do you know that the system does not?', 'What evidence would change your mind?'],
    rootCauses: ['B9', 'C6'],
  }),
  rule({
    id: 'DZ-27',
    name: 'Stale knowledge',
    family: 'unknown',
    objectives: [
      'business_issues',
      'compelling_event',
      'buying_group',
      'evaluator_stance',
      'champion_power',
      'alternatives',
      'decision_criteria',
      'decision_process',
      'funding_value',
    ],
    trigger: atLeast('staleCritical', 1),
    severity: 'low',
    escalations: [{ when: late, severity: 'medium' }],
    thresholds: {},
    actions: ['Re-confirm in the next conversation: has anything changed since we last spoke?'],
    questions: ['When did the customer last confirm this?'],
    rootCauses: ['B8', 'C1'],
  }),
  rule({
    id: 'DZ-28',
    name: 'Proposal sent while key objectives are unknown',
    family: 'unknown',
    objectives: ['business_issues', 'champion_power', 'decision_criteria', 'funding_value'],
    // a proposal that went out before we knew the issues, the economic buyer, the criteria or the
    // value was written to a generic buyer: it competes on features and price
    trigger: all(
      is('proposalSent', true),
      any(atMost('K1', 'minLevel'), atMost('K7', 'minLevel'), atMost('K9', 'minLevel'), is('ebIdentified', false)),
    ),
    severity: 'high',
    escalations: [{ when: commit, severity: 'critical' }],
    thresholds: { minLevel: 1 },
    actions: [
      'Walk the proposal through with the champion and find out what it left unanswered',
      'Send a revised proposal once the missing objectives are known',
    ],
    questions: [
      'Which of your issues does the proposal not answer?',
      'How will the proposal be scored, and by whom?',
      'Who signs, and what must the proposal show them?',
    ],
    rootCauses: ['B3', 'B6', 'C4'],
  }),
];

/** The id of every rule in the catalog. */
export type DangerZoneId = (typeof RULES)[number]['id'];

/** The catalog, each rule checked against its schema when the module loads. */
export const DANGER_ZONE_RULES: readonly DangerZoneRule[] = RULES.map((r) => dangerZoneRuleSchema.parse(r));

const ZONE_NAMES = new Map(DANGER_ZONE_RULES.map((r) => [r.id, r.name]));

/** A rule's name by its id; a rule since removed from the catalog keeps its id as its name. */
export const zoneNameOf = (id: string): string => ZONE_NAMES.get(id) ?? id;

/** The rule that flags a seller's own figure far from the evidence (or a seller's habit of it). */
export const SELLER_FIGURE_GAP_RULE = 'DZ-26' satisfies DangerZoneId;

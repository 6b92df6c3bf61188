import type { RootCauseId } from './root-causes.ts';

// What a manager needs beside each root cause's name (REFERENCE §6.4, §6.5): the signals the app
// can see, the questions that tell this cause from its neighbours, and the kinds of learning that
// address it. The learning catalog, the diagnosis and the assignments name the same types.

export const LEARNING_TYPES = [
  'module_quiz',
  'certification',
  'recorded_practice',
  'role_play',
  'shadowing',
  'deal_workshop',
  'on_the_job',
  'job_aid',
  'goal_plan',
  'environmental_fix',
] as const;
export type LearningType = (typeof LEARNING_TYPES)[number];

export const LEARNING_TYPE_LABELS: Record<LearningType, string> = {
  module_quiz: 'Module with quiz',
  certification: 'Certification',
  recorded_practice: 'Recorded practice',
  role_play: 'Role-play',
  shadowing: 'Shadowing',
  deal_workshop: 'Deal-strategy workshop',
  on_the_job: 'On-the-job assignment',
  job_aid: 'Job aid',
  goal_plan: 'Goal plan',
  environmental_fix: 'Environmental fix',
};

export type RootCauseGuide = {
  /** what the app can notice, in a few words each */
  signals: readonly string[];
  /** what the manager asks the seller to tell this cause from its neighbours */
  questions: readonly string[];
  /** the kinds of learning that address it, most useful first */
  activities: readonly LearningType[];
  /** causes to rule out before this one is treated */
  checkFirst?: readonly RootCauseId[];
  /** said wherever the cause is chosen */
  caution?: string;
};

export const WELLBEING_CAUTION =
  'Wellbeing details are never stored in Winsight. Talk privately, refer to HR or the employee assistance programme, and record only that a referral was offered.';

export const ROOT_CAUSE_GUIDE = {
  B1: {
    signals: ['New pipeline below target two periods running', 'Coverage low for the period', 'Few new deals opened'],
    questions: [
      'Walk me through the time you spent finding new deals last week.',
      'Which accounts did you go after, and why those?',
      'What usually happens on a first call?',
    ],
    activities: ['on_the_job', 'deal_workshop', 'recorded_practice'],
    checkFirst: ['C1', 'C6'],
  },
  B2: {
    signals: ['Many late losses and no-decisions', 'Low coverage on early deals', 'Budget and fit zones recurring'],
    questions: [
      'What tells you this customer will buy anything at all?',
      'What would make you walk away from this deal?',
      'Which of your deals would you drop today?',
    ],
    activities: ['deal_workshop', 'job_aid', 'module_quiz'],
  },
  B3: {
    signals: ['Business issues rarely quantified', 'Value zone recurring', 'Discounts to close'],
    questions: [
      'What did the customer say the problem costs them today?',
      'Who owns that number on their side?',
      'What happens to them if nothing changes this year?',
    ],
    activities: ['on_the_job', 'shadowing', 'role_play', 'job_aid'],
  },
  B4: {
    signals: [
      'No economic buyer met on most late deals',
      'One contact carries the deal',
      'Access zones on 40 % or more of deals',
    ],
    questions: [
      'Who else is involved in this decision, and why have we not met them?',
      'What stops you asking for a meeting with the person who signs?',
      'If your contact left tomorrow, who would we talk to?',
    ],
    activities: ['on_the_job', 'role_play', 'job_aid'],
    checkFirst: ['S7', 'C6'],
  },
  B5: {
    signals: ['Champion zones recurring', 'Champions rarely pass the access test', 'Coach taken for a champion'],
    questions: [
      'How do you know this contact is selling for us when we are not in the room?',
      'What have they done for us, rather than said?',
      'What did they risk the last time they helped us?',
    ],
    activities: ['module_quiz', 'role_play', 'on_the_job'],
  },
  B6: {
    signals: ['Deals arrive as unexpected RFPs', 'Criteria written without us', 'Competitor leads on fit'],
    questions: [
      'When did we first hear about this requirement?',
      'Who wrote the evaluation criteria, and with whose help?',
    ],
    activities: ['deal_workshop', 'module_quiz', 'job_aid'],
  },
  B7: {
    signals: ['Close dates slipping', 'No buyer-owned next step', 'Cycle longer than peers'],
    questions: [
      "What is the customer's next step, who owns it, and by when?",
      'What is in the plan you agreed with them, and which parts did they change?',
      'What has to happen on their side between now and signature?',
    ],
    activities: ['job_aid', 'on_the_job', 'deal_workshop'],
  },
  B8: {
    signals: [
      'Knowledge recorded just before reviews',
      'Stale facts on active deals',
      'Low coverage despite many meetings',
    ],
    questions: [
      'What stops you writing things down right after a meeting?',
      'Which parts of the knowledge form are useful to you, and which are not?',
    ],
    activities: ['environmental_fix', 'goal_plan', 'job_aid'],
    checkFirst: ['C1', 'C4'],
  },
  B9: {
    signals: ['Own probability far from the evidence', 'Forecast bias high', 'Commit deals often lost or slipped'],
    questions: [
      'What evidence moves a deal into commit for you?',
      'Which deal in your last commit surprised you, and what did you not know?',
    ],
    activities: ['deal_workshop', 'job_aid', 'module_quiz'],
  },
  B10: {
    signals: ['Discounts above peers', 'Price discussed before value', 'Value agreed late or never'],
    questions: ['When did price first come up, and who raised it?', 'What did we get in return for the discount?'],
    activities: ['role_play', 'module_quiz', 'job_aid'],
  },
  B11: {
    signals: ['Few two-way meetings with buyers', 'Deals ageing without contact'],
    questions: ['What took most of your time this month?', 'Which buyer meetings did you want to have and could not?'],
    activities: ['goal_plan', 'environmental_fix'],
    checkFirst: ['C1', 'C2', 'C6'],
    caution: 'Look at time and workload (C1, C2) and commitment (C6) before prescribing any training.',
  },
  S1: {
    signals: ['Low product quiz scores', 'Losses on technical criteria', 'Heavy reliance on pre-sales'],
    questions: [
      'In two minutes, explain how we solve this issue for this kind of buyer.',
      'Which questions from buyers do you pass to pre-sales, and why?',
    ],
    activities: ['module_quiz', 'certification', 'recorded_practice'],
  },
  S2: {
    signals: ['Issues written as product features', 'Value rarely quantified', 'Few executive-level meetings'],
    questions: [
      "What are this customer's three main goals this year?",
      'How does this customer make money, and what squeezes their margin?',
    ],
    activities: ['module_quiz', 'on_the_job', 'shadowing'],
  },
  S3: {
    signals: ['Repeated losses to one competitor', "Competitors' strengths and weaknesses left blank"],
    questions: [
      'How does this competitor position against us, and how do you answer?',
      'Where are they genuinely stronger than us?',
    ],
    activities: ['module_quiz', 'certification', 'job_aid'],
  },
  S4: {
    signals: ['Buying roles misclassified', 'Many unknowns despite many meetings', 'Coach recorded as champion'],
    questions: [
      'What is the difference between a coach and a champion?',
      'Which information objective is weakest on your biggest deal, and why does it matter?',
    ],
    activities: ['module_quiz', 'deal_workshop'],
  },
  S5: {
    signals: ['Meetings that do not raise knowledge levels', 'Answers recorded without the buyer’s words'],
    questions: [
      'Role-play: find out what the problem costs the customer.',
      'Which question in your last meeting taught you the most?',
    ],
    activities: ['recorded_practice', 'shadowing', 'role_play'],
  },
  S6: {
    signals: ['Business issues rarely reach a quantified level', 'Business cases built only by us'],
    questions: [
      'Build a value estimate for this deal with me now: what inputs do you have?',
      'Which figure in it did the customer give you, and which did we assume?',
    ],
    activities: ['module_quiz', 'on_the_job', 'job_aid'],
  },
  S7: {
    signals: ['Economic buyer avoided', 'Executive meetings end without a next step'],
    questions: [
      'Role-play a twenty-minute meeting with the economic buyer.',
      'What would this executive want to hear in the first two minutes?',
    ],
    activities: ['role_play', 'recorded_practice', 'shadowing'],
  },
  S8: {
    signals: ['Many buyers content with the way things are', 'High no-decision rate'],
    questions: [
      'How would you challenge the way they do this today?',
      'What do we know about their business that they may not?',
    ],
    activities: ['recorded_practice', 'role_play'],
  },
  S9: {
    signals: ['Discounts above peers', 'Concessions given without anything in return'],
    questions: ['Role-play a negotiation with procurement.', 'What will you ask for in return for each concession?'],
    activities: ['role_play', 'deal_workshop'],
  },
  S10: {
    signals: ['Danger zones left unresolved for weeks', 'No plan that builds on our strengths'],
    questions: [
      'Which red flag matters most on this deal?',
      'Which of our strengths could resolve it, and who has to see it?',
    ],
    activities: ['deal_workshop', 'on_the_job'],
  },
  S11: {
    signals: ['Deals stall after the same objections'],
    questions: [
      'Role-play the five objections you hear most.',
      'Which objection cost you a deal last quarter, and what did you answer?',
    ],
    activities: ['recorded_practice', 'role_play', 'job_aid'],
  },
  C1: {
    signals: ['More open deals than peers', 'Records edited late at night', 'Activity high but shallow'],
    questions: ['Where does your week go?', 'What could you stop doing without hurting a deal?'],
    activities: ['environmental_fix', 'goal_plan'],
  },
  C2: {
    signals: ['Account potential or lead flow below peers', 'Good behaviours, poor results'],
    questions: [
      'Can this territory carry the target you were given?',
      'Where would new business come from if you had the time?',
    ],
    activities: ['environmental_fix'],
  },
  C3: {
    signals: ['Deals waiting on pre-sales, pricing or legal', 'Content missing for common cases'],
    questions: ['What support did you need this quarter and not get?', 'Where do your deals wait on us?'],
    activities: ['environmental_fix', 'job_aid'],
  },
  C4: {
    signals: ['Seller cannot state the standard', 'Managers ask for different things'],
    questions: ['What does good look like for this, in your words?', 'When did someone last tell you how you did?'],
    activities: ['job_aid', 'goal_plan'],
  },
  C5: {
    signals: ['The wanted behaviour goes unrewarded', 'Pay rewards volume over quality'],
    questions: ['What happens to you if you do this, and if you do not?', 'Who notices when you do it well?'],
    activities: ['environmental_fix'],
  },
  C6: {
    signals: ['Activity falling against own baseline', 'Hard conversations avoided', 'Assignments left unfinished'],
    questions: [
      'What do you want to achieve this year?',
      'What feels hard about asking for the economic buyer?',
      'What would make this quarter feel like a success to you?',
    ],
    activities: ['goal_plan', 'role_play'],
  },
  C7: {
    signals: ['Lowest performance despite coaching and support'],
    questions: ['Which parts of the job do you enjoy, and which drain you?', 'Where do you see yourself in a year?'],
    activities: ['goal_plan'],
  },
  C8: {
    signals: ['A sudden change in engagement'],
    questions: [
      'How are you doing, away from the numbers?',
      'Is there anything you would like support with, from me or from HR?',
    ],
    activities: ['environmental_fix'],
    caution: WELLBEING_CAUTION,
  },
} as const satisfies Record<RootCauseId, RootCauseGuide>;

/** The guide for one root cause. */
export const guideFor = (id: RootCauseId): RootCauseGuide => ROOT_CAUSE_GUIDE[id];

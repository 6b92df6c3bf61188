import { guideFor, ROOT_CAUSE_GUIDE, WELLBEING_CAUTION } from './root-cause-guide.ts';
import { ROOT_CAUSES, type PyramidLevel, type RootCauseId } from './root-causes.ts';

// The guided diagnosis of a performance gap (REFERENCE §6.3, after Mager & Pipe and Gilbert): the
// environment is checked before the person, in the cheapest order (expectations, resources,
// consequences), then skill ("could they do it if their life depended on it?"), then capacity and
// commitment. The flow is data; one pure function reads the answers so far and says which step
// comes next, which root causes they point to and what kind of fix suits. Wellbeing (C8) is never
// recorded beyond the fact that a referral was offered: its answers carry no note.

export const DIAGNOSIS_STEPS = [
  'gap',
  'expectations',
  'resources',
  'consequences',
  'skill',
  'commitment',
  'prescribe',
] as const;
export type DiagnosisStep = (typeof DIAGNOSIS_STEPS)[number];

export const FIX_TYPES = [
  'expectation_feedback',
  'environment',
  'consequences',
  'training_practice',
  'commitment_plan',
  'referral',
] as const;
export type FixType = (typeof FIX_TYPES)[number];

export const FIX_LABELS: Record<FixType, string> = {
  expectation_feedback: 'Set the expectation and give feedback',
  environment: 'Fix the environment (not training)',
  consequences: 'Change the consequences',
  training_practice: 'Training, practice and feedback',
  commitment_plan: 'Goal and accountability plan',
  referral: 'Private conversation and referral',
};

export const REFERRAL_NOTE =
  'A private conversation was held and a referral to HR or the employee assistance programme offered.';
export { WELLBEING_CAUTION };

/** Where an answer leads: root causes (or the suspected ones of a level) and the fix they call for. */
type Lead = { rootCauses: readonly RootCauseId[] | 'suspected_skill'; fix: FixType };

export type DiagnosisChoice = {
  id: string;
  label: string;
  /** the answer points to a cause: the step has found something */
  leadsTo?: Lead;
  /** the answer does not settle the step (e.g. "not observed yet"): it stays the next step */
  unsettled?: boolean;
  /** the gap is not worth solving now: the diagnosis can stop here */
  notWorthSolving?: boolean;
  /** a wellbeing answer: no note is ever kept with it */
  wellbeing?: boolean;
};

export type DiagnosisQuestion = {
  id: string;
  text: string;
  /** what to look at or ask, in a line */
  hint?: string;
  choices: readonly DiagnosisChoice[];
  /** a question of the root-cause guide (not of the flow itself) */
  rootCause?: RootCauseId;
};

export type DiagnosisStepDef = {
  id: DiagnosisStep;
  title: string;
  purpose: string;
  questions: readonly DiagnosisQuestion[];
};

const YES = (label = 'Yes'): DiagnosisChoice => ({ id: 'yes', label });
const no = (label: string, leadsTo?: Lead): DiagnosisChoice => ({ id: 'no', label, ...(leadsTo ? { leadsTo } : {}) });

export const DIAGNOSIS_FLOW: readonly DiagnosisStepDef[] = [
  {
    id: 'gap',
    title: 'Describe the gap',
    purpose:
      'Say what the seller does or does not do, on which deals, how far from the team and for how long. Is it worth solving?',
    questions: [
      {
        id: 'gap.observable',
        text: 'Can you name what the seller does differently, on which deals, in terms you could both observe?',
        hint: 'Not "weak on power" but "no economic buyer met on four of six late deals".',
        choices: [
          YES('Yes, it is described with its deals'),
          { id: 'not_yet', label: 'Not yet: look at the deals first', unsettled: true },
        ],
      },
      {
        id: 'gap.worth',
        text: 'Is it worth solving now: does it cost deals, forecast accuracy or time this quarter?',
        choices: [
          YES('Yes, it is worth the time'),
          { id: 'no', label: 'No: watch the indicator instead', notWorthSolving: true },
        ],
      },
    ],
  },
  {
    id: 'expectations',
    title: 'Expectations',
    purpose: 'Does the seller know the standard, and have they heard how they measure up? (Gilbert: data)',
    questions: [
      {
        id: 'expectations.standard',
        text: 'Can the seller state the standard in their own words (e.g. "economic buyer met before the proposal")?',
        choices: [YES(), no('No, or not clearly', { rootCauses: ['C4'], fix: 'expectation_feedback' })],
      },
      {
        id: 'expectations.feedback',
        text: 'Have they had specific feedback on it, on a named deal, in the last month?',
        choices: [YES(), no('No', { rootCauses: ['C4'], fix: 'expectation_feedback' })],
      },
    ],
  },
  {
    id: 'resources',
    title: 'Resources',
    purpose: 'Do they have the time, territory, tools and support the behaviour needs? (Gilbert: instruments)',
    questions: [
      {
        id: 'resources.time',
        text: 'Do they have the time for it, given their open deals and admin load?',
        choices: [YES(), no('No, the week is full', { rootCauses: ['C1'], fix: 'environment' })],
      },
      {
        id: 'resources.territory',
        text: 'Can their territory and lead flow carry what is asked of them?',
        choices: [YES(), no('No', { rootCauses: ['C2'], fix: 'environment' })],
      },
      {
        id: 'resources.support',
        text: 'Do they get the content and support it needs (pre-sales, pricing, an executive sponsor)?',
        choices: [YES(), no('No, they wait on us', { rootCauses: ['C3'], fix: 'environment' })],
      },
    ],
  },
  {
    id: 'consequences',
    title: 'Consequences',
    purpose: 'Is the right behaviour rewarded, and the wrong one ignored? (Gilbert: incentives)',
    questions: [
      {
        id: 'consequences.rewarded',
        text: 'When they do it well, does anyone notice: pay, recognition, your attention?',
        choices: [YES(), no('No, it goes unnoticed', { rootCauses: ['C5'], fix: 'consequences' })],
      },
      {
        id: 'consequences.opposite',
        text: 'Does not doing it pay off for them (volume over quality, a quicker close, less friction)?',
        choices: [
          { id: 'no', label: 'No' },
          { id: 'yes', label: 'Yes, it pays to skip it', leadsTo: { rootCauses: ['C5'], fix: 'consequences' } },
        ],
      },
    ],
  },
  {
    id: 'skill',
    title: 'Skill and knowledge',
    purpose: 'Could they do it if their life depended on it? Observe it: a role-play, a recorded call, a quiz.',
    questions: [
      {
        id: 'skill.could',
        text: 'Could they do it if their life depended on it?',
        hint: 'Answer from what you saw, not from what you assume.',
        choices: [
          { id: 'yes', label: 'Yes, I have seen them do it' },
          {
            id: 'no',
            label: 'No, they could not',
            leadsTo: { rootCauses: 'suspected_skill', fix: 'training_practice' },
          },
          { id: 'not_observed', label: 'Not observed yet: run a role-play first', unsettled: true },
        ],
      },
    ],
  },
  {
    id: 'commitment',
    title: 'Capacity and commitment',
    purpose: 'They can and have what they need, yet do not: explore confidence, goals and fit, in private.',
    questions: [
      {
        id: 'commitment.why',
        text: 'What best explains why they do not, though they can?',
        choices: [
          {
            id: 'confidence',
            label: 'Confidence: the conversation feels risky to them',
            leadsTo: { rootCauses: ['C6'], fix: 'commitment_plan' },
          },
          {
            id: 'motivation',
            label: 'Motivation: it is not among their own goals',
            leadsTo: { rootCauses: ['C6'], fix: 'commitment_plan' },
          },
          {
            id: 'fit',
            label: 'Persistent, despite coaching and support',
            leadsTo: { rootCauses: ['C7'], fix: 'commitment_plan' },
          },
          {
            id: 'personal',
            label: 'Personal circumstances (private: a referral is offered, nothing is recorded)',
            leadsTo: { rootCauses: ['C8'], fix: 'referral' },
            wellbeing: true,
          },
          { id: 'unclear', label: 'Still unclear' },
        ],
      },
    ],
  },
  {
    id: 'prescribe',
    title: 'Prescribe',
    purpose: 'Choose the root cause, the fix and what should move on a live deal, and when you will look again.',
    questions: [
      {
        id: 'prescribe.follow_up',
        text: 'When will you look at it together again?',
        hint: 'In the note: the application task on a live deal and the indicator that should move.',
        choices: [
          { id: 'one_week', label: 'In a week' },
          { id: 'two_weeks', label: 'In two weeks' },
          { id: 'one_month', label: 'In a month' },
        ],
      },
    ],
  },
];

/** What a root-cause guide question can be answered with. */
export const GUIDE_CHOICES = [
  { id: 'points_here', label: 'The answer points to this cause' },
  { id: 'rules_out', label: 'The answer rules it out' },
  { id: 'unclear', label: 'Unclear' },
] as const satisfies readonly DiagnosisChoice[];
export type GuideAnswer = (typeof GUIDE_CHOICES)[number]['id'];

const LEVEL_OF = new Map<RootCauseId, PyramidLevel>(ROOT_CAUSES.map((c) => [c.id, c.level]));
export const levelOfCause = (id: RootCauseId): PyramidLevel => LEVEL_OF.get(id)!;

/** The step a root cause's own questions are asked in: the step whose part of the pyramid it is. */
export function stepOfCause(id: RootCauseId): DiagnosisStep {
  if (id === 'C4') return 'expectations';
  if (id === 'C1' || id === 'C2' || id === 'C3') return 'resources';
  if (id === 'C5') return 'consequences';
  if (id === 'C6' || id === 'C7' || id === 'C8') return 'commitment';
  return levelOfCause(id) === 'skill_knowledge' ? 'skill' : 'gap';
}

/** The fix a root cause calls for when it is the one found. */
export function fixOfCause(id: RootCauseId): FixType {
  switch (id) {
    case 'C1':
    case 'C2':
    case 'C3':
      return 'environment';
    case 'C4':
      return 'expectation_feedback';
    case 'C5':
      return 'consequences';
    case 'C6':
    case 'C7':
      return 'commitment_plan';
    case 'C8':
      return 'referral';
    default:
      // a behaviour is coached on live deals; a skill trained and practised
      return 'training_practice';
  }
}

/**
 * The causes worth asking about: those the gap names and those their guide says to rule out
 * first (a single-threading gap also suspects executive-conversation skill and confidence).
 */
export function suspectedCauses(named: readonly RootCauseId[]): RootCauseId[] {
  const all = new Set<RootCauseId>();
  for (const id of named) {
    all.add(id);
    const guide = guideFor(id);
    for (const other of guide.checkFirst ?? []) all.add(other);
  }
  return [...all];
}

const guideQuestionId = (cause: RootCauseId, index: number) => `${cause}.q${index + 1}`;

/** The questions of one step for a diagnosis suspecting these causes: the flow's, then the guide's. */
export function questionsOf(step: DiagnosisStep, suspected: readonly RootCauseId[]): DiagnosisQuestion[] {
  const flow = DIAGNOSIS_FLOW.find((s) => s.id === step)!.questions;
  const guide = suspected
    .filter((id) => stepOfCause(id) === step)
    .flatMap((id) =>
      ROOT_CAUSE_GUIDE[id].questions.map((text, i): DiagnosisQuestion => ({
        id: guideQuestionId(id, i),
        text,
        rootCause: id,
        choices: GUIDE_CHOICES.map((c) => ({ ...c, ...(id === 'C8' ? { wellbeing: true } : {}) })),
      })),
    );
  return [...flow, ...guide];
}

export type DiagnosisAnswer = { question: string; answer: string };

/** Why an answer cannot be kept, or null: unknown question or choice, or a note on a wellbeing answer. */
export function answerProblem(
  step: DiagnosisStep,
  suspected: readonly RootCauseId[],
  answer: DiagnosisAnswer & { note: string | null },
): { field: 'question' | 'answer' | 'note'; message: string } | null {
  const question = questionsOf(step, suspected).find((q) => q.id === answer.question);
  if (!question) return { field: 'question', message: `“${answer.question}” is not a question of the ${step} step` };
  const choice = question.choices.find((c) => c.id === answer.answer);
  if (!choice)
    return {
      field: 'answer',
      message: `Answer with one of: ${question.choices.map((c) => c.id).join(', ')}`,
    };
  if (isWellbeing(question, choice) && answer.note)
    return { field: 'note', message: `No note on a wellbeing answer. ${WELLBEING_CAUTION}` };
  return null;
}

export const isWellbeing = (question: DiagnosisQuestion, choice: DiagnosisChoice): boolean =>
  question.rootCause === 'C8' || choice.wellbeing === true;

export type Finding = { step: DiagnosisStep; rootCauses: RootCauseId[]; fix: FixType };

export type DiagnosisAdvice = {
  /** the step to answer next, or null once the flow has nothing more to ask */
  nextStep: DiagnosisStep | null;
  /** steps whose questions of the flow are all answered (and settled) */
  settledSteps: DiagnosisStep[];
  /** what each step found, in the flow's order */
  findings: Finding[];
  /** the first finding (the environment before the person), or what the confirmed behaviours say */
  suggestion: { rootCauses: RootCauseId[]; level: PyramidLevel; fix: FixType; reason: string } | null;
  /** the manager judged the gap not worth solving now */
  notWorthSolving: boolean;
  /** causes an answer ruled out */
  ruledOut: RootCauseId[];
};

/**
 * From the answers so far, what comes next and what they point to. A step is settled when each of
 * its flow questions has an answer that settles it; the first unsettled step is next, unless a step
 * has already found a cause: then the next step is to prescribe (the cheaper fix first), though the
 * manager may go on answering. Guide questions answered "points here" add their cause to their
 * step's finding; "rules out" takes a cause off every suggestion.
 */
export function adviseDiagnosis(input: {
  suspected: readonly RootCauseId[];
  answers: readonly DiagnosisAnswer[];
}): DiagnosisAdvice {
  const given = new Map(input.answers.map((a) => [a.question, a.answer]));
  const ruledOut = input.suspected.filter((id) =>
    ROOT_CAUSE_GUIDE[id].questions.some((_, i) => given.get(guideQuestionId(id, i)) === 'rules_out'),
  );
  const pointed = input.suspected.filter(
    (id) =>
      !ruledOut.includes(id) &&
      ROOT_CAUSE_GUIDE[id].questions.some((_, i) => given.get(guideQuestionId(id, i)) === 'points_here'),
  );
  const alive = (ids: readonly RootCauseId[]) => ids.filter((id) => !ruledOut.includes(id));

  const findings: Finding[] = [];
  const settledSteps: DiagnosisStep[] = [];
  let firstUnsettled: DiagnosisStep | null = null;
  let notWorthSolving = false;
  for (const step of DIAGNOSIS_FLOW) {
    let settled = true;
    const causes = new Set<RootCauseId>();
    let fix: FixType | null = null;
    for (const question of step.questions) {
      const choice = question.choices.find((c) => c.id === given.get(question.id));
      if (!choice || choice.unsettled) settled = false;
      if (choice?.notWorthSolving) notWorthSolving = true;
      if (choice?.leadsTo) {
        const lead = choice.leadsTo;
        const ids =
          lead.rootCauses === 'suspected_skill'
            ? input.suspected.filter((id) => levelOfCause(id) === 'skill_knowledge')
            : lead.rootCauses;
        for (const id of alive(ids)) causes.add(id);
        fix ??= lead.fix;
      }
    }
    // a guide question pointing to a cause of a deeper step is a finding of that step
    if (step.id !== 'gap' && step.id !== 'prescribe')
      for (const id of pointed) if (stepOfCause(id) === step.id) causes.add(id);
    if (causes.size > 0 || fix) {
      const ids = [...causes];
      findings.push({ step: step.id, rootCauses: ids, fix: fix ?? fixOfCause(ids[0]!) });
    }
    if (settled) settledSteps.push(step.id);
    else if (step.id !== 'prescribe') firstUnsettled ??= step.id;
  }

  const first = findings[0];
  const behaviours = pointed.filter((id) => levelOfCause(id) === 'behaviour');
  let suggestion: DiagnosisAdvice['suggestion'] = null;
  if (notWorthSolving) suggestion = null;
  else if (first) {
    const level = first.rootCauses.length > 0 ? levelOfCause(first.rootCauses[0]!) : levelOfStep(first.step);
    suggestion = { rootCauses: first.rootCauses, level, fix: first.fix, reason: REASONS[first.step] };
  } else if (behaviours.length > 0 && firstUnsettled === null)
    suggestion = {
      rootCauses: behaviours,
      level: 'behaviour',
      fix: 'training_practice',
      reason: 'Nothing below the behaviour stands in the way: coach it on live deals, with a clear task and feedback.',
    };

  const prescribe = settledSteps.includes('prescribe');
  const nextStep: DiagnosisStep | null = notWorthSolving
    ? null
    : first && firstUnsettled !== 'gap'
      ? prescribe
        ? null
        : 'prescribe'
      : (firstUnsettled ?? (prescribe ? null : 'prescribe'));
  return { nextStep, settledSteps, findings, suggestion, notWorthSolving, ruledOut };
}

const levelOfStep = (step: DiagnosisStep): PyramidLevel =>
  step === 'skill' ? 'skill_knowledge' : step === 'gap' || step === 'prescribe' ? 'behaviour' : 'capacity_commitment';

const REASONS: Record<DiagnosisStep, string> = {
  gap: 'The behaviour itself is confirmed.',
  expectations: 'The standard is not known or not fed back: a fast fix before anything else.',
  resources: 'Something in the environment stands in the way: fix it, training would not help.',
  consequences: 'Doing it is not rewarded, or skipping it pays: change the consequences.',
  skill: 'They could not do it even if their life depended on it: train, practise, give feedback.',
  commitment: 'They can and have what they need, yet do not: a matter of will, handled in private.',
  prescribe: 'Prescribed.',
};

import { describe, expect, it } from 'vitest';
import {
  adviseDiagnosis,
  answerProblem,
  DIAGNOSIS_FLOW,
  DIAGNOSIS_STEPS,
  fixOfCause,
  FIX_TYPES,
  questionsOf,
  stepOfCause,
  suspectedCauses,
  type DiagnosisAnswer,
} from './diagnosis.ts';
import { ROOT_CAUSE_GUIDE } from './root-cause-guide.ts';
import { ROOT_CAUSE_IDS, type RootCauseId } from './root-causes.ts';

const a = (question: string, answer: string): DiagnosisAnswer => ({ question, answer });
/** Every flow question of the steps before `step` answered the way that finds nothing. */
const clearUntil = (step: string): DiagnosisAnswer[] => {
  const clear: Record<string, string> = {
    'gap.observable': 'yes',
    'gap.worth': 'yes',
    'expectations.standard': 'yes',
    'expectations.feedback': 'yes',
    'resources.time': 'yes',
    'resources.territory': 'yes',
    'resources.support': 'yes',
    'consequences.rewarded': 'yes',
    'consequences.opposite': 'no',
    'skill.could': 'yes',
    'commitment.why': 'unclear',
  };
  const order = DIAGNOSIS_STEPS.indexOf(step as (typeof DIAGNOSIS_STEPS)[number]);
  return Object.entries(clear)
    .filter(([q]) => DIAGNOSIS_STEPS.indexOf(q.split('.')[0] as (typeof DIAGNOSIS_STEPS)[number]) < order)
    .map(([q, v]) => a(q, v));
};
const B4: RootCauseId[] = suspectedCauses(['B4', 'C6']);

describe('the diagnostic flow as data', () => {
  it('walks the steps of REFERENCE §6.3 in order, each with questions of unique ids', () => {
    expect(DIAGNOSIS_FLOW.map((s) => s.id)).toEqual([...DIAGNOSIS_STEPS]);
    const ids = DIAGNOSIS_FLOW.flatMap((s) => s.questions.map((q) => q.id));
    expect(new Set(ids).size).toBe(ids.length);
    for (const step of DIAGNOSIS_FLOW) {
      expect(step.questions.length).toBeGreaterThan(0);
      for (const q of step.questions) expect(q.id.startsWith(`${step.id}.`)).toBe(true);
    }
  });

  it.each(ROOT_CAUSE_IDS)('asks the guide’s questions of %s in the step of its part of the pyramid', (id) => {
    const questions = questionsOf(stepOfCause(id), [id]).filter((q) => q.rootCause === id);
    expect(questions.map((q) => q.text)).toEqual([...ROOT_CAUSE_GUIDE[id].questions]);
    for (const step of DIAGNOSIS_STEPS.filter((s) => s !== stepOfCause(id)))
      expect(questionsOf(step, [id]).some((q) => q.rootCause === id)).toBe(false);
    expect(FIX_TYPES).toContain(fixOfCause(id));
  });

  it.each([
    ['C1', 'environment'],
    ['C2', 'environment'],
    ['C3', 'environment'],
    ['C4', 'expectation_feedback'],
    ['C5', 'consequences'],
    ['C6', 'commitment_plan'],
    ['C7', 'commitment_plan'],
    ['C8', 'referral'],
    ['S7', 'training_practice'],
    ['B4', 'training_practice'],
  ] as const)('%s is fixed by %s', (id, fix) => {
    expect(fixOfCause(id)).toBe(fix);
  });

  it('suspects what a gap names and what its guide says to check first', () => {
    expect(suspectedCauses(['B4', 'C6'])).toEqual(['B4', 'S7', 'C6']);
    expect(suspectedCauses(['B11'])).toEqual(['B11', 'C1', 'C2', 'C6']);
    expect(suspectedCauses([])).toEqual([]);
  });
});

describe('adviseDiagnosis', () => {
  it('starts by describing the gap, with nothing suggested', () => {
    const advice = adviseDiagnosis({ suspected: B4, answers: [] });
    expect(advice).toMatchObject({ nextStep: 'gap', findings: [], suggestion: null, notWorthSolving: false });
  });

  it('keeps the gap step next while the gap is not yet described', () => {
    const advice = adviseDiagnosis({ suspected: B4, answers: [a('gap.observable', 'not_yet'), a('gap.worth', 'yes')] });
    expect(advice.nextStep).toBe('gap');
    expect(advice.settledSteps).toEqual([]);
  });

  it('stops when the gap is not worth solving now', () => {
    const advice = adviseDiagnosis({ suspected: B4, answers: [a('gap.observable', 'yes'), a('gap.worth', 'no')] });
    expect(advice).toMatchObject({ nextStep: null, suggestion: null, notWorthSolving: true });
  });

  it.each([
    ['expectations.standard', 'no', 'expectations', ['C4'], 'capacity_commitment', 'expectation_feedback'],
    ['expectations.feedback', 'no', 'expectations', ['C4'], 'capacity_commitment', 'expectation_feedback'],
    ['resources.time', 'no', 'resources', ['C1'], 'capacity_commitment', 'environment'],
    ['resources.territory', 'no', 'resources', ['C2'], 'capacity_commitment', 'environment'],
    ['resources.support', 'no', 'resources', ['C3'], 'capacity_commitment', 'environment'],
    ['consequences.rewarded', 'no', 'consequences', ['C5'], 'capacity_commitment', 'consequences'],
    ['consequences.opposite', 'yes', 'consequences', ['C5'], 'capacity_commitment', 'consequences'],
    ['skill.could', 'no', 'skill', ['S7'], 'skill_knowledge', 'training_practice'],
    ['commitment.why', 'confidence', 'commitment', ['C6'], 'capacity_commitment', 'commitment_plan'],
    ['commitment.why', 'motivation', 'commitment', ['C6'], 'capacity_commitment', 'commitment_plan'],
    ['commitment.why', 'fit', 'commitment', ['C7'], 'capacity_commitment', 'commitment_plan'],
    ['commitment.why', 'personal', 'commitment', ['C8'], 'capacity_commitment', 'referral'],
  ] as const)('%s = %s finds %s: %j on %s, fixed by %s', (question, answer, step, causes, level, fix) => {
    const advice = adviseDiagnosis({ suspected: B4, answers: [...clearUntil(step), a(question, answer)] });
    expect(advice.findings).toEqual([{ step, rootCauses: causes, fix }]);
    expect(advice.suggestion).toMatchObject({ rootCauses: causes, level, fix });
    expect(advice.nextStep).toBe('prescribe');
  });

  it('moves to the next step while each answered step finds nothing', () => {
    for (const step of DIAGNOSIS_STEPS.slice(1))
      expect(adviseDiagnosis({ suspected: B4, answers: clearUntil(step) }).nextStep).toBe(step);
  });

  it('suggests the first finding in the flow’s order: the environment before the person', () => {
    const answers = [...clearUntil('resources'), a('resources.support', 'no'), a('skill.could', 'no')];
    const advice = adviseDiagnosis({ suspected: B4, answers });
    expect(advice.findings.map((f) => f.step)).toEqual(['resources', 'skill']);
    expect(advice.suggestion).toMatchObject({ rootCauses: ['C3'], fix: 'environment' });
  });

  it('leaves the skill step next while nobody has observed the seller', () => {
    const advice = adviseDiagnosis({
      suspected: B4,
      answers: [...clearUntil('skill'), a('skill.could', 'not_observed')],
    });
    expect(advice.nextStep).toBe('skill');
    expect(advice.suggestion).toBeNull();
  });

  it('names a skill gap with no suspected skill cause at its level, for the manager to choose', () => {
    const advice = adviseDiagnosis({
      suspected: ['B9', 'C4'],
      answers: [...clearUntil('skill'), a('skill.could', 'no')],
    });
    expect(advice.suggestion).toMatchObject({ rootCauses: [], level: 'skill_knowledge', fix: 'training_practice' });
  });

  it('adds a cause the guide’s questions point to, and drops one they rule out', () => {
    const answers = [...clearUntil('skill'), a('skill.could', 'no'), a('S7.q1', 'rules_out')];
    expect(adviseDiagnosis({ suspected: [...B4, 'S4'], answers }).suggestion?.rootCauses).toEqual(['S4']);
    const pointed = adviseDiagnosis({
      suspected: B4,
      answers: [...clearUntil('commitment'), a('C6.q2', 'points_here')],
    });
    expect(pointed.findings).toEqual([{ step: 'commitment', rootCauses: ['C6'], fix: 'commitment_plan' }]);
    expect(pointed.ruledOut).toEqual([]);
  });

  it('suggests coaching the behaviour itself when every step is clear and the guide confirms it', () => {
    const answers = [...clearUntil('prescribe'), a('B4.q2', 'points_here')];
    const advice = adviseDiagnosis({ suspected: B4, answers });
    expect(advice.findings).toEqual([]);
    expect(advice.suggestion).toMatchObject({ rootCauses: ['B4'], level: 'behaviour', fix: 'training_practice' });
    expect(advice.nextStep).toBe('prescribe');
  });

  it('describes the gap first even when a later step already found a cause', () => {
    const advice = adviseDiagnosis({ suspected: B4, answers: [a('expectations.standard', 'no')] });
    expect(advice.nextStep).toBe('gap');
    expect(advice.suggestion).toMatchObject({ rootCauses: ['C4'] });
  });

  it('suggests nothing while every step is clear and the guide confirms no behaviour', () => {
    const advice = adviseDiagnosis({ suspected: B4, answers: clearUntil('prescribe') });
    expect(advice).toMatchObject({ suggestion: null, findings: [], nextStep: 'prescribe' });
  });

  it('has nothing more to ask once the prescription is answered', () => {
    const answers = [...clearUntil('resources'), a('resources.time', 'no'), a('prescribe.follow_up', 'two_weeks')];
    expect(adviseDiagnosis({ suspected: B4, answers }).nextStep).toBeNull();
  });
});

describe('answerProblem', () => {
  it.each([
    ['gap', 'gap.worth', 'yes', null, null],
    ['gap', 'resources.time', 'yes', null, 'question'],
    ['gap', 'gap.nonsense', 'yes', null, 'question'],
    ['gap', 'B4.q1', 'points_here', 'Only ever spoke to the IT lead', null],
    ['gap', 'B5.q1', 'points_here', null, 'question'],
    ['skill', 'S7.q1', 'rules_out', 'Ran the role-play: fine', null],
    ['resources', 'resources.time', 'maybe', null, 'answer'],
    ['commitment', 'commitment.why', 'personal', null, null],
    ['commitment', 'commitment.why', 'personal', 'Divorce', 'note'],
    ['commitment', 'commitment.why', 'confidence', 'Nervous with CFOs', null],
  ] as const)('in %s, %s = %s with note %j: problem with %s', (step, question, answer, note, field) => {
    const problem = answerProblem(step, B4, { question, answer, note });
    expect(problem?.field ?? null).toBe(field);
  });

  it('refuses any note on the wellbeing questions of C8, saying why', () => {
    const problem = answerProblem('commitment', ['C8'], { question: 'C8.q1', answer: 'unclear', note: 'x' });
    expect(problem).toMatchObject({ field: 'note' });
    expect(problem!.message).toMatch(/never stored/);
    expect(answerProblem('commitment', ['C8'], { question: 'C8.q1', answer: 'unclear', note: null })).toBeNull();
  });
});

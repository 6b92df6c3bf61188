import { describe, expect, it } from 'vitest';
import { knowledge } from '../knowledge/builder.ts';
import {
  LATE_DAYS,
  LESSON_FINDINGS,
  LESSON_KINDS,
  lateSnapshotDay,
  mentions,
  MIN_MAPPED_EVALUATORS,
  probabilityAtClose,
  probabilityAtEndOf,
  SURPRISE_LOSS_FROM,
  SURPRISE_WIN_BELOW,
  unknownsAtClose,
  winLossFigures,
  findingCodes,
  winLossLessons,
  type ClosedDealFigures,
  type ClosedOutcome,
  type DealAtClose,
  type FindingCode,
  type Lesson,
} from './win-loss.ts';

const CLOSED = '2026-09-30';
const EARLY = '2026-06-01';
const LATE = '2026-09-20';

/**
 * A deal well mapped since June: an economic buyer we met, two more evaluators, a competitor on
 * record, a criterion with our fit known. Each case changes one thing.
 */
function mappedDeal() {
  const k = knowledge(CLOSED, { observedOn: EARLY });
  const cfo = k.evaluator('c-cfo', 'buyer_stated', {
    roles: [['economic_buyer']],
    influence: ['high'],
    coverage: ['multiple'],
  });
  const it = k.evaluator('c-it', 'buyer_stated', { roles: [['technical_evaluator']], influence: ['medium'] });
  const ops = k.evaluator('c-ops', 'buyer_stated', { roles: [['user_evaluator']], influence: ['low'] });
  k.singleton('power_access', { economicBuyer: [cfo], ebMet: [true] });
  const rival = k.item('alternative', 'buyer_stated', { title: 'Northwind Cloud', category: 'competitor' });
  const sso = k.item('criterion', 'buyer_stated', { title: 'Single sign-on' }, { mandatory: [true] });
  k.set(sso, 'fit', 'meets', 'buyer_stated', 'us');
  return { k, cfo, it, ops, rival, sso };
}

type Built = ReturnType<typeof mappedDeal>;

function dealOf(
  built: Built,
  outcome: ClosedOutcome,
  closeReason: string | null,
  probabilityAtClose: number | null = 0.5,
  createdOn = EARLY,
): DealAtClose {
  return {
    outcome,
    createdOn,
    closedDate: CLOSED,
    closeReason,
    atClose: built.k.snapshot(CLOSED),
    before: built.k.snapshot(lateSnapshotDay(CLOSED)),
    probabilityAtClose,
  };
}

const NAMES: Record<string, string> = {};
const nameOf = (evaluatorId: string) => NAMES[evaluatorId] ?? 'Someone';
const codes = (lessons: Lesson[]) => lessons.flatMap((l) => l.findings.map((f) => f.code)).sort();
const texts = (lessons: Lesson[]) => lessons.flatMap((l) => l.findings.map((f) => f.text));

describe('the lessons of a lost deal', () => {
  it('finds nothing to learn in a loss to a competitor that was on record, with everyone mapped', () => {
    const built = mappedDeal();
    expect(winLossLessons(dealOf(built, 'lost', 'Lost to Northwind Cloud on price'), nameOf)).toEqual([]);
  });

  it.each<[string, (b: Built) => void, string, FindingCode[], RegExp]>([
    [
      'a competitor the reason names and nobody recorded',
      () => {},
      'Lost to Globex Analytics: they were cheaper',
      ['alternative_never_recorded'],
      /^Lost to Globex Analytics, never recorded as an alternative$/,
    ],
    [
      'a competitor the reason names and nobody recorded, after "the renewal to"',
      () => {},
      'Lost the renewal to Globex; nobody had met us in months',
      ['alternative_never_recorded'],
      /^Lost to Globex, never/,
    ],
    [
      'an in-house build nobody recorded',
      () => {},
      'They chose to build it themselves',
      ['alternative_never_recorded'],
      /^Lost to an in-house build, never recorded/,
    ],
    [
      'an in-house build recorded ten days before the close',
      (b) => {
        b.k.item(
          'alternative',
          { source: 'buyer_secondhand', on: LATE },
          { title: 'IT builds it', category: 'internal_build' },
        );
      },
      'Lost to an in-house build: IT decided to do it',
      ['alternative_recorded_late'],
      /^Lost to an in-house build \(“IT builds it”\), recorded as an alternative only 10 days before the close$/,
    ],
    [
      'a competitor recorded late, named by its name',
      (b) => {
        b.k.item('alternative', { source: 'buyer_stated', on: LATE }, { title: 'Globex', category: 'competitor' });
      },
      'Globex came in at half our price and they took it',
      ['alternative_recorded_late'],
      /^Lost to Globex, recorded .* only 10 days/,
    ],
  ])('learns of %s', (_, change, reason, expected, words) => {
    const built = mappedDeal();
    change(built);
    const lessons = winLossLessons(dealOf(built, 'lost', reason), nameOf);
    expect(lessons.map((l) => l.kind)).toEqual(['unrecordedAlternative']);
    expect(codes(lessons)).toEqual(expected);
    expect(texts(lessons)[0]).toMatch(words);
  });

  it.each([
    ['no reason at all', null],
    ['a reason naming nobody', 'They went quiet and the budget moved'],
    ['a reason naming a person only in lower case', 'lost to them in the end'],
  ])('says nothing of the alternative from %s', (_, reason) => {
    expect(winLossLessons(dealOf(mappedDeal(), 'lost', reason), nameOf)).toEqual([]);
  });

  it.each<[string, (b: Built) => void, FindingCode[]]>([
    [
      'nobody on record as the economic buyer',
      (b) => {
        b.k.retire(b.cfo, '2026-07-01');
        b.k.evaluator('c-fin', 'buyer_stated', { roles: [['approver']], influence: ['medium'] });
        b.k.set(b.k.singleton('power_access'), 'economicBuyer', 'unknown');
      },
      ['no_economic_buyer'],
    ],
    [
      'an economic buyer nobody met',
      (b) => {
        b.k.set(b.k.singleton('power_access'), 'ebMet', false);
        b.k.set(b.cfo, 'coverage', 'none');
      },
      ['economic_buyer_not_met'],
    ],
    [
      'an economic buyer whose coverage nobody recorded and no meeting on record',
      (b) => {
        b.k.set(b.k.singleton('power_access'), 'ebMet', 'unknown');
        b.k.set(b.cfo, 'coverage', 'unknown');
      },
      ['economic_buyer_not_met'],
    ],
    [
      `fewer than ${MIN_MAPPED_EVALUATORS} people on record`,
      (b) => {
        b.k.retire(b.it, '2026-07-01');
        b.k.retire(b.ops, '2026-07-01');
      },
      ['few_evaluators'],
    ],
    [
      'a decision maker who entered the record ten days before the close',
      (b) => {
        b.k.evaluator('c-new', { source: 'buyer_stated', on: LATE }, { roles: [['decision_maker']] });
      },
      ['decider_added_late'],
    ],
    [
      'a high-influence evaluator who entered the record late',
      (b) => {
        b.k.evaluator(
          'c-vp',
          { source: 'buyer_stated', on: LATE },
          { influence: ['high', { source: 'buyer_stated', on: LATE }] },
        );
      },
      ['decider_added_late'],
    ],
  ])('learns of an unmapped evaluator: %s', (_, change, expected) => {
    const built = mappedDeal();
    change(built);
    const lessons = winLossLessons(dealOf(built, 'lost', 'Lost to Northwind Cloud'), nameOf);
    expect(lessons.map((l) => l.kind)).toEqual(['unmappedEvaluator']);
    expect(codes(lessons)).toEqual(expected);
  });

  it('does not hold a late low-influence user against the map', () => {
    const built = mappedDeal();
    built.k.evaluator('c-user', { source: 'buyer_stated', on: LATE }, { influence: ['low'] });
    expect(winLossLessons(dealOf(built, 'lost', 'Lost to Northwind Cloud'), nameOf)).toEqual([]);
  });

  it('names the people it is about', () => {
    const built = mappedDeal();
    built.k.set(built.k.singleton('power_access'), 'ebMet', false);
    built.k.set(built.cfo, 'coverage', 'none');
    NAMES[built.cfo] = 'Dana Ruiz';
    const lessons = winLossLessons(dealOf(built, 'lost', 'Lost to Northwind Cloud'), nameOf);
    expect(lessons[0]!.findings[0]).toEqual({
      code: 'economic_buyer_not_met',
      text: 'Dana Ruiz, the economic buyer, was never met',
      itemId: built.cfo,
    });
  });

  it.each<[string, (b: Built) => void, string, FindingCode[]]>([
    ['no criteria on record', (b) => b.k.retire(b.sso, '2026-07-01'), 'Lost to Northwind Cloud', ['no_criteria']],
    [
      'a criterion whose fit we never learned',
      (b) => {
        const price = b.k.item('criterion', 'buyer_stated', { title: 'Price' });
        b.k.set(price, 'fit', 'unknown', 'buyer_stated', 'us');
      },
      'Lost to Northwind Cloud',
      ['fit_unknown'],
    ],
    [
      'the criterion the reason names, our fit learned ten days before the close',
      (b) => {
        const hosting = b.k.item('criterion', 'buyer_stated', { title: 'Data stays in our region' });
        b.k.set(hosting, 'fit', 'fails', { source: 'buyer_stated', on: LATE }, 'us');
      },
      'Lost to Northwind Cloud: data stays in our region was a must',
      ['fit_learned_late'],
    ],
    [
      'a must-have we fail, learned late, whatever the reason says',
      (b) => {
        const hosting = b.k.item('criterion', 'buyer_stated', { title: 'Data residency' }, { mandatory: [true] });
        b.k.set(hosting, 'fit', 'fails', { source: 'buyer_stated', on: LATE }, 'us');
      },
      'Lost to Northwind Cloud',
      ['fit_learned_late'],
    ],
  ])('learns of an unknown criterion: %s', (_, change, reason, expected) => {
    const built = mappedDeal();
    change(built);
    const lessons = winLossLessons(dealOf(built, 'lost', reason), nameOf);
    expect(lessons.map((l) => l.kind)).toEqual(['unknownCriterion']);
    expect(codes(lessons)).toEqual(expected);
  });

  it('learns that a must-have we had as met turned out failed at the end', () => {
    const built = mappedDeal();
    built.k.set(built.sso, 'fit', 'fails', { source: 'buyer_written', on: LATE }, 'us');
    const lessons = winLossLessons(dealOf(built, 'lost', 'Failed the security review'), nameOf);
    expect(codes(lessons)).toEqual(['fit_learned_late']);
    expect(texts(lessons)).toEqual([
      'Learned only 10 days before the close that we fail “Single sign-on” (a must-have) (on record as meets until then)',
    ]);
  });

  it('does not call a must-have we knew we failed for months a lesson of the unknown', () => {
    const built = mappedDeal();
    const hosting = built.k.item('criterion', 'buyer_stated', { title: 'Data residency' }, { mandatory: [true] });
    built.k.set(hosting, 'fit', 'fails', 'buyer_stated', 'us');
    expect(winLossLessons(dealOf(built, 'lost', 'Could not meet the must-have "Data residency"'), nameOf)).toEqual([]);
  });

  it(`counts nothing as late on a deal opened less than ${LATE_DAYS} days before its close`, () => {
    const built = mappedDeal();
    built.k.item('alternative', { source: 'buyer_stated', on: LATE }, { title: 'Globex', category: 'competitor' });
    built.k.evaluator('c-new', { source: 'buyer_stated', on: LATE }, { roles: [['decision_maker']] });
    const young = dealOf(built, 'lost', 'Lost to Globex', 0.5, '2026-09-10');
    expect(winLossLessons(young, nameOf)).toEqual([]);
  });

  it('draws the three lessons of the unknown from lost deals only', () => {
    const built = mappedDeal();
    built.k.retire(built.sso, '2026-07-01');
    built.k.set(built.k.singleton('power_access'), 'ebMet', false);
    built.k.set(built.cfo, 'coverage', 'none');
    for (const outcome of ['won', 'no_decision'] as const)
      expect(winLossLessons(dealOf(built, outcome, 'Lost to Globex'), nameOf)).toEqual([]);
    expect(winLossLessons(dealOf(built, 'lost', 'Lost to Globex'), nameOf).map((l) => l.kind)).toEqual([
      'unrecordedAlternative',
      'unmappedEvaluator',
      'unknownCriterion',
    ]);
  });
});

describe('the surprises', () => {
  it.each<[ClosedOutcome, number | null, FindingCode | null]>([
    ['won', SURPRISE_WIN_BELOW - 0.01, 'won_against_odds'],
    ['won', SURPRISE_WIN_BELOW, null],
    ['won', 0.95, null],
    ['lost', SURPRISE_LOSS_FROM, 'lost_against_odds'],
    ['lost', SURPRISE_LOSS_FROM - 0.01, null],
    ['no_decision', 0.82, 'lost_against_odds'],
    ['no_decision', 0.1, null],
    ['lost', null, null],
    ['won', null, null],
  ])('%s at %s is %s', (outcome, probability, expected) => {
    const lessons = winLossLessons(dealOf(mappedDeal(), outcome, 'Lost to Northwind Cloud', probability), nameOf);
    expect(lessons.map((l) => l.findings[0]!.code)).toEqual(expected ? [expected] : []);
    if (expected) expect(lessons[0]!.kind).toBe('surprise');
  });

  it('says the probability in words', () => {
    const [lesson] = winLossLessons(dealOf(mappedDeal(), 'won', null, 0.184), nameOf);
    expect(lesson!.findings[0]!.text).toBe('Won although the evidence gave it 18 % at the close');
  });
});

describe('names in a close reason', () => {
  it.each([
    ['Lost to Oxley & Finch Software', 'Oxley & Finch Software', true],
    ['lost to oxley & finch software', 'Oxley & Finch Software', true],
    ['Lost to Acmeware', 'Acme', false],
    ['Lost to Acme, again', 'Acme', true],
    ['Lost to AI', 'AI', false],
  ])('"%s" names "%s": %s', (text, name, expected) => {
    expect(mentions(text, name)).toBe(expected);
  });
});

describe('the figures over many deals', () => {
  const unknown = (key: string) => ({ key, label: key });
  const deal = (
    outcome: ClosedOutcome,
    valueMinor: number,
    keys: string[],
    lessons: Lesson[] = [],
  ): ClosedDealFigures => ({
    outcome,
    valueMinor,
    findings: findingCodes(lessons),
    unknowns: keys.map(unknown),
  });
  const found = (code: FindingCode) => ({ code, text: '', itemId: null });
  const surprise = (code: FindingCode): Lesson => ({ kind: 'surprise', findings: [{ code, text: '', itemId: null }] });
  const deals = [
    deal('won', 100, ['criteria']),
    deal('won', 300, [], [surprise('won_against_odds')]),
    // two findings of one lesson: the deal counts once for it
    deal(
      'lost',
      50,
      ['criteria', 'eb', 'eb'],
      [{ kind: 'unmappedEvaluator', findings: [found('no_economic_buyer'), found('few_evaluators')] }],
    ),
    deal('lost', 70, ['eb'], [surprise('lost_against_odds')]),
    deal('lost', 10, ['process']),
    deal('no_decision', 40, ['eb']),
  ];
  const figures = winLossFigures(deals);

  it('counts the outcomes, their values and the win rate over every closed deal', () => {
    expect(figures).toMatchObject({ deals: 6, won: 2, lost: 3, noDecision: 1 });
    expect(figures.winRate).toBeCloseTo(2 / 6, 12);
    expect(figures.value).toEqual({ won: 400, lost: 130, noDecision: 40 });
  });

  it('counts the deals with each lesson, and the surprises each way', () => {
    expect(Object.keys(figures.lessons)).toEqual([...LESSON_KINDS]);
    expect(figures.lessons).toEqual({
      unrecordedAlternative: 0,
      unmappedEvaluator: 1,
      unknownCriterion: 0,
      surprise: 2,
    });
    expect(figures.surprises).toEqual({ wonAgainstOdds: 1, lostAgainstOdds: 1 });
  });

  it('lists the unknowns of lost deals, those that set losses apart from wins first, each deal counted once', () => {
    expect(figures.unknowns.map((u) => [u.key, u.lost, u.won, u.noDecision])).toEqual([
      ['eb', 2, 0, 1],
      ['process', 1, 0, 0],
      // before a loss as often as process, but before a win as well
      ['criteria', 1, 1, 0],
    ]);
    const eb = figures.unknowns[0]!;
    expect(eb.lostShare).toBeCloseTo(2 / 3, 12);
    expect(eb.wonShare).toBe(0);
  });

  it('puts what sets losses apart before what is merely frequent, then the most frequent', () => {
    const list = winLossFigures([
      deal('won', 1, ['common']),
      deal('won', 1, ['common']),
      deal('lost', 1, ['common', 'rare']),
      deal('lost', 1, ['common', 'twice']),
      deal('lost', 1, ['twice']),
    ]);
    // twice: 2/3 of losses, no win; rare: 1/3, no win; common: 2/3 of losses, every win
    expect(list.unknowns.map((u) => u.key)).toEqual(['twice', 'rare', 'common']);
    // a: 1/2 of losses, no win; b: 2/2 of losses, 1/2 of wins; as far apart, b more often
    const tie = winLossFigures([
      deal('lost', 1, ['a', 'b']),
      deal('lost', 1, ['b']),
      deal('won', 1, ['b']),
      deal('won', 1, []),
    ]);
    expect(tie.unknowns.map((u) => u.key)).toEqual(['b', 'a']);
  });

  it('has no rate and no shares without deals to divide by', () => {
    const none = winLossFigures([]);
    expect(none.winRate).toBeNull();
    expect(none.unknowns).toEqual([]);
    expect(winLossFigures([deal('lost', 1, ['a'])]).unknowns[0]!.wonShare).toBeNull();
  });

  it('keeps every finding code under its lesson', () => {
    const all = Object.values(LESSON_FINDINGS).flat();
    expect(new Set(all).size).toBe(all.length);
  });
});

describe('what was unknown at the close', () => {
  it('names the objectives nobody explored, then the unknowns the assessment lists', () => {
    expect(unknownsAtClose(['decision_criteria'], ['where the economic buyer stands'])).toEqual([
      { key: 'objective:decision_criteria', label: 'Decision criteria: not explored' },
      { key: 'unknown:where the economic buyer stands', label: 'Where the economic buyer stands' },
    ]);
  });
});

describe('the probability at the close, from the history', () => {
  const points = [
    { at: '2026-08-01T10:00:00.000Z', winProbability: 0.4 },
    { at: '2026-09-30T23:59:59.000Z', winProbability: 0.55 },
    { at: '2026-10-02T08:00:00.000Z', winProbability: 0.6 },
  ];

  it.each([
    ['2026-09-30', 0.55],
    ['2026-09-29', 0.4],
    ['2026-07-31', null],
  ])('at the end of %s it was %s', (day, expected) => {
    expect(probabilityAtEndOf(points, day)).toBe(expected);
  });

  it('takes the close day’s last point, or the first one of a deal recorded after its close', () => {
    expect(probabilityAtClose(points, '2026-09-30')).toBe(0.55);
    expect(probabilityAtClose(points, '2026-07-15')).toBe(0.4);
    expect(probabilityAtClose([], '2026-09-30')).toBeNull();
  });
});

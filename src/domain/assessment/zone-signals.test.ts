import { describe, expect, it } from 'vitest';
import { knowledge } from '../knowledge/builder.ts';
import { DEFAULT_OBJECTIVES } from '../knowledge/objectives.ts';
import { computeSignals, type CloseDatePush, type DealContext, type Signals } from './signals.ts';

// The signals behind the danger-zone triggers reviewed against REFERENCE 5 (DZ-02, 03, 05, 09, 18,
// 20): each from the knowledge a seller records, as the rules read it.

const ASOF = '2026-11-20';
const ctx: DealContext = {
  asOf: ASOF,
  createdOn: '2026-08-01',
  amountMinor: 10_000_000,
  currency: 'USD',
  expectedCloseDate: '2026-12-10',
  forecastCategory: 'pipeline',
  dealType: 'new_logo',
  relationship: 'new',
  closeDatePushes: [],
  largeDealMinor: 50_000_000,
  expectedCycleDays: 120,
};

type K = ReturnType<typeof knowledge>;
const signalsOf = (build: (k: K) => void, context: Partial<DealContext> = {}): Signals => {
  const k = knowledge(ASOF);
  build(k);
  return computeSignals(k.snapshot(), { ...ctx, ...context }, DEFAULT_OBJECTIVES).signals;
};

/** A champion who passed two tests, power included, with the given profile fields. */
const champion = (k: K, fields: Record<string, readonly [unknown]> = {}) =>
  k.evaluator('c-champ', 'buyer_stated', {
    influence: ['medium'],
    testPower: ['passed'],
    testAccess: ['passed'],
    ...fields,
  });

describe('signals of the reviewed danger zones', () => {
  it.each([
    ['a go-getter', 'go_getter', false],
    ['a teacher', 'teacher', false],
    ['a guide', 'guide', true],
    ['a friend', 'friend', true],
    ['a climber', 'climber', true],
  ])('a champion who is %s is a talker: %s', (_label, type, talker) => {
    expect(signalsOf((k) => champion(k, { stakeholderType: [type] })).championTalker).toBe(talker);
  });

  it('counts the other influential people who support us, not the champion', () => {
    const signals = signalsOf((k) => {
      champion(k, { support: ['mentor'] });
      k.evaluator('c-cfo', 'buyer_stated', { influence: ['high'], support: ['supporter'] });
      k.evaluator('c-it', 'buyer_stated', { influence: ['medium'], favours: ['us'] });
      k.evaluator('c-user', 'buyer_stated', { influence: ['low'], support: ['mentor'] });
      k.evaluator('c-legal', 'buyer_stated', { influence: ['high'], support: ['neutral'] });
    });
    expect(signals.otherInfluentialSupporters).toBe(2);
  });

  it.each([
    ['the economic buyer', 'eb', true],
    ['the champion', 'champion', true],
    ['another evaluator', 'other', false],
  ])('%s having left or moved is a key player gone: %s', (_label, who, expected) => {
    const signals = signalsOf((k) => {
      const eb = k.evaluator('c-eb', 'buyer_stated', { roles: [['economic_buyer']] });
      const champ = champion(k);
      const other = k.evaluator('c-other', 'buyer_stated', { influence: ['medium'] });
      k.set(who === 'eb' ? eb : who === 'champion' ? champ : other, 'leftOrMoved', true);
    });
    expect(signals.keyPlayerLeft).toBe(expected);
  });

  it.each([
    ['in discovery (the first third of the cycle) is mapping, not a new player', '2026-08-20', 0],
    ['once the group was mapped is a new player', '2026-11-05', 1],
  ] as const)('someone influential first recorded %s', (_label, on, expected) => {
    // created 2026-08-01 with a 120-day cycle: mapped by 2026-10-10; asOf 2026-11-20
    const signals = signalsOf(
      (k) =>
        k.evaluator('c-new', { source: 'buyer_stated', on }, { influence: ['high', { source: 'buyer_stated', on }] }),
      on < '2026-10-01' ? { asOf: '2026-09-10' } : {},
    );
    expect(signals.newPlayers).toBe(expected);
  });

  it.each([
    ['recorded this month', '2026-11-10', true],
    ['recorded half a year ago', '2026-05-01', false],
  ])('a reorganization %s counts: %s', (_label, on, expected) => {
    const signals = signalsOf((k) =>
      k.singleton('buying_group', { reorganized: [true, { source: 'buyer_stated', on }] }),
    );
    expect(signals.reorganized).toBe(expected);
  });

  it.each([
    ['nothing about them', [], null, null],
    [
      'a business case approved, legal not started',
      [
        ['business_case', 'done'],
        ['legal', 'not_started'],
      ],
      true,
      false,
    ],
    [
      'the business case in progress, procurement under way',
      [
        ['business_case', 'in_progress'],
        ['procurement', 'in_progress'],
      ],
      false,
      true,
    ],
  ] as const)('steps known: %s', (_label, steps, approved, started) => {
    const signals = signalsOf((k) => {
      for (const [category, status] of steps)
        k.item('decision_step', 'buyer_stated', { title: category, category }, { status: [status] });
    });
    expect([signals.businessCaseApproved, signals.legalStarted]).toEqual([approved, started]);
  });

  it('takes most of what buyers said coming from one person as single-threaded, once there is enough to tell', () => {
    // the latest fact per field counts (a snapshot keeps no older ones), and each item's own evidence
    const FIELDS = ['influence', 'coverage', 'support', 'responseMode', 'businessResult', 'personalWin', 'concerns'];
    const VALUES: Record<string, string> = { influence: 'high', coverage: 'multiple', support: 'supporter' };
    const talkative = (k: K, times: number, other: number) => {
      for (const [who, count] of [
        ['c-a', times],
        ['c-b', other],
      ] as const) {
        const said = { source: 'buyer_stated', by: who } as const;
        const e = k.evaluator(who, said);
        for (const field of FIELDS.slice(0, count - 1)) k.set(e, field, VALUES[field] ?? 'growth', said);
      }
    };
    expect(signalsOf((k) => talkative(k, 8, 2)).topContactShare).toBe(0.8);
    expect(signalsOf((k) => talkative(k, 2, 2)).topContactShare).toBeNull();
  });

  describe('close-date pushes', () => {
    const push = (on: string, from: string, to: string): CloseDatePush => ({ on, from, to });
    const withBuyerWordOn = (on: string) => (k: K) =>
      k.evaluator('c-a', { source: 'buyer_stated', by: 'c-a', on }, { influence: ['high'] });

    it('counts only the pushes made by the day of the assessment', () => {
      const pushes = [push('2026-10-01', '2026-10-31', '2026-11-30'), push('2026-12-01', '2026-11-30', '2026-12-31')];
      expect(signalsOf(() => undefined, { closeDatePushes: pushes }).closeDatePushes).toBe(1);
    });

    it.each([
      ['the buyer spoke a week before', '2026-10-24', false],
      ['the buyer spoke the day after', '2026-11-02', false],
      ['the buyer last spoke two months before', '2026-09-01', true],
    ])('a recent push where %s is unexplained: %s', (_label, spokeOn, unexplained) => {
      const signals = signalsOf(withBuyerWordOn(spokeOn), {
        closeDatePushes: [push('2026-11-01', '2026-11-15', '2026-12-10')],
      });
      expect(signals.pushWithoutBuyerReason).toBe(unexplained);
    });

    it('forgets an unexplained push made more than 90 days ago', () => {
      const signals = signalsOf(withBuyerWordOn('2026-11-15'), {
        closeDatePushes: [push('2026-06-01', '2026-06-30', '2026-12-10')],
      });
      expect(signals.pushWithoutBuyerReason).toBe(false);
    });

    it.each([
      ['into the next quarter in the last month of this one', push('2026-09-15', '2026-09-30', '2026-10-31'), true],
      ['into the next quarter early in this one', push('2026-08-20', '2026-09-30', '2026-10-31'), false],
      ['within the same quarter', push('2026-11-10', '2026-11-15', '2026-12-10'), false],
      ['into the next year at the end of December', push('2026-12-05', '2026-12-20', '2027-01-15'), true],
    ])('a push %s crosses a quarter end: %s', (_label, p, crosses) => {
      const asOf = p.on > ASOF ? p.on : ASOF;
      expect(signalsOf(() => undefined, { asOf, closeDatePushes: [p] }).pushedAcrossQuarterEnd).toBe(crosses);
    });
  });

  it.each([
    ['longer than won deals went without news', 20, true],
    ['no longer than won deals went without news', 40, false],
    ['not known when the organization has not learned it', null, null],
  ] as const)('a deal with nothing recorded for 40 days is quiet %s: %s', (_label, quietDaysWon, expected) => {
    const signals = signalsOf((k) => k.evaluator('c-a', { source: 'buyer_stated', on: '2026-10-11' }), {
      quietDaysWon,
    });
    expect(signals.daysSinceKnowledgeChange).toBe(40);
    expect(signals.quieterThanWins).toBe(expected);
  });

  it('holds that the economic buyer owns an issue only when it is one we can impact', () => {
    const owning = (ourImpact: string) =>
      signalsOf((k) => {
        const eb = k.evaluator('c-eb', 'buyer_stated', { roles: [['economic_buyer']] });
        k.item(
          'business_issue',
          'buyer_stated',
          { title: 'Close takes too long' },
          {
            owner: [eb],
            ourImpact: [ourImpact],
          },
        );
      }).ebOwnsIssue;
    expect(owning('strong')).toBe(true);
    expect(owning('none')).toBe(false);
  });
});

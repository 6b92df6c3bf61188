import { describe, expect, it } from 'vitest';
import { knowledge } from '../knowledge/builder.ts';
import { DEFAULT_OBJECTIVES } from '../knowledge/objectives.ts';
import { US } from '../knowledge/schema.ts';
import { DANGER_ZONE_RULES } from './catalog.ts';
import { assess, type AssessmentContext, type EngineSetup } from './engine.ts';
import { levers, stanceMix } from './levers.ts';
import { dealPeople } from './move-people.ts';
import { byWorth, dedupeMoves, priceLever, type Recommendation } from './moves.ts';
import { priorModel } from './model.ts';
import { computeSignals } from './signals.ts';
import { zoneMove } from './zone-moves.ts';
import type { DangerZone } from './rules.ts';

const ASOF = '2026-11-20';
const ctx: AssessmentContext = {
  asOf: ASOF,
  createdOn: '2026-09-01',
  amountMinor: 20_000_000,
  currency: 'EUR',
  expectedCloseDate: '2026-12-20',
  forecastCategory: 'pipeline',
  dealType: 'new_logo',
  relationship: 'new',
  source: 'outbound',
  segment: null,
  closeDatePushes: [],
  largeDealMinor: 50_000_000,
  expectedCycleDays: 120,
  stageProbability: 40,
  sellerProbability: null,
  sellerBias: null,
};
const setup: EngineSetup = { model: priorModel(0.4), objectives: DEFAULT_OBJECTIVES, rules: DANGER_ZONE_RULES };

/** People on the deal by contact: Dana the CFO (economic buyer), Sam the champion, Ivo from IT. */
const NAMES: Record<string, string> = { 'c-dana': 'Dana Ruiz', 'c-sam': 'Sam Lee', 'c-ivo': 'Ivo Berg' };

type K = ReturnType<typeof knowledge>;

/** A deal with a competitor, a criterion, an issue, and a champion who has passed no test. */
function deal(options: { noChampion?: boolean } = {}) {
  const k = knowledge(ASOF, { observedOn: '2026-10-01' });
  const dana = k.evaluator('c-dana', 'buyer_stated', { influence: ['high'], roles: [['economic_buyer']] });
  const sam = options.noChampion
    ? null
    : k.evaluator('c-sam', 'buyer_stated', { influence: ['medium'], support: ['supporter'], coverage: ['in_depth'] });
  const ivo = k.evaluator('c-ivo', 'buyer_stated', { influence: ['high'], coverage: ['multiple'] });
  const quanta = k.item(
    'alternative',
    'buyer_stated',
    { title: 'Quanta Systems', category: 'competitor' },
    { status: ['shortlisted'] },
  );
  k.singleton('power_access', { economicBuyer: [dana] });
  // what is material is known, so no ceiling flattens what an answer would change
  k.singleton('funding', { budgetStatus: ['identified_not_approved'] });
  k.item('decision_step', 'buyer_stated', { title: 'Security review', category: 'security_review' }, {});
  k.item('business_issue', 'buyer_stated', { title: 'Month-end close takes 12 days', category: 'cost' }, {});
  const sso = k.item(
    'criterion',
    'buyer_written',
    { title: 'Single sign-on', category: 'formal' },
    { weight: [40], mandatory: [false] },
  );
  k.set(sso, 'fit', 'partial', 'buyer_stated', US);
  k.set(sso, 'fit', 'exceeds', 'buyer_stated', quanta);
  return { k, dana, sam, ivo, quanta, sso };
}

const namesOf = (k: K) => {
  const byItem = new Map(k.items.map((i) => [i.id, i.contactId]));
  return (id: string) => NAMES[byItem.get(id) ?? ''] ?? null;
};

function movesOf(k: K, context: AssessmentContext = ctx) {
  return assess(k.snapshot(), context, setup, { names: namesOf(k) }).recommendations;
}

function leversOf(k: K, context: AssessmentContext = ctx) {
  const s = k.snapshot();
  return levers(s, computeSignals(s, context, DEFAULT_OBJECTIVES).signals, context, namesOf(k));
}

describe('moves worded with the deal’s own names', () => {
  it.each([
    [
      'the competitor an evaluator favours',
      (d: ReturnType<typeof deal>) => d.k.set(d.ivo, 'favours', d.quanta),
      (d: ReturnType<typeof deal>) => `win-over:${d.ivo}`,
      'Find out why Ivo Berg favours Quanta Systems',
    ],
    [
      'the criterion where we fall short',
      () => undefined,
      () => 'reshape-criteria',
      'Reshape “Single sign-on” toward our strengths',
    ],
    [
      'the business issue to quantify',
      () => undefined,
      () => 'agree-impact',
      'Quantify “Month-end close takes 12 days” with Dana Ruiz',
    ],
    [
      'the person whose stance is unknown, and the options',
      () => undefined,
      (d: ReturnType<typeof deal>) => `learn-stance:${d.ivo}`,
      'Learn where Ivo Berg stands between us and Quanta Systems',
    ],
    ['the champion to test', () => undefined, () => 'test-champion', 'Test Sam Lee as a champion'],
  ])('names %s', (_label, arrange, id, words) => {
    const d = deal();
    arrange(d);
    const move = leversOf(d.k).find((l) => l.id === id(d));
    expect(move?.action).toContain(words);
  });

  it('asks about a renewal’s contract end date rather than for a new event', () => {
    const d = deal();
    const [renewal, fresh] = [{ ...ctx, dealType: 'renewal' as const }, ctx].map((c) =>
      leversOf(d.k, c).find((l) => l.id === 'find-compelling-event')!,
    );
    expect(renewal!.question).toContain('contract end');
    expect(fresh!.question).not.toContain('contract end');
  });
});

describe('expected gain, over the plausible answers', () => {
  it.each([
    ['nothing known', [], { us: 1 / 3, neutral: 1 / 3, other: 1 / 3 }],
    ['two supporters', ['supporter', 'mentor'], { us: 3 / 5, neutral: 1 / 5, other: 1 / 5 }],
    ['one enemy, one neutral', ['enemy', 'neutral'], { us: 1 / 5, neutral: 2 / 5, other: 2 / 5 }],
  ] as const)('weighs an unknown stance by the deal’s own mix: %s', (_label, supports, expected) => {
    const k = knowledge(ASOF);
    supports.forEach((support, n) => k.evaluator(`c-${n}`, 'buyer_stated', { support: [support] }));
    k.evaluator('c-unknown', 'buyer_stated', {});
    const mix = stanceMix(k.snapshot(), k.snapshot().itemsOf('evaluator'));
    expect(mix.us).toBeCloseTo(expected.us, 12);
    expect(mix.neutral).toBeCloseTo(expected.neutral, 12);
    expect(mix.other).toBeCloseTo(expected.other, 12);
  });

  it.each([
    ['every outcome counted', [10, 4, 0], [0.5, 0.3, 0.2], 0.5 * 10 + 0.3 * 4],
    ['a bad answer lowers it', [10, -8, 0], [0.4, 0.4, 0.2], 0.4 * 10 - 0.4 * 8],
    ['nothing changes', [0], [1], 0],
  ])('is the sum of probability × change: %s', (_label, points, probabilities, expected) => {
    const outcome = (n: number) => ({
      label: `outcome ${n}`,
      probability: probabilities[n]!,
      // the last outcome changes nothing and must not be priced
      hypothesis:
        n === points.length - 1 && points[n] === 0
          ? { items: [], facts: [] }
          : { items: [], facts: [{ id: `f${n}` } as never] },
    });
    let priced = 0;
    const result = priceLever(
      {
        id: 'm',
        kind: 'learn',
        action: 'a',
        question: 'q',
        ask: { role: 'anyone', evaluatorId: null },
        via: null,
        effort: 1,
        addresses: [],
        outcomes: points.map((_, n) => outcome(n)),
      },
      0.5,
      (h) => {
        priced++;
        const n = Number((h.facts[0] as { id: string }).id.slice(1));
        return { winProbability: 0.5 + points[n]! / 100, zoneIds: () => [] };
      },
    );
    expect(result.gain).toBeCloseTo(expected, 9);
    expect(priced).toBe(points.filter((p, n) => !(n === points.length - 1 && p === 0)).length);
  });

  it('gives less than the best case when the answer may go against us', () => {
    const d = deal();
    const stance = movesOf(d.k).find((m) => m.id === `learn-stance:${d.ivo}`);
    expect(stance).toBeDefined();
    const best = Math.max(...stance!.outcomes.map((o) => o.points));
    expect(stance!.gain).toBeLessThan(best);
    expect(stance!.outcomes.map((o) => o.label)).toEqual([
      'Ivo Berg favours us',
      'Ivo Berg is neutral',
      'Ivo Berg favours Quanta Systems',
    ]);
    expect(stance!.outcomes.reduce((sum, o) => sum + o.probability, 0)).toBeCloseTo(1, 12);
  });
});

describe('ranking, value and sameness', () => {
  it('values a move in the deal’s money and ranks by value for the effort', () => {
    const moves = movesOf(deal().k);
    const priced = moves.filter((m) => !m.protects);
    expect(priced.length).toBeGreaterThan(2);
    for (const m of priced) {
      expect(m.value).toEqual({ amountMinor: Math.round((m.gain / 100) * ctx.amountMinor), currency: 'EUR' });
      expect(m.priority).toBeCloseTo(((m.gain / 100) * ctx.amountMinor) / m.effort, 6);
    }
    const priorities = priced.map((m) => m.priority);
    expect(priorities).toEqual([...priorities].sort((a, b) => b - a));
    expect(moves.slice(0, priced.length)).toEqual(priced);
  });

  const move = (id: string, action: string, question: string, evaluatorId: string | null, priority: number) =>
    ({ id, action, question, ask: { role: 'champion', evaluatorId }, priority }) as Pick<
      Recommendation,
      'id' | 'action' | 'question' | 'ask' | 'priority'
    >;
  it.each([
    ['the same action', [move('a', 'Meet Dana', 'Q1?', 'x', 2), move('b', 'meet dana.', 'Q2?', 'y', 1)], ['a']],
    [
      'the same question to the same person',
      [move('a', 'One', 'How is it?', 'x', 2), move('b', 'Two', 'How is it?', 'x', 1)],
      ['a'],
    ],
    [
      'the same question to two people',
      [move('a', 'One', 'How is it?', 'x', 2), move('b', 'Two', 'How is it?', 'y', 1)],
      ['a', 'b'],
    ],
    ['the same id', [move('a', 'One', 'Q1?', 'x', 2), move('a', 'Two', 'Q2?', 'x', 1)], ['a']],
  ])('keeps the better of two moves with %s', (_label, ranked, kept) => {
    expect(dedupeMoves(ranked).map((m) => m.id)).toEqual(kept);
  });

  it('puts moves offered for what they protect after the priced ones, most severe first', () => {
    const r = (id: string, protects: boolean, priority: number, severity: number) =>
      ({ id, protects, priority, gain: priority, effort: 1, severity }) as unknown as Recommendation & {
        severity: number;
      };
    const list = [
      r('guard-low', true, 0, 1),
      r('small', false, 1, 0),
      r('guard-critical', true, 0, 4),
      r('big', false, 9, 0),
    ];
    const sorted = list.sort(byWorth((m) => (m as unknown as { severity: number }).severity));
    expect(sorted.map((m) => m.id)).toEqual(['big', 'small', 'guard-critical', 'guard-low']);
  });

  it('never offers two moves that are the same on a deal', () => {
    const d = deal();
    d.k.set(d.ivo, 'favours', d.quanta);
    const moves = movesOf(d.k);
    expect(new Set(moves.map((m) => m.action)).size).toBe(moves.length);
  });
});

describe('who is asked', () => {
  const FRIEND_ONLY = /need to believe|would you need to see/;
  it.each([
    ['a hostile economic buyer we never met', { hostile: true, coverage: 'none' }, 'champion', true],
    ['a hostile economic buyer we know', { hostile: true, coverage: 'multiple' }, 'champion', true],
    ['an economic buyer we never met', {}, 'champion', true],
    ['a neutral economic buyer we know well', { support: 'neutral', coverage: 'in_depth' }, 'economic_buyer', false],
  ] as const)('routes a friend-only question about %s', (_label, dana, role, routed) => {
    const d = deal();
    if ('hostile' in dana) d.k.set(d.dana, 'favours', d.quanta);
    if ('support' in dana) d.k.set(d.dana, 'support', dana.support);
    if ('coverage' in dana) d.k.set(d.dana, 'coverage', dana.coverage);
    const moves = movesOf(d.k);
    for (const m of moves.filter((x) => x.ask.evaluatorId === d.dana && routed))
      expect(m.question).not.toMatch(FRIEND_ONLY);
    const aboutDana = moves.filter((m) => m.id === `win-over:${d.dana}` || m.id === 'confirm-economic-buyer-priority');
    expect(aboutDana.length).toBeGreaterThan(0);
    for (const m of aboutDana) {
      expect(m.ask.role).toBe(role);
      if (routed) {
        expect(m.ask.evaluatorId).toBe(d.sam);
        expect(m.via).toContain('Dana Ruiz');
        expect(m.question).toContain('Dana Ruiz');
      } else expect(m.via).toBeNull();
    }
  });

  it('says so when nobody on their side can answer for a hostile person', () => {
    const d = deal({ noChampion: true });
    d.k.set(d.dana, 'favours', d.quanta);
    d.k.set(d.dana, 'coverage', 'none');
    const s = d.k.snapshot();
    const people = dealPeople(s, computeSignals(s, ctx, DEFAULT_OBJECTIVES).signals, namesOf(d.k));
    const routed = people.route(d.dana, {
      friendOnly: true,
      direct: 'What would you need to believe to choose us?',
      about: (who) => `What would ${who} need to believe to choose us?`,
    });
    expect(routed.ask).toEqual({ role: 'anyone', evaluatorId: null });
    expect(routed.via).toContain('find someone who can read Dana Ruiz for us');
  });
});

describe('a bid / no-bid decision', () => {
  it.each([
    [
      'a criterion the competitor wrote',
      (d: ReturnType<typeof deal>) => {
        d.k.set(d.sso, 'authoredBy', 'competitor');
        d.k.set(d.ivo, 'favours', d.quanta);
      },
      '“Single sign-on” was written by Quanta Systems',
    ],
    [
      'requirements the competitor shaped',
      (d: ReturnType<typeof deal>) => d.k.set(d.quanta, 'shapedRequirements', true),
      'Quanta Systems shaped the requirements',
    ],
  ])('is put to the seller and their manager for %s', (_label, arrange, reason) => {
    const d = deal();
    arrange(d);
    const bid = movesOf(d.k).find((m) => m.id === 'bid-or-no-bid');
    expect(bid).toMatchObject({ kind: 'decide', ask: { role: 'seller', evaluatorId: null } });
    expect(bid!.action).toBe(`Decide with your manager whether to bid: ${reason}`);
  });

  it('is not offered where we wrote the criteria', () => {
    const d = deal();
    d.k.set(d.sso, 'authoredBy', 'us');
    expect(movesOf(d.k).map((m) => m.id)).not.toContain('bid-or-no-bid');
  });
});

describe('no deal at risk without a move', () => {
  it('offers a concrete move for every firing zone no priced move works on, honestly, without points', () => {
    const d = deal();
    const a = assess(d.k.snapshot(), { ...ctx, forecastCategory: 'commit' }, setup, { names: namesOf(d.k) });
    expect(a.dangerZones.length).toBeGreaterThan(0);
    const covered = new Set(a.recommendations.flatMap((m) => [...m.addresses, ...m.resolves]));
    for (const z of a.dangerZones) expect(covered, z.name).toContain(z.id);
    for (const m of a.recommendations.filter((r) => r.protects)) {
      expect(m.value.amountMinor).toBe(0);
      expect(m.addresses.length).toBeGreaterThan(0);
    }
  });

  it.each(DANGER_ZONE_RULES.map((r) => [r.name, r] as const))(
    '“%s” has an action in words, naming the deal’s people where it can',
    (_name, rule) => {
      const d = deal();
      const s = d.k.snapshot();
      const signals = computeSignals(s, ctx, DEFAULT_OBJECTIVES).signals;
      const zone: DangerZone = { ...rule, matched: [] };
      const words = zoneMove(zone, { s, signals, ctx, people: dealPeople(s, signals, namesOf(d.k)) });
      expect(words.action.length).toBeGreaterThan(10);
      expect(words.question.length).toBeGreaterThan(10);
      expect(`${words.action} ${words.question}`).not.toMatch(/DZ-\d|undefined|null/);
    },
  );
});

describe('asking for the decision', () => {
  const early: AssessmentContext = { ...ctx, createdOn: '2026-11-01', expectedCloseDate: '2027-06-30' };
  it.each([
    ['late, with nobody having said we are the choice', ctx, null, true],
    ['early in the cycle', early, null, false],
    ['once the customer told us we are their choice', ctx, 'us', false],
  ] as const)('is a move %s: %s', (_label, context, preference, offered) => {
    const d = deal();
    if (preference) d.k.singleton('competition', { customerPreference: [preference] });
    const move = leversOf(d.k, context).find((m) => m.id === 'ask-for-the-decision');
    expect(move !== undefined).toBe(offered);
    if (!move) return;
    // Dana decides but has never met us: the question goes through the champion, naming her
    expect(move.ask.evaluatorId).toBe(d.sam);
    expect(move.question).toBe('If Dana Ruiz had to decide today, would it be us?');
    expect(move.outcomes.map((o) => o.label)).toEqual([
      'They tell us we are their choice',
      'They would choose Quanta Systems',
      'No answer yet',
    ]);
  });
});

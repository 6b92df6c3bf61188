import { describe, expect, it } from 'vitest';
import { DANGER_ZONE_RULES } from '../assessment/catalog.ts';
import {
  DEFAULT_GAP_RULES,
  evaluateGaps,
  gapRuleSchema,
  type GapRule,
  type PeerReading,
  type SellerReading,
} from './gap-rules.ts';

const rule = (over: Partial<GapRule> = {}): GapRule => ({
  id: 'GAP-99',
  indicator: 'economicBuyerAccess',
  versus: 'peers',
  threshold: 0.2,
  persistent: true,
  minDeals: 3,
  rootCauses: ['B4', 'S7'],
  ...over,
});
const seller = (over: Partial<SellerReading> = {}): SellerReading => ({
  values: { economicBuyerAccess: 0.3 },
  previous: { economicBuyerAccess: 0.35 },
  openDeals: 8,
  closedDeals: 6,
  zoneCounts: {},
  ...over,
});
const peers: PeerReading = { medians: { economicBuyerAccess: 0.7 }, previousMedians: { economicBuyerAccess: 0.65 } };

describe('a gap rule fires when the gap passes its threshold and persists', () => {
  it.each<[string, Partial<SellerReading>, Partial<GapRule>, PeerReading, boolean]>([
    ['well below the peers, this period and the last', {}, {}, peers, true],
    ['below, but not by the threshold', { values: { economicBuyerAccess: 0.55 } }, {}, peers, false],
    ['below now, fine a period before', { previous: { economicBuyerAccess: 0.6 } }, {}, peers, false],
    [
      'below now, fine before, and the rule does not ask for persistence',
      { previous: { economicBuyerAccess: 0.6 } },
      { persistent: false },
      peers,
      true,
    ],
    ['not measured a period before: not seen to persist', { previous: {} }, {}, peers, false],
    ['too few open deals to read', { openDeals: 2 }, {}, peers, false],
    ['no peer median', {}, {}, { medians: {}, previousMedians: {} }, false],
    [
      'against the own baseline',
      { values: { economicBuyerAccess: 0.3 }, previous: { economicBuyerAccess: 0.6 } },
      { versus: 'own_baseline', persistent: false },
      peers,
      true,
    ],
    [
      'above the own baseline',
      { values: { economicBuyerAccess: 0.7 }, previous: { economicBuyerAccess: 0.6 } },
      { versus: 'own_baseline', persistent: false },
      peers,
      false,
    ],
  ])('%s: %s', (_name, s, r, p, fires) => {
    const flags = evaluateGaps(seller(s), p, [rule(r)], { share: 0.4, aboveMedianBy: 0.15, minDeals: 3 });
    expect(flags.some((f) => f.rule === 'GAP-99')).toBe(fires);
  });

  it('names the level from the root causes, behaviour first', () => {
    const [flag] = evaluateGaps(seller(), peers, [rule({ rootCauses: ['S7', 'B4'] })], {
      share: 1,
      aboveMedianBy: 0,
      minDeals: 99,
    });
    expect(flag).toMatchObject({ level: 'behaviour', rootCauses: ['S7', 'B4'], indicator: 'economicBuyerAccess' });
    expect(flag!.size).toBeCloseTo(0.4, 9);
    expect(flag!.severity).toBeCloseTo(2, 9);
    expect(flag!.text).toBe('Economic buyer reached below the team’s usual, for a second period');
    const bias = evaluateGaps(
      seller({ values: { forecastBias: -30 }, previous: {} }),
      { medians: { forecastBias: 2 }, previousMedians: {} },
      [rule({ indicator: 'forecastBias', threshold: 10, persistent: false, rootCauses: ['B9'] })],
    );
    expect(bias[0]!.text).toBe('Forecast bias further off than the team’s usual');
  });

  it('reads results against the closed deals, not the open ones', () => {
    const winRate = rule({ indicator: 'winRate', threshold: 0.15, persistent: false, minDeals: 5 });
    const reading = { values: { winRate: 0.2 }, previous: {} };
    const p = { medians: { winRate: 0.45 }, previousMedians: {} };
    expect(evaluateGaps(seller({ ...reading, closedDeals: 6, openDeals: 0 }), p, [winRate])).toHaveLength(1);
    expect(evaluateGaps(seller({ ...reading, closedDeals: 4, openDeals: 20 }), p, [winRate])).toHaveLength(0);
  });
});

describe('a danger zone recurring on 40 % or more of the open deals', () => {
  const single = DANGER_ZONE_RULES.find((z) => z.id === 'DZ-03')!;
  it.each<[number, number, boolean]>([
    [10, 4, true],
    [10, 3, false],
    [2, 2, false],
  ])('%s open deals, %s with it: %s', (deals, withZone, fires) => {
    const flags = evaluateGaps(seller({ openDeals: deals, zoneCounts: { 'DZ-03': withZone } }), peers, []);
    expect(flags.some((f) => f.zoneId === 'DZ-03')).toBe(fires);
  });

  it('leaves out a zone the peers have as often: the team’s matter, not the seller’s', () => {
    const reading = seller({ openDeals: 10, zoneCounts: { 'DZ-03': 5 } });
    const common = { ...peers, zoneShareMedians: { 'DZ-03': 0.45 } };
    expect(evaluateGaps(reading, common, []).some((f) => f.zoneId === 'DZ-03')).toBe(false);
    expect(
      evaluateGaps(reading, { ...peers, zoneShareMedians: { 'DZ-03': 0.3 } }, []).some((f) => f.zoneId === 'DZ-03'),
    ).toBe(true);
  });

  it('leaves out a zone an indicator’s flag already reads', () => {
    const reading = seller({ openDeals: 10, zoneCounts: { 'DZ-01': 7 } });
    const flags = evaluateGaps(reading, peers, [rule({ persistent: false })]);
    expect(flags.map((f) => f.rule)).toEqual(['GAP-99']);
  });

  it('takes the root causes the zone’s rule names', () => {
    const [flag] = evaluateGaps(seller({ openDeals: 10, zoneCounts: { 'DZ-03': 5 } }), peers, []);
    expect(flag).toMatchObject({ rule: 'ZONE', zoneId: 'DZ-03', size: 0.5 });
    expect(flag!.rootCauses).toEqual(single.rootCauses);
    expect(flag!.text).toContain(single.name);
  });
});

describe('the rules as data', () => {
  it('ships valid default rules with distinct ids', () => {
    for (const r of DEFAULT_GAP_RULES) expect(gapRuleSchema.parse(r)).toEqual(r);
    expect(new Set(DEFAULT_GAP_RULES.map((r) => r.id)).size).toBe(DEFAULT_GAP_RULES.length);
  });

  it.each<[Record<string, unknown>, string]>([
    [{ ...rule(), rootCauses: ['B99'] }, 'rootCauses'],
    [{ ...rule(), indicator: 'happiness' }, 'indicator'],
    [{ ...rule(), threshold: 0 }, 'threshold'],
    [{ ...rule(), id: 'rule one' }, 'id'],
    [{ ...rule(), extra: true }, ''],
  ])('refuses a rule with a bad %j, naming the field', (bad, field) => {
    const parsed = gapRuleSchema.safeParse(bad);
    expect(parsed.success).toBe(false);
    if (field) expect(parsed.error!.issues[0]!.path[0]).toBe(field);
  });

  it('ranks flags by how far past their threshold they are', () => {
    const flags = evaluateGaps(
      seller({
        values: { economicBuyerAccess: 0.3, forecastBias: 45 },
        previous: { economicBuyerAccess: 0.3, forecastBias: 40 },
      }),
      {
        medians: { economicBuyerAccess: 0.7, forecastBias: 5 },
        previousMedians: { economicBuyerAccess: 0.7, forecastBias: 5 },
      },
      [rule(), rule({ id: 'GAP-98', indicator: 'forecastBias', threshold: 10, rootCauses: ['B9'] })],
    );
    // bias: 40 points past a 10-point threshold (4×) outranks 0.4 past 0.2 (2×)
    expect(flags.map((f) => f.rule)).toEqual(['GAP-98', 'GAP-99']);
  });
});

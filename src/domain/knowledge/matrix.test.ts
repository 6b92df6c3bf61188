import { describe, expect, it } from 'vitest';
import { knowledge, type Said } from './builder.ts';
import { evaluatorMatrix, REPORTER_WEIGHT, stanceConfidence, stanceRecency, type Reporter } from './matrix.ts';
import { US } from './schema.ts';
import type { EvidenceSource } from './evidence.ts';

// A stance counts by its evidence: what the person said or did counts fully; a report by someone
// else counts by who reported it; our own inference least; and any of them fades once stale.

describe('how far a stance counts', () => {
  it.each([
    // source, reporter, age in days, confidence
    ['buyer_action', 'unknown', 0, 1],
    ['buyer_stated', 'unknown', 30, 1],
    ['buyer_stated', 'unknown', 60, 0.5],
    ['buyer_stated', 'unknown', 300, 0.25],
    ['buyer_secondhand', 'themselves', 0, 1],
    ['buyer_secondhand', 'economicBuyer', 0, (0.5 / 0.75) * 1.3],
    ['buyer_secondhand', 'high', 0, (0.5 / 0.75) * 1.2],
    ['buyer_secondhand', 'unknown', 0, (0.5 / 0.75) * 0.9],
    ['buyer_secondhand', 'low', 0, (0.5 / 0.75) * 0.8],
    ['buyer_secondhand', 'low', 60, (0.5 / 0.75) * 0.8 * 0.5],
    ['third_party', 'high', 0, 0.5 / 0.75],
    ['seller_inference', 'themselves', 0, 0.25 / 0.75],
  ] as const)('%s reported by %s, %s days old, counts %s', (source, reporter, age, expected) => {
    expect(stanceConfidence(source as EvidenceSource, reporter as Reporter, age)).toBeCloseTo(expected, 12);
  });

  it('ranks reporters from the person himself down, and never counts a report more than a first-hand word', () => {
    const order = (Object.keys(REPORTER_WEIGHT) as Reporter[]).map((r) => stanceConfidence('buyer_secondhand', r, 0));
    expect(order).toEqual([...order].sort((a, b) => b - a));
    expect(Math.max(...order)).toBeLessThanOrEqual(stanceConfidence('buyer_stated', 'unknown', 0));
  });

  it.each([0, 15, 30, 45, 90, 1000])('fades at %s days no lower than a quarter', (age) => {
    expect(stanceRecency(age)).toBeGreaterThanOrEqual(0.25);
    expect(stanceRecency(age)).toBeLessThanOrEqual(1);
  });
});

describe('the evaluator matrix weighs each stance by its evidence', () => {
  it.each<[string, Said, number]>([
    ['said by the CFO himself', { source: 'buyer_stated', by: 'c-cfo' }, 1],
    ['reported by the champion (high influence)', { source: 'buyer_secondhand', by: 'c-champ' }, (0.5 / 0.75) * 1.2],
    ['reported by a low-influence user', { source: 'buyer_secondhand', by: 'c-user' }, (0.5 / 0.75) * 0.8],
    ['reported by someone we do not know', { source: 'buyer_secondhand', by: 'c-stranger' }, (0.5 / 0.75) * 0.9],
    ['our own inference', 'seller_inference', 0.25 / 0.75],
  ])('the CFO favouring a rival, %s', (_label, said, confidence) => {
    const k = knowledge('2026-11-20');
    const rival = k.item('alternative', 'buyer_stated', { title: 'Rival', category: 'competitor' });
    k.evaluator('c-cfo', 'buyer_stated', { influence: ['high'], roles: [['economic_buyer']], favours: [rival, said] });
    k.evaluator('c-champ', 'buyer_stated', {
      influence: ['high'],
      favours: [US, { source: 'buyer_stated', by: 'c-champ' }],
    });
    k.evaluator('c-user', 'buyer_stated', { influence: ['low'] });
    const m = evaluatorMatrix(k.snapshot());
    const cfo = m.rows.find((r) => r.contactId === 'c-cfo')!;
    expect(cfo.stanceConfidence).toBeCloseTo(confidence, 12);
    expect(cfo.weight).toBeCloseTo(3 * 1.5 * confidence, 12);
    const total = m.rows.reduce((s, r) => s + r.weight, 0);
    expect(m.shares.find((s) => s.alternativeId === rival)!.share).toBeCloseTo(cfo.weight / total, 12);
  });
});

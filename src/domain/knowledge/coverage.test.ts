import { describe, expect, it } from 'vitest';
import { knowledge } from './builder.ts';
import { coverageOf } from './coverage.ts';

describe('our coverage of a person', () => {
  it.each([
    ['as recorded when nothing contradicts it', 'multiple', null, 'multiple'],
    ['as recorded "not contacted" when they said nothing to us since', 'none', null, 'none'],
    ['a brief contact once they told us something themselves after "not contacted"', 'none', '2026-11-18', 'brief'],
    ['"not contacted" still when what they said came before it was recorded', 'none', '2026-10-01', 'none'],
    ['a brief contact when nothing was recorded but they spoke to us', null, '2026-11-18', 'brief'],
    ['unknown when nothing was recorded and they never spoke to us', null, null, undefined],
    ['not lowered when they spoke after a recorded in-depth coverage', 'in_depth', '2026-11-18', 'in_depth'],
  ] as const)('is %s', (_label, recorded, spokeOn, expected) => {
    const k = knowledge('2026-11-20', { observedOn: '2026-11-01' });
    const eb = k.evaluator('c-eb', 'seller_inference', { roles: [['economic_buyer'], 'seller_inference'] });
    if (recorded) k.set(eb, 'coverage', recorded, { source: 'seller_inference', on: '2026-11-01' });
    const pa = k.singleton('power_access');
    if (spokeOn) k.set(pa, 'ebConfirmedPriority', true, { source: 'buyer_stated', by: 'c-eb', on: spokeOn });
    expect(coverageOf(k.snapshot(), eb)).toBe(expected);
  });

  it('does not count what someone else said about them, or our own inference', () => {
    const k = knowledge('2026-11-20', { observedOn: '2026-11-01' });
    const eb = k.evaluator('c-eb', 'seller_inference');
    k.set(eb, 'coverage', 'none', 'seller_inference');
    k.set(eb, 'support', 'supporter', { source: 'buyer_stated', by: 'c-champion', on: '2026-11-10' });
    k.set(eb, 'concerns', 'Price', { source: 'seller_inference', by: 'c-eb', on: '2026-11-10' });
    expect(coverageOf(k.snapshot(), eb)).toBe('none');
  });
});

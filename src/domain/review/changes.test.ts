import { describe, expect, it } from 'vitest';
import { dealChange, movesByCause, type ChangeView, type DealChange, type DealNow, type DealThen } from './changes.ts';

const SINCE = '2026-11-26T16:00:00.000Z';
const Q4 = { from: '2026-10-01', to: '2026-12-31' };
const team: ChangeView = { owners: new Set(['ann', 'bob']), ownersThen: new Set(['ann', 'bob']), period: Q4 };
const then: DealThen = { ownerId: 'ann', expectedCloseDate: '2026-12-10', winProbability: 0.4, zoneIds: ['Z1'] };
const now: DealNow = { ...then, status: 'open', isDeleted: false, createdAt: '2026-09-01T10:00:00.000Z' };
const none: DealChange = { added: null, dropped: null, probability: null, closeDate: null, zones: null };

describe('dealChange: joining and leaving the view', () => {
  it.each<[string, DealThen | null, Partial<DealNow>, ChangeView, Partial<DealChange>]>([
    ['unchanged', then, {}, team, {}],
    ['created since the review', null, { createdAt: '2026-11-30T09:00:00.000Z' }, team, { added: 'new' }],
    ['pulled into the quarter', { ...then, expectedCloseDate: '2027-01-15' }, {}, team, { added: 'into_period' }],
    ['reassigned into the team', { ...then, ownerId: 'cyd' }, {}, team, { added: 'into_scope' }],
    ['open before but not in the baseline (reopened)', null, {}, team, { added: 'into_scope' }],
    ['won', then, { status: 'won' }, team, { dropped: 'won' }],
    ['lost', then, { status: 'lost' }, team, { dropped: 'lost' }],
    ['no decision', then, { status: 'no_decision' }, team, { dropped: 'no_decision' }],
    ['deleted', then, { isDeleted: true }, team, { dropped: 'deleted' }],
    ['pushed out of the quarter', then, { expectedCloseDate: '2027-02-01' }, team, { dropped: 'out_of_period' }],
    ['reassigned out of the team', then, { ownerId: 'cyd' }, team, { dropped: 'out_of_scope' }],
    ['outside the view then and now', { ...then, ownerId: 'cyd' }, { ownerId: 'cyd' }, team, {}],
    ['closed and never in the view', null, { status: 'lost' }, team, {}],
    [
      'a review keeps its own deals: a former member’s deal it held is dropped, not ignored',
      { ...then, ownerId: 'dan' },
      { ownerId: 'dan' },
      { ...team, ownersThen: 'all' },
      { dropped: 'out_of_scope' },
    ],
    [
      'without a period every close date is in view',
      then,
      { expectedCloseDate: '2027-06-01' },
      { ...team, period: null },
      { closeDate: { from: '2026-12-10', to: '2027-06-01', direction: 'pushed' } },
    ],
  ])('%s', (_name, before, after, view, expected) => {
    expect(dealChange(before, { ...now, ...after }, view, SINCE)).toEqual({ ...none, ...expected });
  });
});

describe('dealChange: what moved on a deal still in view', () => {
  it.each<[string, Partial<DealThen>, Partial<DealNow>, Partial<DealChange>]>([
    [
      'a move of exactly five points is worth noting',
      {},
      { winProbability: 0.45 },
      { probability: { from: 0.4, to: 0.45 } },
    ],
    ['a move under five points is not', {}, { winProbability: 0.44 }, {}],
    ['a fall', {}, { winProbability: 0.2 }, { probability: { from: 0.4, to: 0.2 } }],
    ['not assessed then: no move to tell', { winProbability: null }, { winProbability: 0.7 }, {}],
    [
      'close date pulled in',
      {},
      { expectedCloseDate: '2026-11-30' },
      { closeDate: { from: '2026-12-10', to: '2026-11-30', direction: 'pulled_in' } },
    ],
    ['a zone entered, one resolved', {}, { zoneIds: ['Z2'] }, { zones: { entered: ['Z2'], resolved: ['Z1'] } }],
    ['same zones in another order', { zoneIds: ['Z1', 'Z2'] }, { zoneIds: ['Z2', 'Z1'] }, {}],
  ])('%s', (_name, before, after, expected) => {
    const b = { ...then, ...before };
    expect(dealChange(b, { ...now, ...b, ...after }, team, SINCE)).toEqual({ ...none, ...expected });
  });
});

describe('movesByCause', () => {
  it('sums each cause’s steps from where the baseline stood, largest first, dropping what nets out', () => {
    expect(
      movesByCause(0.4, [
        { winProbability: 0.52, cause: 'Champion logged by Ann' },
        { winProbability: 0.5, cause: 'Nightly reassessment' },
        { winProbability: 0.35, cause: 'Competitor added by Ann' },
        { winProbability: 0.37, cause: 'Champion logged by Ann' },
        { winProbability: 0.37, cause: 'Close date changed by Ann' },
      ]),
    ).toEqual([
      { text: 'Competitor added by Ann', points: -15 },
      { text: 'Champion logged by Ann', points: 14 },
      { text: 'Nightly reassessment', points: -2 },
    ]);
  });

  it('has no reasons without kept steps', () => {
    expect(movesByCause(0.4, [])).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { addDays } from '../dates.ts';
import { parsePeriod } from '../periods.ts';
import { startDay } from './accuracy.ts';
import {
  isOpenOn,
  keepsDeal,
  REPLAYED_QUARTERS,
  replayDays,
  replayedClosing,
  stageOn,
  valueOn,
  valuesOn,
  wholeDay,
  type StageChange,
  type ValueHistory,
} from './replay.ts';

describe('replayDays', () => {
  it('takes the first of each month, and every seventh day of the last quarter', () => {
    expect(replayDays('2026-02-10', '2026-04-20')).toEqual([
      '2026-01-01',
      '2026-02-01',
      '2026-03-01',
      '2026-04-01',
      '2026-04-08',
      '2026-04-15',
    ]);
  });

  it.each([
    ['nothing when the history starts after its end', '2026-05-01', '2026-04-30', 0],
    ['one day when both are a quarter’s first', '2026-04-01', '2026-04-01', 1],
  ])('%s', (_name, first, last, count) => {
    expect(replayDays(first, last)).toHaveLength(count);
  });

  it(`reaches back ${REPLAYED_QUARTERS} quarters at most, however old the history`, () => {
    const days = replayDays('2001-01-01', '2026-12-31');
    expect(days[0]).toBe('2025-01-01');
    expect(days.at(-1)).toBe('2026-12-31');
    expect(days.filter((d) => d.endsWith('-01'))).toHaveLength(REPLAYED_QUARTERS * 3);
    // the last quarter week by week from October 1 (14 days), and the firsts of November and December
    expect(days.filter((d) => d >= '2026-10-01')).toHaveLength(16);
  });
});

describe('stageOn', () => {
  const changes: StageChange[] = [
    { on: '2026-01-12', from: null, to: 'qualify' },
    { on: '2026-02-03', from: 'qualify', to: 'discover' },
    { on: '2026-03-20', from: 'discover', to: 'propose' },
  ];
  it.each([
    ['before the first change, where it moved to (no earlier stage recorded)', '2026-01-01', 'qualify'],
    ['on the day of a change, the stage it moved to', '2026-02-03', 'discover'],
    ['between changes, the last one', '2026-03-01', 'discover'],
    ['after the last change', '2026-09-01', 'propose'],
  ])('%s', (_name, day, stage) => {
    expect(stageOn(changes, day, 'now')).toBe(stage);
  });

  it('reads the stage a deal moved from when its history says so, and the current one without history', () => {
    expect(stageOn([{ on: '2026-02-03', from: 'qualify', to: 'discover' }], '2026-01-20', 'now')).toBe('qualify');
    expect(stageOn([], '2026-01-20', 'now')).toBe('now');
  });
});

describe('valueOn', () => {
  // an amount set at 40,000 when the deal was created, raised on March 15, cut on May 2
  const amounts = [
    { on: '2026-03-15', from: 4_000_000, to: 5_500_000 },
    { on: '2026-05-02', from: 5_500_000, to: 5_000_000 },
  ];
  it.each([
    ['before the first change, what it moved from', '2026-01-01', 4_000_000],
    ['on the day of a change, what it moved to (the end of that day)', '2026-03-15', 5_500_000],
    ['between changes, the last one', '2026-04-01', 5_500_000],
    ['after the last change', '2026-11-01', 5_000_000],
  ])('%s', (_name, day, amount) => {
    expect(valueOn(amounts, day, 1)).toBe(amount);
  });

  it('is the value the deal holds now when its history records no change of it', () => {
    expect(valueOn<number>([], '2026-01-01', 1)).toBe(1);
  });
});

describe('valuesOn', () => {
  const now = { stageId: 'propose', amountMinor: 5_500_000, expectedCloseDate: '2026-06-30' };
  const history: ValueHistory = {
    stageId: [
      { on: '2025-12-01', from: null, to: 'qualify' },
      { on: '2026-04-10', from: 'qualify', to: 'propose' },
    ],
    amountMinor: [{ on: '2026-03-15', from: 4_000_000, to: 5_500_000 }],
    expectedCloseDate: [{ on: '2026-03-15', from: '2026-03-31', to: '2026-06-30' }],
  };
  it.each([
    [
      'before every change: the stage, amount and close date it started with',
      '2026-01-01',
      { stageId: 'qualify', amountMinor: 4_000_000, expectedCloseDate: '2026-03-31' },
    ],
    ['after the amount and date moved, before the stage did', '2026-04-01', { stageId: 'qualify' }],
    ['after every change: nothing differs from now', '2026-05-01', {}],
  ])('%s', (_name, day, then) => {
    expect(valuesOn(history, day, now)).toEqual(then);
  });

  it('falls back to what the deal holds now for each value its history is silent on', () => {
    expect(valuesOn({ ...history, amountMinor: [], expectedCloseDate: [] }, '2026-01-01', now)).toEqual({
      stageId: 'qualify',
    });
  });
});

describe('isOpenOn', () => {
  const deal = { id: 'd', createdOn: '2026-01-12', status: 'won', closedDate: '2026-05-29' };
  it.each([
    ['before it was created', '2026-01-11', false],
    ['the day it was created', '2026-01-12', true],
    ['the day before it closed', '2026-05-28', true],
    ['the day it closed (a snapshot is taken at the end of its day)', '2026-05-29', false],
  ])('%s', (_name, day, open) => {
    expect(isOpenOn(deal, day)).toBe(open);
  });

  it('holds an open deal open every day since its creation', () => {
    expect(isOpenOn({ ...deal, status: 'open', closedDate: null }, '2030-01-01')).toBe(true);
  });
});

describe('wholeDay', () => {
  it('is the latest day on or before a week before the organization came', () => {
    // came on Dec 6: a review that day compares with Nov 29 or the latest day before it
    const days = replayDays('2025-06-01', '2026-12-05');
    expect(wholeDay(days, '2026-12-05')).toBe('2026-11-26');
  });

  it('reaches back to the month before when the quarter began within the week', () => {
    const days = replayDays('2025-06-01', '2026-10-04');
    expect(days.slice(-2)).toEqual(['2026-09-01', '2026-10-01']);
    expect(wholeDay(days, '2026-10-04')).toBe('2026-09-01');
  });

  it('is the first day when every day is within the week', () => {
    expect(wholeDay(['2026-10-01'], '2026-10-03')).toBe('2026-10-01');
    expect(wholeDay([], '2026-10-03')).toBeUndefined();
  });
});

describe('replayedClosing', () => {
  it('keeps every deal on the whole day alone', () => {
    expect(replayedClosing('2026-11-26', '2026-11-26')).toBeNull();
    expect(replayedClosing('2026-12-03', '2026-11-26')).toEqual({ from: '2026-10-01', to: '2026-12-31' });
  });

  it("keeps before it the deals closing in the day's quarter, or the next when it begins within a week", () => {
    expect(replayedClosing('2026-02-01', '2026-11-26')).toEqual({ from: '2026-01-01', to: '2026-03-31' });
    expect(replayedClosing('2026-03-29', '2026-11-26')).toEqual({ from: '2026-01-01', to: '2026-06-30' });
  });

  it('covers every month and quarter whose call or trend may read the day', () => {
    // every day from 2025 to 2026 against every month and quarter of those years: when the
    // accuracy's start day or weekly trend may be that day, the period lies within what it keeps
    const periods = ['2025', '2026'].flatMap((y) => [
      ...['Q1', 'Q2', 'Q3', 'Q4'].map((q) => parsePeriod(`${y}-${q}`)!),
      ...Array.from({ length: 12 }, (_, m) => parsePeriod(`${y}-${String(m + 1).padStart(2, '0')}`)!),
    ]);
    for (let day = '2025-01-01'; day <= '2026-12-31'; day = addDays(day, 1)) {
      const closing = replayedClosing(day, '2030-01-01')!;
      for (const period of periods) {
        const reads = startDay([day], period) === day || (day >= period.from && day <= period.to);
        if (reads)
          expect([closing.from <= period.from, closing.to >= period.to], `${day} ${period.key}`).toEqual([true, true]);
      }
    }
  });
});

describe('keepsDeal', () => {
  const deal = { id: 'd', createdOn: '2026-01-12', status: 'won', closedDate: '2026-05-29' };
  const q1 = { from: '2026-01-01', to: '2026-03-31' };
  it.each([
    ['expected then to close within its dates', { ...deal, status: 'open', closedDate: null }, '2026-03-31', true],
    ['expected then to close after them', { ...deal, status: 'open', closedDate: null }, '2026-04-01', false],
    [
      'won within them, whatever it was expected to close on',
      { ...deal, closedDate: '2026-03-15' },
      '2026-06-30',
      true,
    ],
    ['lost within them, expected after', { ...deal, status: 'lost', closedDate: '2026-03-15' }, '2026-06-30', false],
  ])('keeps a deal %s', (_name, d, closeThen, kept) => {
    expect(keepsDeal(q1, d, closeThen)).toBe(kept);
  });

  it('keeps every deal on a whole day', () => {
    expect(keepsDeal(null, deal, '2030-01-01')).toBe(true);
  });
});

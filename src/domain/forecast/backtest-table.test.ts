import { describe, expect, it } from 'vitest';
import { parseTable } from '../learning/table.ts';
import { parseAmountMinor, parseCalendarDay, readBacktestTable, type BacktestColumns } from './backtest-table.ts';

describe('reading a CSV of dated deals for the back-test', () => {
  it.each([
    ['1054', 1054_00],
    ['744705.88', 744705_88],
    ['1,234.56', 1234_56],
    ['0', 0],
    ['0.005', 1],
    ['', null],
    ['-5', null],
    ['$100', null],
    ['12,34', null],
    ['1.2.3', null],
  ])('reads the amount "%s" as %s minor units', (raw, minor) => expect(parseAmountMinor(raw)).toBe(minor));

  it.each([
    ['2017-03-01', '2017-03-01'],
    ['2017-03-01T10:00:00Z', '2017-03-01'],
    ['1-Aug-11', '2011-08-01'],
    ['27-Mar-2012', '2012-03-27'],
    ['05/11/2019', '2019-11-05'],
    ['2017-02-30', null],
    ['31-Apr-12', null],
    ['2017-13-01', null],
    ['soon', null],
  ])('reads the date "%s" as %s', (raw, day) => expect(parseCalendarDay(raw)).toBe(day));

  const columns: BacktestColumns = {
    created: 'created',
    closed: 'closed',
    outcome: 'result',
    won: 'Won',
    amount: 'amount',
    owner: 'owner',
    stage: 'stage',
    sellerProbability: 'seller',
  };
  const csv = [
    'id,created,closed,result,amount,owner,stage,seller,region',
    'd1,2024-01-02,2024-02-01,Won,"1,000",Ada,Propose,40,north',
    'd2,2024-01-03,,Open,250.50,Bo,Qualify,,south',
    'd3,,2024-02-03,Lost,99,Ada,Propose,80 %,north',
  ].join('\n');

  it('reads each cell, keeps the rest as features and never the dates, outcome, stage or seller figure', () => {
    const read = readBacktestTable(parseTable(csv), columns);
    expect(read.featureColumns).toEqual(['id', 'amount', 'owner', 'region']);
    expect(read.columns).toEqual({ owner: true, stage: true, seller: true, expectedClose: false });
    expect(read.rows).toEqual([
      {
        createdOn: '2024-01-02',
        closedOn: '2024-02-01',
        won: true,
        amountMinor: 1000_00,
        owner: 'Ada',
        stage: 'Propose',
        sellerProbability: 0.4,
        features: ['d1', '1000', 'Ada', 'north'],
      },
      {
        createdOn: '2024-01-03',
        closedOn: null,
        won: null,
        amountMinor: 250_50,
        owner: 'Bo',
        stage: 'Qualify',
        sellerProbability: null,
        features: ['d2', '250.5', 'Bo', 'south'],
      },
      {
        createdOn: null,
        closedOn: '2024-02-03',
        won: false,
        amountMinor: 99_00,
        owner: 'Ada',
        stage: 'Propose',
        sellerProbability: 0.8,
        features: ['d3', '99', 'Ada', 'north'],
      },
    ]);
    expect(readBacktestTable(parseTable(csv), { ...columns, drop: ['id', 'region'] }).featureColumns).toEqual([
      'amount',
      'owner',
    ]);
  });

  it.each([
    [{ closed: 'close_date' }, csv, /^--closed: no column named "close_date"; the columns are "id", "created"/],
    [{ won: 'WON' }, csv, /^--won: no row has "WON" in "result"; it holds "Won", "Open", "Lost"/],
    [{ drop: ['nothing'] }, csv, /^--drop: no column named "nothing"/],
    [
      {},
      csv.replace('2024-02-01', '2024-02-30').replace(',2024-02-03,', ',yesterday,'),
      /^--closed: 2 cells are not a date: "2024-02-30" on line 2, "yesterday" on line 4; write dates as 2018-03-27 .*27-Mar-18.*27\/03\/2018/,
    ],
    [{}, csv.replace('2024-01-03,', '3rd Jan,'), /^--created: a cell is not a date: "3rd Jan" on line 3/],
    [
      {},
      csv.replace('"1,000"', ''),
      /^--amount: a cell is not an amount: a blank cell on line 2; write amounts as 1234.56/,
    ],
    [
      {},
      csv.replace('250.50', ''),
      /^--amount: the one blank cell is on a deal without a close date: "amount" looks filled in when a deal closes/,
    ],
    [{}, csv.replace('"1,000"', '-3'), /^--amount: a cell is not an amount: "-3" on line 2/],
    [{}, csv.replace('80 %', '180'), /^--seller-probability: a cell is not a probability: "180" on line 4/],
  ] as const)('refuses %j clearly', (changes, text, message) => {
    expect(() => readBacktestTable(parseTable(text), { ...columns, ...changes })).toThrow(message);
  });

  it('names an amount that gives the outcome away: filled in as 0 on every lost deal', () => {
    const lines = ['created,closed,result,value'];
    for (let i = 0; i < 200; i++) {
      const won = i % 3 === 0;
      lines.push(
        `2024-01-01,2024-02-${String(1 + (i % 28)).padStart(2, '0')},${won ? 'Won' : 'Lost'},${won ? 500 + i : 0}`,
      );
    }
    const read = readBacktestTable(parseTable(lines.join('\n')), {
      created: 'created',
      closed: 'closed',
      outcome: 'result',
      won: 'Won',
      amount: 'value',
      drop: ['value'],
    });
    expect(read.featureColumns).toEqual([]);
    expect(read.leaks[0]).toMatchObject({ column: 'value', value: '0', wonShare: 0 });
  });
});

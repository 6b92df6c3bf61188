import { describe, expect, it } from 'vitest';
import type { ImportView } from '../../../contract/imports.ts';
import { runningWords } from './progress-words.ts';

const running = (phase: ImportView['phase'], status: ImportView['status'] = 'importing'): ImportView => ({
  id: 'i-1',
  fileName: 'report.csv',
  bytes: 1000,
  status,
  isDryRun: status === 'checking',
  rowsDone: 100_000,
  rowsTotal: 100_000,
  phase,
  errors: [],
  errorCount: 0,
  skipped: [],
  leftOut: [],
  counts: null,
  createdAt: '2026-12-06T10:00:00.000Z',
  updatedAt: '2026-12-06T10:00:00.000Z',
});

describe('a running import in words', () => {
  it('counts rows while it checks and writes them, then the work done once they are in', () => {
    expect(runningWords(running({ name: 'checking', done: 5000, total: null }, 'checking'))).toEqual({
      title: 'Checking every row…',
      counted: '5,000 rows read',
      percent: 5,
    });
    expect(runningWords(running({ name: 'writing', done: 25_000, total: 100_000 }))).toEqual({
      title: 'Importing…',
      counted: '25,000 rows of 100,000 written',
      percent: 25,
    });
    expect(runningWords(running({ name: 'assessing', done: 10_000, total: 40_000 }))).toEqual({
      title: 'The 100,000 rows are in; assessing the open deals…',
      counted: '10,000 of 40,000 open deals assessed',
      percent: 25,
    });
    expect(runningWords(running({ name: 'replaying', done: 33, total: 33 }))).toEqual({
      title: "The 100,000 rows are in; replaying the forecast's past from their history…",
      counted: '33 of 33 past days replayed',
      percent: 100,
    });
  });

  it('a run another server holds shows as under way, with the rows its record says', () => {
    expect(runningWords({ ...running(null), rowsDone: 0, rowsTotal: null })).toEqual({
      title: 'Importing…',
      counted: '0 rows written',
      percent: 5,
    });
  });
});

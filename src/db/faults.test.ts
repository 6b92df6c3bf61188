import { describe, expect, it } from 'vitest';
import { isConnectionFailure } from './faults.ts';

describe('what counts as the database being unreachable', () => {
  it.each([
    [
      'a terminated backend',
      Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }),
    ],
    ['a broken connection', Object.assign(new Error('connection failure'), { code: '08006' })],
    ['a refused connection', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' })],
    [
      'refused on every address',
      new AggregateError([Object.assign(new Error('refused'), { code: 'ECONNREFUSED' })], 'refused'),
    ],
    ['a socket closed under a query', new Error('Connection terminated unexpectedly')],
    ['a pool that cannot connect in time', new Error('timeout exceeded when trying to connect')],
    [
      'a login refused to a new connection',
      Object.assign(new Error('role "app" is not permitted to log in'), { code: '28000' }),
    ],
    ['SQLite busy past its timeout', Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' })],
  ])('%s is', (_what, error) => {
    expect(isConnectionFailure(error)).toBe(true);
  });

  it.each([
    ['a unique violation', Object.assign(new Error('duplicate key'), { code: '23505' })],
    ['a syntax error', Object.assign(new Error('syntax error'), { code: '42601' })],
    ['a SQLite constraint', Object.assign(new Error('UNIQUE constraint failed'), { code: 'SQLITE_CONSTRAINT_UNIQUE' })],
    ['a plain bug', new TypeError('x is undefined')],
    ['not an error at all', 'Connection terminated'],
  ])('%s is not', (_what, error) => {
    expect(isConnectionFailure(error)).toBe(false);
  });
});

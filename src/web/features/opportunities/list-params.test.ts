import { describe, expect, it } from 'vitest';
import { exportUrl } from '../../shared/ExportButton.tsx';
import { listParamsFrom } from './list-params.ts';

describe('the list read from its URL', () => {
  it('keeps known filters and falls back to defaults for malformed ones', () => {
    const list = listParamsFrom(
      new URLSearchParams('q=%20acme%20&status=won&forecastCategory=maybe&sort=bogus&cursor=WyJuYW1lIl0'),
    );
    expect(list).toMatchObject({
      q: 'acme',
      status: 'won',
      forecastCategory: undefined,
      sort: '-updatedAt',
      limit: 25,
      cursor: 'WyJuYW1lIl0',
    });
  });
});

describe('the CSV export link', () => {
  it('carries the filters and the order, never the page', () => {
    const list = listParamsFrom(new URLSearchParams('q=north&status=open&owner=me&sort=-amount&cursor=WyJuYW1lIl0'));
    expect(exportUrl('/api/opportunities', list)).toBe(
      '/api/opportunities/export.csv?q=north&status=open&owner=me&sort=-amount',
    );
  });

  it('is the plain download when nothing is filtered', () => {
    expect(exportUrl('/api/opportunities', listParamsFrom(new URLSearchParams('')))).toBe(
      '/api/opportunities/export.csv?sort=-updatedAt',
    );
  });
});

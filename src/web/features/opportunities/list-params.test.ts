import { describe, expect, it } from 'vitest';
import { exportUrl } from '../../shared/ExportButton.tsx';
import { hasFilters, isDefaultView, listParamsFrom } from './list-params.ts';

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

describe('the usual view', () => {
  it('opens on the open deals; status=any shows every status; a closed status is a filter', () => {
    const usual = listParamsFrom(new URLSearchParams(''));
    expect(usual.status).toBe('open');
    expect(hasFilters(usual)).toBe(false);
    expect(isDefaultView(usual)).toBe(true);
    const every = listParamsFrom(new URLSearchParams('status=any'));
    expect(every.status).toBeUndefined();
    expect(hasFilters(every)).toBe(true);
    expect(isDefaultView(every)).toBe(false);
    expect(hasFilters(listParamsFrom(new URLSearchParams('status=lost')))).toBe(true);
    expect(listParamsFrom(new URLSearchParams('status=bogus')).status).toBe('open');
    expect(isDefaultView(listParamsFrom(new URLSearchParams('q=acme')))).toBe(false);
  });
});

describe('the CSV export link', () => {
  it('carries the filters and the order, never the page', () => {
    const list = listParamsFrom(new URLSearchParams('q=north&status=open&owner=me&sort=-amount&cursor=WyJuYW1lIl0'));
    expect(exportUrl('/api/opportunities', list)).toBe(
      '/api/opportunities/export.csv?q=north&status=open&owner=me&sort=-amount',
    );
  });

  it('downloads the open deals the usual view shows, and every status when asked', () => {
    expect(exportUrl('/api/opportunities', listParamsFrom(new URLSearchParams('')))).toBe(
      '/api/opportunities/export.csv?status=open&sort=-updatedAt',
    );
    expect(exportUrl('/api/opportunities', listParamsFrom(new URLSearchParams('status=any')))).toBe(
      '/api/opportunities/export.csv?sort=-updatedAt',
    );
  });
});

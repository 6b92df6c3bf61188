import type { OpportunitySort } from '../../../contract/opportunities.ts';
import { FORECAST_CATEGORIES, OPPORTUNITY_STATUSES } from '../../../domain/enums.ts';
import { oneOf } from '../../shared/labels.ts';
import { OPPORTUNITY_SORT_VALUES } from '../../shared/sorts.ts';
import type { OpportunityListParams } from './queries.ts';

export const PAGE_SIZE = 25;
export const DEFAULT_SORT: OpportunitySort = '-updatedAt';
/**
 * The list opens on the deals still in play; `status=any` in the address shows every status.
 * Closed deals mixed into page one buried what a seller works on today.
 */
export const DEFAULT_STATUS = 'open' as const;
export const ANY_STATUS = 'any';

/** The filter keys a person sets; anything else in the URL is paging or sorting. */
export const FILTER_KEYS = ['q', 'status', 'stageId', 'owner', 'forecastCategory', 'accountId'] as const;

/** The list request the URL describes; unknown or malformed values fall back to defaults. */
export function listParamsFrom(params: URLSearchParams): OpportunityListParams {
  const text = (key: string) => params.get(key)?.trim() || undefined;
  return {
    q: text('q'),
    status:
      params.get('status') === ANY_STATUS
        ? undefined
        : (oneOf(OPPORTUNITY_STATUSES, params.get('status')) ?? DEFAULT_STATUS),
    stageId: text('stageId'),
    owner: text('owner'),
    forecastCategory: oneOf(FORECAST_CATEGORIES, params.get('forecastCategory')) ?? undefined,
    accountId: text('accountId'),
    sort: oneOf(OPPORTUNITY_SORT_VALUES, params.get('sort')) ?? DEFAULT_SORT,
    limit: PAGE_SIZE,
    cursor: text('cursor'),
  };
}

/** Whether anything narrows the list beyond its usual view (the open deals). */
export function hasFilters(list: OpportunityListParams): boolean {
  return FILTER_KEYS.some((key) => (key === 'status' ? list.status !== DEFAULT_STATUS : list[key] !== undefined));
}

/** The usual view, showing nothing: no deal is open, closed ones may exist. */
export function isDefaultView(list: OpportunityListParams): boolean {
  return list.status === DEFAULT_STATUS && !hasFilters(list);
}

import { useInfiniteQuery, useQueries } from '@tanstack/react-query';
import { api, isApiError } from '../../app/api.ts';
import type { AuditEvent } from '../../../contract/audit.ts';
import type { Account } from '../../../contract/accounts.ts';

/** The API collections that keep a history. */
export type HistoryEntity = 'opportunities' | 'accounts' | 'contacts' | 'users';

const PAGE = 20;

/** A record's changes, newest first, a page at a time ("show older"). */
export function useHistory(entity: HistoryEntity, id: string) {
  return useInfiniteQuery({
    queryKey: [entity, 'history', id],
    queryFn: ({ pageParam }) =>
      api.get<{ items: AuditEvent[]; total: number }>(
        `/api/${entity}/${encodeURIComponent(id)}/history?limit=${PAGE}&offset=${pageParam}`,
      ),
    initialPageParam: 0,
    getNextPageParam: (last, pages) => {
      const loaded = pages.reduce((n, p) => n + p.items.length, 0);
      return loaded < last.total ? loaded : undefined;
    },
  });
}

/**
 * Names of the accounts that history entries point to by id. An account the reader can no
 * longer see (or that was deleted) resolves to null.
 */
export function useAccountNames(
  ids: readonly string[],
  known: ReadonlyMap<string, string>,
): Map<string, string | null> {
  const wanted = [...new Set(ids)].filter((id) => !known.has(id));
  const results = useQueries({
    queries: wanted.map((id) => ({
      queryKey: ['accounts', 'detail', id],
      queryFn: () => api.get<Account>(`/api/accounts/${encodeURIComponent(id)}`),
      retry: false,
      staleTime: 60_000,
    })),
  });
  const names = new Map<string, string | null>(known);
  wanted.forEach((id, i) => {
    const result = results[i];
    if (result?.data) names.set(id, result.data.name);
    else if (isApiError(result?.error)) names.set(id, null);
  });
  return names;
}

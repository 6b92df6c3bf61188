import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, withQuery } from '../../app/api.ts';
import type { z } from 'zod';
import type {
  Opportunity,
  OpportunityList,
  opportunityCreateBodySchema,
  OpportunitySort,
  opportunityUpdateBodySchema,
} from '../../../contract/opportunities.ts';
import type { ForecastCategory, OpportunityStatus } from '../../../domain/enums.ts';

/** Request bodies as the API accepts them (before its defaults and trimming apply). */
export type OpportunityCreate = z.input<typeof opportunityCreateBodySchema>;
export type OpportunityUpdate = z.input<typeof opportunityUpdateBodySchema>;

export const opportunitiesKey = ['opportunities'] as const;

export type OpportunityListParams = {
  q?: string | undefined;
  owner?: string | undefined;
  status?: OpportunityStatus | undefined;
  stageId?: string | undefined;
  accountId?: string | undefined;
  forecastCategory?: ForecastCategory | undefined;
  sort: OpportunitySort;
  limit: number;
  /** where the previous page ended (the big list pages by cursor) */
  cursor?: string | undefined;
  /** rows to skip (a short list, such as an account's deals, pages by offset) */
  offset?: number | undefined;
};

export function useOpportunityList(params: OpportunityListParams) {
  return useQuery({
    queryKey: [...opportunitiesKey, 'list', params],
    queryFn: () => api.get<OpportunityList>(withQuery('/api/opportunities', params)),
    // the rows stay on screen while the next page or filter loads: no flicker
    placeholderData: keepPreviousData,
  });
}

/**
 * Whether the caller has any deal at all, whatever its status: asked only when the usual view (the
 * open deals) comes back empty, to tell "nothing open right now" from "nothing yet".
 */
export function useHasAnyOpportunity(enabled: boolean) {
  return useQuery({
    queryKey: [...opportunitiesKey, 'any'],
    queryFn: async () => (await api.get<OpportunityList>('/api/opportunities?limit=1')).items.length > 0,
    enabled,
  });
}

export function useOpportunity(id: string) {
  return useQuery({
    queryKey: [...opportunitiesKey, 'detail', id],
    queryFn: () => api.get<Opportunity>(`/api/opportunities/${encodeURIComponent(id)}`),
  });
}

export function useCreateOpportunity() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: OpportunityCreate) => api.post<Opportunity>('/api/opportunities', input),
    onSuccess: (created) => {
      queryClient.setQueryData([...opportunitiesKey, 'detail', created.id], created);
      void queryClient.invalidateQueries({ queryKey: opportunitiesKey });
      void queryClient.invalidateQueries({ queryKey: ['accounts'] });
    },
  });
}

export function useDeleteOpportunity(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.delete(`/api/opportunities/${encodeURIComponent(id)}`),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: opportunitiesKey, predicate: (q) => q.queryKey[1] !== 'detail' });
      void queryClient.invalidateQueries({ queryKey: ['accounts'] });
    },
  });
}

export function useRestoreOpportunity(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<Opportunity>(`/api/opportunities/${encodeURIComponent(id)}/restore`),
    onSuccess: (restored) => {
      queryClient.setQueryData([...opportunitiesKey, 'detail', id], restored);
      void queryClient.invalidateQueries({ queryKey: ['assessment', id] });
      void queryClient.invalidateQueries({ queryKey: opportunitiesKey, predicate: (q) => q.queryKey[1] !== 'detail' });
      void queryClient.invalidateQueries({ queryKey: ['accounts'] });
    },
  });
}

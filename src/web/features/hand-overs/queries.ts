import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api.ts';
import type {
  HandOver,
  HandOverBody,
  HandOverPlan,
  HandOverSummary,
  handOverResultSchema,
} from '../../../contract/hand-overs.ts';
import type { z } from 'zod';
import { usersKey } from '../users/queries.ts';

export type HandOverResult = z.infer<typeof handOverResultSchema>;

export const handOversKey = ['hand-overs'] as const;
const dealHandOversKey = (opportunityId: string) => [...handOversKey, 'deal', opportunityId] as const;

/** The proposed (or checked) split for these recipients; nothing is written. */
export function useHandOverPreview(userId: string, body: HandOverBody | null) {
  return useQuery({
    queryKey: [...handOversKey, 'preview', userId, body],
    queryFn: () => api.post<HandOverPlan>(`/api/users/${encodeURIComponent(userId)}/hand-over/preview`, body),
    enabled: body !== null,
    placeholderData: keepPreviousData,
    retry: false,
  });
}

export function useHandOver() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ userId, body }: { userId: string; body: HandOverBody }) =>
      api.post<HandOverResult>(`/api/users/${encodeURIComponent(userId)}/hand-over`, body),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: usersKey });
      void queryClient.invalidateQueries({ queryKey: handOversKey });
    },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['opportunities'] });
      void queryClient.invalidateQueries({ queryKey: ['accounts'] });
    },
  });
}

export function useDealHandOvers(opportunityId: string) {
  return useQuery({
    queryKey: dealHandOversKey(opportunityId),
    queryFn: () =>
      api.get<{ items: HandOverSummary[] }>(`/api/opportunities/${encodeURIComponent(opportunityId)}/hand-overs`),
  });
}

export function useHandOverBrief(opportunityId: string, id: string | null) {
  return useQuery({
    queryKey: [...dealHandOversKey(opportunityId), 'brief', id],
    queryFn: () =>
      api.get<HandOver>(
        `/api/opportunities/${encodeURIComponent(opportunityId)}/hand-overs/${encodeURIComponent(id!)}`,
      ),
    enabled: id !== null,
  });
}

export const briefPdfUrl = (opportunityId: string, id: string) =>
  `/api/opportunities/${encodeURIComponent(opportunityId)}/hand-overs/${encodeURIComponent(id)}/brief.pdf`;

export function useAcknowledgeBrief(opportunityId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      api.post<HandOver>(
        `/api/opportunities/${encodeURIComponent(opportunityId)}/hand-overs/${encodeURIComponent(id)}/acknowledge`,
      ),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: handOversKey }),
  });
}

/** The briefs handed to me that I have not acknowledged yet. */
export function useMyPendingBriefs() {
  return useQuery({
    queryKey: [...handOversKey, 'mine', 'pending'],
    queryFn: () => api.get<{ items: HandOverSummary[] }>('/api/hand-overs/mine'),
  });
}

/** One deal to another active seller, with its brief (managers for their team, administrators). */
export function useHandOverDeal(opportunityId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { toUserId: string; version: number }) =>
      api.post<HandOverSummary>(`/api/opportunities/${encodeURIComponent(opportunityId)}/hand-over`, body),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: handOversKey });
      void queryClient.invalidateQueries({ queryKey: ['opportunities'] });
    },
  });
}

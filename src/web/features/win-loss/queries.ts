import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, withQuery } from '../../app/api.ts';
import type { RetrospectiveAnswer, WinLoss } from '../../../contract/win-loss.ts';

export type WinLossParams = {
  team?: string | undefined;
  owner?: string | undefined;
  period: string;
  /** which deals to list (all when absent) and how many of them */
  show?: string | undefined;
  limit?: number | undefined;
};

export const winLossKey = ['win-loss'] as const;

/** The same review as a spreadsheet: one row per closed deal. */
export const winLossCsvUrl = (params: WinLossParams) => withQuery('/api/reviews/win-loss.csv', params);

export function useWinLoss(params: WinLossParams) {
  return useQuery({
    queryKey: [...winLossKey, params],
    queryFn: () => api.get<WinLoss>(withQuery('/api/reviews/win-loss', params)),
    // the page keeps the last period on screen, faded, while the next one loads
    placeholderData: keepPreviousData,
  });
}

/** Writes a closed deal's retrospective; every win/loss view that shows the deal is read again. */
export function useSaveRetrospective(opportunityId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { text: string; version?: number | undefined }) =>
      api.put<RetrospectiveAnswer>(`/api/opportunities/${opportunityId}/retrospective`, body),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: winLossKey }),
  });
}

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../app/api.ts';
import type { actionCreateBodySchema, AgreedAction, MyAction } from '../../../contract/actions.ts';
import { reviewKey } from '../review/queries.ts';

export const actionsKey = (opportunityId: string) => ['actions', opportunityId] as const;
const myActionsKey = ['actions', 'mine'] as const;

/** The open actions agreed for the person signed in, on open deals, the soonest due first. */
export function useMyActions() {
  return useQuery({
    queryKey: myActionsKey,
    queryFn: async () => (await api.get<{ items: MyAction[] }>('/api/actions/mine')).items,
  });
}

export function useDealActions(opportunityId: string) {
  return useQuery({
    queryKey: actionsKey(opportunityId),
    queryFn: async () =>
      (await api.get<{ items: AgreedAction[] }>(`/api/opportunities/${encodeURIComponent(opportunityId)}/actions`))
        .items,
  });
}

/** After an action is added or marked, the deal's list and every review showing it read afresh. */
function useRefresh(opportunityId: string) {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: actionsKey(opportunityId) });
    void queryClient.invalidateQueries({ queryKey: myActionsKey });
    void queryClient.invalidateQueries({ queryKey: reviewKey });
  };
}

export function useAddAction(opportunityId: string) {
  const refresh = useRefresh(opportunityId);
  return useMutation({
    mutationFn: (body: z.input<typeof actionCreateBodySchema>) =>
      api.post<AgreedAction>(`/api/opportunities/${encodeURIComponent(opportunityId)}/actions`, body),
    onSuccess: refresh,
  });
}

export function useMarkAction(opportunityId: string) {
  const refresh = useRefresh(opportunityId);
  return useMutation({
    mutationFn: ({ id, done }: { id: string; done: boolean }) =>
      api.patch<AgreedAction>(
        `/api/opportunities/${encodeURIComponent(opportunityId)}/actions/${encodeURIComponent(id)}`,
        { done },
      ),
    onSuccess: refresh,
  });
}

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api, withQuery } from '../../app/api.ts';
import type {
  Assignment,
  AssignmentDetail,
  assignmentCreateBodySchema,
  CompletionResult,
  SuccessConditionList,
} from '../../../contract/assignments.ts';
import type { OpportunityListItem } from '../../../contract/opportunities.ts';
import { diagnosesKey } from './diagnosis-queries.ts';

export const assignmentsKey = ['coaching', 'assignments'] as const;
export type AssignmentCreateInput = z.input<typeof assignmentCreateBodySchema>;

/** A seller's assignments (the asker's own without a seller). */
export function useAssignments(sellerId?: string) {
  return useQuery({
    queryKey: [...assignmentsKey, 'list', sellerId ?? 'me'],
    queryFn: async () =>
      (await api.get<{ items: Assignment[] }>(withQuery('/api/coaching/assignments', { seller: sellerId }))).items,
  });
}

export function useAssignment(id: string) {
  return useQuery({
    queryKey: [...assignmentsKey, 'one', id],
    queryFn: () => api.get<AssignmentDetail>(`/api/coaching/assignments/${encodeURIComponent(id)}`),
  });
}

export function useSuccessConditions(enabled = true) {
  return useQuery({
    queryKey: ['coaching', 'success-conditions'],
    queryFn: async () => (await api.get<SuccessConditionList>('/api/coaching/success-conditions')).items,
    staleTime: Infinity,
    enabled,
  });
}

/** A seller's open deals, the largest first: what on-the-job work can be done on. */
export function useOpenDealsOf(sellerId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['opportunities', 'open-of', sellerId],
    queryFn: async () =>
      (
        await api.get<{ items: OpportunityListItem[] }>(
          withQuery('/api/opportunities', { owner: sellerId, status: 'open', sort: '-amount', limit: 100 }),
        )
      ).items,
    enabled,
  });
}

export function useCreateAssignment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: AssignmentCreateInput) => api.post<AssignmentDetail>('/api/coaching/assignments', input),
    onSuccess: (a) => {
      void queryClient.invalidateQueries({ queryKey: assignmentsKey });
      // the diagnosis it was assigned from lists it
      if (a.diagnosis) void queryClient.invalidateQueries({ queryKey: [...diagnosesKey, 'one', a.diagnosis.id] });
    },
  });
}

export type AssignmentAction = 'start' | 'verify' | 'reopen' | 'abandon';

/** A move of the assignment's status: the seller starts it, whoever coaches them verifies, reopens or drops it. */
export function useAssignmentAction(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ action, note }: { action: AssignmentAction; note?: string }) =>
      api.post<AssignmentDetail>(`/api/coaching/assignments/${encodeURIComponent(id)}/${action}`, note ? { note } : {}),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: assignmentsKey }),
  });
}

export function useCompleteAssignment(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { answers?: number[]; reflection: string; evidenceNote?: string }) =>
      api.post<CompletionResult>(`/api/coaching/assignments/${encodeURIComponent(id)}/complete`, input),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: assignmentsKey }),
  });
}

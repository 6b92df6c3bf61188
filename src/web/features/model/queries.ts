import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  modelResponseSchema,
  ruleListSchema,
  ruleUpdateBodySchema,
  ruleViewSchema,
} from '../../../contract/assessment.ts';
import { api } from '../../app/api.ts';
import { opportunitiesKey } from '../opportunities/queries.ts';

export type ModelView = z.infer<typeof modelResponseSchema>;
export type ModelCard = NonNullable<ModelView['card']>;
export type RuleView = z.infer<typeof ruleViewSchema>;
/** A rule as the list gives it: its settings and how it has fired in this organization. */
export type RuleWithUsage = z.infer<typeof ruleListSchema>['items'][number];
export type RuleUpdate = z.input<typeof ruleUpdateBodySchema>;

export const modelKey = ['model'] as const;
export const rulesKey = ['danger-zone-rules'] as const;

/** A new model or a changed rule re-assesses every open deal: what the pages show moves with it. */
function useInvalidateAssessments() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: ['assessment'] });
    void queryClient.invalidateQueries({ queryKey: opportunitiesKey });
  };
}

export function useModel() {
  return useQuery({ queryKey: modelKey, queryFn: () => api.get<ModelView>('/api/model') });
}

export function useRefitModel() {
  const queryClient = useQueryClient();
  const invalidateAssessments = useInvalidateAssessments();
  return useMutation({
    mutationFn: () => api.post<ModelView>('/api/model/refit'),
    onSuccess: (model) => {
      queryClient.setQueryData(modelKey, model);
      invalidateAssessments();
    },
  });
}

export function useRules() {
  return useQuery({ queryKey: rulesKey, queryFn: () => api.get<z.infer<typeof ruleListSchema>>('/api/danger-zones') });
}

export function useUpdateRule() {
  const queryClient = useQueryClient();
  const invalidateAssessments = useInvalidateAssessments();
  return useMutation({
    mutationFn: ({ id, ...body }: RuleUpdate & { id: string }) =>
      api.patch<RuleView>(`/api/danger-zones/${encodeURIComponent(id)}`, body),
    onSuccess: (rule) => {
      queryClient.setQueryData<z.infer<typeof ruleListSchema>>(
        rulesKey,
        (list) => list && { items: list.items.map((r) => (r.id === rule.id ? { ...r, ...rule } : r)) },
      );
      invalidateAssessments();
      // the deals were re-assessed with the new setting: how often each zone fires has moved
      void queryClient.invalidateQueries({ queryKey: rulesKey });
    },
    // someone else's change (409) means our copy of the rules is out of date
    onError: () => void queryClient.invalidateQueries({ queryKey: rulesKey }),
  });
}

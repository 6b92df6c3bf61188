import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { Objective, objectiveUpdateBodySchema } from '../../../contract/knowledge.ts';
import { api } from '../../app/api.ts';
import { opportunitiesKey } from '../opportunities/queries.ts';

export type { Objective };
export type ObjectiveKey = Objective['key'];
export type ObjectiveUpdate = z.input<typeof objectiveUpdateBodySchema>;

export const objectivesKey = ['objectives'] as const;
const versionsKey = (key: ObjectiveKey) => [...objectivesKey, key, 'versions'] as const;

/** The nine objectives as the organization words and weighs them. */
export function useObjectives() {
  return useQuery({
    queryKey: objectivesKey,
    queryFn: () => api.get<{ items: Objective[] }>('/api/objectives'),
    staleTime: 5 * 60_000,
  });
}

/** Every version of one objective, oldest first (version 0 is the wording Winsight ships with). */
export function useObjectiveVersions(key: ObjectiveKey) {
  return useQuery({
    queryKey: versionsKey(key),
    queryFn: () => api.get<{ items: Objective[] }>(`/api/objectives/${key}/versions`),
  });
}

/**
 * A new wording or weight. The wording shows on every deal's Knowledge tab and the weights make
 * every deal's coverage index (and so its assessment): all of those are read again.
 */
export function useUpdateObjective() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ key, ...body }: ObjectiveUpdate & { key: ObjectiveKey }) =>
      api.patch<Objective>(`/api/objectives/${key}`, body),
    onSuccess: (objective) => {
      queryClient.setQueryData<{ items: Objective[] }>(
        objectivesKey,
        (list) => list && { items: list.items.map((o) => (o.key === objective.key ? objective : o)) },
      );
      void queryClient.invalidateQueries({ queryKey: versionsKey(objective.key) });
      void queryClient.invalidateQueries({ queryKey: ['knowledge'] });
      void queryClient.invalidateQueries({ queryKey: ['assessment'] });
      void queryClient.invalidateQueries({ queryKey: opportunitiesKey });
    },
    // someone else's version (409) means our copy is out of date
    onError: () => void queryClient.invalidateQueries({ queryKey: objectivesKey }),
  });
}

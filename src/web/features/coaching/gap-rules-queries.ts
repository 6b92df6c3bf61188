import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api.ts';
import type { GapRules, GapRulesBody } from '../../../contract/gap-rules.ts';
import { coachingKey } from './scorecard-queries.ts';

export const gapRulesKey = [...coachingKey, 'gap-rules'] as const;

/** The organization's gap rules, each in plain words (every member reads them). */
export function useGapRules() {
  return useQuery({ queryKey: gapRulesKey, queryFn: () => api.get<GapRules>('/api/coaching/gap-rules') });
}

function useRulesWrite<T>(write: (input: T) => Promise<GapRules>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: (result) => {
      queryClient.setQueryData(gapRulesKey, result);
      // the scorecards and the team view flag by them
      void queryClient.invalidateQueries({ queryKey: [...coachingKey, 'scorecard'] });
      void queryClient.invalidateQueries({ queryKey: [...coachingKey, 'team'] });
    },
  });
}

export const useSaveGapRules = () =>
  useRulesWrite((body: GapRulesBody) => api.put<GapRules>('/api/coaching/gap-rules', body));

export const useResetGapRules = () =>
  useRulesWrite((version: number) => api.post<GapRules>('/api/coaching/gap-rules/reset', { version }));

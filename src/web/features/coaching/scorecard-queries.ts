import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, withQuery } from '../../app/api.ts';
import type { Scorecard, TeamCoaching } from '../../../contract/scorecard.ts';

export const coachingKey = ['coaching'] as const;

export function useScorecard(sellerId: string) {
  return useQuery({
    queryKey: [...coachingKey, 'scorecard', sellerId],
    queryFn: () => api.get<Scorecard>(`/api/coaching/sellers/${encodeURIComponent(sellerId)}/scorecard`),
  });
}

export function useTeamCoaching(manager: string | undefined, enabled: boolean) {
  return useQuery({
    queryKey: [...coachingKey, 'team', manager ?? null],
    queryFn: () => api.get<TeamCoaching>(withQuery('/api/coaching/team', { manager })),
    placeholderData: keepPreviousData,
    enabled,
  });
}

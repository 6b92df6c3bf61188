import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, withQuery } from '../../app/api.ts';
import type { EffectivenessReport, Impact } from '../../../contract/impact.ts';
import { assignmentsKey } from './assignment-queries.ts';
import { coachingKey } from './scorecard-queries.ts';

/** An assignment's impact: its indicator's move against the sellers not coached on it. */
export function useImpact(assignmentId: string) {
  return useQuery({
    queryKey: [...assignmentsKey, 'impact', assignmentId],
    queryFn: () => api.get<Impact>(`/api/coaching/assignments/${encodeURIComponent(assignmentId)}/impact`),
  });
}

/** A manager's coaching effectiveness over a period (the last 90 days without one). */
export function useEffectiveness(manager: string | undefined, period: string | undefined, enabled: boolean) {
  return useQuery({
    queryKey: [...coachingKey, 'effectiveness', manager ?? null, period ?? null],
    queryFn: () => api.get<EffectivenessReport>(withQuery('/api/coaching/effectiveness', { manager, period })),
    placeholderData: keepPreviousData,
    enabled,
  });
}

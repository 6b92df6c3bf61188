import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  AssessmentHistory,
  AssessmentView,
  WhatIfBody,
  whatIfResponseSchema,
} from '../../../contract/assessment.ts';
import type { Opportunity } from '../../../contract/opportunities.ts';
import { api } from '../../app/api.ts';
import { opportunitiesKey } from '../opportunities/queries.ts';

export type { AssessmentHistory, AssessmentView, WhatIfBody };
export type HistoryPoint = AssessmentHistory['points'][number];
export type Contribution = AssessmentView['contributions'][number];
export type ContributionEvidence = Contribution['evidence'][number];
export type DangerZoneView = AssessmentView['dangerZones'][number];
export type ZoneSummaryView = AssessmentView['zoneSummary'];
export type CommitOverrideView = NonNullable<AssessmentView['commitOverride']>;
export type ZoneGroupView = ZoneSummaryView['headline'][number];
export type Recommendation = AssessmentView['recommendations'][number];
export type WhatIfResult = z.infer<typeof whatIfResponseSchema>;
export type WhatIfFact = WhatIfBody['facts'][number];
export type WhatIfItem = WhatIfBody['items'][number];

/** Everything assessed about one opportunity; knowledge writes and saves of the deal invalidate it. */
export const assessmentKey = (opportunityId: string) => ['assessment', opportunityId] as const;

const base = (opportunityId: string) => `/api/opportunities/${encodeURIComponent(opportunityId)}/assessment`;

/**
 * The assessment as of now. Reading it re-assesses the deal on the server, so the figure in the
 * page header (the stored one) follows it rather than showing yesterday's number beside today's.
 */
export function useAssessment(opportunityId: string) {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: assessmentKey(opportunityId),
    queryFn: async () => {
      const assessment = await api.get<AssessmentView>(base(opportunityId));
      const topSeverity = assessment.dangerZones[0]?.severity ?? null;
      queryClient.setQueryData<Opportunity>([...opportunitiesKey, 'detail', opportunityId], (o) =>
        o && o.status === 'open' && (o.winProbability !== assessment.winProbability || o.topSeverity !== topSeverity)
          ? { ...o, winProbability: assessment.winProbability, topSeverity }
          : o,
      );
      return assessment;
    },
  });
}

/**
 * The assessment with hypothetical facts. A POST that writes nothing, so it is read like a query:
 * each combination of toggles is fetched once and kept, and the previous answer stays on screen
 * while the next one loads.
 */
export function useWhatIf(opportunityId: string, body: WhatIfBody | null) {
  return useQuery({
    queryKey: [...assessmentKey(opportunityId), 'what-if', body],
    queryFn: () => api.post<WhatIfResult>(`${base(opportunityId)}/what-if`, body),
    enabled: body !== null,
    placeholderData: keepPreviousData,
    staleTime: 5 * 60_000,
    retry: false,
  });
}

/** Every kept point of the deal's assessment; under the assessment's key, so the same writes refresh it. */
export function useAssessmentHistory(opportunityId: string) {
  return useQuery({
    queryKey: [...assessmentKey(opportunityId), 'history'],
    queryFn: () => api.get<AssessmentHistory>(`${base(opportunityId)}/history`),
  });
}

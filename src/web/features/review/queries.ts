import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, withQuery } from '../../app/api.ts';
import type { MarkTopic, ReviewMark } from '../../../contract/marks.ts';
import type { ReviewChanges, ReviewMeeting } from '../../../contract/review-meetings.ts';
import type { ReviewRank, TopReview } from '../../../contract/reviews.ts';

export type ReviewParams = {
  team?: string | undefined;
  owner?: string | undefined;
  period?: string | undefined;
  rank: ReviewRank;
  limit: number;
};

export const reviewKey = ['review'] as const;

export function useTopReview(params: ReviewParams) {
  return useQuery({
    queryKey: [...reviewKey, 'top', params],
    queryFn: () => api.get<TopReview>(withQuery('/api/reviews/top', params)),
    // the meeting keeps its rows on screen while another scope or period loads
    placeholderData: keepPreviousData,
  });
}

export const reviewCsvUrl = (params: ReviewParams) => withQuery('/api/reviews/top.csv', params);

export const reviewPdfUrl = (params: ReviewParams) => withQuery('/api/reviews/top.pdf', params);

export type ChangesParams = { team?: string | undefined; owner?: string | undefined; period?: string | undefined };

/** What changed since the scope's last review, and the deals marked to discuss. */
export function useReviewChanges(params: ChangesParams) {
  return useQuery({
    queryKey: [...reviewKey, 'changes', params],
    queryFn: () => api.get<ReviewChanges>(withQuery('/api/reviews/changes', params)),
    placeholderData: keepPreviousData,
  });
}

/** Records the review held; everything the review shows reads afresh after. */
export function useRecordReview() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (scope: { team?: string | undefined; owner?: string | undefined }) =>
      api.post<ReviewMeeting>('/api/reviews/meetings', scope),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: reviewKey }),
  });
}

const marksUrl = (opportunityId: string) => `/api/opportunities/${encodeURIComponent(opportunityId)}/marks`;

export function useAddMark(opportunityId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { topic: MarkTopic; note?: string | null }) =>
      api.post<ReviewMark>(marksUrl(opportunityId), body),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: reviewKey }),
  });
}

export function useRemoveMark(opportunityId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (markId: string) => api.delete(`${marksUrl(opportunityId)}/${encodeURIComponent(markId)}`),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: reviewKey }),
  });
}

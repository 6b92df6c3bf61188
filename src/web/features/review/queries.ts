import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, withQuery } from '../../app/api.ts';
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

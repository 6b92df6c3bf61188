import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { aboutResponseSchema } from '../../../contract/health.ts';
import { api } from '../../app/api.ts';

export type About = z.infer<typeof aboutResponseSchema>;

/** What this server is, and whether it holds the demo workspace (public: read before signing in). */
export function useAbout() {
  return useQuery({
    queryKey: ['about'],
    queryFn: () => api.get<About>('/api/about'),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

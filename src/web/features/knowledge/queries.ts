import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api, withQuery } from '../../app/api.ts';
import type {
  factInputSchema,
  itemInputSchema,
  KnowledgeResponse,
  knowledgeHistorySchema,
  knowledgeSchemaResponseSchema,
  logInputSchema,
  verifyBodySchema,
} from '../../../contract/knowledge.ts';
import { assessmentKey } from '../assessment/queries.ts';
import { opportunitiesKey } from '../opportunities/queries.ts';

/** Request bodies as the API accepts them. */
export type ItemBody = z.input<typeof itemInputSchema>;
export type FactBody = z.input<typeof factInputSchema>;
export type LogBody = z.input<typeof logInputSchema>;
export type VerifyBody = z.input<typeof verifyBodySchema>;

export type KnowledgeSchema = z.infer<typeof knowledgeSchemaResponseSchema>;
export type KindDef = KnowledgeSchema['kinds'][number];
export type FieldDef = KindDef['fields'][number];
export type KnowledgeHistoryPage = z.infer<typeof knowledgeHistorySchema>;
export type KnowledgeHistoryEntry = KnowledgeHistoryPage['items'][number];

export const knowledgeKey = (opportunityId: string) => ['knowledge', opportunityId] as const;
const TODAY = 'today';

const base = (opportunityId: string) => `/api/opportunities/${encodeURIComponent(opportunityId)}/knowledge`;

/** What is known about an opportunity today, or as it was known on `asOf`. */
export function useKnowledge(opportunityId: string, asOf: string | null) {
  return useQuery({
    queryKey: [...knowledgeKey(opportunityId), asOf ?? TODAY],
    queryFn: () => api.get<KnowledgeResponse>(withQuery(base(opportunityId), { asOf })),
  });
}

/** The kinds of item, their fields and value types, and the evidence sources: they change only with a release. */
export function useKnowledgeSchema() {
  return useQuery({
    queryKey: ['knowledge-schema'],
    queryFn: () => api.get<KnowledgeSchema>('/api/knowledge/schema'),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

const HISTORY_PAGE = 30;

/** Who learned what, when, newest first, a page at a time. */
export function useKnowledgeHistory(opportunityId: string) {
  return useInfiniteQuery({
    queryKey: ['knowledge-history', opportunityId],
    queryFn: ({ pageParam }) =>
      api.get<KnowledgeHistoryPage>(
        withQuery(`${base(opportunityId)}/history`, { limit: HISTORY_PAGE, offset: pageParam }),
      ),
    initialPageParam: 0,
    getNextPageParam: (last, pages) => {
      const loaded = pages.reduce((n, p) => n + p.items.length, 0);
      return loaded < last.total ? loaded : undefined;
    },
  });
}

/**
 * Every knowledge write answers with the knowledge as it now stands: it replaces today's view at
 * once. Past views, the history, the assessment and the opportunity itself (its version and its
 * win probability moved on, in lists too) are refetched.
 */
function useKnowledgeWrite<I>(opportunityId: string, send: (input: I) => Promise<KnowledgeResponse>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: (knowledge) => {
      queryClient.setQueryData([...knowledgeKey(opportunityId), TODAY], knowledge);
      void queryClient.invalidateQueries({
        queryKey: knowledgeKey(opportunityId),
        predicate: (q) => q.queryKey[2] !== TODAY,
      });
      void queryClient.invalidateQueries({ queryKey: ['knowledge-history', opportunityId] });
      void queryClient.invalidateQueries({ queryKey: assessmentKey(opportunityId) });
      void queryClient.invalidateQueries({
        queryKey: opportunitiesKey,
        predicate: (q) => q.queryKey[1] !== 'detail' || q.queryKey[2] === opportunityId,
      });
    },
  });
}

export function useAddItem(opportunityId: string) {
  return useKnowledgeWrite(opportunityId, (body: ItemBody) =>
    api.post<KnowledgeResponse>(`${base(opportunityId)}/items`, body),
  );
}

export function useRecordFact(opportunityId: string) {
  return useKnowledgeWrite(opportunityId, (body: FactBody) =>
    api.post<KnowledgeResponse>(`${base(opportunityId)}/facts`, body),
  );
}

export function useLogMeeting(opportunityId: string) {
  return useKnowledgeWrite(opportunityId, (body: LogBody) =>
    api.post<KnowledgeResponse>(`${base(opportunityId)}/log`, body),
  );
}

export type RetireTarget = { what: 'items' | 'facts'; id: string; version: number };

export function useRetire(opportunityId: string) {
  return useKnowledgeWrite(opportunityId, ({ what, id, version }: RetireTarget) =>
    api.delete<KnowledgeResponse>(withQuery(`${base(opportunityId)}/${what}/${encodeURIComponent(id)}`, { version })),
  );
}

/** A buyer confirmed a fact again: recorded anew with its evidence, fresh from `verifiedOn`. */
export function useVerifyFact(opportunityId: string) {
  return useKnowledgeWrite(opportunityId, ({ factId, ...body }: VerifyBody & { factId: string }) =>
    api.post<KnowledgeResponse>(`${base(opportunityId)}/facts/${encodeURIComponent(factId)}/verify`, body),
  );
}

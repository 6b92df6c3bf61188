import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api, withQuery } from '../../app/api.ts';
import type {
  CatalogItem,
  catalogItemCreateBodySchema,
  catalogItemUpdateBodySchema,
  CatalogListQuery,
} from '../../../contract/coaching.ts';

export const catalogKey = ['coaching', 'catalog'] as const;

export type CatalogFilter = Partial<CatalogListQuery>;
export type CatalogItemCreate = z.input<typeof catalogItemCreateBodySchema>;
export type CatalogItemUpdate = z.input<typeof catalogItemUpdateBodySchema>;

/** The learning catalog, narrowed by type, root cause and whether archived. */
export function useCatalog(filter: CatalogFilter) {
  return useQuery({
    queryKey: [...catalogKey, filter],
    queryFn: async () => (await api.get<{ items: CatalogItem[] }>(withQuery('/api/coaching/catalog', filter))).items,
    placeholderData: keepPreviousData,
  });
}

export function useCreateCatalogItem() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CatalogItemCreate) => api.post<CatalogItem>('/api/coaching/catalog', input),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: catalogKey }),
  });
}

export function useUpdateCatalogItem() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...input }: CatalogItemUpdate & { id: string }) =>
      api.patch<CatalogItem>(`/api/coaching/catalog/${encodeURIComponent(id)}`, input),
    // a conflict also means our list is out of date
    onSettled: () => void queryClient.invalidateQueries({ queryKey: catalogKey }),
  });
}

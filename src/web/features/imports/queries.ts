import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../app/api.ts';
import type {
  ImportUploaded,
  ImportView,
  importRunBodySchema,
  importTargetsSchema,
} from '../../../contract/imports.ts';

export type ImportTargets = z.infer<typeof importTargetsSchema>;
export type ImportRunBody = z.input<typeof importRunBodySchema>;

export function useImportTargets() {
  return useQuery({ queryKey: ['imports', 'targets'], queryFn: () => api.get<ImportTargets>('/api/imports/targets') });
}

export function useUploadImport() {
  return useMutation({
    mutationFn: (file: File) =>
      api.upload<ImportUploaded>(`/api/imports?fileName=${encodeURIComponent(file.name)}`, file),
  });
}

export function useRunImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: ImportRunBody & { id: string }) =>
      api.post<ImportView>(`/api/imports/${encodeURIComponent(id)}/run`, body),
    // the run has started: polling picks up from this answer (the same import may have been checked before)
    onSuccess: (view) => queryClient.setQueryData(['imports', view.id], view),
  });
}

const RUNNING = new Set(['checking', 'importing']);

/** The import, polled twice a second while it runs. */
export function useImport(id: string | null) {
  return useQuery({
    queryKey: ['imports', id],
    queryFn: () => api.get<ImportView>(`/api/imports/${encodeURIComponent(id!)}`),
    enabled: id !== null,
    refetchInterval: (query) => (query.state.data && RUNNING.has(query.state.data.status) ? 500 : false),
  });
}

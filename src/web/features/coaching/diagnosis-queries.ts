import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api, withQuery } from '../../app/api.ts';
import type {
  Diagnosis,
  diagnosisAnswersBodySchema,
  diagnosisConcludeBodySchema,
  DiagnosisSummary,
  diagnosisStartBodySchema,
} from '../../../contract/diagnoses.ts';

export const diagnosesKey = ['coaching', 'diagnoses'] as const;

export type DiagnosisStartInput = z.input<typeof diagnosisStartBodySchema>;
export type DiagnosisAnswersInput = z.input<typeof diagnosisAnswersBodySchema>;
export type DiagnosisConcludeInput = z.input<typeof diagnosisConcludeBodySchema>;

const path = (id: string) => `/api/coaching/diagnoses/${encodeURIComponent(id)}`;

/** A seller's diagnoses, newest first (a seller reading their own sees the concluded ones). */
export function useDiagnoses(seller: string) {
  return useQuery({
    queryKey: [...diagnosesKey, 'list', seller],
    queryFn: async () =>
      (await api.get<{ items: DiagnosisSummary[] }>(withQuery('/api/coaching/diagnoses', { seller }))).items,
  });
}

export function useDiagnosis(id: string) {
  return useQuery({ queryKey: [...diagnosesKey, 'one', id], queryFn: () => api.get<Diagnosis>(path(id)) });
}

/** Every write answers the diagnosis as it now stands: it replaces the cached one. */
function useDiagnosisWrite<I>(write: (input: I) => Promise<Diagnosis>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: (d) => {
      queryClient.setQueryData([...diagnosesKey, 'one', d.id], d);
      void queryClient.invalidateQueries({ queryKey: [...diagnosesKey, 'list'] });
    },
  });
}

export const useStartDiagnosis = () =>
  useDiagnosisWrite((input: DiagnosisStartInput) => api.post<Diagnosis>('/api/coaching/diagnoses', input));

export const useSaveDiagnosisStep = (id: string) =>
  useDiagnosisWrite((input: DiagnosisAnswersInput) => api.put<Diagnosis>(`${path(id)}/answers`, input));

export const useConcludeDiagnosis = (id: string) =>
  useDiagnosisWrite((input: DiagnosisConcludeInput) => api.post<Diagnosis>(`${path(id)}/conclude`, input));

export const useAbandonDiagnosis = (id: string) =>
  useDiagnosisWrite((input: { version: number }) => api.post<Diagnosis>(`${path(id)}/abandon`, input));

import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { api } from '../../app/api.ts';
import type { Stage } from '../../../contract/stages.ts';

export const stagesKey = ['stages'] as const;

/** The organization's sales stages, in order (switched-off ones included). */
export function useStages() {
  return useQuery({
    queryKey: stagesKey,
    queryFn: async () => (await api.get<{ items: Stage[] }>('/api/stages')).items,
    staleTime: 60_000,
  });
}

export function useStageMap(): Map<string, Stage> {
  const { data } = useStages();
  return useMemo(() => new Map((data ?? []).map((s) => [s.id, s])), [data]);
}

/** Options for a stage picker: active stages, plus the current one even if switched off. */
export function stageOptions(stages: readonly Stage[], keepId?: string | null) {
  return stages
    .filter((s) => s.isActive || s.id === keepId)
    .map((s) => ({ value: s.id, label: s.isActive ? `${s.name} · ${s.probability}%` : `${s.name} (switched off)` }));
}

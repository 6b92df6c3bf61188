import { useQuery } from '@tanstack/react-query';
import { api } from '../../app/api.ts';

export type ExportTable = { name: string; rows: number };

/** The tables of the organization's document with how many rows each holds (administrators). */
export function useExportTables() {
  return useQuery({
    queryKey: ['admin', 'export', 'tables'],
    queryFn: () => api.get<{ items: ExportTable[] }>('/api/export/tables'),
  });
}

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api.ts';
import type { Proposal, ProposalSummary, ProposalTemplate } from '../../../contract/proposals.ts';

export const proposalsKey = ['proposals'] as const;
const dealKey = (opportunityId: string) => [...proposalsKey, 'deal', opportunityId] as const;
const base = (opportunityId: string) => `/api/opportunities/${encodeURIComponent(opportunityId)}/proposals`;

export function useProposals(opportunityId: string) {
  return useQuery({
    queryKey: dealKey(opportunityId),
    queryFn: () => api.get<{ items: ProposalSummary[] }>(base(opportunityId)),
  });
}

export function useProposal(opportunityId: string, id: string | null) {
  return useQuery({
    queryKey: [...dealKey(opportunityId), 'version', id],
    queryFn: () => api.get<Proposal>(`${base(opportunityId)}/${encodeURIComponent(id!)}`),
    enabled: id !== null,
  });
}

/** The customer document of a version, to download. */
export const proposalFileUrl = (opportunityId: string, id: string, format: 'docx' | 'pdf') =>
  `${base(opportunityId)}/${encodeURIComponent(id)}.${format}`;

function useProposalWrite<A>(opportunityId: string, write: (a: A) => Promise<Proposal>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: (p) => queryClient.setQueryData([...dealKey(opportunityId), 'version', p.id], p),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: dealKey(opportunityId) });
      // sending one re-assesses the deal
      void queryClient.invalidateQueries({ queryKey: ['assessment'] });
    },
  });
}

export const useGenerateProposal = (opportunityId: string) =>
  useProposalWrite(opportunityId, () => api.post<Proposal>(base(opportunityId)));

export const useEditProposal = (opportunityId: string) =>
  useProposalWrite(opportunityId, ({ id, text }: { id: string; text: string }) =>
    api.put<Proposal>(`${base(opportunityId)}/${encodeURIComponent(id)}`, { text }),
  );

export const useMarkProposalSent = (opportunityId: string) =>
  useProposalWrite(opportunityId, (id: string) =>
    api.post<Proposal>(`${base(opportunityId)}/${encodeURIComponent(id)}/sent`),
  );

const templateKey = [...proposalsKey, 'template'] as const;

export function useProposalTemplate() {
  return useQuery({ queryKey: templateKey, queryFn: () => api.get<ProposalTemplate>('/api/proposal-template') });
}

export function useSaveProposalTemplate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { text: string; version: number | null }) =>
      api.put<ProposalTemplate>('/api/proposal-template', body),
    onSuccess: (t) => queryClient.setQueryData(templateKey, t),
  });
}

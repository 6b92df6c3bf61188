import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, withQuery } from '../../app/api.ts';
import type { Account } from '../../../contract/accounts.ts';
import type { AccountCreate } from './form-model.ts';
import type { Relationship } from '../../../domain/enums.ts';

export const accountsKey = ['accounts'] as const;

export type AccountListParams = {
  q?: string | undefined;
  owner?: string | undefined;
  relationship?: Relationship | undefined;
  sort: 'name' | '-name' | 'updatedAt' | '-updatedAt';
  limit: number;
  offset: number;
};

export function useAccountList(params: AccountListParams) {
  return useQuery({
    queryKey: [...accountsKey, 'list', params],
    queryFn: () => api.get<{ items: Account[]; total: number }>(withQuery('/api/accounts', params)),
    placeholderData: keepPreviousData,
  });
}

export function useAccount(id: string) {
  return useQuery({
    queryKey: [...accountsKey, 'detail', id],
    queryFn: () => api.get<Account>(`/api/accounts/${encodeURIComponent(id)}`),
  });
}

const notDetail = {
  queryKey: accountsKey,
  predicate: (q: { queryKey: readonly unknown[] }) => q.queryKey[1] !== 'detail',
};

export function useCreateAccount() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: AccountCreate) => api.post<Account>('/api/accounts', input),
    onSuccess: (created) => {
      queryClient.setQueryData([...accountsKey, 'detail', created.id], created);
      void queryClient.invalidateQueries(notDetail);
    },
  });
}

export function useDeleteAccount(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.delete(`/api/accounts/${encodeURIComponent(id)}`),
    onSuccess: () => void queryClient.invalidateQueries(notDetail),
  });
}

export function useRestoreAccount(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<Account>(`/api/accounts/${encodeURIComponent(id)}/restore`),
    onSuccess: (restored) => {
      queryClient.setQueryData([...accountsKey, 'detail', id], restored);
      void queryClient.invalidateQueries(notDetail);
    },
  });
}

/** Accounts matching a search, for pickers (the first 20 by name). */
export function useAccountOptions(q: string) {
  return useQuery({
    queryKey: [...accountsKey, 'options', q],
    queryFn: () =>
      api.get<{ items: Account[]; total: number }>(withQuery('/api/accounts', { q, limit: 20, sort: 'name' })),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}

import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api, withQuery } from '../../app/api.ts';
import type { Contact, contactCreateBodySchema } from '../../../contract/contacts.ts';

export const contactsKey = ['contacts'] as const;

export type ContactCreate = z.input<typeof contactCreateBodySchema>;

export type ContactListParams = {
  q?: string | undefined;
  accountId?: string | undefined;
  sort: 'name' | '-name' | 'updatedAt' | '-updatedAt';
  limit: number;
  offset: number;
};

export function useContactList(params: ContactListParams) {
  return useQuery({
    queryKey: [...contactsKey, 'list', params],
    queryFn: () => api.get<{ items: Contact[]; total: number }>(withQuery('/api/contacts', params)),
    placeholderData: keepPreviousData,
  });
}

export function useContact(id: string) {
  return useQuery({
    queryKey: [...contactsKey, 'detail', id],
    queryFn: () => api.get<Contact>(`/api/contacts/${encodeURIComponent(id)}`),
  });
}

const notDetail = {
  queryKey: contactsKey,
  predicate: (q: { queryKey: readonly unknown[] }) => q.queryKey[1] !== 'detail',
};

export function useCreateContact() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ContactCreate) => api.post<Contact>('/api/contacts', input),
    onSuccess: (created) => {
      queryClient.setQueryData([...contactsKey, 'detail', created.id], created);
      void queryClient.invalidateQueries(notDetail);
    },
  });
}

export function useDeleteContact(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.delete(`/api/contacts/${encodeURIComponent(id)}`),
    onSuccess: () => void queryClient.invalidateQueries(notDetail),
  });
}

export function useRestoreContact(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<Contact>(`/api/contacts/${encodeURIComponent(id)}/restore`),
    onSuccess: (restored) => {
      queryClient.setQueryData([...contactsKey, 'detail', id], restored);
      void queryClient.invalidateQueries(notDetail);
    },
  });
}

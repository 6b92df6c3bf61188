import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../app/api.ts';
import type { ApiToken, OrganizationToken } from '../../../contract/auth.ts';
import type { Stage } from '../../../contract/stages.ts';
import type { reassignBodySchema, User, userCreateBodySchema, userUpdateBodySchema } from '../../../contract/users.ts';
import { stagesKey } from '../stages/queries.ts';
import { usersKey } from '../users/queries.ts';

export type UserCreate = z.input<typeof userCreateBodySchema>;
export type UserUpdate = z.input<typeof userUpdateBodySchema>;
export type Reassign = z.input<typeof reassignBodySchema>;

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: UserCreate) => api.post<User>('/api/users', input),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: usersKey }),
  });
}

export function useUpdateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...input }: UserUpdate & { id: string }) =>
      api.patch<User>(`/api/users/${encodeURIComponent(id)}`, input),
    // a conflict also means our list is out of date
    onSettled: () => void queryClient.invalidateQueries({ queryKey: usersKey }),
    onSuccess: () => {
      // names and managers show up on records and decide what people can see
      void queryClient.invalidateQueries({ queryKey: ['opportunities'] });
      void queryClient.invalidateQueries({ queryKey: ['accounts'] });
    },
  });
}

export function useReassignRecords() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...input }: Reassign & { id: string }) =>
      api.post<{ opportunities: number; accounts: number }>(`/api/users/${encodeURIComponent(id)}/reassign`, input),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['opportunities'] });
      void queryClient.invalidateQueries({ queryKey: ['accounts'] });
    },
  });
}

export function useCreateStage() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { name: string; probability: number }) => api.post<Stage>('/api/stages', input),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: stagesKey }),
  });
}

export function useUpdateStage() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({
      id,
      ...input
    }: {
      id: string;
      name?: string;
      probability?: number;
      isActive?: boolean;
      version: number;
    }) => api.patch<Stage>(`/api/stages/${encodeURIComponent(id)}`, input),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: stagesKey }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['opportunities'] }),
  });
}

export function useReorderStages() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (ids: string[]) => api.put<{ items: Stage[] }>('/api/stages/order', { ids }),
    onMutate: async (ids) => {
      // move the rows at once; the server's answer confirms or restores the order
      await queryClient.cancelQueries({ queryKey: stagesKey });
      const previous = queryClient.getQueryData<Stage[]>(stagesKey);
      if (previous) {
        const byId = new Map(previous.map((s) => [s.id, s]));
        queryClient.setQueryData(
          stagesKey,
          ids.map((id, i) => ({ ...byId.get(id)!, position: i + 1 })),
        );
      }
      return { previous };
    },
    onError: (_error, _ids, context) => {
      if (context?.previous) queryClient.setQueryData(stagesKey, context.previous);
    },
    onSuccess: (result) => queryClient.setQueryData(stagesKey, result.items),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: ['opportunities'] }),
  });
}

export function useDeleteStage() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/api/stages/${encodeURIComponent(id)}`),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: stagesKey }),
  });
}

const userTokensKey = (userId: string) => ['users', 'tokens', userId] as const;

export function useUserTokens(userId: string) {
  return useQuery({
    queryKey: userTokensKey(userId),
    queryFn: async () =>
      (await api.get<{ items: ApiToken[] }>(`/api/users/${encodeURIComponent(userId)}/tokens`)).items,
  });
}

export function useRevokeUserToken(userId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (tokenId: string) =>
      api.delete(`/api/users/${encodeURIComponent(userId)}/tokens/${encodeURIComponent(tokenId)}`),
    // a 404 means someone else revoked it first: the list is out of date either way
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: userTokensKey(userId) });
      void queryClient.invalidateQueries({ queryKey: ['users', 'history', userId] });
      // an administrator may revoke one of their own
      void queryClient.invalidateQueries({ queryKey: ['tokens'] });
    },
  });
}

const organizationTokensKey = ['admin', 'tokens'] as const;

/** Every API token of the organization with its owner. */
export function useOrganizationTokens() {
  return useQuery({
    queryKey: organizationTokensKey,
    queryFn: async () => (await api.get<{ items: OrganizationToken[] }>('/api/admin/tokens')).items,
  });
}

export function useRevokeOrganizationToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (token: OrganizationToken) =>
      api.delete(`/api/users/${encodeURIComponent(token.owner.id)}/tokens/${encodeURIComponent(token.id)}`),
    onSettled: (_data, _error, token) => {
      void queryClient.invalidateQueries({ queryKey: organizationTokensKey });
      void queryClient.invalidateQueries({ queryKey: userTokensKey(token.owner.id) });
      void queryClient.invalidateQueries({ queryKey: ['tokens'] });
    },
  });
}

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api.ts';
import type { SsoSettingsBody, SsoSettingsResult } from '../../../contract/sso.ts';

export const ssoKey = ['admin', 'sso'] as const;

/** The organization's single sign-on provider (administrators), and the redirect address to register there. */
export function useSsoSettings() {
  return useQuery({ queryKey: ssoKey, queryFn: () => api.get<SsoSettingsResult>('/api/admin/sso') });
}

export function useSaveSsoSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SsoSettingsBody) => api.put<Pick<SsoSettingsResult, 'settings'>>('/api/admin/sso', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ssoKey }),
  });
}

export function useRemoveSsoSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.delete('/api/admin/sso'),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ssoKey }),
  });
}

/** Begins a sign-in through the provider of the address's organization: where to send the browser. */
export function useStartSso() {
  return useMutation({
    mutationFn: (body: { email: string; next: string }) =>
      api.post<{ redirectTo: string }>('/api/auth/sso/start', body),
  });
}

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api.ts';
import type { MailSettingsBody, MailSettingsResult, MailTestResult } from '../../../contract/mail.ts';

export const mailKey = ['admin', 'mail'] as const;

/** The organization's SMTP settings (administrators); the password only as set or not. */
export function useMailSettings() {
  return useQuery({ queryKey: mailKey, queryFn: () => api.get<MailSettingsResult>('/api/admin/mail') });
}

export function useSaveMailSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: MailSettingsBody) => api.put<MailSettingsResult>('/api/admin/mail', body),
    onSuccess: (result) => queryClient.setQueryData(mailKey, result),
  });
}

export function useSendTestMail() {
  return useMutation({ mutationFn: () => api.post<MailTestResult>('/api/admin/mail/test') });
}

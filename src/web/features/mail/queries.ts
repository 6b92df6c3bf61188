import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, withQuery } from '../../app/api.ts';
import type {
  MailSettingsBody,
  MailSettingsResult,
  MailTestResult,
  OutboxPage,
  OutboxRetryAllResult,
  OutboxRetryResult,
} from '../../../contract/mail.ts';

export type OutboxListStatus = 'failed' | 'waiting';

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

export const outboxKey = ['admin', 'mail', 'outbox'] as const;

/** The organization's e-mails that failed for good, or wait for their next try, newest first. */
export function useOutbox(status: OutboxListStatus, offset: number, limit: number) {
  return useQuery({
    queryKey: [...outboxKey, status, offset, limit],
    queryFn: () => api.get<OutboxPage>(withQuery('/api/admin/mail/outbox', { status, offset, limit })),
    placeholderData: keepPreviousData,
  });
}

export function useRetryMail() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<OutboxRetryResult>(`/api/admin/mail/outbox/${encodeURIComponent(id)}/retry`),
    onSettled: () => queryClient.invalidateQueries({ queryKey: outboxKey }),
  });
}

export function useRetryAllFailedMail() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<OutboxRetryAllResult>('/api/admin/mail/outbox/retry-failed'),
    onSettled: () => queryClient.invalidateQueries({ queryKey: outboxKey }),
  });
}

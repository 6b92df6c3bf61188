import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, withQuery } from '../../app/api.ts';
import type { InboxMessage, InboxPage } from '../../../contract/inbox.ts';

export const inboxKey = ['inbox'] as const;

/** How often the bell asks for new messages (the reminder pass runs nightly; a minute is plenty). */
const BELL_REFRESH_MS = 60_000;

/** A page of the signed-in person's inbox, newest first. */
export function useInbox(page: { limit: number; offset: number; unreadOnly?: boolean }) {
  return useQuery({
    queryKey: [...inboxKey, page],
    queryFn: () =>
      api.get<InboxPage>(
        withQuery('/api/inbox', { limit: page.limit, offset: page.offset, unread: page.unreadOnly ? 'true' : null }),
      ),
    placeholderData: keepPreviousData,
  });
}

/** The latest messages and the unread count, for the bell in the header. */
export function useInboxBell() {
  return useQuery({
    queryKey: [...inboxKey, 'bell'],
    queryFn: () => api.get<InboxPage>('/api/inbox?limit=5'),
    refetchInterval: BELL_REFRESH_MS,
  });
}

export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<InboxMessage>(`/api/inbox/${encodeURIComponent(id)}/read`),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: inboxKey }),
  });
}

export function useMarkAllRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<{ marked: number; unread: number }>('/api/inbox/read-all'),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: inboxKey }),
  });
}

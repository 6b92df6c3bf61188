import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, withQuery } from '../../app/api.ts';
import type {
  DeliveryStatus,
  WebhookCreate,
  WebhookCreated,
  WebhookDelivery,
  WebhookDeliveryDetail,
  WebhookDeliveryPage,
  WebhookEndpoint,
  WebhookList,
  WebhookSecret,
  WebhookUpdate,
} from '../../../contract/webhooks.ts';

export const webhooksKey = ['admin', 'webhooks'] as const;
const deliveriesKey = (id: string) => [...webhooksKey, id, 'deliveries'] as const;
const path = (id: string) => `/api/webhooks/${encodeURIComponent(id)}`;

/** The organization's endpoints; polled while deliveries wait, so the figures follow the sender. */
export function useWebhooks() {
  return useQuery({
    queryKey: webhooksKey,
    queryFn: () => api.get<WebhookList>('/api/webhooks'),
    refetchInterval: (query) => (query.state.data?.items.some((e) => e.pending > 0) ? 3000 : false),
  });
}

export function useCreateWebhook() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: WebhookCreate) => api.post<WebhookCreated>('/api/webhooks', body),
    onSettled: () => queryClient.invalidateQueries({ queryKey: webhooksKey }),
  });
}

export function useChangeWebhook() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: WebhookUpdate & { id: string }) => api.patch<WebhookEndpoint>(path(id), body),
    onSettled: () => queryClient.invalidateQueries({ queryKey: webhooksKey }),
  });
}

export function useDeleteWebhook() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(path(id)),
    onSettled: () => queryClient.invalidateQueries({ queryKey: webhooksKey }),
  });
}

export function useRotateSecret() {
  return useMutation({ mutationFn: (id: string) => api.post<WebhookSecret>(`${path(id)}/rotate-secret`) });
}

export function useSendTestEvent() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<WebhookDelivery>(`${path(id)}/test`),
    onSettled: () => queryClient.invalidateQueries({ queryKey: webhooksKey }),
  });
}

/** An endpoint's deliveries, newest first; polled every 3 s while one waits for its try. */
export function useDeliveries(id: string, status: DeliveryStatus | null, offset: number, limit: number) {
  return useQuery({
    queryKey: [...deliveriesKey(id), status, offset, limit],
    queryFn: () => api.get<WebhookDeliveryPage>(withQuery(`${path(id)}/deliveries`, { status, offset, limit })),
    placeholderData: keepPreviousData,
    refetchInterval: (query) => (query.state.data?.items.some((d) => d.status === 'pending') ? 3000 : false),
  });
}

export function useDelivery(id: string, deliveryId: string | null) {
  return useQuery({
    queryKey: [...deliveriesKey(id), 'one', deliveryId],
    queryFn: () => api.get<WebhookDeliveryDetail>(`${path(id)}/deliveries/${encodeURIComponent(deliveryId!)}`),
    enabled: deliveryId !== null,
  });
}

export function useReplayDelivery() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, deliveryId }: { id: string; deliveryId: string }) =>
      api.post<WebhookDelivery>(`${path(id)}/deliveries/${encodeURIComponent(deliveryId)}/replay`),
    onSettled: () => queryClient.invalidateQueries({ queryKey: webhooksKey }),
  });
}

import {
  Badge,
  Button,
  Code,
  Group,
  Modal,
  Paper,
  SegmentedControl,
  Skeleton,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconInbox, IconRepeat } from '@tabler/icons-react';
import { useState } from 'react';
import type { DeliveryStatus, WebhookDelivery, WebhookEndpoint } from '../../../contract/webhooks.ts';
import { messageOf } from '../../app/api.ts';
import { formatDateTime } from '../../shared/format.ts';
import { ListFooter } from '../../shared/ListFooter.tsx';
import { StateMessage } from '../../shared/StateMessage.tsx';
import { ErrorState } from '../../shared/states.tsx';
import { useDeliveries, useDelivery, useReplayDelivery } from './queries.ts';

const PAGE_SIZE = 20;

const STATUS_BADGE: Record<DeliveryStatus, { color: string; label: string }> = {
  pending: { color: 'blue', label: 'Waiting' },
  succeeded: { color: 'teal', label: 'Delivered' },
  failed: { color: 'red', label: 'Failed' },
};

/** An endpoint's deliveries, newest first: each one's status, last answer and tries, to open or replay. */
export function DeliveryLog({ endpoint }: { endpoint: WebhookEndpoint }) {
  const [status, setStatus] = useState<DeliveryStatus | 'all'>('all');
  const [offset, setOffset] = useState(0);
  const [open, setOpen] = useState<string | null>(null);
  const deliveries = useDeliveries(endpoint.id, status === 'all' ? null : status, offset, PAGE_SIZE);

  return (
    <Paper p="lg" data-testid="webhook-deliveries">
      <Title order={2} fz="md" mb={4}>
        Deliveries to {endpoint.url}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        A delivery that does not get a 2xx answer is tried again after 5 s, 1 min, 5 min, 30 min, 2 h, 5 h and 10 h
        (twice), then left failed. Replay sends the same message again. Deliveries are kept 30 days after they were
        queued (the newest 100 of each endpoint however old); a delivery still waiting is never removed.
      </Text>
      <SegmentedControl
        mb="md"
        aria-label="Which deliveries"
        value={status}
        onChange={(value) => {
          setStatus(value as DeliveryStatus | 'all');
          setOffset(0);
        }}
        data={[
          { value: 'all', label: 'All' },
          { value: 'pending', label: 'Waiting' },
          { value: 'succeeded', label: 'Delivered' },
          { value: 'failed', label: 'Failed' },
        ]}
      />
      {deliveries.isPending ? (
        <Stack aria-label="Loading the deliveries">
          <Skeleton height={36} />
          <Skeleton height={36} />
        </Stack>
      ) : deliveries.isError ? (
        <ErrorState error={deliveries.error} onRetry={() => void deliveries.refetch()} />
      ) : deliveries.data.items.length === 0 ? (
        <StateMessage
          icon={<IconInbox size={26} />}
          title={status === 'all' ? 'Nothing sent yet' : 'No delivery of this status'}
          description={
            status === 'all'
              ? 'Each event this endpoint listens to appears here as it is sent, with the answer it got. Send a test event to try it.'
              : undefined
          }
          testId="webhook-deliveries-empty"
        />
      ) : (
        <>
          <Table.ScrollContainer minWidth={720}>
            <Table verticalSpacing="xs" aria-label="Deliveries">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Event</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th>Response</Table.Th>
                  <Table.Th>Tries</Table.Th>
                  <Table.Th>Created</Table.Th>
                  <Table.Th>Last try</Table.Th>
                  <Table.Th aria-label="Actions" />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {deliveries.data.items.map((delivery) => (
                  <DeliveryRow
                    key={delivery.id}
                    endpoint={endpoint}
                    delivery={delivery}
                    onOpen={() => setOpen(delivery.id)}
                  />
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <ListFooter
            total={deliveries.data.total}
            offset={offset}
            limit={PAGE_SIZE}
            shown={deliveries.data.items.length}
            noun={['delivery', 'deliveries']}
            onOffset={setOffset}
          />
        </>
      )}
      <DeliveryDetail endpointId={endpoint.id} deliveryId={open} onClose={() => setOpen(null)} />
    </Paper>
  );
}

function DeliveryRow({
  endpoint,
  delivery,
  onOpen,
}: {
  endpoint: WebhookEndpoint;
  delivery: WebhookDelivery;
  onOpen(): void;
}) {
  const replay = useReplayDelivery();
  const badge = STATUS_BADGE[delivery.status];
  return (
    <Table.Tr data-testid="webhook-delivery-row">
      <Table.Td>
        <Code>{delivery.eventType}</Code>
      </Table.Td>
      <Table.Td>
        <Badge color={badge.color} variant="light">
          {badge.label}
        </Badge>
        {delivery.status === 'pending' && delivery.nextAttemptAt && delivery.attempts > 0 ? (
          <Text size="xs" c="dimmed">
            next try {formatDateTime(delivery.nextAttemptAt)}
          </Text>
        ) : null}
      </Table.Td>
      <Table.Td>
        <Text size="sm" className="tabular" data-testid="webhook-delivery-code">
          {delivery.lastStatusCode ?? (delivery.lastError ? 'no answer' : '—')}
        </Text>
      </Table.Td>
      <Table.Td className="tabular">{delivery.attempts}</Table.Td>
      <Table.Td>
        <Text size="sm" className="tabular">
          {formatDateTime(delivery.createdAt)}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm" className="tabular">
          {delivery.lastAttemptAt ? formatDateTime(delivery.lastAttemptAt) : '—'}
        </Text>
      </Table.Td>
      <Table.Td>
        <Group gap="xs" justify="flex-end" wrap="nowrap">
          <Button size="xs" variant="subtle" onClick={onOpen}>
            Details
          </Button>
          <Button
            size="xs"
            variant="default"
            leftSection={<IconRepeat size={14} />}
            loading={replay.isPending}
            disabled={!endpoint.isEnabled}
            title={endpoint.isEnabled ? 'Send the same message again' : 'Turn the endpoint on to replay'}
            onClick={() =>
              replay.mutate(
                { id: endpoint.id, deliveryId: delivery.id },
                {
                  onSuccess: () =>
                    notifications.show({
                      color: 'teal',
                      title: 'Replay queued',
                      message: `The ${delivery.eventType} message goes out again within seconds.`,
                    }),
                  onError: (error) =>
                    notifications.show({ color: 'red', title: 'Not replayed', message: messageOf(error) }),
                },
              )
            }
          >
            Replay
          </Button>
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}

function DeliveryDetail({
  endpointId,
  deliveryId,
  onClose,
}: {
  endpointId: string;
  deliveryId: string | null;
  onClose(): void;
}) {
  const detail = useDelivery(endpointId, deliveryId);
  return (
    <Modal opened={deliveryId !== null} onClose={onClose} title="Delivery" size="lg">
      {detail.isPending ? (
        <Skeleton height={120} aria-label="Loading the delivery" />
      ) : detail.isError ? (
        <ErrorState error={detail.error} onRetry={() => void detail.refetch()} />
      ) : (
        <Stack gap="sm">
          <Text size="sm">
            Message <Code>{detail.data.messageId}</Code> ({detail.data.eventType})
          </Text>
          <Code block style={{ maxHeight: 200, overflow: 'auto' }}>
            {JSON.stringify(JSON.parse(detail.data.payload), null, 2)}
          </Code>
          <Title order={3} fz="sm">
            Tries
          </Title>
          {detail.data.attemptLog.length === 0 ? (
            <Text size="sm" c="dimmed">
              Not tried yet.
            </Text>
          ) : (
            detail.data.attemptLog.map((attempt) => (
              <Paper key={attempt.at} withBorder p="xs">
                <Group gap="md">
                  <Text size="sm" className="tabular">
                    {formatDateTime(attempt.at)}
                  </Text>
                  <Badge color={attempt.statusCode && attempt.statusCode < 300 ? 'teal' : 'red'} variant="light">
                    {attempt.statusCode ?? 'no answer'}
                  </Badge>
                  <Text size="sm" c="dimmed" className="tabular">
                    {attempt.durationMs} ms
                  </Text>
                </Group>
                {attempt.error ? (
                  <Text size="sm" c="red">
                    {attempt.error}
                  </Text>
                ) : null}
                {attempt.responseBody ? (
                  <Code block mt={4} style={{ maxHeight: 120, overflow: 'auto' }}>
                    {attempt.responseBody}
                  </Code>
                ) : null}
              </Paper>
            ))
          )}
        </Stack>
      )}
    </Modal>
  );
}

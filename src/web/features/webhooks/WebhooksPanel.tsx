import { ActionIcon, Badge, Button, Group, Menu, Paper, Stack, Switch, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDots, IconKey, IconPlus, IconSend, IconTrash, IconWebhook } from '@tabler/icons-react';
import { useState } from 'react';
import type { WebhookEndpoint } from '../../../contract/webhooks.ts';
import { messageOf } from '../../app/api.ts';
import { ConfirmDialog } from '../../shared/ConfirmDialog.tsx';
import { formatDateTime } from '../../shared/format.ts';
import { StateMessage } from '../../shared/StateMessage.tsx';
import { ErrorState, TableSkeletonRows } from '../../shared/states.tsx';
import { DeliveryLog } from './DeliveryLog.tsx';
import { SecretNotice } from './SecretNotice.tsx';
import { WebhookForm } from './WebhookForm.tsx';
import { useChangeWebhook, useDeleteWebhook, useRotateSecret, useSendTestEvent, useWebhooks } from './queries.ts';

type ShownSecret = { url: string; secret: string };

/** Administrators: the organization's webhook endpoints, adding one, and each one's delivery log. */
export function WebhooksPanel() {
  const webhooks = useWebhooks();
  const [adding, setAdding] = useState(false);
  const [secret, setSecret] = useState<ShownSecret | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<WebhookEndpoint | null>(null);
  const remove = useDeleteWebhook();
  const items = webhooks.data?.items ?? [];
  const shown = items.find((e) => e.id === selected) ?? null;

  return (
    <Stack gap="md" data-testid="admin-webhooks">
      <Group justify="space-between" align="flex-start">
        <Text size="sm" c="dimmed" maw={720}>
          Webhooks tell your other systems what changes here: each event is sent as a signed POST (Standard Webhooks:
          the <code>webhook-id</code>, <code>webhook-timestamp</code> and <code>webhook-signature</code> headers) and
          tried again until the endpoint answers 2xx.
        </Text>
        {!adding ? (
          <Button leftSection={<IconPlus size={16} />} onClick={() => setAdding(true)}>
            Add endpoint
          </Button>
        ) : null}
      </Group>
      {secret ? <SecretNotice url={secret.url} secret={secret.secret} onDone={() => setSecret(null)} /> : null}
      {adding ? (
        <WebhookForm
          onCancel={() => setAdding(false)}
          onCreated={(created) => {
            setAdding(false);
            setSecret({ url: created.endpoint.url, secret: created.secret });
            setSelected(created.id);
          }}
        />
      ) : null}
      <Paper p={0} style={{ overflow: 'hidden' }}>
        {webhooks.isError ? (
          <ErrorState
            error={webhooks.error}
            onRetry={() => void webhooks.refetch()}
            title="The endpoints could not be loaded"
          />
        ) : webhooks.data && items.length === 0 ? (
          <StateMessage
            icon={<IconWebhook size={24} />}
            title="No webhook endpoints yet"
            description="Add one to have a system of yours told when opportunities are created, changed or closed, when an assessment changes, and when a danger zone is raised or resolved."
            testId="admin-webhooks-empty"
          />
        ) : (
          <Table.ScrollContainer minWidth={760}>
            <Table verticalSpacing="sm" aria-label="Webhook endpoints" data-testid="admin-webhooks-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Endpoint</Table.Th>
                  <Table.Th>Events</Table.Th>
                  <Table.Th>On</Table.Th>
                  <Table.Th>Waiting / failed</Table.Th>
                  <Table.Th>Last event</Table.Th>
                  <Table.Th aria-label="Actions" />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {webhooks.isPending ? (
                  <TableSkeletonRows columns={6} rows={2} />
                ) : (
                  items.map((endpoint) => (
                    <EndpointRow
                      key={endpoint.id}
                      endpoint={endpoint}
                      isSelected={endpoint.id === selected}
                      onSelect={() => setSelected(endpoint.id === selected ? null : endpoint.id)}
                      onSecret={setSecret}
                      onDelete={() => setDeleting(endpoint)}
                    />
                  ))
                )}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
      {shown ? <DeliveryLog key={shown.id} endpoint={shown} /> : null}
      <ConfirmDialog
        opened={deleting !== null}
        title={deleting ? `Delete the endpoint ${deleting.url}?` : ''}
        message="It receives nothing more, and its delivery log is deleted with it."
        confirmLabel="Delete endpoint"
        onConfirm={async () => {
          const endpoint = deleting!;
          await remove.mutateAsync(endpoint.id);
          if (selected === endpoint.id) setSelected(null);
          notifications.show({ color: 'gray', title: 'Endpoint deleted', message: endpoint.url });
        }}
        onClose={() => setDeleting(null)}
      />
    </Stack>
  );
}

function EndpointRow({
  endpoint,
  isSelected,
  onSelect,
  onSecret,
  onDelete,
}: {
  endpoint: WebhookEndpoint;
  isSelected: boolean;
  onSelect(): void;
  onSecret(secret: ShownSecret): void;
  onDelete(): void;
}) {
  const change = useChangeWebhook();
  const test = useSendTestEvent();
  const rotate = useRotateSecret();
  const failed = (title: string) => (error: unknown) =>
    notifications.show({ color: 'red', title, message: messageOf(error) });

  return (
    <Table.Tr data-testid="webhook-row" bg={isSelected ? 'var(--mantine-color-blue-light)' : undefined}>
      <Table.Td maw={320}>
        <Text size="sm" fw={500} style={{ wordBreak: 'break-all' }}>
          {endpoint.url}
        </Text>
        {endpoint.description ? (
          <Text size="xs" c="dimmed">
            {endpoint.description}
          </Text>
        ) : null}
        {endpoint.disabledReason ? (
          <Text size="xs" c="red">
            {endpoint.disabledReason}
          </Text>
        ) : null}
      </Table.Td>
      <Table.Td>
        <Group gap={4}>
          {endpoint.events.map((e) => (
            <Badge key={e} variant="light" color="gray" size="sm" tt="none">
              {e}
            </Badge>
          ))}
        </Group>
      </Table.Td>
      <Table.Td>
        <Switch
          aria-label={`Endpoint ${endpoint.url} on`}
          checked={endpoint.isEnabled}
          disabled={change.isPending}
          onChange={(e) =>
            change.mutate({ id: endpoint.id, isEnabled: e.currentTarget.checked }, { onError: failed('Not changed') })
          }
        />
      </Table.Td>
      <Table.Td>
        <Text size="sm" className="tabular" c={endpoint.failed > 0 ? 'red' : undefined}>
          {endpoint.pending} / {endpoint.failed}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm" className="tabular">
          {endpoint.lastDeliveryAt ? formatDateTime(endpoint.lastDeliveryAt) : 'never'}
        </Text>
      </Table.Td>
      <Table.Td>
        <Group gap="xs" justify="flex-end" wrap="nowrap">
          <Button size="xs" variant={isSelected ? 'filled' : 'default'} onClick={onSelect} aria-pressed={isSelected}>
            Deliveries
          </Button>
          <Button
            size="xs"
            variant="default"
            leftSection={<IconSend size={14} />}
            loading={test.isPending}
            disabled={!endpoint.isEnabled}
            onClick={() =>
              test.mutate(endpoint.id, {
                onSuccess: () => {
                  if (!isSelected) onSelect();
                  notifications.show({
                    color: 'teal',
                    title: 'Test event queued',
                    message: 'It goes out within seconds; the delivery log shows the answer.',
                  });
                },
                onError: failed('No test event sent'),
              })
            }
          >
            Send test event
          </Button>
          <Menu position="bottom-end" withinPortal>
            <Menu.Target>
              <ActionIcon variant="subtle" color="gray" aria-label={`More for ${endpoint.url}`}>
                <IconDots size={16} />
              </ActionIcon>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Item
                leftSection={<IconKey size={14} />}
                onClick={() =>
                  rotate.mutate(endpoint.id, {
                    onSuccess: ({ secret }) => onSecret({ url: endpoint.url, secret }),
                    onError: failed('Secret not rotated'),
                  })
                }
              >
                Rotate secret
              </Menu.Item>
              <Menu.Item color="red" leftSection={<IconTrash size={14} />} onClick={onDelete}>
                Delete
              </Menu.Item>
            </Menu.Dropdown>
          </Menu>
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}

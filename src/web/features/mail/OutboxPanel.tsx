import {
  Alert,
  Badge,
  Button,
  Group,
  Paper,
  SegmentedControl,
  Skeleton,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconMailCheck, IconRefresh } from '@tabler/icons-react';
import { useState } from 'react';
import type { OutboxMail } from '../../../contract/mail.ts';
import { messageOf } from '../../app/api.ts';
import { formatDateTime } from '../../shared/format.ts';
import { ListFooter } from '../../shared/ListFooter.tsx';
import { StateMessage } from '../../shared/StateMessage.tsx';
import { ErrorState } from '../../shared/states.tsx';
import { useOutbox, useRetryAllFailedMail, useRetryMail, type OutboxListStatus } from './queries.ts';

const PAGE_SIZE = 20;

const EMPTY: Record<OutboxListStatus, { title: string; description: string }> = {
  failed: {
    title: 'No e-mail has failed',
    description:
      'An e-mail the server still refuses after six tries (about nine hours) appears here, with what the server said, to send again.',
  },
  waiting: {
    title: 'No e-mail is waiting',
    description: 'E-mails the server refused once wait here for their next try, which happens by itself.',
  },
};

/** Administrators: the organization's e-mails that did not go out, with the error, and "Send again". */
export function OutboxPanel() {
  const [status, setStatus] = useState<OutboxListStatus>('failed');
  const [offset, setOffset] = useState(0);
  const outbox = useOutbox(status, offset, PAGE_SIZE);
  const retryAll = useRetryAllFailedMail();
  const failed = outbox.data?.failed ?? 0;

  const sendAllAgain = () =>
    retryAll.mutate(undefined, {
      onSuccess: ({ requeued }) =>
        notifications.show({
          color: 'teal',
          title: requeued === 1 ? '1 e-mail queued again' : `${requeued} e-mails queued again`,
          message: 'They go out within a minute; any that fail again show here once their tries are used up.',
        }),
      onError: (error) => notifications.show({ color: 'red', title: 'Not queued', message: messageOf(error) }),
    });

  return (
    <Paper p="lg">
      <Group justify="space-between" align="flex-start" mb="sm">
        <div>
          <Title order={2} fz="md" mb={4}>
            E-mails not delivered
          </Title>
          <Text size="sm" c="dimmed">
            What the mail server refused or never answered. Fix the settings above if needed, then send them again.
          </Text>
        </div>
        <Button
          variant="default"
          leftSection={<IconRefresh size={16} />}
          disabled={failed === 0}
          loading={retryAll.isPending}
          onClick={sendAllAgain}
        >
          Send again all failed
        </Button>
      </Group>
      <SegmentedControl
        mb="md"
        aria-label="Which e-mails"
        value={status}
        onChange={(value) => {
          setStatus(value as OutboxListStatus);
          setOffset(0);
        }}
        data={[
          { value: 'failed', label: `Failed${outbox.data ? ` (${failed})` : ''}` },
          { value: 'waiting', label: 'Waiting to be tried again' },
        ]}
      />
      {outbox.isPending ? (
        <Stack aria-label="Loading the e-mails not delivered">
          <Skeleton height={40} />
          <Skeleton height={40} />
        </Stack>
      ) : outbox.isError ? (
        <ErrorState error={outbox.error} onRetry={() => void outbox.refetch()} />
      ) : outbox.data.items.length === 0 ? (
        <StateMessage
          icon={<IconMailCheck size={26} />}
          title={EMPTY[status].title}
          description={EMPTY[status].description}
          testId={`outbox-empty-${status}`}
        />
      ) : (
        <>
          <Table.ScrollContainer minWidth={720}>
            <Table verticalSpacing="sm" aria-label={status === 'failed' ? 'Failed e-mails' : 'E-mails waiting'}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>To</Table.Th>
                  <Table.Th>Subject</Table.Th>
                  <Table.Th>Queued</Table.Th>
                  <Table.Th>Tries</Table.Th>
                  <Table.Th>Last error</Table.Th>
                  <Table.Th aria-label="Action" />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {outbox.data.items.map((mail) => (
                  <OutboxRow key={mail.id} mail={mail} />
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <ListFooter
            total={outbox.data.total}
            offset={offset}
            limit={PAGE_SIZE}
            shown={outbox.data.items.length}
            noun={['e-mail', 'e-mails']}
            onOffset={setOffset}
          />
        </>
      )}
    </Paper>
  );
}

function OutboxRow({ mail }: { mail: OutboxMail }) {
  const retry = useRetryMail();
  const sendAgain = () =>
    retry.mutate(mail.id, {
      onSuccess: (result) =>
        notifications.show({
          color: 'teal',
          title: result.requeued ? 'Queued again' : 'Already on its way',
          message: result.requeued
            ? `The e-mail to ${mail.toAddress} goes out within a minute.`
            : `The e-mail to ${mail.toAddress} was already ${result.mail.status === 'sent' ? 'sent' : 'queued again'}.`,
        }),
    });
  return (
    <Table.Tr data-testid="outbox-row">
      <Table.Td>
        <Text size="sm">{mail.toAddress}</Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm" fw={500}>
          {mail.subject}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm" className="tabular">
          {formatDateTime(mail.createdAt)}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm" className="tabular">
          {mail.attempts}
        </Text>
      </Table.Td>
      <Table.Td maw={360}>
        <Text size="sm" c="red.8" style={{ wordBreak: 'break-word' }}>
          {mail.lastError ?? '—'}
        </Text>
        {mail.status === 'waiting' && mail.nextAttemptAt ? (
          <Text size="xs" c="dimmed">
            Next try {formatDateTime(mail.nextAttemptAt)}
          </Text>
        ) : null}
        {retry.isError ? (
          <Alert color="red" icon={<IconAlertTriangle size={16} />} mt={4} p="xs" role="alert">
            {messageOf(retry.error)}
          </Alert>
        ) : null}
      </Table.Td>
      <Table.Td>
        {mail.status === 'failed' ? (
          <Button size="xs" variant="default" loading={retry.isPending} onClick={sendAgain}>
            Send again
          </Button>
        ) : (
          <Badge variant="light" color="gray">
            Tried again by itself
          </Badge>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

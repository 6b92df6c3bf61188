import { Button, Group, Paper, SegmentedControl, Skeleton, Stack, Text } from '@mantine/core';
import { IconInbox } from '@tabler/icons-react';
import { useState } from 'react';
import { PageHeader } from '../../shared/PageHeader.tsx';
import { StateMessage } from '../../shared/StateMessage.tsx';
import { ErrorState } from '../../shared/states.tsx';
import { InboxMessageItem } from './InboxMessageItem.tsx';
import { useInbox, useMarkAllRead } from './queries.ts';

const PAGE_SIZE = 20;

/** Everything the person signed in was told: reminders of agreed actions, newest first. */
export function InboxPage() {
  const [show, setShow] = useState<'all' | 'unread'>('all');
  const [offset, setOffset] = useState(0);
  const inbox = useInbox({ limit: PAGE_SIZE, offset, unreadOnly: show === 'unread' });
  const markAll = useMarkAllRead();
  const unread = inbox.data?.unread ?? 0;
  const total = inbox.data?.total ?? 0;

  return (
    <>
      <PageHeader
        title="Inbox"
        description="Reminders of what you agreed to do and what your team has left overdue. Each is sent once, here and by e-mail when your organization has set up mail."
        actions={
          <Button
            variant="default"
            disabled={unread === 0}
            loading={markAll.isPending}
            onClick={() => markAll.mutate()}
          >
            Mark all read
          </Button>
        }
      />
      <Group justify="space-between" mb="md">
        <SegmentedControl
          aria-label="Which messages"
          value={show}
          onChange={(value) => {
            setShow(value as 'all' | 'unread');
            setOffset(0);
          }}
          data={[
            { value: 'all', label: 'All' },
            { value: 'unread', label: `Unread${inbox.data ? ` (${unread})` : ''}` },
          ]}
        />
      </Group>
      <Paper>
        {inbox.isPending ? (
          <Stack p="md" aria-label="Loading the inbox">
            <Skeleton height={56} />
            <Skeleton height={56} />
            <Skeleton height={56} />
          </Stack>
        ) : inbox.isError ? (
          <ErrorState error={inbox.error} onRetry={() => void inbox.refetch()} />
        ) : inbox.data.items.length === 0 ? (
          <StateMessage
            icon={<IconInbox size={26} />}
            title={show === 'unread' ? 'You have read everything' : 'Your inbox is empty'}
            description="When an action agreed with you is due tomorrow or overdue, or one you agreed with your team is three days late, a reminder appears here."
            testId="inbox-empty"
          />
        ) : (
          <Stack gap={0}>
            {inbox.data.items.map((message) => (
              <div
                key={message.id}
                style={{
                  padding: '14px 18px',
                  borderBottom: '1px solid var(--mantine-color-gray-2)',
                  background: message.readAt === null ? 'var(--mantine-color-brand-0)' : undefined,
                }}
              >
                <InboxMessageItem message={message} />
              </div>
            ))}
          </Stack>
        )}
      </Paper>
      {total > PAGE_SIZE ? (
        <Group justify="space-between" mt="md">
          <Text size="sm" c="dimmed">
            {offset + 1}–{Math.min(offset + PAGE_SIZE, total)} of {total}
          </Text>
          <Group gap="xs">
            <Button
              variant="default"
              disabled={offset === 0}
              onClick={() => setOffset(Math.max(0, offset - PAGE_SIZE))}
            >
              Newer
            </Button>
            <Button
              variant="default"
              disabled={offset + PAGE_SIZE >= total}
              onClick={() => setOffset(offset + PAGE_SIZE)}
            >
              Older
            </Button>
          </Group>
        </Group>
      ) : null}
    </>
  );
}

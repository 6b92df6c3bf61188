import { ActionIcon, Anchor, Button, Divider, Group, Indicator, Popover, ScrollArea, Stack, Text } from '@mantine/core';
import { IconBell } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router';
import { InboxMessageItem } from './InboxMessageItem.tsx';
import { useInboxBell, useMarkAllRead } from './queries.ts';

/** The bell in the header: the unread count, and the latest messages a click (or Enter) away. */
export function InboxBell() {
  const bell = useInboxBell();
  const markAll = useMarkAllRead();
  const [opened, setOpened] = useState(false);
  const unread = bell.data?.unread ?? 0;
  const label =
    unread === 0 ? 'Inbox: no unread messages' : `Inbox: ${unread} unread message${unread === 1 ? '' : 's'}`;
  const items = bell.data?.items ?? [];
  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-end" width={380} shadow="md" trapFocus returnFocus>
      <Popover.Target>
        <Indicator
          label={unread > 99 ? '99+' : unread}
          disabled={unread === 0}
          size={18}
          offset={5}
          color="red"
          data-testid="inbox-unread"
        >
          <ActionIcon
            variant="subtle"
            color="gray"
            size="lg"
            radius="xl"
            aria-label={label}
            aria-haspopup="dialog"
            aria-expanded={opened}
            onClick={() => setOpened((o) => !o)}
            data-testid="inbox-bell"
          >
            <IconBell size={21} stroke={1.6} />
          </ActionIcon>
        </Indicator>
      </Popover.Target>
      <Popover.Dropdown p={0} role="dialog" aria-label="Inbox">
        <Group justify="space-between" px="md" py="sm">
          <Text fw={600} size="sm">
            Inbox
          </Text>
          <Button
            size="compact-xs"
            variant="subtle"
            disabled={unread === 0}
            loading={markAll.isPending}
            onClick={() => markAll.mutate()}
          >
            Mark all read
          </Button>
        </Group>
        <Divider />
        {items.length === 0 ? (
          <Text size="sm" c="dimmed" px="md" py="lg" ta="center">
            {bell.isError
              ? 'The inbox could not be loaded.'
              : 'Nothing here: reminders of what is due will appear here.'}
          </Text>
        ) : (
          <ScrollArea.Autosize mah={380}>
            <Stack gap={0}>
              {items.map((message) => (
                <div
                  key={message.id}
                  style={{
                    padding: '10px 16px',
                    borderBottom: '1px solid var(--mantine-color-gray-2)',
                    background: message.readAt === null ? 'var(--mantine-color-brand-0)' : undefined,
                  }}
                >
                  <InboxMessageItem message={message} compact onOpen={() => setOpened(false)} />
                </div>
              ))}
            </Stack>
          </ScrollArea.Autosize>
        )}
        <Group justify="center" py="xs">
          <Anchor component={Link} to="/inbox" size="sm" onClick={() => setOpened(false)}>
            Open the inbox
          </Anchor>
        </Group>
      </Popover.Dropdown>
    </Popover>
  );
}

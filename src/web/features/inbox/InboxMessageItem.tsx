import { Anchor, Badge, Button, Group, Stack, Text, UnstyledButton } from '@mantine/core';
import { Link } from 'react-router';
import type { InboxMessage } from '../../../contract/inbox.ts';
import { formatDateTime, formatRelative } from '../../shared/format.ts';
import { useMarkRead } from './queries.ts';

const KIND_LABELS: Record<InboxMessage['kind'], string> = {
  'action-due': 'Due tomorrow',
  'action-overdue': 'Overdue',
  'team-action-overdue': 'Team follow-up',
  'assignment-assigned': 'New learning',
  'assignment-completed': 'Learning completed',
  'assignment-applied': 'Learning applied',
  'assignment-due': 'Learning due tomorrow',
  'assignment-overdue': 'Learning overdue',
  'team-assignment-overdue': 'Team learning late',
  'person-joined': 'New colleague',
  'webhook-disabled': 'Webhook turned off',
  'hand-over': 'Deal handed to you',
};

/**
 * One message: its subject opens the page it links to (and marks it read on the way); the body
 * below; unread ones stand out and offer "Mark read".
 */
export function InboxMessageItem({
  message,
  compact = false,
  onOpen,
}: {
  message: InboxMessage;
  compact?: boolean;
  /** after the link is followed (the popover closes) */
  onOpen?: () => void;
}) {
  const markRead = useMarkRead();
  const isUnread = message.readAt === null;
  const open = () => {
    if (isUnread) markRead.mutate(message.id);
    onOpen?.();
  };
  const subject = (
    <Text size="sm" fw={isUnread ? 700 : 500} lineClamp={compact ? 2 : undefined} component="span">
      {message.subject}
    </Text>
  );
  return (
    <Stack gap={4} data-testid="inbox-message" data-unread={isUnread ? 'true' : 'false'}>
      <Group gap="xs" wrap="nowrap" justify="space-between" align="flex-start">
        {message.link ? (
          <Anchor component={Link} to={message.link} onClick={open} c="inherit" underline="hover">
            {subject}
          </Anchor>
        ) : (
          subject
        )}
        {isUnread ? (
          <Badge size="xs" color="red" variant="filled" style={{ flexShrink: 0 }}>
            New
          </Badge>
        ) : null}
      </Group>
      {compact ? null : (
        <Text size="sm" c="dimmed">
          {message.body}
        </Text>
      )}
      <Group gap="xs" justify="space-between">
        <Text size="xs" c="dimmed" title={formatDateTime(message.createdAt)}>
          {KIND_LABELS[message.kind]} · {formatRelative(message.createdAt)}
        </Text>
        {isUnread ? (
          compact ? (
            <UnstyledButton
              onClick={() => markRead.mutate(message.id)}
              fz="xs"
              c="brand"
              aria-label={`Mark read: ${message.subject}`}
            >
              Mark read
            </UnstyledButton>
          ) : (
            <Button
              size="compact-xs"
              variant="subtle"
              onClick={() => markRead.mutate(message.id)}
              loading={markRead.isPending}
              aria-label={`Mark read: ${message.subject}`}
            >
              Mark read
            </Button>
          )
        ) : null}
      </Group>
    </Stack>
  );
}

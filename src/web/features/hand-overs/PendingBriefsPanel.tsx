import { Anchor, Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconTransfer } from '@tabler/icons-react';
import { Link } from 'react-router';
import { formatDate } from '../../shared/format.ts';
import { useMyPendingBriefs } from './queries.ts';

/**
 * On the home page of whoever received deals: the hand-over briefs still to read and acknowledge,
 * newest first, each opening its deal at the brief. Nothing shows when none waits.
 */
export function PendingBriefsPanel() {
  const items = useMyPendingBriefs().data?.items;
  if (!items || items.length === 0) return null;
  return (
    <Paper p={{ base: 'md', sm: 'lg' }} data-testid="home-hand-overs" withBorder>
      <Group gap="xs" mb="sm">
        <IconTransfer size={18} aria-hidden />
        <Title order={2} size="h4">
          Deals handed to you
        </Title>
        <Badge color="orange" variant="light">
          {items.length} to acknowledge
        </Badge>
      </Group>
      <Stack gap={6}>
        {items.slice(0, 10).map((h) => (
          <Group key={h.id} gap={8} wrap="nowrap" justify="space-between">
            <Text size="sm" style={{ minWidth: 0 }}>
              <Anchor component={Link} to={`/opportunities/${h.opportunityId}#hand-over`} size="sm">
                {h.opportunityName}
              </Anchor>{' '}
              <Text span size="xs" c="dimmed">
                {h.accountName} · from {h.fromName}
              </Text>
            </Text>
            <Text size="xs" c="dimmed" style={{ flexShrink: 0 }}>
              {formatDate(h.at.slice(0, 10))}
            </Text>
          </Group>
        ))}
        {items.length > 10 ? (
          <Text size="xs" c="dimmed">
            and {items.length - 10} more in your inbox
          </Text>
        ) : null}
      </Stack>
    </Paper>
  );
}

import { Anchor, Group } from '@mantine/core';
import { IconChevronLeft } from '@tabler/icons-react';
import { Link } from 'react-router';

/** "‹ Opportunities": the way back to the list a record came from. */
export function BackLink({ to, label }: { to: string; label: string }) {
  return (
    <Anchor component={Link} to={to} size="sm" c="dimmed" underline="hover">
      <Group gap={2} component="span">
        <IconChevronLeft size={14} stroke={2} />
        {label}
      </Group>
    </Anchor>
  );
}

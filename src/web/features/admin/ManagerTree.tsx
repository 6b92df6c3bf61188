import { Badge, Box, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { User } from '../../../contract/users.ts';
import { ROLE_COLORS, ROLE_LABELS } from '../../shared/labels.ts';
import { buildHierarchy, type TreeNode } from './people.ts';

/** Who reports to whom, drawn as an indented tree. */
export function ManagerTree({ users }: { users: readonly User[] }) {
  const roots = buildHierarchy(users);
  return (
    <Paper p="lg">
      <Title order={2} fz="md" mb={4}>
        Reporting lines
      </Title>
      <Text size="xs" c="dimmed" mb="md">
        Managers see the deals of everyone below them.
      </Text>
      <Box component="ul" aria-label="Reporting lines" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
        {roots.map((node) => (
          <Branch key={node.user.id} node={node} />
        ))}
      </Box>
    </Paper>
  );
}

function Branch({ node }: { node: TreeNode }) {
  const { user, reports } = node;
  return (
    <Box component="li">
      <Group gap={8} wrap="nowrap" py={4} opacity={user.isActive ? 1 : 0.55}>
        <Text size="sm" fw={user.role === 'seller' ? 400 : 600} truncate>
          {user.name}
        </Text>
        {user.role !== 'seller' ? (
          <Badge size="xs" color={ROLE_COLORS[user.role]}>
            {ROLE_LABELS[user.role]}
          </Badge>
        ) : null}
        {!user.isActive ? (
          <Badge size="xs" color="gray" variant="outline">
            Deactivated
          </Badge>
        ) : null}
        {reports.length > 0 ? (
          <Text size="xs" c="dimmed">
            {reports.length} {reports.length === 1 ? 'report' : 'reports'}
          </Text>
        ) : null}
      </Group>
      {reports.length > 0 ? (
        <Stack
          component="ul"
          gap={0}
          style={{
            listStyle: 'none',
            margin: 0,
            paddingLeft: 14,
            marginLeft: 6,
            borderLeft: '1px solid var(--mantine-color-gray-3)',
          }}
        >
          {reports.map((child) => (
            <Branch key={child.user.id} node={child} />
          ))}
        </Stack>
      ) : null}
    </Box>
  );
}

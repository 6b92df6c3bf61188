import { ActionIcon, Badge, Group, Menu, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import {
  IconApi,
  IconArrowsExchange,
  IconDots,
  IconHistory,
  IconKey,
  IconPencil,
  IconTransfer,
  IconUserCheck,
  IconUserOff,
} from '@tabler/icons-react';
import type { User } from '../../../contract/users.ts';
import { RoleBadge } from '../../shared/badges.tsx';

export type UserAction =
  'edit' | 'password' | 'tokens' | 'deactivate' | 'reactivate' | 'reassign' | 'handOver' | 'history';

type UsersTableProps = { users: User[]; meId: string; onAction(action: UserAction, user: User): void };

export function UsersTable({ users, meId, onAction }: UsersTableProps) {
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table verticalSpacing="sm" horizontalSpacing="md" highlightOnHover data-testid="users-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Person</Table.Th>
            <Table.Th>Role</Table.Th>
            <Table.Th>Manager</Table.Th>
            <Table.Th>Access</Table.Th>
            <Table.Th w={56}>
              <VisuallyHidden>Actions</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {users.map((u) => (
            <Table.Tr key={u.id} opacity={u.isActive ? 1 : 0.7}>
              <Table.Td>
                <Stack gap={0}>
                  <Text size="sm" fw={600}>
                    {u.name}
                    {u.id === meId ? (
                      <Text span c="dimmed" fw={400} size="xs">
                        {' '}
                        (you)
                      </Text>
                    ) : null}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {u.email}
                  </Text>
                </Stack>
              </Table.Td>
              <Table.Td>
                <RoleBadge role={u.role} />
              </Table.Td>
              <Table.Td>
                <Text size="sm" c={u.managerName ? undefined : 'dimmed'}>
                  {u.managerName ?? '—'}
                </Text>
              </Table.Td>
              <Table.Td>
                {u.isActive ? (
                  <Badge color="teal" variant="dot">
                    Active
                  </Badge>
                ) : (
                  <Badge color="gray" variant="outline">
                    Deactivated
                  </Badge>
                )}
              </Table.Td>
              <Table.Td>
                <Group justify="flex-end">
                  <Menu position="bottom-end" shadow="md" width={230}>
                    <Menu.Target>
                      <ActionIcon variant="subtle" color="gray" aria-label={`Actions for ${u.name}`}>
                        <IconDots size={18} />
                      </ActionIcon>
                    </Menu.Target>
                    <Menu.Dropdown>
                      <Menu.Item leftSection={<IconPencil size={16} />} onClick={() => onAction('edit', u)}>
                        Edit name, role and manager
                      </Menu.Item>
                      <Menu.Item leftSection={<IconKey size={16} />} onClick={() => onAction('password', u)}>
                        Reset password
                      </Menu.Item>
                      <Menu.Item leftSection={<IconApi size={16} />} onClick={() => onAction('tokens', u)}>
                        API tokens
                      </Menu.Item>
                      <Menu.Item leftSection={<IconArrowsExchange size={16} />} onClick={() => onAction('reassign', u)}>
                        Reassign their records
                      </Menu.Item>
                      <Menu.Item
                        leftSection={<IconTransfer size={16} />}
                        onClick={() => onAction('handOver', u)}
                        disabled={u.id === meId}
                      >
                        {u.isActive ? 'Deactivate and hand over' : 'Hand over their deals'}
                      </Menu.Item>
                      <Menu.Item leftSection={<IconHistory size={16} />} onClick={() => onAction('history', u)}>
                        History
                      </Menu.Item>
                      <Menu.Divider />
                      {u.isActive ? (
                        <Menu.Item
                          color="red"
                          leftSection={<IconUserOff size={16} />}
                          onClick={() => onAction('deactivate', u)}
                          disabled={u.id === meId}
                        >
                          Deactivate
                        </Menu.Item>
                      ) : (
                        <Menu.Item leftSection={<IconUserCheck size={16} />} onClick={() => onAction('reactivate', u)}>
                          Reactivate
                        </Menu.Item>
                      )}
                    </Menu.Dropdown>
                  </Menu>
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

import { Anchor, Badge, Group, Paper, Stack, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { Assignment, AssignmentStatus } from '../../../contract/assignments.ts';
import { LEARNING_TYPE_LABELS } from '../../../domain/coaching/root-cause-guide.ts';
import { formatDate } from '../../shared/format.ts';

export const STATUS_LABELS: Record<AssignmentStatus, string> = {
  assigned: 'Assigned',
  in_progress: 'In progress',
  completed: 'Completed',
  applied: 'Applied on the deal',
  verified: 'Verified',
  abandoned: 'Dropped',
};

const STATUS_COLORS: Record<AssignmentStatus, string> = {
  assigned: 'gray',
  in_progress: 'blue',
  completed: 'cyan',
  applied: 'teal',
  verified: 'green',
  abandoned: 'gray',
};

export function StatusBadge({ status, testId = 'assignment-status' }: { status: AssignmentStatus; testId?: string }) {
  return (
    <Badge color={STATUS_COLORS[status]} variant={status === 'abandoned' ? 'outline' : 'light'} data-testid={testId}>
      {STATUS_LABELS[status]}
    </Badge>
  );
}

/** What the on-the-job condition says now, in a few words. */
export function ConditionState({ a }: { a: Assignment }) {
  if (!a.successCondition) return null;
  const now = a.successCondition.now;
  if (a.appliedAt)
    return (
      <Text size="xs" c="teal.8">
        Met on {formatDate(a.appliedAt.slice(0, 10))}
      </Text>
    );
  if (!now) return null;
  return now.met ? (
    <Text size="xs" c="teal.8">
      Met now
    </Text>
  ) : (
    <Text size="xs" c="dimmed">
      Still missing: {now.missing[0]}
    </Text>
  );
}

/** Assignments as a table: what, on which deal, due when, where it stands; each opens its page. */
export function AssignmentTable({ items, showSeller = false }: { items: readonly Assignment[]; showSeller?: boolean }) {
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table verticalSpacing="sm" highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Learning</Table.Th>
            {showSeller ? <Table.Th>Seller</Table.Th> : null}
            <Table.Th>On the deal</Table.Th>
            <Table.Th>Due</Table.Th>
            <Table.Th>Status</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((a) => (
            <Table.Tr key={a.id} data-testid="assignment-row" data-id={a.id}>
              <Table.Td>
                <Stack gap={2}>
                  <Anchor component={Link} to={`/development/${a.id}`} fw={600} size="sm">
                    {a.item.title}
                  </Anchor>
                  <Text size="xs" c="dimmed">
                    {LEARNING_TYPE_LABELS[a.item.type]} · {a.rootCause.id} {a.rootCause.name.toLowerCase()}
                  </Text>
                </Stack>
              </Table.Td>
              {showSeller ? <Table.Td>{a.seller.name}</Table.Td> : null}
              <Table.Td>
                {a.deal ? (
                  <Stack gap={2}>
                    <Anchor component={Link} to={`/opportunities/${a.deal.id}`} size="sm">
                      {a.deal.name}
                    </Anchor>
                    <ConditionState a={a} />
                  </Stack>
                ) : (
                  <Text size="sm" c="dimmed">
                    —
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Text size="sm" c={a.isOverdue ? 'red.8' : undefined} fw={a.isOverdue ? 600 : undefined}>
                  {formatDate(a.dueDate)}
                  {a.isOverdue ? ' · overdue' : ''}
                </Text>
              </Table.Td>
              <Table.Td>
                <StatusBadge status={a.status} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** A seller's assignments on their scorecard, with a plain line when there are none. */
export function AssignmentsPanel({ items, own }: { items: readonly Assignment[] | undefined; own: boolean }) {
  return (
    <Paper p={{ base: 'md', sm: 'lg' }} data-testid="scorecard-assignments">
      <Group justify="space-between" mb="sm">
        <Text fw={700} size="lg" component="h2" m={0}>
          Learning assigned
        </Text>
      </Group>
      {items === undefined ? (
        <Text size="sm" c="dimmed">
          Loading…
        </Text>
      ) : items.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid="assignments-empty">
          {own ? 'Nothing is assigned to you yet.' : 'Nothing assigned yet: use “Assign learning” on a gap above.'}
        </Text>
      ) : (
        <AssignmentTable items={items} />
      )}
    </Paper>
  );
}

import { Badge, Button, Code, Table, Text, Tooltip } from '@mantine/core';
import type { ApiToken } from '../../contract/auth.ts';
import { formatDateTime, formatRelative } from './format.ts';
import { TableSkeletonRows } from './states.tsx';

/** API tokens, revoked ones dimmed: your own under Settings, anyone's for an administrator. */
export function TokenTable({
  tokens,
  onRevoke,
  testId,
}: {
  tokens: ApiToken[] | undefined;
  onRevoke(token: ApiToken): void;
  testId: string;
}) {
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table verticalSpacing="sm" horizontalSpacing="md" data-testid={testId}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            <Table.Th>Token</Table.Th>
            <Table.Th>Last used</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {tokens === undefined ? (
            <TableSkeletonRows columns={4} rows={2} />
          ) : (
            tokens.map((t) => (
              <Table.Tr key={t.id} opacity={t.revokedAt ? 0.6 : 1}>
                <Table.Td>
                  <Text size="sm" fw={600}>
                    {t.name}
                  </Text>
                  <Text size="xs" c="dimmed">
                    Created {formatDateTime(t.createdAt)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Code>{t.hint}</Code>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" c={t.lastUsedAt ? undefined : 'dimmed'}>
                    {t.lastUsedAt ? formatRelative(t.lastUsedAt) : 'Never'}
                  </Text>
                </Table.Td>
                <Table.Td ta="right">
                  {t.revokedAt ? (
                    <Tooltip label={`Revoked ${formatDateTime(t.revokedAt)}`}>
                      <Badge color="gray" variant="outline">
                        Revoked
                      </Badge>
                    </Tooltip>
                  ) : (
                    <Button
                      size="xs"
                      variant="default"
                      color="red"
                      onClick={() => onRevoke(t)}
                      aria-label={`Revoke ${t.name}`}
                    >
                      Revoke
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))
          )}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

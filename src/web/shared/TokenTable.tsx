import { Badge, Button, Code, Group, Table, Text, Tooltip } from '@mantine/core';
import type { ApiToken, OrganizationToken } from '../../contract/auth.ts';
import { formatDate, formatDateTime, formatRelative } from './format.ts';
import { TableSkeletonRows } from './states.tsx';

/** API tokens, revoked ones dimmed: your own under Settings, anyone's for an administrator. */
const SCOPE_LABELS: Record<ApiToken['scopes'][number], string> = { read: 'Read', write: 'Write', admin: 'Admin' };
const SCOPE_MEANINGS: Record<ApiToken['scopes'][number], string> = {
  read: 'Reads what its owner may see',
  write: 'Creates, changes and deletes records as its owner',
  admin: 'Administers the organization (an administrator’s token)',
};

export function TokenTable<T extends ApiToken | OrganizationToken>({
  tokens,
  onRevoke,
  testId,
  now = new Date().toISOString(),
}: {
  tokens: T[] | undefined;
  onRevoke(token: T): void;
  testId: string;
  now?: string;
}) {
  const showOwner = tokens?.some((t) => 'owner' in t) ?? false;
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table verticalSpacing="sm" horizontalSpacing="md" data-testid={testId}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            {showOwner ? <Table.Th>Owner</Table.Th> : null}
            <Table.Th>Token</Table.Th>
            <Table.Th>Can</Table.Th>
            <Table.Th>Last used</Table.Th>
            <Table.Th>Expires</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {tokens === undefined ? (
            <TableSkeletonRows columns={showOwner ? 7 : 6} rows={2} />
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
                {'owner' in t ? (
                  <Table.Td>
                    <Text size="sm">{t.owner.name}</Text>
                    {t.owner.isActive ? null : (
                      <Text size="xs" c="dimmed">
                        deactivated
                      </Text>
                    )}
                  </Table.Td>
                ) : null}
                <Table.Td>
                  <Code>{t.hint}</Code>
                </Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    {t.scopes.map((scope) => (
                      <Tooltip key={scope} label={SCOPE_MEANINGS[scope]}>
                        <Badge
                          size="sm"
                          variant="light"
                          color={scope === 'admin' ? 'orange' : scope === 'write' ? 'blue' : 'gray'}
                        >
                          {SCOPE_LABELS[scope]}
                        </Badge>
                      </Tooltip>
                    ))}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" c={t.lastUsedAt ? undefined : 'dimmed'}>
                    {t.lastUsedAt ? formatRelative(t.lastUsedAt) : 'Never'}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" c={t.expiresAt && t.expiresAt <= now ? 'red' : undefined}>
                    {t.expiresAt === null ? 'Never' : formatDate(t.expiresAt.slice(0, 10))}
                  </Text>
                </Table.Td>
                <Table.Td ta="right">
                  {t.revokedAt === null && t.expiresAt !== null && t.expiresAt <= now ? (
                    <Badge color="gray" variant="outline">
                      Expired
                    </Badge>
                  ) : t.revokedAt ? (
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

import { Badge, Button, Code, Modal, Table, Text, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconKey } from '@tabler/icons-react';
import { useState } from 'react';
import type { ApiToken } from '../../../contract/auth.ts';
import type { User } from '../../../contract/users.ts';
import { ConfirmDialog } from '../../shared/ConfirmDialog.tsx';
import { formatDateTime, formatRelative } from '../../shared/format.ts';
import { StateMessage } from '../../shared/StateMessage.tsx';
import { ErrorState, TableSkeletonRows } from '../../shared/states.tsx';
import { useRevokeUserToken, useUserTokens } from './queries.ts';

export function UserTokensModal({ user, onClose }: { user: User | null; onClose(): void }) {
  return (
    <Modal opened={user !== null} onClose={onClose} title={user ? `API tokens of ${user.name}` : ''} size="lg">
      {user ? <UserTokens user={user} /> : null}
    </Modal>
  );
}

function UserTokens({ user }: { user: User }) {
  const tokens = useUserTokens(user.id);
  const revoke = useRevokeUserToken(user.id);
  const [revoking, setRevoking] = useState<ApiToken | null>(null);

  if (tokens.isError) return <ErrorState error={tokens.error} onRetry={() => void tokens.refetch()} title="Their tokens could not be loaded" />;
  if (tokens.data?.length === 0) {
    return (
      <StateMessage
        icon={<IconKey size={24} />}
        title="No API tokens"
        description={`${user.name} has not created any. People create their own under Settings, API tokens.`}
        testId="user-tokens-empty"
      />
    );
  }
  return (
    <>
      <Table.ScrollContainer minWidth={560}>
        <Table verticalSpacing="sm" data-testid="user-tokens-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Token</Table.Th>
              <Table.Th>Last used</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {tokens.isPending ? (
              <TableSkeletonRows columns={4} rows={2} />
            ) : (
              tokens.data.map((t) => (
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
                      <Button size="xs" variant="default" color="red" onClick={() => setRevoking(t)} aria-label={`Revoke ${t.name}`}>
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
      <ConfirmDialog
        opened={revoking !== null}
        title={revoking ? `Revoke “${revoking.name}” of ${user.name}?` : ''}
        message="Anything using this token loses access at once, and the revocation is kept in their history. They can create a new token themselves."
        confirmLabel="Revoke token"
        onConfirm={async () => {
          const token = revoking!;
          await revoke.mutateAsync(token.id);
          notifications.show({ color: 'gray', title: 'Token revoked', message: `“${token.name}” of ${user.name} no longer works.` });
        }}
        onClose={() => setRevoking(null)}
      />
    </>
  );
}

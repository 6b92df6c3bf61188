import { Anchor, Badge, Button, Code, Paper, Stack, Table, Text, Tooltip } from '@mantine/core';
import { IconKey } from '@tabler/icons-react';
import { useState } from 'react';
import type { ApiToken } from '../../../contract/auth.ts';
import { ConfirmDialog } from '../../shared/ConfirmDialog.tsx';
import { formatDateTime, formatRelative } from '../../shared/format.ts';
import { PageHeader } from '../../shared/PageHeader.tsx';
import { StateMessage } from '../../shared/StateMessage.tsx';
import { ErrorState, TableSkeletonRows } from '../../shared/states.tsx';
import { CreateTokenForm } from './CreateTokenForm.tsx';
import { NewTokenNotice } from './NewTokenNotice.tsx';
import { useRevokeToken, useTokens, type CreatedToken } from './queries.ts';

export function TokensPage() {
  const tokens = useTokens();
  const revoke = useRevokeToken();
  const [created, setCreated] = useState<CreatedToken | null>(null);
  const [revoking, setRevoking] = useState<ApiToken | null>(null);

  return (
    <>
      <PageHeader
        title="API tokens"
        description={
          <>
            Personal tokens let scripts and integrations use the Winsight API as you. Send one as <Code>Authorization: Bearer &lt;token&gt;</Code>; the API is
            documented at <Anchor href="/api/docs" size="sm">/api/docs</Anchor>.
          </>
        }
      />
      <Stack gap="lg" maw={960}>
        <CreateTokenForm onCreated={setCreated} />
        {created ? <NewTokenNotice token={created} onDone={() => setCreated(null)} /> : null}
        <Paper p={0} style={{ overflow: 'hidden' }}>
          {tokens.isError ? (
            <ErrorState error={tokens.error} onRetry={() => void tokens.refetch()} title="Your tokens could not be loaded" />
          ) : tokens.data?.length === 0 ? (
            <StateMessage icon={<IconKey size={24} />} title="No tokens yet" description="Create one above when a script or integration needs access." />
          ) : (
            <Table.ScrollContainer minWidth={640}>
              <Table verticalSpacing="sm" horizontalSpacing="md" data-testid="tokens-table">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Name</Table.Th>
                    <Table.Th>Token</Table.Th>
                    <Table.Th>Created</Table.Th>
                    <Table.Th>Last used</Table.Th>
                    <Table.Th />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {tokens.isPending ? (
                    <TableSkeletonRows columns={5} rows={3} />
                  ) : (
                    tokens.data.map((t) => (
                      <Table.Tr key={t.id} opacity={t.revokedAt ? 0.6 : 1}>
                        <Table.Td>
                          <Text size="sm" fw={600}>
                            {t.name}
                          </Text>
                        </Table.Td>
                        <Table.Td>
                          <Code>{t.hint}</Code>
                        </Table.Td>
                        <Table.Td>
                          <Text size="sm">{formatDateTime(t.createdAt)}</Text>
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
                            <Button size="xs" variant="default" color="red" onClick={() => setRevoking(t)}>
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
          )}
        </Paper>
      </Stack>
      <ConfirmDialog
        opened={revoking !== null}
        title={revoking ? `Revoke “${revoking.name}”?` : ''}
        message="Anything using this token loses access at once. This cannot be undone; create a new token if you need one again."
        confirmLabel="Revoke token"
        onConfirm={() => revoke.mutateAsync(revoking!.id)}
        onClose={() => setRevoking(null)}
      />
    </>
  );
}

import { Paper, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconKey } from '@tabler/icons-react';
import { useState } from 'react';
import type { OrganizationToken } from '../../../contract/auth.ts';
import { ConfirmDialog } from '../../shared/ConfirmDialog.tsx';
import { StateMessage } from '../../shared/StateMessage.tsx';
import { ErrorState } from '../../shared/states.tsx';
import { TokenTable } from '../../shared/TokenTable.tsx';
import { useOrganizationTokens, useRevokeOrganizationToken } from './queries.ts';

/** Every personal API token of the organization, whoever made it, and revoking any of them. */
export function TokensPanel() {
  const tokens = useOrganizationTokens();
  const revoke = useRevokeOrganizationToken();
  const [revoking, setRevoking] = useState<OrganizationToken | null>(null);
  const live = tokens.data?.filter((t) => t.revokedAt === null).length ?? 0;

  return (
    <Stack gap="md" data-testid="admin-tokens">
      <Text size="sm" c="dimmed">
        Personal API tokens let scripts and integrations act as the person who made them, within the token’s scopes
        (read, write, admin) and until it expires.{' '}
        {tokens.data && tokens.data.length > 0 ? `${live} of ${tokens.data.length} still work.` : ''}
      </Text>
      <Paper p={0} style={{ overflow: 'hidden' }}>
        {tokens.isError ? (
          <ErrorState
            error={tokens.error}
            onRetry={() => void tokens.refetch()}
            title="The tokens could not be loaded"
          />
        ) : tokens.data?.length === 0 ? (
          <StateMessage
            icon={<IconKey size={24} />}
            title="No API tokens in the organization"
            description="People create their own under Settings, API tokens."
            testId="admin-tokens-empty"
          />
        ) : (
          <TokenTable<OrganizationToken> tokens={tokens.data} onRevoke={setRevoking} testId="admin-tokens-table" />
        )}
      </Paper>
      <ConfirmDialog
        opened={revoking !== null}
        title={revoking ? `Revoke “${revoking.name}” of ${revoking.owner.name}?` : ''}
        message="Anything using this token loses access at once, and the revocation is kept in their history."
        confirmLabel="Revoke token"
        onConfirm={async () => {
          const token = revoking!;
          await revoke.mutateAsync(token);
          notifications.show({
            color: 'gray',
            title: 'Token revoked',
            message: `“${token.name}” of ${token.owner.name} no longer works.`,
          });
        }}
        onClose={() => setRevoking(null)}
      />
    </Stack>
  );
}

import { Modal } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconKey } from '@tabler/icons-react';
import { useState } from 'react';
import type { ApiToken } from '../../../contract/auth.ts';
import type { User } from '../../../contract/users.ts';
import { ConfirmDialog } from '../../shared/ConfirmDialog.tsx';
import { StateMessage } from '../../shared/StateMessage.tsx';
import { ErrorState } from '../../shared/states.tsx';
import { TokenTable } from '../../shared/TokenTable.tsx';
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

  if (tokens.isError)
    return (
      <ErrorState error={tokens.error} onRetry={() => void tokens.refetch()} title="Their tokens could not be loaded" />
    );
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
      <TokenTable tokens={tokens.data} onRevoke={setRevoking} testId="user-tokens-table" />
      <ConfirmDialog
        opened={revoking !== null}
        title={revoking ? `Revoke “${revoking.name}” of ${user.name}?` : ''}
        message="Anything using this token loses access at once, and the revocation is kept in their history. They can create a new token themselves."
        confirmLabel="Revoke token"
        onConfirm={async () => {
          const token = revoking!;
          await revoke.mutateAsync(token.id);
          notifications.show({
            color: 'gray',
            title: 'Token revoked',
            message: `“${token.name}” of ${user.name} no longer works.`,
          });
        }}
        onClose={() => setRevoking(null)}
      />
    </>
  );
}

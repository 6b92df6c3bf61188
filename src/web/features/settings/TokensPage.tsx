import { Anchor, Code, Paper, Stack } from '@mantine/core';
import { IconKey } from '@tabler/icons-react';
import { useState } from 'react';
import type { ApiToken } from '../../../contract/auth.ts';
import { ConfirmDialog } from '../../shared/ConfirmDialog.tsx';
import { PageHeader } from '../../shared/PageHeader.tsx';
import { StateMessage } from '../../shared/StateMessage.tsx';
import { ErrorState } from '../../shared/states.tsx';
import { TokenTable } from '../../shared/TokenTable.tsx';
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
            Personal tokens let scripts and integrations use the Winsight API as you. Send one as{' '}
            <Code>Authorization: Bearer &lt;token&gt;</Code>; the API is documented at{' '}
            <Anchor href="/api/docs" size="sm">
              /api/docs
            </Anchor>
            .
          </>
        }
      />
      <Stack gap="lg" maw={960}>
        <CreateTokenForm onCreated={setCreated} />
        {created ? <NewTokenNotice token={created} onDone={() => setCreated(null)} /> : null}
        <Paper p={0} style={{ overflow: 'hidden' }}>
          {tokens.isError ? (
            <ErrorState
              error={tokens.error}
              onRetry={() => void tokens.refetch()}
              title="Your tokens could not be loaded"
            />
          ) : tokens.data?.length === 0 ? (
            <StateMessage
              icon={<IconKey size={24} />}
              title="No tokens yet"
              description="Create one above when a script or integration needs access."
            />
          ) : (
            <TokenTable tokens={tokens.data} onRevoke={setRevoking} testId="tokens-table" />
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

import { Paper, Skeleton, Text, Title } from '@mantine/core';
import { AgreedActions } from './AgreedActions.tsx';
import { useDealActions } from './queries.ts';

/** The deal page's list of actions agreed on it (in a review or otherwise), for the seller to work through. */
export function DealActionsPanel({ opportunityId, dealOwnerId }: { opportunityId: string; dealOwnerId: string }) {
  const actions = useDealActions(opportunityId);
  return (
    <Paper p={{ base: 'md', sm: 'lg' }} data-testid="deal-actions">
      <Title order={3} size="h5" mb={6}>
        Agreed actions
      </Title>
      {actions.isError ? (
        <Text size="sm" c="red">
          The agreed actions could not be loaded.
        </Text>
      ) : actions.data ? (
        <AgreedActions opportunityId={opportunityId} dealOwnerId={dealOwnerId} actions={actions.data} />
      ) : (
        <Skeleton height={24} />
      )}
    </Paper>
  );
}

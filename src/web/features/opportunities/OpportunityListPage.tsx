import { Button, Group, Loader, Paper, Pill } from '@mantine/core';
import { IconPlus, IconTargetArrow } from '@tabler/icons-react';
import { useState } from 'react';
import { useCurrentUser } from '../../app/auth.tsx';
import { ListFooter } from '../../shared/ListFooter.tsx';
import { PageHeader } from '../../shared/PageHeader.tsx';
import { StateMessage } from '../../shared/StateMessage.tsx';
import { ErrorState } from '../../shared/states.tsx';
import { useListParams } from '../../shared/useListParams.ts';
import { useAccount } from '../accounts/queries.ts';
import { FILTER_KEYS, hasFilters, listParamsFrom } from './list-params.ts';
import { NewOpportunityModal } from './NewOpportunityModal.tsx';
import { OpportunityFilters } from './OpportunityFilters.tsx';
import { OpportunityTable } from './OpportunityTable.tsx';
import { useOpportunityList } from './queries.ts';

export function OpportunityListPage() {
  const me = useCurrentUser();
  const { params, update, offset } = useListParams();
  const list = listParamsFrom(params, offset);
  const result = useOpportunityList(list);
  const [creating, setCreating] = useState(false);
  const reset = () => update(Object.fromEntries(FILTER_KEYS.map((k) => [k, null])));

  return (
    <>
      <PageHeader
        title="Opportunities"
        description={me.role === 'seller' ? 'Your deals, from first call to close.' : 'Every deal you and your team are working on.'}
        actions={
          <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
            New opportunity
          </Button>
        }
      />
      <OpportunityFilters list={list} onChange={update} onReset={reset} />
      {list.accountId ? <AccountFilterPill accountId={list.accountId} onRemove={() => update({ accountId: null })} /> : null}
      <Paper p={0} style={{ overflow: 'hidden' }}>
        {result.isError && !result.data ? (
          <ErrorState error={result.error} onRetry={() => void result.refetch()} title="Opportunities could not be loaded" />
        ) : result.data && result.data.total === 0 ? (
          <NoOpportunities filtered={hasFilters(list)} search={list.q} onReset={reset} onCreate={() => setCreating(true)} />
        ) : (
          <OpportunityTable
            items={result.data?.items}
            sort={list.sort}
            onSort={(sort) => update({ sort })}
            isStale={result.isPlaceholderData}
          />
        )}
      </Paper>
      {result.data && result.data.total > 0 ? (
        <Group justify="space-between" align="center">
          <ListFooter
            total={result.data.total}
            offset={list.offset}
            limit={list.limit}
            shown={result.data.items.length}
            noun={['opportunity', 'opportunities']}
            onOffset={(next) => update({ offset: next || null })}
          />
          {result.isFetching ? <Loader size="xs" mt="md" aria-label="Updating" /> : null}
        </Group>
      ) : null}
      <NewOpportunityModal opened={creating} onClose={() => setCreating(false)} />
    </>
  );
}

function NoOpportunities({ filtered, search, onReset, onCreate }: { filtered: boolean; search: string | undefined; onReset(): void; onCreate(): void }) {
  return (
    <StateMessage
      py={56}
      icon={<IconTargetArrow size={26} />}
      title={filtered ? (search ? `No opportunities match “${search}”` : 'No opportunities match these filters') : 'No opportunities yet'}
      description={filtered ? 'Try a different search, or clear the filters to see everything again.' : 'Add your first deal to start tracking it.'}
      testId="empty-state"
      actions={
        filtered ? (
          <Button variant="default" onClick={onReset}>
            Clear filters
          </Button>
        ) : (
          <Button leftSection={<IconPlus size={16} />} onClick={onCreate}>
            New opportunity
          </Button>
        )
      }
    />
  );
}

/** Shown when the list is narrowed to one account (arriving from an account's page). */
function AccountFilterPill({ accountId, onRemove }: { accountId: string; onRemove(): void }) {
  const account = useAccount(accountId);
  return (
    <Group gap="xs" mb="md">
      <Pill size="md" withRemoveButton onRemove={onRemove} removeButtonProps={{ 'aria-label': 'Show all accounts' }}>
        Account: {account.data?.name ?? (account.isError ? 'not available' : '…')}
      </Pill>
    </Group>
  );
}

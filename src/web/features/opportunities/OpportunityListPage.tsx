import { Button, Group, Pill } from '@mantine/core';
import { IconPlus, IconTargetArrow } from '@tabler/icons-react';
import { useState } from 'react';
import { useCurrentUser } from '../../app/auth.tsx';
import { EmptyList, ListResults } from '../../shared/ListResults.tsx';
import { ExportButton, exportUrl } from '../../shared/ExportButton.tsx';
import { PageHeader } from '../../shared/PageHeader.tsx';
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
        description={
          me.role === 'seller'
            ? 'Your deals, from first call to close.'
            : 'Every deal you and your team are working on.'
        }
        actions={
          <Group gap="sm">
            <ExportButton href={exportUrl('/api/opportunities', list)} noun="opportunity" />
            <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
              New opportunity
            </Button>
          </Group>
        }
      />
      <OpportunityFilters list={list} onChange={update} onReset={reset} />
      {list.accountId ? (
        <AccountFilterPill accountId={list.accountId} onRemove={() => update({ accountId: null })} />
      ) : null}
      <ListResults
        result={result}
        errorTitle="Opportunities could not be loaded"
        empty={
          <EmptyList
            icon={<IconTargetArrow size={26} />}
            plural="opportunities"
            filtered={hasFilters(list)}
            search={list.q}
            hints={{
              filtered: 'Try a different search, or clear the filters to see everything again.',
              empty: 'Add your first deal to start tracking it.',
            }}
            reset={{ label: 'Clear filters', onClick: reset }}
            create={{ label: 'New opportunity', onClick: () => setCreating(true) }}
            testId="empty-state"
          />
        }
        noun={['opportunity', 'opportunities']}
        limit={list.limit}
        offset={list.offset}
        onOffset={(next) => update({ offset: next || null })}
        showFetching
      >
        <OpportunityTable
          items={result.data?.items}
          sort={list.sort}
          onSort={(sort) => update({ sort })}
          isStale={result.isPlaceholderData}
        />
      </ListResults>
      <NewOpportunityModal opened={creating} onClose={() => setCreating(false)} />
    </>
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

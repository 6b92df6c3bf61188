import { Button, Group, Pill } from '@mantine/core';
import { IconPlus, IconTargetArrow } from '@tabler/icons-react';
import { useCallback, useState } from 'react';
import { useCurrentUser } from '../../app/auth.tsx';
import { EmptyList, ListResults } from '../../shared/ListResults.tsx';
import { CursorFooter } from '../../shared/CursorFooter.tsx';
import { ExportButton, exportUrl } from '../../shared/ExportButton.tsx';
import { PageHeader } from '../../shared/PageHeader.tsx';
import { useCursorPages } from '../../shared/useCursorPages.ts';
import { useListParams } from '../../shared/useListParams.ts';
import { useAccount } from '../accounts/queries.ts';
import { ANY_STATUS, FILTER_KEYS, hasFilters, isDefaultView, listParamsFrom } from './list-params.ts';
import { NewOpportunityModal } from './NewOpportunityModal.tsx';
import { OpportunityFilters } from './OpportunityFilters.tsx';
import { OpportunityTable } from './OpportunityTable.tsx';
import { useHasAnyOpportunity, useOpportunityList } from './queries.ts';

export function OpportunityListPage() {
  const me = useCurrentUser();
  const { params, update } = useListParams();
  const list = listParamsFrom(params);
  const result = useOpportunityList(list);
  const { cursor, limit: _limit, ...listed } = list;
  const pages = useCursorPages(
    JSON.stringify(listed),
    cursor,
    result.isPlaceholderData ? undefined : result.data,
    useCallback((next: string | null) => update({ cursor: next }), [update]),
  );
  const [creating, setCreating] = useState(false);
  const reset = () => update(Object.fromEntries(FILTER_KEYS.map((k) => [k, null])));
  // the usual view is the open deals: when it is empty, say whether closed ones exist
  const emptyUsual = isDefaultView(list) && result.data?.items.length === 0 && !result.isPlaceholderData;
  const anyAtAll = useHasAnyOpportunity(emptyUsual);
  const usual = emptyUsual && anyAtAll.data === true;

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
            filtered={usual || hasFilters(list)}
            search={list.q}
            hints={{
              filtered: usual
                ? 'No deal is open right now. Closed ones are kept: show every status to see them.'
                : 'Try a different search, or clear the filters.',
              empty: 'Add your first deal to start tracking it.',
            }}
            filteredTitle={usual ? 'No open opportunities' : undefined}
            reset={
              usual
                ? { label: 'Show every status', onClick: () => update({ status: ANY_STATUS }) }
                : { label: 'Clear filters', onClick: reset }
            }
            create={{ label: 'New opportunity', onClick: () => setCreating(true) }}
            testId="empty-state"
          />
        }
        noun={['opportunity', 'opportunities']}
        footer={
          <CursorFooter
            pages={pages}
            limit={list.limit}
            shown={result.data?.items.length ?? 0}
            noun={['opportunity', 'opportunities']}
          />
        }
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

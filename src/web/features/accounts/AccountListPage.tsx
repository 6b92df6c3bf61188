import { Button, Group, Paper, Select } from '@mantine/core';
import { IconBuildingSkyscraper, IconFilterOff, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { RELATIONSHIPS } from '../../../domain/enums.ts';
import { useCurrentUser } from '../../app/auth.tsx';
import { oneOf, RELATIONSHIP_OPTIONS } from '../../shared/labels.ts';
import { ListFooter } from '../../shared/ListFooter.tsx';
import { PageHeader } from '../../shared/PageHeader.tsx';
import { ACCOUNT_SORT_VALUES } from '../../shared/sorts.ts';
import { SearchInput } from '../../shared/SearchInput.tsx';
import { StateMessage } from '../../shared/StateMessage.tsx';
import { ErrorState } from '../../shared/states.tsx';
import { useListParams } from '../../shared/useListParams.ts';
import { useUsers, visiblePeople } from '../users/queries.ts';
import { AccountTable } from './AccountTable.tsx';
import { NewAccountModal } from './NewAccountModal.tsx';
import { useAccountList, type AccountListParams } from './queries.ts';

const PAGE_SIZE = 25;

export function AccountListPage() {
  const me = useCurrentUser();
  const users = useUsers();
  const { params, update, offset } = useListParams();
  const list: AccountListParams = {
    q: params.get('q')?.trim() || undefined,
    owner: params.get('owner') || undefined,
    relationship: oneOf(RELATIONSHIPS, params.get('relationship')) ?? undefined,
    sort: oneOf(ACCOUNT_SORT_VALUES, params.get('sort')) ?? 'name',
    limit: PAGE_SIZE,
    offset,
  };
  const result = useAccountList(list);
  const [creating, setCreating] = useState(false);
  const filtered = Boolean(list.q || list.owner || list.relationship);
  const reset = () => update({ q: null, owner: null, relationship: null });
  const people = visiblePeople(me, users.data ?? []);
  const select = { clearable: true, w: { base: '100%', xs: 190 }, comboboxProps: { shadow: 'md' } };

  return (
    <>
      <PageHeader
        title="Accounts"
        description="The companies you sell to, with their open deals."
        actions={
          <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
            New account
          </Button>
        }
      />
      <Group gap="sm" mb="md" wrap="wrap">
        <SearchInput label="Search accounts" placeholder="Search by name or industry" value={list.q ?? ''} onSearch={(q) => update({ q }, { replace: true })} />
        <Select {...select} aria-label="Relationship" placeholder="Any relationship" data={RELATIONSHIP_OPTIONS} value={list.relationship ?? null} onChange={(relationship) => update({ relationship })} />
        {people.length > 1 ? (
          <Select
            {...select}
            aria-label="Owner"
            placeholder="Any owner"
            searchable
            data={[{ value: 'me', label: 'My accounts' }, ...people.filter((u) => u.id !== me.id).map((u) => ({ value: u.id, label: u.name }))]}
            value={list.owner ?? null}
            onChange={(owner) => update({ owner })}
          />
        ) : null}
        {filtered ? (
          <Button variant="subtle" color="gray" leftSection={<IconFilterOff size={16} />} onClick={reset}>
            Clear filters
          </Button>
        ) : null}
      </Group>
      <Paper p={0} style={{ overflow: 'hidden' }}>
        {result.isError && !result.data ? (
          <ErrorState error={result.error} onRetry={() => void result.refetch()} title="Accounts could not be loaded" />
        ) : result.data && result.data.total === 0 ? (
          <StateMessage
            py={56}
            icon={<IconBuildingSkyscraper size={26} />}
            title={filtered ? (list.q ? `No accounts match “${list.q}”` : 'No accounts match these filters') : 'No accounts yet'}
            description={filtered ? 'Try another search, or clear the filters.' : 'Add the companies you are selling to.'}
            actions={
              filtered ? (
                <Button variant="default" onClick={reset}>
                  Clear filters
                </Button>
              ) : (
                <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
                  New account
                </Button>
              )
            }
          />
        ) : (
          <AccountTable items={result.data?.items} sort={list.sort} onSort={(sort) => update({ sort })} isStale={result.isPlaceholderData} />
        )}
      </Paper>
      {result.data && result.data.total > 0 ? (
        <ListFooter
          total={result.data.total}
          offset={list.offset}
          limit={list.limit}
          shown={result.data.items.length}
          noun={['account', 'accounts']}
          onOffset={(next) => update({ offset: next || null })}
        />
      ) : null}
      <NewAccountModal opened={creating} onClose={() => setCreating(false)} />
    </>
  );
}

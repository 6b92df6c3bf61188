import { Button, Group, Select } from '@mantine/core';
import { IconBuildingSkyscraper, IconFilterOff, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { RELATIONSHIPS } from '../../../domain/enums.ts';
import { useCurrentUser } from '../../app/auth.tsx';
import { oneOf, RELATIONSHIP_OPTIONS } from '../../shared/labels.ts';
import { EmptyList, ListResults } from '../../shared/ListResults.tsx';
import { ExportButton, exportUrl } from '../../shared/ExportButton.tsx';
import { PageHeader } from '../../shared/PageHeader.tsx';
import { ACCOUNT_SORT_VALUES } from '../../shared/sorts.ts';
import { SearchInput } from '../../shared/SearchInput.tsx';
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
          <Group gap="sm">
            <ExportButton href={exportUrl('/api/accounts', list)} noun="account" />
            <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
              New account
            </Button>
          </Group>
        }
      />
      <Group gap="sm" mb="md" wrap="wrap">
        <SearchInput
          label="Search accounts"
          placeholder="Search by name or industry"
          value={list.q ?? ''}
          onSearch={(q) => update({ q }, { replace: true })}
        />
        <Select
          {...select}
          aria-label="Relationship"
          placeholder="Any relationship"
          data={RELATIONSHIP_OPTIONS}
          value={list.relationship ?? null}
          onChange={(relationship) => update({ relationship })}
        />
        {people.length > 1 ? (
          <Select
            {...select}
            aria-label="Owner"
            placeholder="Any owner"
            searchable
            data={[
              { value: 'me', label: 'My accounts' },
              ...people.filter((u) => u.id !== me.id).map((u) => ({ value: u.id, label: u.name })),
            ]}
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
      <ListResults
        result={result}
        errorTitle="Accounts could not be loaded"
        empty={
          <EmptyList
            icon={<IconBuildingSkyscraper size={26} />}
            plural="accounts"
            filtered={filtered}
            search={list.q}
            hints={{
              filtered: 'Try another search, or clear the filters.',
              empty: 'Add the companies you are selling to.',
            }}
            reset={{ label: 'Clear filters', onClick: reset }}
            create={{ label: 'New account', onClick: () => setCreating(true) }}
          />
        }
        noun={['account', 'accounts']}
        limit={list.limit}
        offset={list.offset}
        onOffset={(next) => update({ offset: next || null })}
      >
        <AccountTable
          items={result.data?.items}
          sort={list.sort}
          onSort={(sort) => update({ sort })}
          isStale={result.isPlaceholderData}
        />
      </ListResults>
      <NewAccountModal opened={creating} onClose={() => setCreating(false)} />
    </>
  );
}

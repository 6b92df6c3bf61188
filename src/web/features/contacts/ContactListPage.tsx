import { Button, Group, Paper } from '@mantine/core';
import { IconAddressBook, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { oneOf } from '../../shared/labels.ts';
import { ListFooter } from '../../shared/ListFooter.tsx';
import { PageHeader } from '../../shared/PageHeader.tsx';
import { CONTACT_SORT_VALUES } from '../../shared/sorts.ts';
import { SearchInput } from '../../shared/SearchInput.tsx';
import { StateMessage } from '../../shared/StateMessage.tsx';
import { ErrorState } from '../../shared/states.tsx';
import { useListParams } from '../../shared/useListParams.ts';
import { ContactTable } from './ContactTable.tsx';
import { NewContactModal } from './NewContactModal.tsx';
import { useContactList, type ContactListParams } from './queries.ts';

const PAGE_SIZE = 25;

export function ContactListPage() {
  const { params, update, offset } = useListParams();
  const list: ContactListParams = {
    q: params.get('q')?.trim() || undefined,
    sort: oneOf(CONTACT_SORT_VALUES, params.get('sort')) ?? 'name',
    limit: PAGE_SIZE,
    offset,
  };
  const result = useContactList(list);
  const [creating, setCreating] = useState(false);

  return (
    <>
      <PageHeader
        title="Contacts"
        description="The people you sell to, at the accounts you can see."
        actions={
          <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
            New contact
          </Button>
        }
      />
      <Group mb="md">
        <SearchInput label="Search contacts" placeholder="Search by name, title, email or account" value={list.q ?? ''} onSearch={(q) => update({ q }, { replace: true })} />
      </Group>
      <Paper p={0} style={{ overflow: 'hidden' }}>
        {result.isError && !result.data ? (
          <ErrorState error={result.error} onRetry={() => void result.refetch()} title="Contacts could not be loaded" />
        ) : result.data && result.data.total === 0 ? (
          <StateMessage
            py={56}
            icon={<IconAddressBook size={26} />}
            title={list.q ? `No contacts match “${list.q}”` : 'No contacts yet'}
            description={list.q ? 'Try another name, title, email or account.' : 'Add the people you work with at your accounts.'}
            actions={
              list.q ? (
                <Button variant="default" onClick={() => update({ q: null })}>
                  Clear search
                </Button>
              ) : (
                <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
                  New contact
                </Button>
              )
            }
          />
        ) : (
          <ContactTable items={result.data?.items} sort={list.sort} onSort={(sort) => update({ sort })} isStale={result.isPlaceholderData} />
        )}
      </Paper>
      {result.data && result.data.total > 0 ? (
        <ListFooter
          total={result.data.total}
          offset={list.offset}
          limit={list.limit}
          shown={result.data.items.length}
          noun={['contact', 'contacts']}
          onOffset={(next) => update({ offset: next || null })}
        />
      ) : null}
      <NewContactModal opened={creating} onClose={() => setCreating(false)} />
    </>
  );
}

import { Button, Group } from '@mantine/core';
import { IconAddressBook, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { oneOf } from '../../shared/labels.ts';
import { EmptyList, ListResults } from '../../shared/ListResults.tsx';
import { ExportButton, exportUrl } from '../../shared/ExportButton.tsx';
import { PageHeader } from '../../shared/PageHeader.tsx';
import { CONTACT_SORT_VALUES } from '../../shared/sorts.ts';
import { SearchInput } from '../../shared/SearchInput.tsx';
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
          <Group gap="sm">
            <ExportButton href={exportUrl('/api/contacts', list)} noun="contact" />
            <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
              New contact
            </Button>
          </Group>
        }
      />
      <Group mb="md">
        <SearchInput
          label="Search contacts"
          placeholder="Search by name, title, email or account"
          value={list.q ?? ''}
          onSearch={(q) => update({ q }, { replace: true })}
        />
      </Group>
      <ListResults
        result={result}
        errorTitle="Contacts could not be loaded"
        empty={
          <EmptyList
            icon={<IconAddressBook size={26} />}
            plural="contacts"
            filtered={Boolean(list.q)}
            search={list.q}
            hints={{
              filtered: 'Try another name, title, email or account.',
              empty: 'Add the people you work with at your accounts.',
            }}
            reset={{ label: 'Clear search', onClick: () => update({ q: null }) }}
            create={{ label: 'New contact', onClick: () => setCreating(true) }}
          />
        }
        noun={['contact', 'contacts']}
        limit={list.limit}
        offset={list.offset}
        onOffset={(next) => update({ offset: next || null })}
      >
        <ContactTable
          items={result.data?.items}
          sort={list.sort}
          onSort={(sort) => update({ sort })}
          isStale={result.isPlaceholderData}
        />
      </ListResults>
      <NewContactModal opened={creating} onClose={() => setCreating(false)} />
    </>
  );
}

import { Button, Group, Text } from '@mantine/core';
import { IconAddressBook, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import type { Account } from '../../../contract/accounts.ts';
import { ListResults } from '../../shared/ListResults.tsx';
import { StateMessage } from '../../shared/StateMessage.tsx';
import { ContactTable } from '../contacts/ContactTable.tsx';
import { NewContactModal } from '../contacts/NewContactModal.tsx';
import { useContactList, type ContactListParams } from '../contacts/queries.ts';

const PAGE_SIZE = 10;

/** The people at one account. */
export function AccountContacts({ account }: { account: Account }) {
  const [sort, setSort] = useState<ContactListParams['sort']>('name');
  const [offset, setOffset] = useState(0);
  const [creating, setCreating] = useState(false);
  const result = useContactList({ accountId: account.id, sort, limit: PAGE_SIZE, offset });

  return (
    <>
      <Group justify="space-between" mb="sm">
        <Text size="sm" c="dimmed">
          People you work with at {account.name}.
        </Text>
        <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={() => setCreating(true)}>
          New contact
        </Button>
      </Group>
      <ListResults
        result={result}
        empty={
          <StateMessage
            icon={<IconAddressBook size={24} />}
            title="No contacts yet"
            description="Add the people involved in buying decisions."
          />
        }
        noun={['contact', 'contacts']}
        limit={PAGE_SIZE}
        offset={offset}
        onOffset={setOffset}
      >
        <ContactTable
          items={result.data?.items}
          sort={sort}
          onSort={(next) => {
            setSort(next as ContactListParams['sort']);
            setOffset(0);
          }}
          isStale={result.isPlaceholderData}
          hideAccount
        />
      </ListResults>
      <NewContactModal
        opened={creating}
        onClose={() => setCreating(false)}
        account={{ id: account.id, name: account.name }}
      />
    </>
  );
}

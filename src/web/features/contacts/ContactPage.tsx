import { Anchor, Paper, SimpleGrid, Tabs, Text } from '@mantine/core';
import { IconHistory, IconListDetails } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { Fact } from '../../shared/Fact.tsx';
import { formatDateTime, formatRelative } from '../../shared/format.ts';
import { RecordFallback, RecordPageHeader } from '../../shared/RecordPage.tsx';
import { CONTACT_FIELDS } from '../history/fields.ts';
import { HistoryList } from '../history/HistoryList.tsx';
import { ContactDetailsForm } from './ContactDetailsForm.tsx';
import { useContact, useDeleteContact, useRestoreContact } from './queries.ts';

export function ContactPage() {
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'history' ? 'history' : 'details';
  const contact = useContact(id);
  const remove = useDeleteContact(id);
  const restore = useRestoreContact(id);
  const [isDeleted, setDeleted] = useState(false);

  if (contact.isPending || contact.isError) {
    return (
      <RecordFallback
        query={contact}
        notFound={{
          title: 'Contact not found',
          description: 'It may have been deleted, or it belongs to an account you cannot see.',
          backTo: '/contacts',
          backLabel: 'Back to contacts',
        }}
      />
    );
  }
  const c = contact.data;

  return (
    <>
      <RecordPageHeader
        back={{ to: '/contacts', label: 'Contacts' }}
        title={c.name}
        description={
          <>
            {c.title ? `${c.title} at ` : 'At '}
            <Anchor component={Link} to={`/accounts/${c.accountId}`} size="sm">
              {c.accountName}
            </Anchor>
          </>
        }
        noun="contact"
        confirmMessage={`${c.name} will leave your contact lists. Their history is kept and they can be restored.`}
        remove={() => remove.mutateAsync()}
        restore={() => restore.mutateAsync()}
        isDeleted={isDeleted}
        onDeletedChange={setDeleted}
      />
      <Paper p="lg" mb="lg">
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="lg">
          <Fact label="Email">
            {c.email ? (
              <Anchor href={`mailto:${c.email}`} size="sm">
                {c.email}
              </Anchor>
            ) : (
              <Text size="sm" c="dimmed">
                Not recorded
              </Text>
            )}
          </Fact>
          <Fact label="Phone">
            {c.phone ? (
              <Anchor href={`tel:${c.phone.replace(/[^+\d]/g, '')}`} size="sm">
                {c.phone}
              </Anchor>
            ) : (
              <Text size="sm" c="dimmed">
                Not recorded
              </Text>
            )}
          </Fact>
          <Fact label="Last changed">
            <Text size="sm" title={formatDateTime(c.updatedAt)}>
              {formatRelative(c.updatedAt)}
            </Text>
          </Fact>
        </SimpleGrid>
      </Paper>
      <Tabs value={tab} onChange={(next) => setParams(next === 'history' ? { tab: 'history' } : {}, { replace: true })}>
        <Tabs.List mb="md">
          <Tabs.Tab value="details" leftSection={<IconListDetails size={16} />}>
            Details
          </Tabs.Tab>
          <Tabs.Tab value="history" leftSection={<IconHistory size={16} />}>
            History
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="details">
          <ContactDetailsForm key={c.id} contact={c} disabled={isDeleted} />
        </Tabs.Panel>
        <Tabs.Panel value="history">
          {tab === 'history' ? (
            <HistoryList
              entity="contacts"
              id={c.id}
              noun="contact"
              fields={CONTACT_FIELDS}
              knownAccounts={new Map([[c.accountId, c.accountName]])}
            />
          ) : null}
        </Tabs.Panel>
      </Tabs>
    </>
  );
}

import { Anchor, Button, Paper, SimpleGrid, Tabs, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconHistory, IconListDetails, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { isApiError } from '../../app/api.ts';
import { BackLink } from '../../shared/BackLink.tsx';
import { ConfirmDialog } from '../../shared/ConfirmDialog.tsx';
import { DeletedNotice } from '../../shared/DeletedNotice.tsx';
import { Fact } from '../../shared/Fact.tsx';
import { formatDateTime, formatRelative } from '../../shared/format.ts';
import { PageHeader } from '../../shared/PageHeader.tsx';
import { ErrorState, FormSkeleton, NotFoundState } from '../../shared/states.tsx';
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
  const [confirming, setConfirming] = useState(false);
  const [isDeleted, setDeleted] = useState(false);

  if (contact.isPending) return <FormSkeleton />;
  if (contact.isError) {
    return isApiError(contact.error, 'not-found') ? (
      <NotFoundState
        title="Contact not found"
        description="It may have been deleted, or it belongs to an account you cannot see."
        backTo="/contacts"
        backLabel="Back to contacts"
      />
    ) : (
      <ErrorState error={contact.error} onRetry={() => void contact.refetch()} />
    );
  }
  const c = contact.data;
  const handleRestore = () =>
    restore.mutate(undefined, {
      onSuccess: () => setDeleted(false),
      onError: (error) => notifications.show({ color: 'red', title: 'Could not restore', message: error.message }),
    });

  return (
    <>
      <PageHeader
        eyebrow={<BackLink to="/contacts" label="Contacts" />}
        title={c.name}
        description={
          <>
            {c.title ? `${c.title} at ` : 'At '}
            <Anchor component={Link} to={`/accounts/${c.accountId}`} size="sm">
              {c.accountName}
            </Anchor>
          </>
        }
        actions={
          isDeleted ? null : (
            <Button variant="default" color="red" leftSection={<IconTrash size={16} />} onClick={() => setConfirming(true)}>
              Delete
            </Button>
          )
        }
      />
      {isDeleted ? <DeletedNotice noun="contact" onRestore={handleRestore} restoring={restore.isPending} /> : null}
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
            <HistoryList entity="contacts" id={c.id} noun="contact" fields={CONTACT_FIELDS} knownAccounts={new Map([[c.accountId, c.accountName]])} />
          ) : null}
        </Tabs.Panel>
      </Tabs>
      <ConfirmDialog
        opened={confirming}
        title="Delete this contact?"
        message={`${c.name} will leave your contact lists. Their history is kept and they can be restored.`}
        confirmLabel="Delete contact"
        onConfirm={() => remove.mutateAsync().then(() => setDeleted(true))}
        onClose={() => setConfirming(false)}
      />
    </>
  );
}

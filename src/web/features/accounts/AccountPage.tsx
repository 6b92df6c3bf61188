import { Anchor, Button, Paper, SimpleGrid, Tabs, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAddressBook, IconHistory, IconListDetails, IconTargetArrow, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useParams, useSearchParams } from 'react-router';
import { isApiError } from '../../app/api.ts';
import { BackLink } from '../../shared/BackLink.tsx';
import { RelationshipBadge } from '../../shared/badges.tsx';
import { ConfirmDialog } from '../../shared/ConfirmDialog.tsx';
import { DeletedNotice } from '../../shared/DeletedNotice.tsx';
import { Fact } from '../../shared/Fact.tsx';
import { SIZE_BAND_LABELS } from '../../shared/labels.ts';
import { PageHeader } from '../../shared/PageHeader.tsx';
import { ErrorState, FormSkeleton, NotFoundState } from '../../shared/states.tsx';
import { ACCOUNT_FIELDS } from '../history/fields.ts';
import { HistoryList } from '../history/HistoryList.tsx';
import { AccountContacts } from './AccountContacts.tsx';
import { AccountDetailsForm } from './AccountDetailsForm.tsx';
import { AccountOpportunities } from './AccountOpportunities.tsx';
import { useAccount, useDeleteAccount, useRestoreAccount } from './queries.ts';

const TABS = ['details', 'opportunities', 'contacts', 'history'] as const;
type Tab = (typeof TABS)[number];

export function AccountPage() {
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const tab: Tab = TABS.find((t) => t === params.get('tab')) ?? 'details';
  const account = useAccount(id);
  const remove = useDeleteAccount(id);
  const restore = useRestoreAccount(id);
  const [confirming, setConfirming] = useState(false);
  const [isDeleted, setDeleted] = useState(false);

  if (account.isPending) return <FormSkeleton />;
  if (account.isError) {
    return isApiError(account.error, 'not-found') ? (
      <NotFoundState
        title="Account not found"
        description="It may have been deleted, or neither you nor your team owns it or has deals on it."
        backTo="/accounts"
        backLabel="Back to accounts"
      />
    ) : (
      <ErrorState error={account.error} onRetry={() => void account.refetch()} />
    );
  }
  const a = account.data;
  const handleRestore = () =>
    restore.mutate(undefined, {
      onSuccess: () => setDeleted(false),
      onError: (error) => notifications.show({ color: 'red', title: 'Could not restore', message: error.message }),
    });

  return (
    <>
      <PageHeader
        eyebrow={<BackLink to="/accounts" label="Accounts" />}
        title={a.name}
        actions={
          isDeleted ? null : (
            <Button variant="default" color="red" leftSection={<IconTrash size={16} />} onClick={() => setConfirming(true)}>
              Delete
            </Button>
          )
        }
      />
      {isDeleted ? <DeletedNotice noun="account" onRestore={handleRestore} restoring={restore.isPending} /> : null}
      <Paper p="lg" mb="lg">
        <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }} spacing="lg" verticalSpacing="md">
          <Fact label="Relationship">
            <RelationshipBadge relationship={a.relationship} />
          </Fact>
          <Fact label="Owner">
            <Text size="sm" fw={500}>
              {a.ownerName}
            </Text>
          </Fact>
          <Fact label="Open deals">
            <Text size="sm" fw={600} className="tabular">
              {a.openOpportunityCount}
            </Text>
          </Fact>
          <Fact label="Industry">
            <Text size="sm" c={a.industry ? undefined : 'dimmed'}>
              {a.industry ?? 'Not recorded'}
            </Text>
          </Fact>
          <Fact label="Size">
            <Text size="sm" c={a.sizeBand ? undefined : 'dimmed'}>
              {a.sizeBand ? SIZE_BAND_LABELS[a.sizeBand] : 'Not recorded'}
            </Text>
          </Fact>
          <Fact label="Website">
            {a.website ? (
              <Anchor href={a.website} target="_blank" rel="noopener noreferrer" size="sm" lineClamp={1}>
                {a.website.replace(/^https?:\/\//, '')}
              </Anchor>
            ) : (
              <Text size="sm" c="dimmed">
                Not recorded
              </Text>
            )}
          </Fact>
        </SimpleGrid>
      </Paper>
      <Tabs value={tab} onChange={(next) => setParams(next && next !== 'details' ? { tab: next } : {}, { replace: true })}>
        <Tabs.List mb="md">
          <Tabs.Tab value="details" leftSection={<IconListDetails size={16} />}>
            Details
          </Tabs.Tab>
          <Tabs.Tab value="opportunities" leftSection={<IconTargetArrow size={16} />}>
            Opportunities
          </Tabs.Tab>
          <Tabs.Tab value="contacts" leftSection={<IconAddressBook size={16} />}>
            Contacts
          </Tabs.Tab>
          <Tabs.Tab value="history" leftSection={<IconHistory size={16} />}>
            History
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="details">
          <AccountDetailsForm key={a.id} account={a} disabled={isDeleted} />
        </Tabs.Panel>
        <Tabs.Panel value="opportunities">{tab === 'opportunities' ? <AccountOpportunities account={a} /> : null}</Tabs.Panel>
        <Tabs.Panel value="contacts">{tab === 'contacts' ? <AccountContacts account={a} /> : null}</Tabs.Panel>
        <Tabs.Panel value="history">
          {tab === 'history' ? <HistoryList entity="accounts" id={a.id} noun="account" fields={ACCOUNT_FIELDS} /> : null}
        </Tabs.Panel>
      </Tabs>
      <ConfirmDialog
        opened={confirming}
        title="Delete this account?"
        message={`${a.name} will leave your account lists. An account with opportunities cannot be deleted: delete or move them first.`}
        confirmLabel="Delete account"
        onConfirm={() => remove.mutateAsync().then(() => setDeleted(true))}
        onClose={() => setConfirming(false)}
      />
    </>
  );
}

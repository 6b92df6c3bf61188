import { Anchor, Paper, SimpleGrid, Tabs, Text } from '@mantine/core';
import { IconAddressBook, IconHistory, IconListDetails, IconTargetArrow } from '@tabler/icons-react';
import { useState } from 'react';
import { useParams, useSearchParams } from 'react-router';
import { RelationshipBadge } from '../../shared/badges.tsx';
import { Fact } from '../../shared/Fact.tsx';
import { SIZE_BAND_LABELS } from '../../shared/labels.ts';
import { RecordFallback, RecordPageHeader } from '../../shared/RecordPage.tsx';
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
  const [isDeleted, setDeleted] = useState(false);

  if (account.isPending || account.isError) {
    return (
      <RecordFallback
        query={account}
        notFound={{
          title: 'Account not found',
          description: 'It may have been deleted, or neither you nor your team owns it or has deals on it.',
          backTo: '/accounts',
          backLabel: 'Back to accounts',
        }}
      />
    );
  }
  const a = account.data;

  return (
    <>
      <RecordPageHeader
        back={{ to: '/accounts', label: 'Accounts' }}
        title={a.name}
        noun="account"
        confirmMessage={`${a.name} will leave your account lists. An account with opportunities cannot be deleted: delete or move them first.`}
        remove={() => remove.mutateAsync()}
        restore={() => restore.mutateAsync()}
        isDeleted={isDeleted}
        onDeletedChange={setDeleted}
      />
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
      <Tabs
        value={tab}
        onChange={(next) => setParams(next && next !== 'details' ? { tab: next } : {}, { replace: true })}
      >
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
        <Tabs.Panel value="opportunities">
          {tab === 'opportunities' ? <AccountOpportunities account={a} /> : null}
        </Tabs.Panel>
        <Tabs.Panel value="contacts">{tab === 'contacts' ? <AccountContacts account={a} /> : null}</Tabs.Panel>
        <Tabs.Panel value="history">
          {tab === 'history' ? (
            <HistoryList entity="accounts" id={a.id} noun="account" fields={ACCOUNT_FIELDS} />
          ) : null}
        </Tabs.Panel>
      </Tabs>
    </>
  );
}

import { Anchor, Button, Group, Text } from '@mantine/core';
import { IconPlus, IconTargetArrow } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router';
import type { Account } from '../../../contract/accounts.ts';
import type { OpportunitySort } from '../../../contract/opportunities.ts';
import { ListResults } from '../../shared/ListResults.tsx';
import { StateMessage } from '../../shared/StateMessage.tsx';
import { NewOpportunityModal } from '../opportunities/NewOpportunityModal.tsx';
import { OpportunityTable } from '../opportunities/OpportunityTable.tsx';
import { useOpportunityList } from '../opportunities/queries.ts';

const PAGE_SIZE = 10;

/** The deals on one account that the reader can see. */
export function AccountOpportunities({ account }: { account: Account }) {
  const [sort, setSort] = useState<OpportunitySort>('closeDate');
  const [offset, setOffset] = useState(0);
  const [creating, setCreating] = useState(false);
  const result = useOpportunityList({ accountId: account.id, sort, limit: PAGE_SIZE, offset });

  return (
    <>
      <Group justify="space-between" mb="sm">
        <Text size="sm" c="dimmed">
          Deals on {account.name} that you can see.{' '}
          <Anchor component={Link} to={`/opportunities?accountId=${account.id}`} size="sm">
            Open in the opportunity list
          </Anchor>
        </Text>
        <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={() => setCreating(true)}>
          New opportunity
        </Button>
      </Group>
      <ListResults
        result={result}
        empty={
          <StateMessage
            icon={<IconTargetArrow size={24} />}
            title="No opportunities on this account"
            description="Start one when a conversation turns into a deal."
          />
        }
        noun={['opportunity', 'opportunities']}
        limit={PAGE_SIZE}
        offset={offset}
        onOffset={setOffset}
      >
        <OpportunityTable
          items={result.data?.items}
          sort={sort}
          onSort={(next) => {
            setSort(next as OpportunitySort);
            setOffset(0);
          }}
          isStale={result.isPlaceholderData}
          hideAccount
        />
      </ListResults>
      <NewOpportunityModal
        opened={creating}
        onClose={() => setCreating(false)}
        account={{ id: account.id, name: account.name }}
      />
    </>
  );
}

import { Tabs } from '@mantine/core';
import { IconBulb, IconFileText, IconGauge, IconHistory, IconListDetails } from '@tabler/icons-react';
import { useState } from 'react';
import { useParams, useSearchParams } from 'react-router';
import { oneOf } from '../../shared/labels.ts';
import { RecordFallback, RecordPageHeader } from '../../shared/RecordPage.tsx';
import { OPPORTUNITY_FIELDS } from '../history/fields.ts';
import { AssessmentView } from '../assessment/AssessmentView.tsx';
import { HistoryList } from '../history/HistoryList.tsx';
import { HandOverPanel } from '../hand-overs/HandOverPanel.tsx';
import { KnowledgeWorkspace } from '../knowledge/KnowledgeWorkspace.tsx';
import { ProposalsPanel } from '../proposals/ProposalsPanel.tsx';
import { OpportunityDetailsForm } from './OpportunityDetailsForm.tsx';
import { OpportunityHeader } from './OpportunityHeader.tsx';
import { useDeleteOpportunity, useOpportunity, useRestoreOpportunity } from './queries.ts';

// The assessment comes first: a manager opens a deal to learn how likely it is and why, and the
// other tabs are where that changes (what we know, the proposal written from it, the record itself,
// what happened).
const TABS = ['assessment', 'knowledge', 'proposals', 'details', 'history'] as const;
type Tab = (typeof TABS)[number];

export function OpportunityPage() {
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const tab: Tab = oneOf(TABS, params.get('tab')) ?? 'assessment';
  const opportunity = useOpportunity(id);
  const remove = useDeleteOpportunity(id);
  const restore = useRestoreOpportunity(id);
  const [isDeleted, setDeleted] = useState(false);

  if (opportunity.isPending || opportunity.isError) {
    return (
      <RecordFallback
        query={opportunity}
        notFound={{
          title: 'Opportunity not found',
          description: 'It may have been deleted, or it belongs to a team whose deals you cannot see.',
          backTo: '/opportunities',
          backLabel: 'Back to opportunities',
        }}
      />
    );
  }
  const o = opportunity.data;

  return (
    <>
      <RecordPageHeader
        back={{ to: '/opportunities', label: 'Opportunities' }}
        title={o.name}
        noun="opportunity"
        confirmMessage={`“${o.name}” will leave lists and forecasts. Its history is kept and it can be restored.`}
        remove={() => remove.mutateAsync()}
        restore={() => restore.mutateAsync()}
        restoredMessage={`${o.name} is back in the pipeline.`}
        isDeleted={isDeleted}
        onDeletedChange={setDeleted}
      />
      <OpportunityHeader opportunity={o} />
      <HandOverPanel opportunityId={o.id} />
      <Tabs
        value={tab}
        onChange={(next) => setParams(next && next !== 'assessment' ? { tab: next } : {}, { replace: true })}
      >
        <Tabs.List mb="md">
          <Tabs.Tab value="assessment" leftSection={<IconGauge size={16} />}>
            Assessment
          </Tabs.Tab>
          <Tabs.Tab value="knowledge" leftSection={<IconBulb size={16} />}>
            Knowledge
          </Tabs.Tab>
          <Tabs.Tab value="proposals" leftSection={<IconFileText size={16} />}>
            Proposals
          </Tabs.Tab>
          <Tabs.Tab value="details" leftSection={<IconListDetails size={16} />}>
            Details
          </Tabs.Tab>
          <Tabs.Tab value="history" leftSection={<IconHistory size={16} />}>
            History
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="assessment">{tab === 'assessment' ? <AssessmentView opportunity={o} /> : null}</Tabs.Panel>
        <Tabs.Panel value="knowledge">
          {tab === 'knowledge' ? <KnowledgeWorkspace opportunityId={o.id} /> : null}
        </Tabs.Panel>
        <Tabs.Panel value="proposals">
          {tab === 'proposals' ? <ProposalsPanel opportunityId={o.id} /> : null}
        </Tabs.Panel>
        <Tabs.Panel value="details">
          <OpportunityDetailsForm key={o.id} opportunity={o} disabled={isDeleted} />
        </Tabs.Panel>
        <Tabs.Panel value="history">
          {tab === 'history' ? (
            <HistoryList
              entity="opportunities"
              id={o.id}
              noun="opportunity"
              fields={OPPORTUNITY_FIELDS}
              currency={o.currency}
              knownAccounts={new Map([[o.accountId, o.accountName]])}
            />
          ) : null}
        </Tabs.Panel>
      </Tabs>
    </>
  );
}

import { Button, Tabs } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconBulb, IconGauge, IconHistory, IconListDetails, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useParams, useSearchParams } from 'react-router';
import { isApiError } from '../../app/api.ts';
import { oneOf } from '../../shared/labels.ts';
import { BackLink } from '../../shared/BackLink.tsx';
import { ConfirmDialog } from '../../shared/ConfirmDialog.tsx';
import { DeletedNotice } from '../../shared/DeletedNotice.tsx';
import { PageHeader } from '../../shared/PageHeader.tsx';
import { ErrorState, FormSkeleton, NotFoundState } from '../../shared/states.tsx';
import { OPPORTUNITY_FIELDS } from '../history/fields.ts';
import { AssessmentView } from '../assessment/AssessmentView.tsx';
import { HistoryList } from '../history/HistoryList.tsx';
import { KnowledgeWorkspace } from '../knowledge/KnowledgeWorkspace.tsx';
import { OpportunityDetailsForm } from './OpportunityDetailsForm.tsx';
import { OpportunityHeader } from './OpportunityHeader.tsx';
import { useDeleteOpportunity, useOpportunity, useRestoreOpportunity } from './queries.ts';

// The assessment comes first: a manager opens a deal to learn how likely it is and why, and the
// other tabs are where that changes (what we know, the record itself, what happened).
const TABS = ['assessment', 'knowledge', 'details', 'history'] as const;
type Tab = (typeof TABS)[number];

export function OpportunityPage() {
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const tab: Tab = oneOf(TABS, params.get('tab')) ?? 'assessment';
  const opportunity = useOpportunity(id);
  const remove = useDeleteOpportunity(id);
  const restore = useRestoreOpportunity(id);
  const [confirming, setConfirming] = useState(false);
  const [isDeleted, setDeleted] = useState(false);

  if (opportunity.isPending) return <FormSkeleton />;
  if (opportunity.isError) {
    if (isApiError(opportunity.error, 'not-found')) {
      return (
        <NotFoundState
          title="Opportunity not found"
          description="It may have been deleted, or it belongs to a team whose deals you cannot see."
          backTo="/opportunities"
          backLabel="Back to opportunities"
        />
      );
    }
    return <ErrorState error={opportunity.error} onRetry={() => void opportunity.refetch()} />;
  }

  const o = opportunity.data;
  const handleRestore = () =>
    restore.mutate(undefined, {
      onSuccess: () => {
        setDeleted(false);
        notifications.show({ color: 'teal', title: 'Restored', message: `${o.name} is back in the pipeline.` });
      },
      onError: (error) => notifications.show({ color: 'red', title: 'Could not restore', message: error.message }),
    });

  return (
    <>
      <PageHeader
        eyebrow={<BackLink to="/opportunities" label="Opportunities" />}
        title={o.name}
        actions={
          isDeleted ? null : (
            <Button variant="default" color="red" leftSection={<IconTrash size={16} />} onClick={() => setConfirming(true)}>
              Delete
            </Button>
          )
        }
      />
      {isDeleted ? <DeletedNotice noun="opportunity" onRestore={handleRestore} restoring={restore.isPending} /> : null}
      <OpportunityHeader opportunity={o} />
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
          <Tabs.Tab value="details" leftSection={<IconListDetails size={16} />}>
            Details
          </Tabs.Tab>
          <Tabs.Tab value="history" leftSection={<IconHistory size={16} />}>
            History
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="assessment">{tab === 'assessment' ? <AssessmentView opportunity={o} /> : null}</Tabs.Panel>
        <Tabs.Panel value="knowledge">{tab === 'knowledge' ? <KnowledgeWorkspace opportunityId={o.id} /> : null}</Tabs.Panel>
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
      <ConfirmDialog
        opened={confirming}
        title="Delete this opportunity?"
        message={`“${o.name}” will leave lists and forecasts. Its history is kept and it can be restored.`}
        confirmLabel="Delete opportunity"
        onConfirm={() => remove.mutateAsync().then(() => setDeleted(true))}
        onClose={() => setConfirming(false)}
      />
    </>
  );
}

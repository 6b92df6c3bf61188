import { Alert, Badge, Button, Group, Paper, Skeleton, Stack, Tabs, Text, Title } from '@mantine/core';
import {
  IconCalendarTime,
  IconHistory,
  IconLayoutList,
  IconMessageQuestion,
  IconPlus,
  IconUsersGroup,
} from '@tabler/icons-react';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import type { KnowledgeFactView } from '../../../contract/knowledge.ts';
import { useSearchParams } from 'react-router';
import type { ItemKind } from '../../../domain/knowledge/schema.ts';
import { ConfirmDialog } from '../../shared/ConfirmDialog.tsx';
import { formatDate, todayLocal } from '../../shared/format.ts';
import { oneOf } from '../../shared/labels.ts';
import { StateMessage } from '../../shared/StateMessage.tsx';
import { ErrorState } from '../../shared/states.tsx';
import { useOpportunity } from '../opportunities/queries.ts';
import { BuyingGroupMap } from './BuyingGroupMap.tsx';
import { WorkspaceProvider, type FactRequest, type RetireRequest, type Workspace } from './context.tsx';
import { CoverageHeader } from './CoverageHeader.tsx';
import { EvaluatorMatrix } from './EvaluatorMatrix.tsx';
import { FactFormModal } from './FactFormModal.tsx';
import { locateFocus, readFocus, withoutFocus, type FocusTarget } from './focus.ts';
import { ItemFormModal } from './ItemFormModal.tsx';
import { KnowledgeHistory } from './KnowledgeHistory.tsx';
import { LogMeetingButton } from './LogMeetingDrawer.tsx';
import { ObjectivePanels } from './ObjectivePanels.tsx';
import { useKnowledge, useKnowledgeSchema, useRetire } from './queries.ts';
import { UnknownsList } from './UnknownsList.tsx';
import { VerifyFactModal } from './VerifyFactModal.tsx';

const VIEWS = ['objectives', 'buying-group', 'unknowns', 'history'] as const;
type View = (typeof VIEWS)[number];

/** A day in the past to look back from, read from the address; today otherwise. */
function pastDay(raw: string | null): string | null {
  return raw && /^\d{4}-\d{2}-\d{2}$/.test(raw) && raw < todayLocal() ? raw : null;
}

/**
 * Everything known about an opportunity: how much (the coverage index), objective by objective
 * with its evidence, the buying group, what is still unknown, and who learned what.
 */
export function KnowledgeWorkspace({ opportunityId }: { opportunityId: string }) {
  const [params, setParams] = useSearchParams();
  const asOf = pastDay(params.get('asOf'));
  const view: View = oneOf(VIEWS, params.get('view')) ?? 'objectives';
  const opportunity = useOpportunity(opportunityId);
  const schema = useKnowledgeSchema();
  const knowledge = useKnowledge(opportunityId, asOf);
  const today = useKnowledge(opportunityId, null);
  const retire = useRetire(opportunityId);
  const [factRequest, setFactRequest] = useState<FactRequest | null>(null);
  const [itemKind, setItemKind] = useState<ItemKind | null>(null);
  const [retiring, setRetiring] = useState<RetireRequest | null>(null);
  const [opened, setOpened] = useState<string[]>([]);
  const [verifying, setVerifying] = useState<KnowledgeFactView | null>(null);
  const [highlight, setHighlight] = useState<FocusTarget | null>(null);
  const focus = readFocus(params);
  const focusKey = focus ? JSON.stringify(focus) : null;

  const setParam = (name: string, value: string | null) =>
    setParams(
      (previous) => {
        const next = new URLSearchParams(previous);
        if (value === null) next.delete(name);
        else next.set(name, value);
        return next;
      },
      { replace: true },
    );

  // Another page pointed at a fact or item (?fact= or ?item=): open its objective, highlight it,
  // and take the pointer out of the address so that going on from here does not repeat it.
  useEffect(() => {
    if (!focus || !today.data) return;
    const target = locateFocus(today.data, focus);
    if (target) {
      setOpened((keys) => (keys.includes(target.objective) ? keys : [...keys, target.objective]));
      setHighlight(target);
    } else {
      notifications.show({
        color: 'orange',
        title: 'No longer current',
        message: 'What that link pointed at has changed or been retired since. Here is what is known now.',
      });
    }
    setParams(
      (previous) => {
        const next = withoutFocus(previous);
        next.delete('view');
        next.delete('asOf');
        return next;
      },
      { replace: true },
    );
    // acts once per pointer, as soon as today's knowledge is there
  }, [focusKey, today.data]);

  if (knowledge.isError || schema.isError || opportunity.isError) {
    const retry = () => {
      void knowledge.refetch();
      void schema.refetch();
      void opportunity.refetch();
    };
    return (
      <ErrorState
        error={knowledge.error ?? schema.error ?? opportunity.error}
        onRetry={retry}
        title="The knowledge could not be loaded"
      />
    );
  }
  if (!knowledge.data || !schema.data || !opportunity.data) return <WorkspaceSkeleton />;

  const data = knowledge.data;
  const readOnly = data.isHistorical;
  const workspace: Workspace = {
    opportunityId,
    accountId: opportunity.data.accountId,
    accountName: opportunity.data.accountName,
    currency: opportunity.data.currency,
    knowledge: data,
    schema: schema.data,
    readOnly,
    openFact: setFactRequest,
    openItem: setItemKind,
    retire: setRetiring,
    confirmAgain: setVerifying,
    highlight,
    reload: () => today.refetch(),
    isReloading: today.isFetching,
  };

  const openObjective = (key: string) => {
    setParam('view', null);
    setOpened((keys) => (keys.includes(key) ? keys : [...keys, key]));
    requestAnimationFrame(() =>
      document.getElementById(`objective-${key}`)?.scrollIntoView({ behavior: 'smooth', block: 'start' }),
    );
  };

  return (
    <WorkspaceProvider value={workspace}>
      <div data-testid="knowledge-workspace" aria-busy={knowledge.isFetching}>
        <CoverageHeader
          knowledge={data}
          asOf={asOf}
          onAsOf={(date) => setParam('asOf', date)}
          onOpenObjective={openObjective}
          action={readOnly ? null : <LogMeetingButton opportunityId={opportunityId} />}
        />
        {readOnly ? (
          <Alert
            color="indigo"
            variant="light"
            icon={<IconCalendarTime size={20} />}
            mb="md"
            title={`As known on ${formatDate(data.asOf)}`}
            data-testid="historical-banner"
          >
            <Group justify="space-between" gap="sm">
              <Text size="sm">
                This is a look back: only what had been learned by then, with its age on that day. Nothing can be
                changed here.
              </Text>
              <Button size="xs" variant="white" color="indigo" onClick={() => setParam('asOf', null)}>
                Back to today
              </Button>
            </Group>
          </Alert>
        ) : null}
        <Tabs
          value={view}
          onChange={(next) => setParam('view', next === 'objectives' ? null : next)}
          variant="pills"
          radius="xl"
          keepMounted={false}
        >
          <Tabs.List mb="md">
            <Tabs.Tab value="objectives" leftSection={<IconLayoutList size={16} />}>
              Nine objectives
            </Tabs.Tab>
            <Tabs.Tab value="buying-group" leftSection={<IconUsersGroup size={16} />}>
              Buying group
            </Tabs.Tab>
            <Tabs.Tab
              value="unknowns"
              leftSection={<IconMessageQuestion size={16} />}
              rightSection={
                <Badge
                  size="sm"
                  circle={data.unknowns.length < 10}
                  color={view === 'unknowns' ? 'white' : 'orange'}
                  c={view === 'unknowns' ? 'brand' : undefined}
                  variant={view === 'unknowns' ? 'filled' : 'light'}
                  data-testid="unknowns-count"
                >
                  {data.unknowns.length}
                </Badge>
              }
            >
              Unknowns
            </Tabs.Tab>
            <Tabs.Tab value="history" leftSection={<IconHistory size={16} />}>
              Who learned what
            </Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="objectives">
            <ObjectivePanels opened={opened} onOpened={setOpened} />
          </Tabs.Panel>
          <Tabs.Panel value="buying-group">
            {data.evaluatorMatrix.rows.length === 0 ? (
              <Paper p="md">
                <StateMessage
                  tone="light"
                  color="brand"
                  icon={<IconUsersGroup size={26} />}
                  title="Nobody in the buying group yet"
                  description="Add the people who will evaluate, approve, use or block this decision; the map and who favours which option draw themselves from what you record."
                  actions={
                    readOnly ? null : (
                      <Button leftSection={<IconPlus size={16} />} onClick={() => setItemKind('evaluator')}>
                        Add evaluator
                      </Button>
                    )
                  }
                  testId="no-evaluators"
                />
              </Paper>
            ) : (
              <Stack gap="md">
                <Paper p="lg">
                  <Title order={3} size="h5" mb="sm">
                    Buying group map
                  </Title>
                  <BuyingGroupMap />
                </Paper>
                <Paper p="lg">
                  <Title order={3} size="h5" mb="sm">
                    Who favours which option
                  </Title>
                  <EvaluatorMatrix />
                </Paper>
              </Stack>
            )}
          </Tabs.Panel>
          <Tabs.Panel value="unknowns">
            <UnknownsList />
          </Tabs.Panel>
          <Tabs.Panel value="history">
            <KnowledgeHistory />
          </Tabs.Panel>
        </Tabs>
        <FactFormModal request={factRequest} onClose={() => setFactRequest(null)} />
        <ItemFormModal kind={itemKind} onClose={() => setItemKind(null)} />
        <VerifyFactModal fact={verifying} onClose={() => setVerifying(null)} />
        <ConfirmDialog
          opened={retiring !== null}
          title={retiring?.title ?? ''}
          message={retiring?.message ?? ''}
          confirmLabel="Retire"
          color="red"
          onConfirm={() =>
            retiring
              ? retire.mutateAsync({ what: retiring.what, id: retiring.id, version: data.opportunityVersion })
              : Promise.resolve()
          }
          onClose={() => setRetiring(null)}
        />
      </div>
    </WorkspaceProvider>
  );
}

function WorkspaceSkeleton() {
  return (
    <Stack gap="md" aria-busy aria-label="Loading what we know">
      <Paper p="lg">
        <Group gap="xl" align="center">
          <Skeleton circle height={120} />
          <Stack gap="sm" style={{ flex: 1 }}>
            <Skeleton height={20} width="40%" />
            <Skeleton height={12} width="60%" />
            <Skeleton height={44} width="70%" />
          </Stack>
        </Group>
      </Paper>
      {Array.from({ length: 9 }, (_, i) => (
        <Skeleton key={i} height={58} radius="md" />
      ))}
    </Stack>
  );
}

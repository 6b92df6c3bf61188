import { Alert, Grid, Group, Paper, Skeleton, Stack, Text } from '@mantine/core';
import { IconArchive } from '@tabler/icons-react';
import type { Opportunity } from '../../../contract/opportunities.ts';
import { formatDate, formatDateTime } from '../../shared/format.ts';
import { STATUS_LABELS } from '../../shared/labels.ts';
import { ErrorState } from '../../shared/states.tsx';
import { DangerZonesPanel } from './DangerZonesPanel.tsx';
import { NextMovesPanel } from './NextMovesPanel.tsx';
import { ProbabilityCard } from './ProbabilityCard.tsx';
import { TrendPanel } from './TrendPanel.tsx';
import { useAssessment } from './queries.ts';
import { WhatIfPanel } from './WhatIfPanel.tsx';
import { WhyPanel } from './WhyPanel.tsx';
import { DealActionsPanel } from '../actions/DealActionsPanel.tsx';

/**
 * The Assessment tab: the probability the evidence supports and how it compares with the stage and
 * the seller, why (down to the customer's words), the danger zones, the next moves and what-ifs.
 */
export function AssessmentView({ opportunity }: { opportunity: Opportunity }) {
  const assessment = useAssessment(opportunity.id);
  if (assessment.isError) {
    return (
      <ErrorState
        error={assessment.error}
        onRetry={() => void assessment.refetch()}
        title="The assessment could not be loaded"
      />
    );
  }
  if (!assessment.data) return <AssessmentSkeleton />;
  const a = assessment.data;
  const isOpen = opportunity.status === 'open';
  return (
    <Stack gap="md" data-testid="assessment" aria-busy={assessment.isFetching}>
      {isOpen ? null : (
        <Alert
          color="gray"
          variant="light"
          icon={<IconArchive size={20} />}
          title={`${STATUS_LABELS[opportunity.status]} on ${formatDate(opportunity.closedDate)}`}
        >
          This is what the evidence said on the day the deal closed. Moves and what-ifs are for open deals.
        </Alert>
      )}
      <ProbabilityCard assessment={a} opportunity={opportunity} />
      <TrendPanel opportunityId={opportunity.id} />
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: isOpen ? 7 : 12 }}>
          <Stack gap="md">
            <WhyPanel assessment={a} />
            <DangerZonesPanel zones={a.dangerZones} summary={a.zoneSummary} override={a.commitOverride} />
          </Stack>
        </Grid.Col>
        {isOpen ? (
          <Grid.Col span={{ base: 12, lg: 5 }}>
            <Stack gap="md">
              <DealActionsPanel opportunityId={opportunity.id} dealOwnerId={opportunity.ownerId} />
              <NextMovesPanel recommendations={a.recommendations} zones={a.dangerZones} />
            </Stack>
          </Grid.Col>
        ) : null}
      </Grid>
      {isOpen ? <WhatIfPanel opportunity={opportunity} assessment={a} /> : null}
      <Group justify="flex-end">
        <Text size="xs" c="dimmed" data-testid="assessment-provenance">
          Model {a.modelVersion} · assessed {formatDateTime(a.computedAt)}
        </Text>
      </Group>
    </Stack>
  );
}

function AssessmentSkeleton() {
  return (
    <Stack gap="md" aria-label="Loading the assessment" aria-busy data-testid="assessment-loading">
      <Paper p="lg">
        <Group gap="xl" wrap="nowrap">
          <Stack gap="xs" w={220}>
            <Skeleton height={12} width="80%" />
            <Skeleton height={52} width={120} />
            <Skeleton height={12} width="70%" />
          </Stack>
          <Stack gap="xs" style={{ flex: 1 }}>
            <Skeleton height={10} mt={30} />
            <Group grow mt="md">
              <Skeleton height={40} />
              <Skeleton height={40} />
            </Group>
          </Stack>
        </Group>
      </Paper>
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Paper p="lg">
            <Skeleton height={18} width="30%" mb="md" />
            {Array.from({ length: 5 }, (_, i) => (
              <Skeleton key={i} height={22} mb="xs" />
            ))}
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Paper p="lg">
            <Skeleton height={18} width="40%" mb="md" />
            {Array.from({ length: 3 }, (_, i) => (
              <Skeleton key={i} height={48} mb="sm" />
            ))}
          </Paper>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

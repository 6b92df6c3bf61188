import { Button, Group, Paper, Select, SimpleGrid, Skeleton, Stack, Text } from '@mantine/core';
import { ScopeSelect } from './ScopeSelect.tsx';
import { IconPresentation, IconPrinter } from '@tabler/icons-react';
import { ExportButton } from '../../shared/ExportButton.tsx';
import { formatWholeMoney, todayLocal } from '../../shared/format.ts';
import { PageHeader } from '../../shared/PageHeader.tsx';
import { useListParams } from '../../shared/useListParams.ts';
import { Link } from 'react-router';
import { REVIEW_RANKS } from '../../../contract/reviews.ts';
import { reviewCsvUrl, reviewPdfUrl, useTopReview } from './queries.ts';
import { periodChoices, RANK_LABELS, reviewParamsFrom } from './review-params.ts';
import { ReviewCard } from './ReviewCard.tsx';
import { SinceLastReview } from './SinceLastReview.tsx';
import { useScopeChoices } from './useScopeChoices.ts';
import { PipelineLoadError } from '../../shared/PipelineLoadError.tsx';

/** The pipeline meeting on one screen: the top deals of a scope, each answering the five questions. */
export function ReviewPage() {
  const { params, update } = useListParams();
  const review = reviewParamsFrom(params);
  const result = useTopReview(review);
  const scope = useScopeChoices(review);
  const data = result.data;

  return (
    <>
      <PageHeader
        title="Pipeline review"
        description="The deals that matter most, each answering: how likely, and why; who decides; against what; for which business issue; on which criteria."
        actions={
          <Group gap="sm">
            <Button
              component="a"
              href={reviewPdfUrl(review)}
              download
              variant="default"
              leftSection={<IconPrinter size={16} />}
              title="The review as a PDF for the meeting room: landscape, three deals a page"
            >
              Print (PDF)
            </Button>
            <ExportButton href={reviewCsvUrl(review)} noun="deal of this review" />
          </Group>
        }
      />
      <Group gap="sm" mb="md" align="flex-end" wrap="wrap">
        {scope.worthShowing ? <ScopeSelect scope={scope} update={update} testId="review-scope" /> : null}
        <Select
          label="Closing in"
          data={periodChoices(todayLocal())}
          value={review.period ?? ''}
          onChange={(period) => update({ period })}
          allowDeselect={false}
          w={{ base: '100%', xs: 250 }}
          data-testid="review-period"
        />
        <Select
          label="Ranked by"
          data={REVIEW_RANKS.map((rank) => ({ value: rank, label: RANK_LABELS[rank] }))}
          value={review.rank}
          onChange={(rank) => update({ rank: rank === 'value_probability' ? null : rank })}
          allowDeselect={false}
          w={{ base: '100%', xs: 220 }}
          data-testid="review-rank"
        />
        <Select
          label="Deals"
          data={['10', '20', '50', '100']}
          value={String(review.limit)}
          onChange={(limit) => update({ limit: limit === '20' ? null : limit })}
          allowDeselect={false}
          w={{ base: '100%', xs: 90 }}
        />
      </Group>
      {result.isError && !data ? (
        <PipelineLoadError
          error={result.error}
          onRetry={() => void result.refetch()}
          title="The review could not be loaded"
        />
      ) : !data ? (
        <ReviewSkeleton />
      ) : (
        <Stack gap="md" style={{ opacity: result.isPlaceholderData ? 0.6 : 1, transition: 'opacity 150ms' }}>
          <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="md" data-testid="review-summary">
            <Figure
              label={data.scope.name}
              value={`${data.openDeals} open deals`}
              note={data.period?.label ?? 'Any close date'}
            />
            <Figure
              label="Pipeline"
              value={formatWholeMoney(data.pipeline.amountMinor, data.pipeline.currency)}
              note={`In ${data.reportingCurrency}, converted at today’s rates`}
            />
            <Figure
              label="Weighted by win probability"
              value={formatWholeMoney(data.weightedPipeline.amountMinor, data.weightedPipeline.currency)}
              note="The evidence-based probability, not the stage’s"
            />
          </SimpleGrid>
          <SinceLastReview params={{ team: review.team, owner: review.owner, period: review.period }} />
          {data.items.length === 0 ? (
            <Paper p="xl" ta="center" data-testid="review-empty">
              <IconPresentation size={28} color="var(--mantine-color-dimmed)" />
              <Text fw={600} mt="xs">
                No open deals here
              </Text>
              <Text size="sm" c="dimmed">
                Nobody in this scope has a deal expected to close in this period. Choose another period or scope.
              </Text>
              <Button component={Link} to="/opportunities" variant="light" mt="sm">
                Go to your opportunities
              </Button>
            </Paper>
          ) : (
            data.items.map((item, k) => (
              <ReviewCard key={item.opportunity.id} item={item} rank={k + 1} since={data.since} />
            ))
          )}
        </Stack>
      )}
    </>
  );
}

function Figure({ label, value, note }: { label: string; value: string; note: string }) {
  return (
    <Paper p="md">
      <Text size="xs" c="dimmed" fw={700} tt="uppercase" style={{ letterSpacing: 0.5 }}>
        {label}
      </Text>
      <Text fz="xl" fw={700} className="tabular">
        {value}
      </Text>
      <Text size="xs" c="dimmed">
        {note}
      </Text>
    </Paper>
  );
}

function ReviewSkeleton() {
  return (
    <Stack gap="md" aria-label="Loading the review" aria-busy>
      <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="md">
        {[0, 1, 2].map((k) => (
          <Skeleton key={k} height={84} radius="md" />
        ))}
      </SimpleGrid>
      {[0, 1, 2].map((k) => (
        <Skeleton key={k} height={220} radius="md" />
      ))}
    </Stack>
  );
}

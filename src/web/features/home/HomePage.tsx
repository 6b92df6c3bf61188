import { Anchor, Badge, Button, Group, Paper, Progress, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconArrowRight, IconChecklist, IconFlag } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useCurrentUser } from '../../app/auth.tsx';
import type { ReviewItem } from '../../../contract/reviews.ts';
import { formatDate, formatWholeMoney } from '../../shared/format.ts';
import { PageHeader } from '../../shared/PageHeader.tsx';
import { PipelineLoadError } from '../../shared/PipelineLoadError.tsx';
import { formatPercent, SEVERITY_COLORS } from '../assessment/labels.ts';
import { useMyActions } from '../actions/queries.ts';
import { againstTarget, METHOD_LABELS } from '../forecast/forecast-words.ts';
import { useForecast } from '../forecast/queries.ts';
import { deals, TOPIC_LABELS } from '../review/change-words.ts';
import { useReviewChanges, useTopReview } from '../review/queries.ts';
import { useTeamCoaching } from '../coaching/scorecard-queries.ts';
import { PendingBriefsPanel } from '../hand-overs/PendingBriefsPanel.tsx';

/**
 * Where signing in lands. A manager sees their team's quarter against its target, what needs them
 * (items marked to discuss, their own agreed actions, the riskiest deals), what moved since the
 * last review and who on the team shows a gap to coach; a seller sees their own deals needing attention with the next move on each, and the
 * actions they agreed to.
 */
export function HomePage() {
  const me = useCurrentUser();
  const isSeller = me.role === 'seller';
  return (
    <>
      <PageHeader
        title={`Good to see you, ${me.name.split(' ')[0]}`}
        description={
          isSeller
            ? 'Your deals that need you most, each with the move that helps it most, and what you agreed to do.'
            : 'Your pipeline at a glance: the quarter against its target, what needs you, and what moved since the last review.'
        }
      />
      <Stack gap="md">
        <PendingBriefsPanel />
        <QuarterPanel />
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
          <AttentionPanel isSeller={isSeller} />
          <Stack gap="md">
            <MyActionsPanel />
            {isSeller ? null : <MovedPanel />}
            {isSeller ? null : <CoachingPanel />}
          </Stack>
        </SimpleGrid>
      </Stack>
    </>
  );
}

function Panel({
  title,
  action,
  children,
  testId,
}: {
  title: string;
  action?: ReactNode;
  children: ReactNode;
  testId: string;
}) {
  return (
    <Paper p={{ base: 'md', sm: 'lg' }} data-testid={testId}>
      <Group justify="space-between" align="baseline" mb="sm">
        <Title order={2} size="h4">
          {title}
        </Title>
        {action}
      </Group>
      {children}
    </Paper>
  );
}

const seeAll = (to: string, label: string) => (
  <Anchor component={Link} to={to} size="sm">
    {label} <IconArrowRight size={12} style={{ verticalAlign: 'middle' }} />
  </Anchor>
);

/** This quarter: won to date and the evidence-based call against the target, with commit beside. */
function QuarterPanel() {
  const forecast = useForecast({});
  const data = forecast.data;
  if (forecast.isError && !data)
    return (
      <PipelineLoadError
        error={forecast.error}
        onRetry={() => void forecast.refetch()}
        title="The forecast could not be loaded"
      />
    );
  if (!data) return <Skeleton height={132} radius="md" />;
  const money = (v: number) => formatWholeMoney(v, data.reportingCurrency);
  const target = data.target?.amountMinor ?? null;
  const call = data.totals.methods.knowledge;
  const won = data.totals.won.amountMinor;
  // against the target when there is one, else against the call itself
  const scale = Math.max(target ?? call, 1);
  const wonShare = Math.min(won / scale, 1);
  const expectedShare = Math.min(Math.max(call - won, 0) / scale, 1 - wonShare);
  return (
    <Panel
      title={`${data.period.label} for ${data.scope.name}`}
      action={seeAll('/forecast', 'Call the quarter')}
      testId="home-quarter"
    >
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="md" mb="sm">
        <Figure label="Won to date" value={money(won)} note={deals(data.totals.won.deals)} />
        <Figure
          label={METHOD_LABELS.knowledge.label}
          value={money(call)}
          note={againstTarget(call, target) ?? 'won + open × win probability'}
        />
        <Figure
          label="Commit"
          value={money(data.totals.methods.commit)}
          note={againstTarget(data.totals.methods.commit, target) ?? 'won + commit'}
        />
        <Figure
          label="Target"
          value={target === null ? 'Not set' : money(target)}
          note={data.target ? `set by ${data.target.setByName}` : 'a manager or admin sets it on the forecast'}
        />
      </SimpleGrid>
      <Progress.Root
        size={16}
        aria-label={`Won ${money(won)}, expected ${money(call)}, against ${target === null ? 'no target' : money(target)}`}
      >
        <Progress.Section value={wonShare * 100} color="teal">
          <Progress.Label>won</Progress.Label>
        </Progress.Section>
        <Progress.Section value={expectedShare * 100} color="teal.3">
          <Progress.Label>expected</Progress.Label>
        </Progress.Section>
      </Progress.Root>
      <Text size="xs" c="dimmed" mt={4}>
        {target === null
          ? 'No target for this quarter: the bar runs to the evidence-based call.'
          : `${formatPercent(won / target)} of the target won; the evidence-based call reaches ${formatPercent(call / target)} of it.`}
      </Text>
    </Panel>
  );
}

function Figure({ label, value, note }: { label: string; value: string; note: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed" fw={700} tt="uppercase" style={{ letterSpacing: 0.5 }}>
        {label}
      </Text>
      <Text fz="lg" fw={700} className="tabular">
        {value}
      </Text>
      <Text size="xs" c="dimmed">
        {note}
      </Text>
    </div>
  );
}

/** The deals at most risk (the review ranked by risk), each with its worst zone and its next move. */
function AttentionPanel({ isSeller }: { isSeller: boolean }) {
  const review = useTopReview({ rank: 'risk', limit: 6 });
  const data = review.data;
  return (
    <Panel
      title={isSeller ? 'Your deals that need you' : 'Deals that need you'}
      action={seeAll(isSeller ? '/review?rank=risk' : '/review', isSeller ? 'All your deals' : 'Run the review')}
      testId="home-attention"
    >
      {review.isError && !data ? (
        <PipelineLoadError
          error={review.error}
          onRetry={() => void review.refetch()}
          title="Could not load the deals"
        />
      ) : !data ? (
        <Stack gap="sm">
          {[0, 1, 2].map((k) => (
            <Skeleton key={k} height={56} />
          ))}
        </Stack>
      ) : data.items.length === 0 ? (
        <Text size="sm" c="dimmed">
          No open deals yet.{' '}
          <Anchor component={Link} to="/opportunities">
            Open your first opportunity
          </Anchor>
          .
        </Text>
      ) : (
        <Stack gap="sm">
          {data.items.map((item) => (
            <AttentionRow key={item.opportunity.id} item={item} />
          ))}
        </Stack>
      )}
    </Panel>
  );
}

function AttentionRow({ item }: { item: ReviewItem }) {
  const o = item.opportunity;
  const zone = item.dangerZones[0];
  return (
    <div data-testid="home-attention-row">
      <Group justify="space-between" gap="xs" wrap="nowrap">
        <Anchor component={Link} to={`/opportunities/${o.id}`} fw={600} size="sm" truncate>
          {o.name}
        </Anchor>
        <Text size="sm" fw={700} className="tabular" style={{ flexShrink: 0 }}>
          {formatPercent(item.winProbability)}{' '}
          <Text span size="xs" c="dimmed" fw={400}>
            of {formatWholeMoney(item.value.amountMinor, item.value.currency)}
          </Text>
        </Text>
      </Group>
      <Group gap={6} mt={2} wrap="wrap">
        <Text size="xs" c="dimmed">
          {o.accountName} · {o.ownerName} · closes {formatDate(o.expectedCloseDate)}
        </Text>
        {zone ? (
          <Badge size="xs" variant="light" color={SEVERITY_COLORS[zone.severity]} tt="none">
            {zone.name}
          </Badge>
        ) : null}
        {item.marks.length > 0 ? (
          <Badge size="xs" variant="light" color="yellow" tt="none" leftSection={<IconFlag size={10} />}>
            to discuss: {item.marks.map((m) => TOPIC_LABELS[m.topic].toLowerCase()).join(', ')}
          </Badge>
        ) : null}
      </Group>
      {item.nextMove ? (
        <Text size="xs" mt={2}>
          <Text span fw={600} size="xs">
            Next:{' '}
          </Text>
          {item.nextMove.action}
        </Text>
      ) : null}
    </div>
  );
}

/** The actions agreed for the person signed in, on open deals, the soonest due first. */
function MyActionsPanel() {
  const items = useMyActions().data;
  return (
    <Panel title="Your agreed actions" testId="home-actions">
      {!items ? (
        <Skeleton height={60} />
      ) : items.length === 0 ? (
        <Group gap={8} c="dimmed">
          <IconChecklist size={18} />
          <Text size="sm">Nothing agreed for you is open. Actions agreed in a review show here until done.</Text>
        </Group>
      ) : (
        <Stack gap={6}>
          {items.slice(0, 8).map((a) => (
            <Group key={a.id} gap={8} wrap="nowrap" align="flex-start" justify="space-between">
              <Text size="sm" style={{ minWidth: 0 }}>
                {a.text}{' '}
                <Text span size="xs" c="dimmed">
                  on{' '}
                  <Anchor component={Link} to={`/opportunities/${a.opportunityId}`} size="xs">
                    {a.opportunityName}
                  </Anchor>
                </Text>
              </Text>
              <Badge size="sm" variant="light" color={a.isOverdue ? 'red' : 'gray'} style={{ flexShrink: 0 }}>
                {a.isOverdue ? 'overdue ' : 'by '}
                {formatDate(a.dueDate)}
              </Badge>
            </Group>
          ))}
          {items.length > 8 ? (
            <Text size="xs" c="dimmed">
              and {items.length - 8} more, on the deals themselves
            </Text>
          ) : null}
        </Stack>
      )}
    </Panel>
  );
}

/** What moved since the team's last review, in counts and the largest moves. */
function MovedPanel() {
  const changes = useReviewChanges({});
  const data = changes.data;
  if (!data) return <Skeleton height={140} radius="md" />;
  const since =
    data.baseline.kind === 'review'
      ? `since the review of ${formatDate(data.baseline.at.slice(0, 10))}`
      : data.baseline.kind === 'snapshot'
        ? `since ${formatDate(data.baseline.day)}`
        : null;
  const counts = [
    [data.counts.added, 'added'],
    [data.counts.dropped, 'dropped'],
    [data.counts.moved, 'moved 5 points or more'],
    [data.counts.closeDates, 'with a new close date'],
  ] as const;
  return (
    <Panel
      title={since ? `Moved ${since}` : 'What moved'}
      action={seeAll('/review', 'See it in the review')}
      testId="home-moved"
    >
      {since === null ? (
        <Text size="sm" c="dimmed">
          Nothing to compare with yet: once a review is recorded, what changes since shows here.
        </Text>
      ) : (
        <Stack gap={6}>
          <Text size="sm">
            {counts
              .filter(([n]) => n > 0)
              .map(([n, what]) => `${deals(n)} ${what}`)
              .join(' · ') || 'No deal added, dropped or moved.'}
          </Text>
          {data.moved.slice(0, 4).map((m) => (
            <Group key={m.id} gap={6} wrap="nowrap" justify="space-between">
              <Anchor component={Link} to={`/opportunities/${m.id}`} size="sm" truncate>
                {m.name}
              </Anchor>
              <Text
                size="sm"
                fw={600}
                c={m.to > m.from ? 'teal.8' : 'red.8'}
                className="tabular"
                style={{ flexShrink: 0 }}
              >
                {formatPercent(m.from)} → {formatPercent(m.to)}
              </Text>
            </Group>
          ))}
          {data.toDiscuss.length > 0 ? (
            <Button
              component={Link}
              to="/review"
              variant="light"
              color="yellow"
              size="xs"
              leftSection={<IconFlag size={14} />}
              w="fit-content"
            >
              {deals(data.toDiscuss.length)} marked to discuss
            </Button>
          ) : null}
        </Stack>
      )}
    </Panel>
  );
}

/** Who on the team shows a gap worth a conversation, the most flagged first. */
function CoachingPanel() {
  const team = useTeamCoaching(undefined, true);
  const data = team.data;
  if (!data) return <Skeleton height={120} radius="md" />;
  const flagged = data.sellers.filter((s) => s.flags.length > 0);
  return (
    <Panel title="Coaching" action={seeAll('/coaching', 'The team’s scorecards')} testId="home-coaching">
      {flagged.length === 0 ? (
        <Text size="sm" c="dimmed">
          No seller shows a gap past the rules’ thresholds.
        </Text>
      ) : (
        <Stack gap={6}>
          {flagged.slice(0, 4).map((s) => (
            <Group key={s.id} gap={6} wrap="nowrap" justify="space-between" align="flex-start">
              <Anchor component={Link} to={`/coaching/sellers/${s.id}`} size="sm" fw={600} style={{ flexShrink: 0 }}>
                {s.name}
              </Anchor>
              <Text size="xs" c="dimmed" ta="right" lh={1.35}>
                {s.flags[0]!.text}
                {s.flags.length > 1 ? ` · ${s.flags.length - 1} more` : ''}
              </Text>
            </Group>
          ))}
        </Stack>
      )}
    </Panel>
  );
}

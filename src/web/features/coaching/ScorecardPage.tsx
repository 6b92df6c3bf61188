import { Anchor, Badge, Button, Group, Paper, SimpleGrid, Skeleton, Stack, Text, Title, Tooltip } from '@mantine/core';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { Line, LineChart, ReferenceLine, ResponsiveContainer, YAxis } from 'recharts';
import { useCurrentUser } from '../../app/auth.tsx';
import type { Scorecard, ScorecardIndicator } from '../../../contract/scorecard.ts';
import { formatDate } from '../../shared/format.ts';
import { PageHeader } from '../../shared/PageHeader.tsx';
import { PipelineLoadError } from '../../shared/PipelineLoadError.tsx';
import { formatIndicator, isWorse, LEVEL_COLORS, LEVEL_LABELS, standingSince } from './indicator-format.ts';
import { DiagnoseFlagButton, DiagnosesPanel } from './DiagnosesPanel.tsx';
import { useScorecard } from './scorecard-queries.ts';
import { useGapRules } from './gap-rules-queries.ts';
import { useAssignments } from './assignment-queries.ts';
import { AssignmentsPanel, STATUS_LABELS } from './AssignmentList.tsx';
import type { Assignment } from '../../../contract/assignments.ts';
import { AssignModal } from './AssignModal.tsx';

/** One seller's scorecard: what stands out, the flagged gaps with their likely causes, every indicator. */
export function ScorecardPage() {
  const { id = '' } = useParams();
  const me = useCurrentUser();
  const card = useScorecard(id);
  const data = card.data;
  const own = me.id === id;
  // a manager of the seller's chain (or an admin) diagnoses and assigns learning; the seller reads
  // the outcome and does the learning, never assigns it to themselves
  const canCoach = !own && me.role !== 'seller';
  const assignments = useAssignments(id);
  const [assigning, setAssigning] = useState<Scorecard['flags'][number] | null>(null);
  return (
    <>
      <PageHeader
        title={data ? (own ? 'My scorecard' : `${data.seller.name}’s scorecard`) : 'Scorecard'}
        description={
          data
            ? `${data.openDeals} open deals, ${data.closedDeals} closed in the last 180 days; compared with the median of ${data.peers} colleagues and with ${own ? 'your' : 'their'} own figures a period ago.`
            : undefined
        }
        actions={
          own ? null : (
            <Anchor component={Link} to="/coaching" size="sm">
              Back to the team
            </Anchor>
          )
        }
      />
      {card.isError && !data ? (
        <PipelineLoadError
          error={card.error}
          onRetry={() => void card.refetch()}
          title="The scorecard could not be loaded"
        />
      ) : !data ? (
        <Stack gap="md">
          <Skeleton height={90} radius="md" />
          <Skeleton height={360} radius="md" />
        </Stack>
      ) : (
        <Stack gap="md">
          <Paper p={{ base: 'md', sm: 'lg' }} data-testid="scorecard-summary">
            <Text fw={600}>{data.summary}</Text>
          </Paper>
          {data.flags.length > 0 ? (
            <Flags
              data={data}
              canDiagnose={canCoach}
              assignments={assignments.data ?? []}
              onAssign={canCoach ? setAssigning : null}
            />
          ) : null}
          <DiagnosesPanel sellerId={data.seller.id} own={own} canStart={canCoach} />
          <AssignmentsPanel items={assignments.data} own={own} />
          <Indicators data={data} />
          <AssignModal seller={data.seller} flag={assigning} onClose={() => setAssigning(null)} />
        </Stack>
      )}
    </>
  );
}

function Flags({
  data,
  canDiagnose,
  assignments,
  onAssign,
}: {
  data: Scorecard;
  canDiagnose: boolean;
  assignments: readonly Assignment[];
  onAssign: ((flag: Scorecard['flags'][number]) => void) | null;
}) {
  // the learning already under way for a gap, so nobody assigns it twice
  const underWay = (f: Scorecard['flags'][number]) =>
    assignments.filter(
      (a) =>
        a.gapRule === f.rule &&
        (f.rule !== 'ZONE' || a.zoneId === f.zoneId) &&
        a.status !== 'abandoned' &&
        a.status !== 'verified',
    );
  // the rule behind each flag, in words: why it was raised (anyone who sees the scorecard reads the rules)
  const rules = useGapRules().data;
  const whyOf = (f: Scorecard['flags'][number]) =>
    f.rule === 'ZONE' ? rules?.recurrence.text : rules?.rules.find((r) => r.id === f.rule)?.text;
  return (
    <Paper p={{ base: 'md', sm: 'lg' }} data-testid="scorecard-flags">
      <Title order={2} size="h4" mb="sm">
        Gaps worth a conversation
      </Title>
      <Stack gap="md">
        {data.flags.map((f) => (
          <div key={f.rule + (f.zoneId ?? '')} data-testid="scorecard-flag">
            <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
              <div>
                <Group gap={8} wrap="wrap">
                  <Badge variant="light" color={LEVEL_COLORS[f.level]} tt="none">
                    {LEVEL_LABELS[f.level]}
                  </Badge>
                  <Text fw={600} size="sm">
                    {f.text}
                  </Text>
                </Group>
                <Text size="xs" c="dimmed" data-testid="flag-since">
                  {standingSince(f.since, data.asOf)}
                </Text>
                <Text size="sm" mt={4}>
                  Likely root causes:{' '}
                  {f.rootCauses.map((c, k) => (
                    <span key={c.id}>
                      {k > 0 ? '; ' : ''}
                      <Text span fw={600} size="sm">
                        {c.id}
                      </Text>{' '}
                      {c.name.toLowerCase()}
                    </span>
                  ))}
                </Text>
                {whyOf(f) ? (
                  <Text size="xs" c="dimmed" mt={2} data-testid="flag-rule">
                    {f.rule === 'ZONE' ? 'The rule' : f.rule}: {whyOf(f)}
                  </Text>
                ) : null}
                {underWay(f).length > 0 ? (
                  <Text size="xs" mt={2} data-testid="flag-assigned">
                    Under way:{' '}
                    {underWay(f).map((a, k) => (
                      <span key={a.id}>
                        {k > 0 ? ', ' : ''}
                        <Anchor component={Link} to={`/development/${a.id}`} size="xs">
                          {a.item.title}
                        </Anchor>{' '}
                        ({STATUS_LABELS[a.status].toLowerCase()})
                      </span>
                    ))}
                  </Text>
                ) : null}
                {f.deals.length > 0 ? (
                  <Text size="xs" c="dimmed" mt={2}>
                    Seen on{' '}
                    {f.deals.slice(0, 5).map((d, k) => (
                      <span key={d.id}>
                        {k > 0 ? ', ' : ''}
                        <Anchor component={Link} to={`/opportunities/${d.id}`} size="xs">
                          {d.name}
                        </Anchor>
                      </span>
                    ))}
                    {f.deals.length > 5 ? ` and ${f.deals.length - 5} more` : ''}
                  </Text>
                ) : null}
              </div>
              <Group gap={6} wrap="nowrap">
                {canDiagnose ? <DiagnoseFlagButton sellerId={data.seller.id} flag={f} /> : null}
                {onAssign ? (
                  <Button size="compact-xs" variant="light" onClick={() => onAssign(f)}>
                    Assign learning
                  </Button>
                ) : null}
              </Group>
            </Group>
          </div>
        ))}
      </Stack>
    </Paper>
  );
}

function Indicators({ data }: { data: Scorecard }) {
  const groups = [
    {
      title: 'Leading indicators: what is done on the open deals',
      items: data.indicators.filter((i) => i.kind === 'leading'),
    },
    {
      title: 'Results: how the deals closed in the last 180 days ended',
      items: data.indicators.filter((i) => i.kind === 'result'),
    },
  ];
  return (
    <>
      {groups.map((g) => (
        <Paper key={g.title} p={{ base: 'md', sm: 'lg' }}>
          <Title order={2} size="h4" mb="sm">
            {g.title}
          </Title>
          <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="md">
            {g.items.map((i) => (
              <IndicatorTile key={i.key} indicator={i} currency={data.reportingCurrency} />
            ))}
          </SimpleGrid>
        </Paper>
      ))}
    </>
  );
}

function IndicatorTile({ indicator: i, currency }: { indicator: ScorecardIndicator; currency: string }) {
  const worse = isWorse(i.better, i.value, i.peerMedian);
  const points = i.trend.filter((p) => p.value !== null);
  return (
    <Paper
      withBorder
      p="sm"
      data-testid="scorecard-indicator"
      data-key={i.key}
      style={i.flag ? { borderColor: 'var(--mantine-color-red-4)' } : undefined}
    >
      <Tooltip label={i.meaning} multiline w={260} withArrow>
        <Text size="xs" c="dimmed" fw={700} tt="uppercase" style={{ letterSpacing: 0.5 }}>
          {i.label}
        </Text>
      </Tooltip>
      <Text fz="xl" fw={700} className="tabular" c={worse ? 'red.8' : undefined}>
        {formatIndicator(i.value, i.unit, currency)}
      </Text>
      <Text size="xs" c="dimmed" className="tabular">
        team {formatIndicator(i.peerMedian, i.unit, currency)} · before {formatIndicator(i.baseline, i.unit, currency)}
      </Text>
      {points.length >= 2 ? (
        <div
          style={{ height: 44 }}
          role="img"
          aria-label={`${i.label} week by week: ${points.map((p) => `${formatDate(p.day)} ${formatIndicator(p.value, i.unit, currency)}`).join(', ')}`}
        >
          <ResponsiveContainer width="100%" height="100%">
            <LineChart data={points} margin={{ top: 6, right: 2, bottom: 2, left: 2 }}>
              <YAxis hide domain={['auto', 'auto']} />
              {i.peerMedian !== null ? (
                <ReferenceLine y={i.peerMedian} stroke="var(--mantine-color-gray-4)" strokeDasharray="3 3" />
              ) : null}
              <Line
                type="monotone"
                dataKey="value"
                stroke={worse ? 'var(--mantine-color-red-6)' : 'var(--mantine-color-brand-6)'}
                strokeWidth={2}
                dot={false}
                isAnimationActive={false}
              />
            </LineChart>
          </ResponsiveContainer>
        </div>
      ) : null}
    </Paper>
  );
}

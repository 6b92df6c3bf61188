import { Alert, Box, Grid, Group, Paper, SimpleGrid, Stack, Text, Tooltip } from '@mantine/core';
import type { CSSProperties } from 'react';
import { IconLock, IconMoodSmileBeam, IconScale } from '@tabler/icons-react';
import type { Opportunity } from '../../../contract/opportunities.ts';
import { SELLER_FIGURE_GAP_RULE } from '../../../domain/assessment/catalog.ts';
import classes from './assessment.module.css';
import { formatDate } from '../../shared/format.ts';
import { STATUS_COLORS, STATUS_LABELS } from '../../shared/labels.ts';
import { describeCondition, formatPercent, formatPoints, guardrailLabel } from './labels.ts';
import type { AssessmentView, DangerZoneView } from './queries.ts';

/**
 * The headline: the probability the evidence supports, with its band, and beside it the stage's and
 * the seller's figures, so the distance between what we know and what we hope shows at once.
 */
export function ProbabilityCard({
  assessment: a,
  opportunity: o,
}: {
  assessment: AssessmentView;
  opportunity: Opportunity;
}) {
  const [low, high] = a.band;
  const gapZone = a.dangerZones.find((z) => z.id === SELLER_FIGURE_GAP_RULE);
  return (
    <Paper p={{ base: 'md', sm: 'lg' }} data-testid="probability-card">
      {a.cap ? (
        <Alert
          color="red"
          variant="light"
          icon={<IconLock size={20} />}
          title={`${guardrailLabel(a.cap.key)}: held at ${formatPercent(a.cap.limit)}`}
          mb="md"
          data-testid="probability-cap"
        >
          {a.cap.reason}. Whatever else is true, the probability cannot rise above {formatPercent(a.cap.limit)} until
          this changes.
        </Alert>
      ) : null}
      <Grid gap={{ base: 'md', md: 'xl' }} align="center">
        <Grid.Col span={{ base: 12, sm: 4 }}>
          {o.status === 'open' ? (
            <Stack gap={6}>
              <Text size="xs" c="dimmed" fw={700} tt="uppercase" style={{ letterSpacing: 0.5 }}>
                Win probability from the evidence
              </Text>
              <Text
                fz={56}
                fw={750}
                lh={1}
                className="tabular"
                data-testid="win-probability"
                aria-label={`Win probability ${formatPercent(a.winProbability)}`}
              >
                {Math.round(a.winProbability * 100)}
                <Text span fz={26} fw={600} c="dimmed">
                  {' '}
                  %
                </Text>
              </Text>
              <Text size="sm" c="dimmed" data-testid="probability-band">
                Likely between {formatPercent(low)} and {formatPercent(high)}
              </Text>
              <Tooltip
                label="How much of what matters is known, weighted by objective. The less we know, the wider the band."
                multiline
                w={260}
              >
                <Text size="sm" c="dimmed" style={{ cursor: 'help' }}>
                  Knowledge coverage{' '}
                  <Text span fw={650} c="var(--mantine-color-text)" className="tabular">
                    {formatPercent(a.coverageIndex)}
                  </Text>
                </Text>
              </Tooltip>
            </Stack>
          ) : (
            <ClosedOutcome assessment={a} opportunity={o} />
          )}
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 8 }}>
          <ComparisonScale assessment={a} />
          <SimpleGrid cols={2} spacing="md" mt="sm">
            <Figure
              label={`Stage figure · ${o.stageName}`}
              value={a.stageProbability}
              gap={a.stageProbability * 100 - a.winProbability * 100}
              testId="stage-probability"
              note="What deals at this stage are assumed to close at"
            />
            {a.sellerProbability === null ? (
              <Stack gap={2} data-testid="seller-probability">
                <Text size="xs" c="dimmed" fw={600} lineClamp={2}>
                  Seller’s own figure · {o.ownerName}
                </Text>
                <Text fz="xl" fw={700} c="dimmed">
                  Not given
                </Text>
                <Text size="xs" c="dimmed">
                  The seller can add one on the Details tab
                </Text>
              </Stack>
            ) : (
              <Figure
                label={`Seller’s own figure · ${o.ownerName}`}
                value={a.sellerProbability}
                gap={a.sellerGap ?? 0}
                testId="seller-probability"
                note="What the seller expects"
              />
            )}
          </SimpleGrid>
        </Grid.Col>
      </Grid>
      {gapZone ? <SellerGapFlag zone={gapZone} assessment={a} ownerName={o.ownerName} /> : null}
    </Paper>
  );
}

/** A closed deal leads with its outcome; the evidence's figure stays, for the win/loss review. */
function ClosedOutcome({ assessment: a, opportunity: o }: { assessment: AssessmentView; opportunity: Opportunity }) {
  const [low, high] = a.band;
  return (
    <Stack gap={6} data-testid="closed-outcome">
      <Text size="xs" c="dimmed" fw={700} tt="uppercase" style={{ letterSpacing: 0.5 }}>
        Outcome
      </Text>
      <Text fz={44} fw={750} lh={1} c={STATUS_COLORS[o.status]}>
        {STATUS_LABELS[o.status]}
      </Text>
      {o.closedDate ? (
        <Text size="sm" c="dimmed">
          Closed on {formatDate(o.closedDate)}
          {o.closeReason ? `: ${o.closeReason}` : ''}
        </Text>
      ) : null}
      <Text size="sm" c="dimmed">
        What was recorded gives it {formatPercent(a.winProbability)} (likely {formatPercent(low)} to{' '}
        {formatPercent(high)}), with {formatPercent(a.coverageIndex)} of what matters known.
      </Text>
    </Stack>
  );
}

function Figure({
  label,
  value,
  gap,
  note,
  testId,
}: {
  label: string;
  value: number;
  gap: number;
  note: string;
  testId: string;
}) {
  const apart =
    Math.abs(gap) < 0.5
      ? 'level with the evidence'
      : `${formatPoints(gap)} ${gap > 0 ? 'above' : 'below'} the evidence`;
  return (
    <Stack gap={2} data-testid={testId}>
      <Text size="xs" c="dimmed" fw={600} lineClamp={2}>
        {label}
      </Text>
      <Group gap={8} align="baseline" wrap="wrap">
        <Text fz="xl" fw={700} className="tabular" data-testid={`${testId}-value`}>
          {formatPercent(value)}
        </Text>
        <Text size="sm" fw={600} c={Math.abs(gap) >= 30 ? 'orange.8' : 'dimmed'}>
          {apart}
        </Text>
      </Group>
      <Text size="xs" c="dimmed">
        {note}
      </Text>
    </Stack>
  );
}

/** Where a label sits over its marker: centred, or kept inside the scale near its ends. */
function labelStyle(at: number): CSSProperties {
  if (at < 10) return { left: 0 };
  if (at > 90) return { right: 0 };
  return { left: `${at}%`, transform: 'translateX(-50%)' };
}

function ComparisonScale({ assessment: a }: { assessment: AssessmentView }) {
  const p = a.winProbability * 100;
  const [low, high] = a.band.map((x) => x * 100) as [number, number];
  const stage = a.stageProbability * 100;
  const seller = a.sellerProbability === null ? null : a.sellerProbability * 100;
  // the seller's label drops a line when it would run into the stage's
  const sellerTop = seller !== null && Math.abs(seller - stage) < 22 ? 72 : 54;
  const description = [
    `Evidence ${formatPercent(a.winProbability)}, likely between ${formatPercent(a.band[0])} and ${formatPercent(a.band[1])}`,
    `stage figure ${formatPercent(a.stageProbability)}`,
    seller === null ? 'no seller figure' : `seller’s figure ${formatPercent(a.sellerProbability!)}`,
  ].join('; ');
  return (
    <Box>
      <div
        className={classes.scale}
        role="img"
        aria-label={description}
        data-testid="probability-scale"
        style={{ height: sellerTop === 72 ? 92 : 74 }}
      >
        <div className={classes.track} />
        <div className={classes.band} style={{ left: `${low}%`, width: `${Math.max(1, high - low)}%` }} />
        <span
          className={classes.markerLabel}
          style={{ ...labelStyle(p), top: 2, fontWeight: 700, color: 'var(--mantine-color-brand-8)' }}
        >
          Evidence {formatPercent(a.winProbability)}
        </span>
        <span className={classes.evidenceLine} style={{ left: `${p}%` }} />
        <span className={classes.stageDot} style={{ left: `${stage}%` }} />
        <span
          className={classes.markerLabel}
          style={{ ...labelStyle(stage), top: 54, color: 'var(--mantine-color-gray-7)' }}
        >
          ◆ Stage {formatPercent(a.stageProbability)}
        </span>
        {seller !== null ? (
          <>
            <span className={classes.sellerDot} style={{ left: `${seller}%` }} />
            <span
              className={classes.markerLabel}
              style={{ ...labelStyle(seller), top: sellerTop, color: 'var(--mantine-color-orange-8)' }}
            >
              ● Seller {formatPercent(a.sellerProbability!)}
            </span>
          </>
        ) : null}
      </div>
      <div className={classes.ends} aria-hidden>
        <span>0 %</span>
        <span>shaded: likely range</span>
        <span>100 %</span>
      </div>
    </Box>
  );
}

/** SELLER_FIGURE_GAP_RULE: the seller's figure and the evidence far apart on this deal, or as a habit. */
function SellerGapFlag({
  zone,
  assessment: a,
  ownerName,
}: {
  zone: DangerZoneView;
  assessment: AssessmentView;
  ownerName: string;
}) {
  const onThisDeal =
    zone.matched.some((m) => m.signal === 'sellerGapAbs') && a.sellerProbability !== null && a.sellerGap !== null;
  const habit = zone.matched.find((m) => m.signal === 'sellerBiasAbs');
  const optimistic = (a.sellerGap ?? 0) > 0;
  const title = onThisDeal
    ? optimistic
      ? 'The seller is far more optimistic than the evidence'
      : 'The seller is far less optimistic than the evidence'
    : 'This seller’s figures usually stray far from the evidence';
  return (
    <Alert
      mt="md"
      color="orange"
      variant="light"
      icon={onThisDeal && optimistic ? <IconMoodSmileBeam size={20} /> : <IconScale size={20} />}
      title={title}
      data-testid="seller-gap-flag"
    >
      <Stack gap={4}>
        {onThisDeal ? (
          <Text size="sm">
            {ownerName} puts this deal at {formatPercent(a.sellerProbability!)}; what the customer has said and done
            supports {formatPercent(a.winProbability)}, {Math.round(Math.abs(a.sellerGap!))} points apart
            {optimistic ? ' (happy ears)' : ' (sandbagging)'}.
          </Text>
        ) : null}
        {habit ? (
          <Text size="sm">
            On recent deals {ownerName}’s figures differ from the evidence by {describeCondition(habit).actual} points
            on average.
          </Text>
        ) : null}
        <Text size="sm">
          For your next 1:1 with {ownerName}: {zone.questions.map((q) => `“${q}”`).join(' ')}
        </Text>
      </Stack>
    </Alert>
  );
}

import { Paper, Skeleton, Text, Title } from '@mantine/core';
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { Impact } from '../../../contract/impact.ts';
import { formatDate } from '../../shared/format.ts';
import { AXIS_TICK, bottomAxisLabel } from '../model/chart-axes.ts';
import { formatIndicator } from './indicator-format.ts';
import { useImpact } from './impact-queries.ts';

const SELLER = 'var(--mantine-color-brand-6)';
const OTHERS = 'var(--mantine-color-gray-6)';
const BASELINE = 'var(--mantine-color-orange-6)';

/**
 * The impact of the learning (L4): the targeted indicator for the seller from the day it was
 * assigned to 30, 60 and 90 days on, beside the median of the sellers nobody coached on it, with
 * one sentence saying honestly what that shows, or that it is too early to tell.
 */
export function ImpactPanel({ assignmentId }: { assignmentId: string }) {
  const query = useImpact(assignmentId);
  const impact = query.data;
  return (
    <Paper p={{ base: 'md', sm: 'lg' }} data-testid="impact-panel">
      <Title order={2} size="h4" mb={4}>
        What it changed
      </Title>
      {query.isError ? (
        <Text size="sm" c="red.8">
          The impact could not be read: reload the page to try again.
        </Text>
      ) : !impact ? (
        <Skeleton height={200} radius="md" aria-label="Loading the impact" />
      ) : (
        <>
          <Text size="sm" mb="sm" data-testid="impact-verdict" data-kind={impact.verdict.kind}>
            {impact.verdict.sentence}
          </Text>
          {impact.measure && impact.points.length > 1 ? <ImpactChart impact={impact} /> : null}
        </>
      )}
    </Paper>
  );
}

function ImpactChart({ impact }: { impact: Impact }) {
  const measure = impact.measure!;
  const show = (v: number | null) => formatIndicator(v, measure.unit, impact.reportingCurrency);
  const rows = impact.points.map((p) => ({
    label: p.offset === 0 ? 'Assigned' : `Day ${p.offset}`,
    day: p.day,
    seller: p.seller,
    notCoached: p.notCoached,
  }));
  const baseline = impact.points[0]?.seller ?? null;
  const description = `${measure.label} for ${impact.seller.name}: ${impact.points
    .map(
      (p) =>
        `${p.offset === 0 ? 'on the day assigned' : `day ${p.offset}`} ${show(p.seller)} against ${show(p.notCoached)} for the sellers not coached on it`,
    )
    .join('; ')}.`;
  return (
    <>
      <div style={{ width: '100%', height: 240 }} role="img" aria-label={description} data-testid="impact-chart">
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={rows} margin={{ top: 8, right: 24, bottom: 24, left: 8 }}>
            <CartesianGrid stroke="var(--mantine-color-gray-2)" vertical={false} />
            <XAxis dataKey="label" tick={AXIS_TICK} label={bottomAxisLabel('Days since the assignment')} />
            <YAxis tick={AXIS_TICK} width={72} tickFormatter={(v: number) => show(v)} domain={['auto', 'auto']} />
            <Tooltip
              formatter={(v) => show(typeof v === 'number' ? v : null)}
              labelFormatter={(label, payload) => {
                const day = (payload?.[0]?.payload as { day?: string } | undefined)?.day;
                return day ? `${String(label)} (${formatDate(day)})` : String(label);
              }}
            />
            <Legend verticalAlign="top" height={28} />
            {baseline !== null ? (
              <ReferenceLine
                y={baseline}
                stroke={BASELINE}
                strokeDasharray="4 4"
                label={{ value: `Baseline ${show(baseline)}`, position: 'insideTopLeft', fontSize: 12, fill: BASELINE }}
              />
            ) : null}
            <Line
              type="linear"
              dataKey="seller"
              name={impact.seller.name}
              stroke={SELLER}
              strokeWidth={2}
              dot
              connectNulls
              isAnimationActive={false}
            />
            <Line
              type="linear"
              dataKey="notCoached"
              name={`Not coached on it (median of ${impact.notCoachedSellers})`}
              stroke={OTHERS}
              strokeDasharray="6 3"
              dot
              connectNulls
              isAnimationActive={false}
            />
          </LineChart>
        </ResponsiveContainer>
      </div>
      <Text size="xs" c="dimmed" mt="xs">
        {measure.label}, read as the scorecard reads it:{' '}
        {measure.kind === 'zone'
          ? 'the share of open deals carrying the danger zone'
          : 'from the nightly snapshots of the open deals, or the deals closed before each day for a result'}
        . The grey line is the median of the sellers of the organization nobody coached on it; the sentence compares
        each one’s own move.
        {impact.baselineAtAssignment !== null
          ? ` The scorecard showed ${show(impact.baselineAtAssignment)} when it was assigned.`
          : ''}
      </Text>
    </>
  );
}

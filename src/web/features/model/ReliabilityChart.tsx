import { Paper, Text } from '@mantine/core';
import {
  CartesianGrid,
  ComposedChart,
  Line,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { AXIS_TICK, bottomAxisLabel, leftAxisLabel } from './chart-axes.ts';
import type { ModelCard } from './queries.ts';

type Point = { predicted: number; observed: number; count: number; from: number; to: number };

/**
 * Predicted against observed: each point is a band of predictions, placed at its mean prediction
 * and the share of those deals that were won, sized by how many deals it holds. A calibrated model
 * keeps its points on the diagonal.
 */
export function ReliabilityChart({ reliability }: { reliability: ModelCard['reliability'] }) {
  const points: Point[] = reliability
    .filter((b) => b.count > 0)
    .map((b) => ({
      predicted: round(b.meanPredicted * 100),
      observed: round(b.observedRate * 100),
      count: b.count,
      from: b.from,
      to: b.to,
    }));
  const largest = Math.max(1, ...points.map((p) => p.count));
  return (
    <div
      style={{ width: '100%', height: 300 }}
      data-testid="reliability-chart"
      role="img"
      aria-label={describe(points)}
    >
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={points} margin={{ top: 14, right: 20, bottom: 28, left: 14 }}>
          <CartesianGrid stroke="var(--mantine-color-gray-2)" />
          <XAxis
            type="number"
            dataKey="predicted"
            domain={[0, 100]}
            ticks={[0, 20, 40, 60, 80, 100]}
            tickFormatter={(v: number) => `${v} %`}
            tick={AXIS_TICK}
            label={bottomAxisLabel('Predicted win probability')}
          />
          <YAxis
            type="number"
            domain={[0, 100]}
            ticks={[0, 20, 40, 60, 80, 100]}
            tickFormatter={(v: number) => `${v} %`}
            tick={AXIS_TICK}
            width={52}
            label={leftAxisLabel('Share actually won')}
          />
          <ReferenceLine
            segment={[
              { x: 0, y: 0 },
              { x: 100, y: 100 },
            ]}
            stroke="var(--mantine-color-gray-5)"
            strokeDasharray="5 5"
            label={{
              value: 'perfectly calibrated',
              position: 'insideTopRight',
              fontSize: 11,
              fill: 'var(--mantine-color-gray-6)',
              dy: 24,
              dx: -40,
            }}
          />
          <Line
            type="linear"
            dataKey="observed"
            stroke="var(--mantine-color-brand-6)"
            strokeWidth={2}
            isAnimationActive={false}
            dot={(props: { cx?: number; cy?: number; payload?: Point; index?: number }) => (
              <circle
                key={props.index}
                cx={props.cx}
                cy={props.cy}
                r={4 + 8 * Math.sqrt((props.payload?.count ?? 0) / largest)}
                fill="var(--mantine-color-brand-6)"
                fillOpacity={0.75}
                stroke="white"
                strokeWidth={1.5}
              />
            )}
            activeDot={false}
          />
          <Tooltip cursor={false} content={<BinTooltip />} />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}

function BinTooltip({ active, payload }: { active?: boolean; payload?: ReadonlyArray<{ payload?: Point }> }) {
  const point = payload?.[0]?.payload;
  if (!active || !point) return null;
  return (
    <Paper p="xs" shadow="md" withBorder>
      <Text size="xs" fw={600}>
        Predicted {Math.round(point.from * 100)}–{Math.round(point.to * 100)} %: {point.count} deal
        {point.count === 1 ? '' : 's'}
      </Text>
      <Text size="xs">
        Predicted on average {point.predicted} %, won {point.observed} %
      </Text>
    </Paper>
  );
}

const round = (x: number) => Math.round(x * 10) / 10;

function describe(points: readonly Point[]): string {
  if (points.length === 0) return 'No closed deals to compare predictions with yet';
  return `Reliability: ${points.map((p) => `predicted ${Math.round(p.predicted)} %, won ${Math.round(p.observed)} % (${p.count} deals)`).join('; ')}`;
}

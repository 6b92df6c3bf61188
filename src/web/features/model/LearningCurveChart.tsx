import { Paper, Text } from '@mantine/core';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { AXIS_TICK, bottomAxisLabel, leftAxisLabel } from './chart-axes.ts';
import type { ModelCard } from './queries.ts';

type Point = { trainedOn: number; testedOn: number; fitted: number; prior: number; baseRate: number };

/**
 * The learning curve as it was lived: fitted on the first 25, 50, 100 ... deals to close and tested
 * on the deals that closed next, beside the expert priors alone and the plain win rate. Lower is
 * better (Brier score); the fitted line should never sit above the priors'.
 */
export function LearningCurveChart({ curve }: { curve: NonNullable<ModelCard['curve']> }) {
  const points: Point[] = curve.map((p) => ({
    trainedOn: p.trainedOn,
    testedOn: p.testedOn,
    fitted: round(p.model.brier),
    prior: round(p.prior.brier),
    baseRate: round(p.baseRate.brier),
  }));
  return (
    <div
      style={{ width: '100%', height: 260 }}
      data-testid="learning-curve-chart"
      role="img"
      aria-label={describe(points)}
    >
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={points} margin={{ top: 14, right: 20, bottom: 28, left: 14 }}>
          <CartesianGrid stroke="var(--mantine-color-gray-2)" />
          <XAxis
            dataKey="trainedOn"
            type="category"
            tick={AXIS_TICK}
            label={bottomAxisLabel('Closed deals learned from')}
          />
          <YAxis
            domain={[0, 'auto']}
            tickFormatter={(v: number) => v.toFixed(2)}
            tick={AXIS_TICK}
            width={52}
            label={leftAxisLabel('Brier score (lower is better)')}
          />
          <Line
            dataKey="fitted"
            name="Fitted on the deals so far"
            stroke="var(--mantine-color-brand-6)"
            strokeWidth={2}
            isAnimationActive={false}
          />
          <Line
            dataKey="prior"
            name="Expert priors alone"
            stroke="var(--mantine-color-gray-6)"
            strokeDasharray="5 5"
            strokeWidth={2}
            isAnimationActive={false}
          />
          <Line
            dataKey="baseRate"
            name="Win rate for every deal"
            stroke="var(--mantine-color-gray-4)"
            strokeWidth={1.5}
            dot={false}
            isAnimationActive={false}
          />
          <Legend verticalAlign="top" height={28} wrapperStyle={{ fontSize: 12 }} />
          <Tooltip content={<SizeTooltip />} />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}

function SizeTooltip({ active, payload }: { active?: boolean; payload?: ReadonlyArray<{ payload?: Point }> }) {
  const point = payload?.[0]?.payload;
  if (!active || !point) return null;
  return (
    <Paper p="xs" shadow="md" withBorder>
      <Text size="xs" fw={600}>
        Learned from the first {point.trainedOn} deals, tested on the next {point.testedOn}
      </Text>
      <Text size="xs">
        Brier: fitted {point.fitted.toFixed(3)}, priors alone {point.prior.toFixed(3)}, win rate{' '}
        {point.baseRate.toFixed(3)}
      </Text>
    </Paper>
  );
}

const round = (x: number) => Math.round(x * 1000) / 1000;

function describe(points: readonly Point[]): string {
  if (points.length === 0) return 'Too few closed deals for a learning curve yet';
  return `Learning curve (Brier score, lower is better): ${points
    .map((p) => `after ${p.trainedOn} deals, fitted ${p.fitted.toFixed(3)} against priors alone ${p.prior.toFixed(3)}`)
    .join('; ')}`;
}

/** The curve in one sentence: where the fit stands against the experts alone. */
export function curveInWords(curve: NonNullable<ModelCard['curve']>): string {
  if (curve.length === 0)
    return 'Too few deals have closed to show how the model learns: it needs 25 closed and 20 more after them.';
  const worse = curve.filter((p) => p.model.brier > p.prior.brier + 0.005);
  const better = curve.filter((p) => p.model.brier < p.prior.brier - 0.005);
  const last = curve.at(-1)!;
  if (worse.length > 0)
    return `At ${worse.map((p) => p.trainedOn).join(', ')} deals the fit did worse than the expert priors alone on the deals that closed next.`;
  if (better.length === 0)
    return `Up to ${last.trainedOn} deals, the fit forecasts the next deals as well as the expert priors alone: your history has not yet shown them wrong, so the model stays with them.`;
  return `From ${better[0]!.trainedOn} deals on, the fit forecasts the next deals better than the expert priors alone (Brier ${last.model.brier.toFixed(3)} against ${last.prior.brier.toFixed(3)} after ${last.trainedOn}).`;
}

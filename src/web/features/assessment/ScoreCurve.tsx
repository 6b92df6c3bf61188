import {
  CartesianGrid,
  Line,
  LineChart,
  ReferenceDot,
  ReferenceLine,
  ResponsiveContainer,
  XAxis,
  YAxis,
} from 'recharts';
import { probabilityAtPoints } from '../../../domain/assessment/assess.ts';
import { curvePoints } from './score-curve.ts';

/**
 * The one curve from scorecard points to probability, from this organization's base rate (0 points):
 * every deal sits on it, this one marked. Decorative: the panel says the same in words beside it.
 */
export function ScoreCurve({
  baseRate,
  totalPoints,
  pointsPerDoubling,
  winProbability,
}: {
  baseRate: number;
  totalPoints: number;
  pointsPerDoubling: number;
  winProbability: number;
}) {
  const data = curvePoints(baseRate, totalPoints, pointsPerDoubling);
  const onCurve = probabilityAtPoints(baseRate, totalPoints) * 100;
  const held = Math.abs(onCurve - winProbability * 100) > 0.05;
  return (
    <div style={{ width: '100%', height: 170 }} data-testid="score-curve" aria-hidden>
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={{ top: 8, right: 16, bottom: 18, left: 4 }}>
          <CartesianGrid stroke="var(--mantine-color-gray-2)" />
          <XAxis
            type="number"
            dataKey="points"
            domain={[data[0]!.points, data.at(-1)!.points]}
            ticks={ticksWithin(data.at(-1)!.points, pointsPerDoubling)}
            tickFormatter={(v: number) => (v > 0 ? `+${v}` : String(v))}
            tick={{ fontSize: 11, fill: 'var(--mantine-color-gray-7)' }}
            label={{
              value: 'points',
              position: 'insideBottom',
              offset: -10,
              fontSize: 11,
              fill: 'var(--mantine-color-gray-7)',
            }}
          />
          <YAxis
            type="number"
            domain={[0, 100]}
            ticks={[0, 25, 50, 75, 100]}
            tickFormatter={(v: number) => `${v} %`}
            tick={{ fontSize: 11, fill: 'var(--mantine-color-gray-7)' }}
            width={52}
          />
          <ReferenceLine x={0} stroke="var(--mantine-color-gray-5)" strokeDasharray="4 4" />
          <Line
            type="monotone"
            dataKey="probability"
            stroke="var(--mantine-color-gray-6)"
            strokeWidth={2}
            dot={false}
            isAnimationActive={false}
          />
          <ReferenceDot x={0} y={baseRate * 100} r={4} fill="var(--mantine-color-gray-6)" stroke="white" />
          <ReferenceDot
            x={totalPoints}
            y={onCurve}
            r={6}
            fill={held ? 'white' : 'var(--mantine-color-brand-7)'}
            stroke="var(--mantine-color-brand-7)"
            strokeWidth={2}
          />
          {held ? (
            <ReferenceDot
              x={totalPoints}
              y={winProbability * 100}
              r={6}
              fill="var(--mantine-color-red-7)"
              stroke="white"
            />
          ) : null}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}

/** Ticks on whole doublings (or pairs of them, on a wide curve), zero included. */
function ticksWithin(reach: number, pointsPerDoubling: number): number[] {
  const step = reach > 6 * pointsPerDoubling ? 4 * pointsPerDoubling : 2 * pointsPerDoubling;
  const ticks: number[] = [];
  for (let x = -Math.floor(reach / step) * step; x <= reach; x += step) ticks.push(x);
  return ticks;
}

import { Paper, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { WinLossFigures } from '../../../contract/win-loss.ts';
import { AXIS_TICK, bottomAxisLabel } from '../model/chart-axes.ts';

type Row = {
  label: string;
  lost: number;
  won: number;
  lostCount: number;
  wonCount: number;
};

const LOST = 'var(--mantine-color-red-6)';
const WON = 'var(--mantine-color-teal-6)';
/** at most this many unknowns drawn: the rest are the long tail a meeting does not discuss */
export const CHART_LIMIT = 8;

const percent = (share: number | null) => Math.round((share ?? 0) * 100);

/**
 * What was unknown at the close of the lost deals: for each unknown, the share of lost deals that
 * closed with it against the share of won deals. A gap between the two bars is the lesson.
 */
export function UnknownsChart({ figures }: { figures: WinLossFigures }) {
  const rows: Row[] = figures.unknowns.slice(0, CHART_LIMIT).map((u) => ({
    label: u.label,
    lost: percent(u.lostShare),
    won: percent(u.wonShare),
    lostCount: u.lost,
    wonCount: u.won,
  }));
  // on a phone the labels take less room and more lines
  const narrow = useMediaQuery('(max-width: 40em)') ?? false;
  const wrap = narrow ? { width: 128, chars: 18, lines: 3 } : { width: 230, chars: 32, lines: 2 };
  return (
    <div
      style={{ width: '100%', height: 56 + rows.length * (narrow ? 56 : 46) }}
      role="img"
      aria-label={describe(rows, figures)}
      data-testid="unknowns-chart"
    >
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={rows} layout="vertical" margin={{ top: 4, right: 24, bottom: 24, left: 8 }} barGap={2}>
          <CartesianGrid stroke="var(--mantine-color-gray-2)" horizontal={false} />
          <XAxis
            type="number"
            domain={[0, 100]}
            ticks={[0, 25, 50, 75, 100]}
            tickFormatter={(v: number) => `${v} %`}
            tick={AXIS_TICK}
            label={bottomAxisLabel('Share of deals closed with it unknown')}
          />
          <YAxis
            type="category"
            dataKey="label"
            width={wrap.width}
            tick={<WrappedTick chars={wrap.chars} lines={wrap.lines} />}
            interval={0}
          />
          <Tooltip cursor={{ fill: 'var(--mantine-color-gray-0)' }} content={<RowTooltip figures={figures} />} />
          <Legend verticalAlign="top" height={28} iconType="square" wrapperStyle={{ fontSize: 12 }} />
          <Bar dataKey="lost" name="Lost deals" fill={LOST} isAnimationActive={false} barSize={14} />
          <Bar dataKey="won" name="Won deals" fill={WON} isAnimationActive={false} barSize={14} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

/** A category label on a few lines, so long unknowns stay readable beside their bars. */
function WrappedTick(props: { x?: number; y?: number; payload?: { value: string }; chars: number; lines: number }) {
  const words = (props.payload?.value ?? '').split(' ');
  const lines: string[] = [''];
  for (const word of words) {
    const line = lines[lines.length - 1]!;
    if (line.length > 0 && line.length + word.length > props.chars && lines.length < props.lines) lines.push(word);
    else lines[lines.length - 1] = line.length > 0 ? `${line} ${word}` : word;
  }
  // the first line placed so the block sits centred on the bars
  const firstDy = 4 - ((lines.length - 1) * 14) / 2;
  return (
    <text x={props.x} y={props.y} textAnchor="end" fontSize={12} fill="var(--mantine-color-gray-8)">
      {lines.map((line, k) => (
        <tspan key={k} x={props.x} dx={-6} dy={k === 0 ? firstDy : 14}>
          {line}
        </tspan>
      ))}
    </text>
  );
}

function RowTooltip({
  active,
  payload,
  figures,
}: {
  active?: boolean;
  payload?: ReadonlyArray<{ payload?: Row }>;
  figures: WinLossFigures;
}) {
  const row = payload?.[0]?.payload;
  if (!active || !row) return null;
  return (
    <Paper p="xs" shadow="md" withBorder maw={280}>
      <Text size="xs" fw={600}>
        {row.label}
      </Text>
      <Text size="xs">
        {row.lostCount} of {figures.lost} lost deals ({row.lost} %)
      </Text>
      <Text size="xs">
        {row.wonCount} of {figures.won} won deals ({row.won} %)
      </Text>
    </Paper>
  );
}

function describe(rows: readonly Row[], figures: WinLossFigures): string {
  if (rows.length === 0) return 'No unknowns at the close of the lost deals';
  return `What was unknown at the close, as a share of the ${figures.lost} lost and ${figures.won} won deals: ${rows
    .map((r) => `${r.label}: ${r.lost} % of lost, ${r.won} % of won`)
    .join('; ')}`;
}

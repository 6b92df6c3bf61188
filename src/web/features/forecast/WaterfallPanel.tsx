import { Paper, SegmentedControl, Skeleton, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { Bar, BarChart, CartesianGrid, Cell, LabelList, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import type { ForecastAccuracy, ForecastWaterfall } from '../../../contract/forecast.ts';
import { toMajorUnits } from '../../../domain/currency.ts';
import { walkWaterfall, type WaterfallStepKind, type WaterfallStepName } from '../../../domain/forecast/waterfall.ts';
import { formatDate, formatWholeMoney } from '../../shared/format.ts';
import { PipelineLoadError } from '../../shared/PipelineLoadError.tsx';
import { AXIS_TICK } from '../model/chart-axes.ts';
import { STEP_WORDS } from './forecast-words.ts';
import { useWaterfall, type ForecastParams } from './queries.ts';

const FILL: Record<WaterfallStepKind, string> = {
  total: 'var(--mantine-color-brand-6)',
  decrease: 'var(--mantine-color-red-5)',
  increase: 'var(--mantine-color-teal-5)',
  change: 'var(--mantine-color-gray-5)',
};
const WON_FILL = 'var(--mantine-color-teal-7)';
// neither lost nor won: yet to be told
const OPEN_FILL = 'var(--mantine-color-yellow-5)';

type Row = {
  step: WaterfallStepName;
  label: string;
  kind: WaterfallStepKind;
  /** the invisible part under the bar, and the bar, in major units */
  base: number;
  size: number;
  deals: number;
  amountMinor: number;
};

/** The periods of the accuracy a waterfall can be drawn for, and the one shown first: the last that is over. */
function choices(periods: ForecastAccuracy['periods']) {
  const data = periods.map((p) => ({ value: p.key, label: p.label }));
  const lastOver = periods.filter((p) => p.isOver).at(-1) ?? periods.at(-1);
  return { data, first: lastOver?.key ?? null };
}

/** How the pipeline a period started with became what it won, as a waterfall and a table. */
export function WaterfallPanel({
  params,
  periods,
}: {
  params: Omit<ForecastParams, 'period'>;
  periods: ForecastAccuracy['periods'];
}) {
  const { data: options, first } = choices(periods);
  const [chosen, setChosen] = useState<string | null>(null);
  const period = chosen && options.some((o) => o.value === chosen) ? chosen : first;
  const waterfall = useWaterfall({ ...params, period: period ?? undefined });
  if (!period) return null;
  const label = options.find((o) => o.value === period)!.label;
  return (
    <Paper p={{ base: 'md', sm: 'lg' }} data-testid="forecast-waterfall">
      <Title order={2} size="h4" mb={4}>
        What became of {label}’s pipeline
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        The deals expected to close in the period on its first day (that night’s snapshot), each at its value then:
        those lost, those that slipped out of the period and those removed come off; the ones won are counted again at
        what they were won for; deals found or pulled in during the period and won in it are added. The last bar is what
        was won, as scored above.
      </Text>
      <SegmentedControl
        aria-label="Period of the waterfall"
        data={options}
        value={period}
        onChange={setChosen}
        size="xs"
        fullWidth
        maw={440}
        styles={{ label: { paddingInline: 4 } }}
        mb="sm"
        data-testid="waterfall-period"
      />
      {waterfall.isError && !waterfall.data ? (
        <PipelineLoadError
          error={waterfall.error}
          onRetry={() => void waterfall.refetch()}
          title="The waterfall could not be loaded"
        />
      ) : !waterfall.data ? (
        <Skeleton height={300} radius="md" aria-label="Loading the waterfall" />
      ) : (
        <div style={{ opacity: waterfall.isPlaceholderData ? 0.6 : 1, transition: 'opacity 150ms' }}>
          <Waterfall waterfall={waterfall.data} />
        </div>
      )}
    </Paper>
  );
}

function Waterfall({ waterfall: w }: { waterfall: ForecastWaterfall }) {
  const money = (v: number) => formatWholeMoney(v, w.reportingCurrency);
  if (!w.steps)
    return (
      <Text size="sm" data-testid="waterfall-none">
        No snapshot of the open deals was taken on or near the first day of {w.period.label}, so where its pipeline
        started cannot be told: the waterfall is read from that night’s snapshot, never rebuilt afterwards.{' '}
        {money(w.won.amountMinor)} was won in it from {w.won.deals} {w.won.deals === 1 ? 'deal' : 'deals'}.
      </Text>
    );
  const walk = walkWaterfall(w.steps);
  const rows: Row[] = w.steps.flatMap((s, i) => {
    // a step nothing took is left out; a total always stands
    if (s.kind !== 'total' && s.deals === 0 && s.amountMinor === 0) return [];
    const { before, after } = walk[i]!;
    const low = Math.min(before.amountMinor, after.amountMinor);
    const high = Math.max(before.amountMinor, after.amountMinor);
    return [
      {
        step: s.step,
        label: STEP_WORDS[s.step].short,
        kind: s.kind,
        base: toMajorUnits(low, w.reportingCurrency),
        size: toMajorUnits(high - low, w.reportingCurrency),
        deals: s.deals,
        amountMinor: s.amountMinor,
      },
    ];
  });
  const signed = (r: Pick<Row, 'kind' | 'amountMinor'>) =>
    r.kind === 'decrease'
      ? `−${money(r.amountMinor)}`
      : r.kind === 'increase' || (r.kind === 'change' && r.amountMinor >= 0)
        ? `+${money(r.amountMinor)}`
        : r.kind === 'change'
          ? `−${money(-r.amountMinor)}`
          : money(r.amountMinor);
  const dealsOf = (r: Pick<Row, 'kind' | 'deals'>) =>
    r.kind === 'change'
      ? r.deals === 0
        ? 'rates'
        : `${r.deals} resized`
      : `${r.deals} ${r.deals === 1 ? 'deal' : 'deals'}`;
  return (
    <>
      <Text size="xs" c="dimmed" mb={4}>
        From the snapshot of {formatDate(w.asOf)}, for {w.scope.name}
        {w.isOver ? '' : `; ${w.period.label} is still running, so some deals are still open`}.
      </Text>
      {/* on a narrow screen the bars keep room for their labels and the chart scrolls sideways */}
      <div style={{ overflowX: 'auto' }}>
        <div
          style={{ width: '100%', minWidth: 90 * rows.length, height: 320 }}
          data-testid="waterfall-chart"
          role="img"
          aria-label={`Waterfall of ${w.period.label}: ${rows.map((r) => `${STEP_WORDS[r.step].long} ${signed(r)} (${dealsOf(r)})`).join(', ')}`}
        >
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={rows} margin={{ top: 40, right: 12, bottom: 8, left: 8 }} barCategoryGap="18%">
              <CartesianGrid stroke="var(--mantine-color-gray-2)" vertical={false} />
              <XAxis dataKey="label" tick={AXIS_TICK} interval={0} />
              <YAxis
                tick={AXIS_TICK}
                width={60}
                tickFormatter={(v: number) =>
                  new Intl.NumberFormat(undefined, { notation: 'compact', maximumFractionDigits: 1 }).format(v)
                }
              />
              <Bar dataKey="base" stackId="waterfall" fill="transparent" isAnimationActive={false} />
              <Bar dataKey="size" stackId="waterfall" isAnimationActive={false}>
                {rows.map((r) => (
                  <Cell
                    key={r.step}
                    fill={r.step === 'won' ? WON_FILL : r.step === 'stillOpen' ? OPEN_FILL : FILL[r.kind]}
                  />
                ))}
                <LabelList
                  dataKey="size"
                  content={(props) => {
                    const row = rows[Number(props.index)];
                    if (!row) return null;
                    const x = Number(props.x) + Number(props.width) / 2;
                    const y = Number(props.y);
                    return (
                      <text x={x} y={y - 20} textAnchor="middle" fontSize={11} fill="var(--mantine-color-gray-8)">
                        <tspan x={x} fontWeight={600}>
                          {compactSigned(row, w.reportingCurrency)}
                        </tspan>
                        <tspan x={x} dy={13} fill="var(--mantine-color-gray-6)">
                          {dealsOf(row)}
                        </tspan>
                      </text>
                    );
                  }}
                />
              </Bar>
            </BarChart>
          </ResponsiveContainer>
        </div>
      </div>
      <Table fz="sm" mt="sm" data-testid="waterfall-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Step</Table.Th>
            <Table.Th ta="right">Deals</Table.Th>
            <Table.Th ta="right">Amount</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.step} data-step={r.step}>
              <Table.Td fw={r.kind === 'total' ? 600 : undefined}>
                {STEP_WORDS[r.step].long}
                <Text span size="xs" c="dimmed">
                  {' '}
                  {r.step === 'won' && !w.isOver ? 'to date' : STEP_WORDS[r.step].note}
                </Text>
              </Table.Td>
              <Table.Td ta="right" className="tabular">
                {r.kind === 'change' ? (r.deals === 0 ? '—' : `${r.deals} resized`) : r.deals}
              </Table.Td>
              <Table.Td ta="right" className="tabular" fw={r.kind === 'total' ? 600 : undefined}>
                {signed(r)}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </>
  );
}

/** "−1.2M" / "+57K" / "3.7M" in the currency's major units, for a bar's label. */
function compactSigned(row: Pick<Row, 'kind' | 'amountMinor'>, currency: string): string {
  const value = new Intl.NumberFormat(undefined, {
    notation: 'compact',
    maximumFractionDigits: 1,
    style: 'currency',
    currency,
  }).format(Math.round(toMajorUnits(Math.abs(row.amountMinor), currency)));
  if (row.kind === 'decrease' || (row.kind === 'change' && row.amountMinor < 0)) return `−${value}`;
  if (row.kind === 'increase' || row.kind === 'change') return `+${value}`;
  return value;
}

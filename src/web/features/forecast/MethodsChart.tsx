import { Paper, Text } from '@mantine/core';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { Forecast } from '../../../contract/forecast.ts';
import { FORECAST_METHODS } from '../../../domain/forecast/rollup.ts';
import { toMajorUnits } from '../../../domain/currency.ts';
import { formatWholeMoney } from '../../shared/format.ts';
import { AXIS_TICK } from '../model/chart-axes.ts';
import { METHOD_LABELS } from './forecast-words.ts';

type Row = { method: string; label: string; won: number; rest: number; total: number };

/** Each method's call as a bar (won to date, then its share of what is open), against the target. */
export function MethodsChart({ forecast }: { forecast: Forecast }) {
  const currency = forecast.reportingCurrency;
  const won = forecast.totals.won.amountMinor;
  const rows: Row[] = FORECAST_METHODS.map((method) => ({
    method,
    label: METHOD_LABELS[method].label,
    won,
    rest: Math.max(0, forecast.totals.methods[method] - won),
    total: forecast.totals.methods[method],
  }));
  const target = forecast.target?.amountMinor ?? null;
  const money = (v: number) => formatWholeMoney(v, currency);
  return (
    <div
      style={{ width: '100%', height: 250 }}
      data-testid="forecast-chart"
      role="img"
      aria-label={`Calls for ${forecast.period.label}: ${rows.map((r) => `${r.label} ${money(r.total)}`).join(', ')}${target !== null ? `; target ${money(target)}` : ''}`}
    >
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={rows} layout="vertical" margin={{ top: 22, right: 24, bottom: 8, left: 8 }}>
          <CartesianGrid stroke="var(--mantine-color-gray-2)" horizontal={false} />
          <XAxis
            type="number"
            tick={AXIS_TICK}
            tickFormatter={(v: number) => compact(v, currency)}
            domain={[0, (max: number) => Math.max(max, target ?? 0) * 1.05]}
          />
          <YAxis type="category" dataKey="label" tick={AXIS_TICK} width={120} />
          <Bar
            dataKey="won"
            stackId="call"
            name="Won to date"
            fill="var(--mantine-color-teal-6)"
            isAnimationActive={false}
          />
          <Bar dataKey="rest" stackId="call" name="Expected from open deals" isAnimationActive={false}>
            {rows.map((r) => (
              <Cell
                key={r.method}
                fill={r.method === 'knowledge' ? 'var(--mantine-color-brand-5)' : 'var(--mantine-color-gray-4)'}
              />
            ))}
          </Bar>
          {target !== null ? (
            <ReferenceLine
              x={target}
              stroke="var(--mantine-color-red-6)"
              strokeDasharray="4 3"
              label={{ value: 'Target', position: 'top', fontSize: 12, fill: 'var(--mantine-color-red-7)' }}
            />
          ) : null}
          <Tooltip content={<CallTooltip currency={currency} />} cursor={{ fill: 'var(--mantine-color-gray-0)' }} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

function CallTooltip({
  active,
  payload,
  currency,
}: {
  active?: boolean;
  payload?: ReadonlyArray<{ payload?: Row }>;
  currency: string;
}) {
  const row = payload?.[0]?.payload;
  if (!active || !row) return null;
  return (
    <Paper p="xs" shadow="md" withBorder>
      <Text size="xs" fw={600}>
        {row.label}: {formatWholeMoney(row.total, currency)}
      </Text>
      <Text size="xs" c="dimmed">
        {formatWholeMoney(row.won, currency)} won, {formatWholeMoney(row.rest, currency)} expected from open deals
      </Text>
    </Paper>
  );
}

/** 1,234,567.00 -> "1.2M" in the currency's major units, for an axis. */
function compact(minor: number, currency: string): string {
  return new Intl.NumberFormat(undefined, { notation: 'compact', maximumFractionDigits: 1 }).format(
    toMajorUnits(minor, currency),
  );
}

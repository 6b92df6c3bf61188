import { Paper, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { api, withQuery } from '../../app/api.ts';
import type { ForecastAccuracy } from '../../../contract/forecast.ts';
import { toMajorUnits } from '../../../domain/currency.ts';
import { FORECAST_METHODS } from '../../../domain/forecast/rollup.ts';
import { formatDate, formatWholeMoney } from '../../shared/format.ts';
import { AXIS_TICK } from '../model/chart-axes.ts';
import { METHOD_LABELS } from './forecast-words.ts';
import { forecastKey, type ForecastParams } from './queries.ts';
import { WaterfallPanel } from './WaterfallPanel.tsx';

const COLORS = {
  knowledge: 'var(--mantine-color-brand-6)',
  stage: 'var(--mantine-color-gray-6)',
  seller: 'var(--mantine-color-orange-6)',
  commit: 'var(--mantine-color-teal-7)',
  bestCase: 'var(--mantine-color-grape-5)',
} as const;

const pct = (x: number) => `${Math.round(x * 100)} %`;

/**
 * How each method did in the periods that are over, how the running period's calls moved week by
 * week, and how a period's pipeline became what it won.
 */
export function AccuracyPanel({ params }: { params: Omit<ForecastParams, 'period'> }) {
  const accuracy = useQuery({
    queryKey: [...forecastKey, 'accuracy', params],
    queryFn: () => api.get<ForecastAccuracy>(withQuery('/api/forecast/accuracy', params)),
  });
  const data = accuracy.data;
  if (!data) return null;
  const over = data.periods.filter((p) => p.isOver && p.calls);
  const running = data.periods.at(-1)!;
  const money = (v: number) => formatWholeMoney(v, data.reportingCurrency);
  return (
    <>
      <Paper p={{ base: 'md', sm: 'lg' }} data-testid="forecast-accuracy">
        <Title order={2} size="h4" mb={4}>
          How each method called past periods
        </Title>
        <Text size="sm" c="dimmed" mb="sm">
          Each call as it stood on the period’s first day (from that night’s snapshot of every open deal), against what
          was won by its end. Accuracy is 1 − |actual − call| / actual. A call counts the deals open on that first day:
          deals found and won within the period make the actual larger, and show as a negative bias.
        </Text>
        {over.length === 0 ? (
          <Text size="sm" data-testid="accuracy-none">
            No period has ended since the nightly snapshots began, so no call can be scored yet: the first scores come
            after {running.label} ends.
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={640}>
            <Table fz="sm" data-testid="accuracy-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Period</Table.Th>
                  <Table.Th ta="right">Won</Table.Th>
                  {FORECAST_METHODS.map((m) => (
                    <Table.Th key={m} ta="right">
                      {METHOD_LABELS[m].label}
                    </Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {over.map((p) => (
                  <Table.Tr key={p.key}>
                    <Table.Td>{p.label}</Table.Td>
                    <Table.Td ta="right" className="tabular">
                      {money(p.actual)}
                    </Table.Td>
                    {FORECAST_METHODS.map((m) => (
                      <Table.Td key={m} ta="right" className="tabular">
                        {money(p.calls![m])}
                        <Text span size="xs" c="dimmed">
                          {' '}
                          {pct(p.accuracy![m])}
                        </Text>
                      </Table.Td>
                    ))}
                  </Table.Tr>
                ))}
                <Table.Tr>
                  <Table.Td fw={600} colSpan={2}>
                    Mean accuracy · bias
                  </Table.Td>
                  {FORECAST_METHODS.map((m) => {
                    const s = data.summary.find((x) => x.method === m);
                    return (
                      <Table.Td key={m} ta="right" fw={600}>
                        {s
                          ? `${pct(s.meanAccuracy)} · ${s.biasShare === null ? '—' : `${s.biasShare >= 0 ? '+' : ''}${pct(s.biasShare)}`}`
                          : '—'}
                      </Table.Td>
                    );
                  })}
                </Table.Tr>
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {running.trend.length > 1 ? (
          <>
            <Text size="sm" fw={600} mt="md">
              {running.label}, week by week
            </Text>
            <div
              style={{ width: '100%', height: 240 }}
              data-testid="accuracy-trend"
              role="img"
              aria-label={`Calls for ${running.label} week by week`}
            >
              <ResponsiveContainer width="100%" height="100%">
                <LineChart
                  data={running.trend.map((t) => ({
                    day: formatDate(t.day),
                    ...Object.fromEntries(
                      FORECAST_METHODS.map((m) => [m, toMajorUnits(t.calls[m], data.reportingCurrency)]),
                    ),
                  }))}
                  margin={{ top: 8, right: 20, bottom: 8, left: 8 }}
                >
                  <CartesianGrid stroke="var(--mantine-color-gray-2)" />
                  <XAxis dataKey="day" tick={AXIS_TICK} />
                  <YAxis
                    tick={AXIS_TICK}
                    width={70}
                    tickFormatter={(v: number) => new Intl.NumberFormat(undefined, { notation: 'compact' }).format(v)}
                  />
                  {FORECAST_METHODS.map((m) => (
                    <Line
                      key={m}
                      dataKey={m}
                      name={METHOD_LABELS[m].label}
                      stroke={COLORS[m]}
                      strokeWidth={m === 'knowledge' ? 2.5 : 1.5}
                      isAnimationActive={false}
                    />
                  ))}
                  <Legend verticalAlign="top" height={28} wrapperStyle={{ fontSize: 12 }} />
                  <Tooltip />
                </LineChart>
              </ResponsiveContainer>
            </div>
          </>
        ) : null}
      </Paper>
      <WaterfallPanel params={params} periods={data.periods} />
    </>
  );
}

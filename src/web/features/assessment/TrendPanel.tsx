import { Paper, Skeleton, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { Area, CartesianGrid, ComposedChart, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatDate, formatDateTime } from '../../shared/format.ts';
import { formatPoints } from './labels.ts';
import { useAssessmentHistory } from './queries.ts';
import { trendMoments, type TrendMoment } from './trend-model.ts';

const dayFormat = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });

/**
 * How the probability got here: each kept moment it moved, the band shaded around it, and what
 * moved it (a fact logged, a change of the deal, a refit, a rule retuned). The same moments are
 * listed for screen readers.
 */
export function TrendPanel({ opportunityId }: { opportunityId: string }) {
  const history = useAssessmentHistory(opportunityId);
  const moments = history.data ? trendMoments(history.data.points) : null;
  return (
    <Paper p={{ base: 'md', sm: 'lg' }} data-testid="probability-trend">
      <Title order={2} size="h4" mb="sm">
        How the probability moved
      </Title>
      {history.isError ? (
        <Text size="sm" c="red">
          The trend could not be loaded.
        </Text>
      ) : !moments ? (
        <Skeleton height={220} />
      ) : moments.length <= 1 ? (
        <Text size="sm" c="dimmed" data-testid="trend-empty">
          {moments.length === 0
            ? 'No assessment kept yet.'
            : `One assessment so far (${moments[0]!.cause}, ${formatDateTime(moments[0]!.at)}): the trend appears once something moves it.`}
        </Text>
      ) : (
        <Stack gap="xs">
          <div style={{ width: '100%', height: 240 }} aria-hidden>
            <ResponsiveContainer width="100%" height="100%">
              <ComposedChart data={moments} margin={{ top: 10, right: 20, bottom: 4, left: 4 }}>
                <CartesianGrid stroke="var(--mantine-color-gray-2)" />
                <XAxis
                  type="number"
                  dataKey="time"
                  scale="time"
                  domain={['dataMin', 'dataMax']}
                  tickFormatter={(t: number) => dayFormat.format(t)}
                  tick={{ fontSize: 12, fill: 'var(--mantine-color-gray-7)' }}
                />
                <YAxis
                  type="number"
                  domain={[0, 100]}
                  ticks={[0, 25, 50, 75, 100]}
                  tickFormatter={(v: number) => `${v} %`}
                  tick={{ fontSize: 12, fill: 'var(--mantine-color-gray-7)' }}
                  width={56}
                />
                <Area
                  type="stepAfter"
                  dataKey="band"
                  stroke="none"
                  fill="var(--mantine-color-brand-2)"
                  fillOpacity={0.6}
                  isAnimationActive={false}
                  activeDot={false}
                />
                <Line
                  type="stepAfter"
                  dataKey="probability"
                  stroke="var(--mantine-color-brand-6)"
                  strokeWidth={2}
                  isAnimationActive={false}
                  dot={{ r: 4, fill: 'var(--mantine-color-brand-6)', stroke: 'white', strokeWidth: 1.5 }}
                  activeDot={{ r: 6 }}
                />
                <Tooltip content={<MomentTooltip />} />
              </ComposedChart>
            </ResponsiveContainer>
          </div>
          <VisuallyHidden>
            <MomentsTable moments={moments} />
          </VisuallyHidden>
        </Stack>
      )}
    </Paper>
  );
}

function MomentTooltip({ active, payload }: { active?: boolean; payload?: ReadonlyArray<{ payload?: TrendMoment }> }) {
  const m = payload?.[0]?.payload;
  if (!active || !m) return null;
  return (
    <Paper p="xs" shadow="md" withBorder maw={300} data-testid="trend-tooltip">
      <Text size="xs" c="dimmed">
        {formatDateTime(m.at)}
      </Text>
      <Text size="sm" fw={600}>
        {m.probability} %{m.moved === null ? '' : ` (${formatPoints(m.moved)})`}
      </Text>
      <Text size="xs">{m.cause}</Text>
      <Text size="xs" c="dimmed">
        Band {m.band[0]}–{m.band[1]} %
        {m.zones.length === 0
          ? ' · no danger zone'
          : ` · ${m.zones.length} danger zone${m.zones.length === 1 ? '' : 's'}: ${m.zones.slice(0, 2).join(', ')}${m.zones.length > 2 ? ' …' : ''}`}
      </Text>
    </Paper>
  );
}

function MomentsTable({ moments }: { moments: readonly TrendMoment[] }) {
  return (
    <Table data-testid="trend-moments">
      <caption>The moments that moved the win probability, oldest first</caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>When</Table.Th>
          <Table.Th>Probability</Table.Th>
          <Table.Th>Moved</Table.Th>
          <Table.Th>What moved it</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {moments.map((m, i) => (
          <Table.Tr key={i}>
            <Table.Td>{formatDate(m.at.slice(0, 10))}</Table.Td>
            <Table.Td>{m.probability} %</Table.Td>
            <Table.Td>{m.moved === null ? 'first' : formatPoints(m.moved)}</Table.Td>
            <Table.Td>{m.cause}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

import { Badge, Group, Paper, Select, SimpleGrid, Skeleton, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { EffectivenessReport } from '../../../contract/impact.ts';
import { previousPeriod, quarterOf } from '../../../domain/periods.ts';
import { useCurrentUser } from '../../app/auth.tsx';
import { formatDate } from '../../shared/format.ts';
import { useUsers } from '../users/queries.ts';
import { AXIS_TICK } from '../model/chart-axes.ts';
import { useEffectiveness } from './impact-queries.ts';
import { LEVEL_COLORS, LEVEL_LABELS } from './indicator-format.ts';

const COACHED = 'var(--mantine-color-brand-6)';
const NOT_COACHED = 'var(--mantine-color-gray-5)';

const pct = (rate: number | null) => (rate === null ? '—' : `${Math.round(rate * 100)} %`);
const oneDecimal = (n: number | null) => (n === null ? '—' : n.toFixed(1));

/** A move in the unit a manager reads it: points for shares and biases, days, whole money. */
function moveValue(unit: EffectivenessReport['indicators'][number]['unit'], v: number | null): number | null {
  if (v === null) return null;
  return unit === 'share'
    ? Math.round(v * 1000) / 10
    : unit === 'money'
      ? Math.round(v / 100)
      : Math.round(v * 10) / 10;
}
const moveUnit = (unit: EffectivenessReport['indicators'][number]['unit']) =>
  unit === 'share' || unit === 'points' ? 'points' : unit === 'days' ? 'days' : '';

/**
 * How a manager coaches (REFERENCE §6.7): diagnoses, plans under way, the wait from a diagnosis to
 * an assignment, what fell due completed, applied and confirmed, and whether the coached
 * indicators moved more than for the sellers nobody coached on them.
 */
export function EffectivenessPanel() {
  const me = useCurrentUser();
  const today = new Date().toISOString().slice(0, 10);
  const quarter = quarterOf(today);
  const periods = [
    { value: '', label: 'Last 90 days' },
    { value: quarter.key, label: quarter.label },
    { value: previousPeriod(quarter).key, label: previousPeriod(quarter).label },
  ];
  const [period, setPeriod] = useState('');
  const [manager, setManager] = useState<string | null>(null);
  const isAdmin = me.role === 'admin';
  const users = useUsers();
  const managers = (users.data ?? []).filter((u) => u.role === 'manager');
  const query = useEffectiveness(manager ?? undefined, period || undefined, true);
  const data = query.data;
  return (
    <Paper p={{ base: 'md', sm: 'lg' }} mt="md" data-testid="effectiveness-panel">
      <Group justify="space-between" align="flex-end" mb="sm" wrap="wrap">
        <div>
          <Title order={2} size="h4">
            Coaching effectiveness
          </Title>
          <Text size="sm" c="dimmed">
            {data
              ? `${data.manager.name === 'Everyone' ? 'Everyone' : `${data.manager.name}’s team`}: ${data.sellers} people, ${formatDate(data.from)} to ${formatDate(data.to)}.`
              : 'How the coaching goes, and what it changed.'}
          </Text>
        </div>
        <Group gap="sm">
          {isAdmin ? (
            <Select
              label="Manager"
              placeholder="Everyone"
              clearable
              data={managers.map((m) => ({ value: m.id, label: m.name }))}
              value={manager}
              onChange={setManager}
              w={200}
            />
          ) : null}
          <Select
            label="Period"
            data={periods}
            value={period}
            onChange={(v) => setPeriod(v ?? '')}
            allowDeselect={false}
            w={160}
            data-testid="effectiveness-period"
          />
        </Group>
      </Group>
      {query.isError && !data ? (
        <Text size="sm" c="red.8">
          The figures could not be read: reload the page to try again.
        </Text>
      ) : !data ? (
        <Skeleton height={160} radius="md" />
      ) : (
        <Figures data={data} />
      )}
    </Paper>
  );
}

function Figure({ label, value, note, testId }: { label: string; value: string; note: string; testId: string }) {
  return (
    <div data-testid={testId}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="xl" fw={700} className="tabular">
        {value}
      </Text>
      <Text size="xs" c="dimmed">
        {note}
      </Text>
    </div>
  );
}

function Figures({ data }: { data: EffectivenessReport }) {
  const wait = data.daysToAssignment;
  return (
    <>
      <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }} spacing="md" mb="md">
        <Figure
          testId="eff-diagnoses"
          label="Diagnoses"
          value={oneDecimal(data.diagnosesStarted.perSellerMonth)}
          note={`per person a month: ${data.diagnosesStarted.count} started, ${data.diagnosesConcluded.count} concluded`}
        />
        <Figure
          testId="eff-plans"
          label="With a plan"
          value={pct(data.activePlans.rate)}
          note={`${data.activePlans.count} of ${data.activePlans.of} with learning under way`}
        />
        <Figure
          testId="eff-wait"
          label="Gap to assignment"
          value={wait.median === null ? '—' : `${Math.round(wait.median)} days`}
          note={
            wait.assignments === 0
              ? 'no assignment followed a gap seen or a diagnosis'
              : `median of ${wait.assignments} assignment${wait.assignments === 1 ? '' : 's'}: ${wait.fromGap} from the day the gap was first seen, ${wait.fromDiagnosis} from the diagnosis’s start`
          }
        />
        <Figure
          testId="eff-completion"
          label="Completed"
          value={pct(data.completion.rate)}
          note={data.due === 0 ? 'nothing fell due' : `${data.completion.count} of ${data.due} due`}
        />
        <Figure
          testId="eff-application"
          label="Applied"
          value={pct(data.application.rate)}
          note={data.due === 0 ? 'nothing fell due' : `${data.application.count} of ${data.due} due, on the deals`}
        />
        <Figure
          testId="eff-verification"
          label="Verified"
          value={pct(data.verification.rate)}
          note={data.due === 0 ? 'nothing fell due' : `${data.verification.count} of ${data.due} due, by the manager`}
        />
      </SimpleGrid>
      {data.assignedInPeriod === 0 && data.due === 0 ? (
        <Text size="sm" data-testid="effectiveness-empty">
          No assignments yet in this period: assign learning from a seller’s scorecard and it is counted here.
        </Text>
      ) : data.indicators.length === 0 ? (
        <Text size="sm" data-testid="effectiveness-no-moves">
          No coached indicator can be read yet: an assignment’s move is measured from 30 days after it was given.
        </Text>
      ) : (
        <>
          <MovesChart data={data} />
          <ByRootCause data={data} />
        </>
      )}
    </>
  );
}

/** A signed move with its unit, as the chart reads it ("+12.5 points", "−4 days"). */
function signedMove(unit: EffectivenessReport['indicators'][number]['unit'], v: number | null): string {
  const value = moveValue(unit, v);
  if (value === null) return '—';
  const sign = value > 0 ? '+' : value < 0 ? '−' : '';
  const unitWord = moveUnit(unit);
  return `${sign}${Math.abs(value).toLocaleString()}${unitWord ? ` ${unitWord}` : ''}`;
}

/** The coached moves per root cause the learning was assigned for (REFERENCE §6.7). */
function ByRootCause({ data }: { data: EffectivenessReport }) {
  return (
    <>
      <Text size="sm" fw={600} mt="md" mb={4}>
        By root cause
      </Text>
      <Table.ScrollContainer minWidth={560}>
        <Table striped data-testid="effectiveness-by-cause">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Root cause</Table.Th>
              <Table.Th>Indicator</Table.Th>
              <Table.Th ta="right">Assignments</Table.Th>
              <Table.Th ta="right">Coached improved (median)</Table.Th>
              <Table.Th ta="right">Not coached improved (median)</Table.Th>
              <Table.Th ta="right">Beat the not coached</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.byRootCause.map((row) => (
              <Table.Tr key={`${row.rootCause}|${row.measure}`}>
                <Table.Td>
                  <Group gap={6} wrap="nowrap">
                    <Badge size="xs" variant="light" color={LEVEL_COLORS[row.level]} title={LEVEL_LABELS[row.level]}>
                      {row.rootCause}
                    </Badge>
                    <Text size="sm">{row.name}</Text>
                  </Group>
                </Table.Td>
                <Table.Td>{row.label}</Table.Td>
                <Table.Td ta="right" className="tabular">
                  {row.assignments}
                </Table.Td>
                <Table.Td ta="right" className="tabular">
                  {signedMove(row.unit, row.coached)}
                </Table.Td>
                <Table.Td ta="right" className="tabular">
                  {signedMove(row.unit, row.notCoached)}
                </Table.Td>
                <Table.Td ta="right" className="tabular">
                  {row.beat.of === 0 ? '—' : `${row.beat.count} of ${row.beat.of}`}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </>
  );
}

function MovesChart({ data }: { data: EffectivenessReport }) {
  const rows = data.indicators.map((i) => ({
    label: `${i.label}${moveUnit(i.unit) ? ` (${moveUnit(i.unit)})` : ''}`,
    coached: moveValue(i.unit, i.coached),
    notCoached: moveValue(i.unit, i.notCoached),
    assignments: i.assignments,
  }));
  const description = rows
    .map((r) => `${r.label}: coached ${r.coached ?? 'unknown'}, not coached ${r.notCoached ?? 'unknown'}`)
    .join('; ');
  return (
    <>
      <Text size="sm" fw={600} mb={4}>
        How much the coached indicators improved, against sellers not coached on them
      </Text>
      <div
        style={{ width: '100%', height: 80 + rows.length * 48 }}
        role="img"
        aria-label={description}
        data-testid="effectiveness-chart"
      >
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={rows} layout="vertical" margin={{ top: 4, right: 24, bottom: 4, left: 8 }} barGap={2}>
            <CartesianGrid stroke="var(--mantine-color-gray-2)" horizontal={false} />
            <XAxis type="number" tick={AXIS_TICK} />
            <YAxis type="category" dataKey="label" width={220} tick={AXIS_TICK} interval={0} />
            <Tooltip />
            <Legend verticalAlign="top" height={28} />
            <Bar dataKey="coached" name="Coached (median)" fill={COACHED} isAnimationActive={false} />
            <Bar dataKey="notCoached" name="Not coached (median)" fill={NOT_COACHED} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <Text size="xs" c="dimmed">
        Each coached seller’s move from the day of the assignment to its latest reading (30, 60 or 90 days on, or
        today), the better way up; beside it the median move of the sellers nobody coached on that indicator over the
        same days.
      </Text>
    </>
  );
}

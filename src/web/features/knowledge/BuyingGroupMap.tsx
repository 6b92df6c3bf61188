import {
  ActionIcon,
  Avatar,
  Badge,
  Box,
  Group,
  Paper,
  ScrollArea,
  SegmentedControl,
  Stack,
  Text,
  Tooltip,
} from '@mantine/core';
import { IconCrownFilled, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import type { EvaluatorMatrixView } from '../../../contract/knowledge.ts';
import { SUPPORT_LEVELS } from '../../../domain/knowledge/schema.ts';
import { initialsOf } from '../../shared/format.ts';
import { useWorkspace } from './context.tsx';
import classes from './knowledge.module.css';
import {
  alternativeColors,
  COVERAGE_COLORS,
  COVERAGE_WORDS,
  INFLUENCE_DOTS,
  optionLabel,
  SUPPORT_COLORS,
} from './labels.ts';

type Row = EvaluatorMatrixView['rows'][number];
type Layout = 'tree' | 'influence';

/** The buying group as people: who reports to whom (or who weighs most), their roles, our coverage and their stance. */
export function BuyingGroupMap() {
  const { knowledge } = useWorkspace();
  const rows = knowledge.evaluatorMatrix.rows;
  const hasLines = rows.some((r) => r.reportsTo !== null && rows.some((m) => m.evaluatorId === r.reportsTo));
  const [layout, setLayout] = useState<Layout | null>(null);
  const shown: Layout = layout ?? (hasLines ? 'tree' : 'influence');
  return (
    <Stack gap="sm" data-testid="buying-group-map">
      <Group justify="space-between" wrap="wrap" gap="sm">
        <Legend />
        <SegmentedControl
          size="xs"
          value={shown}
          onChange={(v) => setLayout(v as Layout)}
          data={[
            { value: 'tree', label: 'Reporting lines' },
            { value: 'influence', label: 'By influence' },
          ]}
          aria-label="Lay out the buying group"
        />
      </Group>
      {shown === 'tree' ? <ReportingTree rows={rows} hasLines={hasLines} /> : <InfluenceLanes rows={rows} />}
    </Stack>
  );
}

function Legend() {
  return (
    <Group gap="md" wrap="wrap" aria-label="Stance colours">
      {SUPPORT_LEVELS.map((s) => (
        <Group key={s} gap={4} wrap="nowrap">
          <Box w={10} h={10} style={{ borderRadius: 3, background: `var(--mantine-color-${SUPPORT_COLORS[s]}-6)` }} />
          <Text size="xs" c="dimmed">
            {optionLabel(s)}
          </Text>
        </Group>
      ))}
      <Group gap={4} wrap="nowrap">
        <Box w={10} h={10} className={classes.unknownStripes} style={{ borderRadius: 3 }} />
        <Text size="xs" c="dimmed">
          Stance unknown
        </Text>
      </Group>
      <Group gap={4} wrap="nowrap">
        <IconCrownFilled size={12} color="var(--mantine-color-yellow-6)" />
        <Text size="xs" c="dimmed">
          Economic buyer
        </Text>
      </Group>
    </Group>
  );
}

function ReportingTree({ rows, hasLines }: { rows: Row[]; hasLines: boolean }) {
  const ids = new Set(rows.map((r) => r.evaluatorId));
  const childrenOf = (id: string) => rows.filter((r) => r.reportsTo === id);
  const roots = rows.filter((r) => r.reportsTo === null || !ids.has(r.reportsTo));
  // a reporting loop recorded by mistake must not hang the page
  const seen = new Set<string>();
  const branch = (row: Row) => {
    seen.add(row.evaluatorId);
    const children = childrenOf(row.evaluatorId).filter((c) => !seen.has(c.evaluatorId));
    return (
      <li key={row.evaluatorId}>
        <EvaluatorCard row={row} />
        {children.length > 0 ? <ul className={classes.children}>{children.map(branch)}</ul> : null}
      </li>
    );
  };
  return (
    <Stack gap="xs">
      {hasLines ? null : (
        <Text size="sm" c="dimmed">
          No reporting lines are recorded yet. Record whom each evaluator reports to and the tree draws itself.
        </Text>
      )}
      <ScrollArea type="auto" offsetScrollbars>
        <Box py="sm" style={{ minWidth: 'max-content' }}>
          <ul className={classes.tree}>{roots.map(branch)}</ul>
        </Box>
      </ScrollArea>
    </Stack>
  );
}

const LANES: Array<{ key: string | null; label: string }> = [
  { key: 'high', label: 'High influence' },
  { key: 'medium', label: 'Medium influence' },
  { key: 'low', label: 'Low influence' },
  { key: null, label: 'Influence not known' },
];

function InfluenceLanes({ rows }: { rows: Row[] }) {
  return (
    <Stack gap={0}>
      {LANES.map((lane) => {
        const members = rows.filter((r) =>
          lane.key === null ? !r.influence || !INFLUENCE_DOTS[r.influence] : r.influence === lane.key,
        );
        if (lane.key === null && members.length === 0) return null;
        return (
          <Group
            key={lane.label}
            align="stretch"
            gap="md"
            wrap="nowrap"
            py="sm"
            style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }}
            data-testid="influence-lane"
            data-influence={lane.key ?? 'unknown'}
          >
            <Stack w={110} gap={4} justify="center" style={{ flexShrink: 0 }}>
              <InfluenceDots level={lane.key} />
              <Text size="xs" fw={600} c="dimmed">
                {lane.label}
              </Text>
            </Stack>
            <Group gap="sm" wrap="wrap" style={{ flex: 1 }}>
              {members.length === 0 ? (
                <Text size="sm" c="dimmed" fs="italic">
                  Nobody recorded
                </Text>
              ) : (
                members.map((row) => <EvaluatorCard key={row.evaluatorId} row={row} />)
              )}
            </Group>
          </Group>
        );
      })}
    </Stack>
  );
}

function InfluenceDots({ level }: { level: string | null }) {
  const filled = level ? (INFLUENCE_DOTS[level] ?? 0) : 0;
  return (
    <Group
      gap={3}
      wrap="nowrap"
      aria-label={level ? `${optionLabel(level)} influence` : 'Influence not known'}
      role="img"
    >
      {[1, 2, 3].map((i) => (
        <Box
          key={i}
          w={8}
          h={8}
          style={{
            borderRadius: '50%',
            background: i <= filled ? 'var(--mantine-color-brand-6)' : 'var(--mantine-color-gray-3)',
          }}
        />
      ))}
    </Group>
  );
}

/** One evaluator: stance as the card's colour, the economic buyer crowned, roles, influence and our coverage. */
export function EvaluatorCard({ row }: { row: Row }) {
  const ws = useWorkspace();
  const color = row.support ? SUPPORT_COLORS[row.support] : undefined;
  const alternatives = ws.knowledge.evaluatorMatrix.alternatives;
  const favoured = alternatives.find((a) => a.id === row.favours);
  const favouredColor = favoured ? alternativeColors(alternatives).get(favoured.id) : undefined;
  return (
    <Paper
      w={260}
      p="sm"
      radius="md"
      shadow="xs"
      data-testid="evaluator-card"
      data-evaluator={row.name}
      style={{
        borderTop: color ? `4px solid var(--mantine-color-${color}-6)` : undefined,
        position: 'relative',
        textAlign: 'left',
      }}
    >
      {color ? null : (
        <Box
          className={classes.unknownStripes}
          h={4}
          style={{ position: 'absolute', top: 0, left: 0, right: 0, borderRadius: '8px 8px 0 0' }}
        />
      )}
      <Group gap="xs" wrap="nowrap" align="flex-start">
        <Avatar radius="xl" size={34} color={color ?? 'gray'} variant={row.isEconomicBuyer ? 'filled' : 'light'}>
          {initialsOf(row.name)}
        </Avatar>
        <Stack gap={0} style={{ minWidth: 0, flex: 1 }}>
          <Group gap={4} wrap="nowrap">
            <Text size="sm" fw={650} lh={1.3}>
              {row.name}
            </Text>
            {row.isEconomicBuyer ? (
              <Tooltip label="Economic buyer">
                <IconCrownFilled
                  size={14}
                  color="var(--mantine-color-yellow-6)"
                  aria-label="Economic buyer"
                  style={{ flexShrink: 0 }}
                />
              </Tooltip>
            ) : null}
          </Group>
          <Text size="xs" c="dimmed" lh={1.3}>
            {row.title ?? 'No title recorded'}
          </Text>
        </Stack>
        {ws.readOnly ? null : (
          <Tooltip label={`Record what you learned about ${row.name}`}>
            <ActionIcon
              size="sm"
              variant="subtle"
              color="gray"
              aria-label={`Record a fact about ${row.name}`}
              onClick={() =>
                ws.openFact({ objective: 'buying_group', target: { kind: 'evaluator', itemId: row.evaluatorId } })
              }
            >
              <IconPlus size={14} />
            </ActionIcon>
          </Tooltip>
        )}
      </Group>
      <Group gap={4} mt={8} wrap="wrap">
        {row.roles.length === 0 ? (
          <Badge size="xs" color="gray" variant="outline" style={{ borderStyle: 'dashed' }}>
            Role not known
          </Badge>
        ) : (
          row.roles.map((role) => (
            <Badge key={role} size="xs" color={role === 'economic_buyer' ? 'yellow' : 'gray'} variant="light">
              {optionLabel(role)}
            </Badge>
          ))
        )}
      </Group>
      <Stack gap={4} mt={8}>
        <Group justify="space-between" gap={4} wrap="nowrap">
          <Text size="xs" c="dimmed">
            Influence
          </Text>
          <Group gap={6} wrap="nowrap">
            <InfluenceDots level={row.influence} />
            <Text size="xs" fw={500}>
              {row.influence ? optionLabel(row.influence) : 'Not known'}
            </Text>
          </Group>
        </Group>
        <Group justify="space-between" gap={4} wrap="nowrap">
          <Text size="xs" c="dimmed">
            Our coverage
          </Text>
          <Text size="xs" fw={500} c={row.coverage ? `${COVERAGE_COLORS[row.coverage] ?? 'gray'}.8` : 'dimmed'}>
            {row.coverage ? (COVERAGE_WORDS[row.coverage] ?? optionLabel(row.coverage)) : 'Not known'}
          </Text>
        </Group>
        <Group justify="space-between" gap={4} wrap="nowrap">
          <Text size="xs" c="dimmed">
            Stance
          </Text>
          <Text size="xs" fw={500} c={color ? `${color}.8` : 'dimmed'}>
            {row.support ? optionLabel(row.support) : 'Not known'}
          </Text>
        </Group>
        <Group justify="space-between" gap={4} wrap="nowrap" align="flex-start">
          <Text size="xs" c="dimmed" style={{ flexShrink: 0 }}>
            Favours
          </Text>
          <Text
            size="xs"
            fw={500}
            ta="right"
            c={favouredColor ? (favouredColor === 'dark' ? 'dark.4' : `${favouredColor}.7`) : 'dimmed'}
          >
            {favoured ? favoured.name : 'Not known'}
          </Text>
        </Group>
      </Stack>
    </Paper>
  );
}

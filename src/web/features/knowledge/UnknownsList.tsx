import { Badge, Group, Paper, SegmentedControl, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconConfetti } from '@tabler/icons-react';
import { useState } from 'react';
import type { KnowledgeGapView } from '../../../contract/knowledge.ts';
import { StateMessage } from '../../shared/StateMessage.tsx';
import { useWorkspace } from './context.tsx';
import { GAP_KINDS, GAP_ORDER } from './labels.ts';
import { QuestionRow } from './QuestionRow.tsx';

type Filter = 'all' | KnowledgeGapView['kind'];

/** What we don't know: objectives never explored, explicit unknowns, assumptions and stale facts, with the question and whom to ask. */
export function UnknownsList() {
  const ws = useWorkspace();
  const gaps = ws.knowledge.unknowns;
  const [filter, setFilter] = useState<Filter>('all');
  const counts = Object.fromEntries(
    GAP_ORDER.map((kind) => [kind, gaps.filter((g) => g.kind === kind).length]),
  ) as Record<KnowledgeGapView['kind'], number>;
  const objectiveOf = new Map(ws.knowledge.objectives.map((o) => [o.key, o]));

  if (gaps.length === 0) {
    return (
      <Paper p="md">
        <StateMessage
          tone="light"
          color="teal"
          icon={<IconConfetti size={26} />}
          title="No open questions"
          description="Every objective is explored, and nothing is unknown, assumed or stale. Keep it that way by logging each meeting."
          testId="no-unknowns"
        />
      </Paper>
    );
  }

  const kinds = GAP_ORDER.filter((kind) => (filter === 'all' || filter === kind) && counts[kind] > 0);
  return (
    <Stack gap="md" data-testid="unknowns">
      <SegmentedControl
        value={filter}
        onChange={(v) => setFilter(v as Filter)}
        aria-label="Show"
        data={[
          { value: 'all', label: `All ${gaps.length}` },
          ...GAP_ORDER.map((kind) => ({
            value: kind,
            label: `${GAP_KINDS[kind].plural} ${counts[kind]}`,
            disabled: counts[kind] === 0,
          })),
        ]}
        style={{ alignSelf: 'flex-start', maxWidth: '100%' }}
        styles={{ root: { flexWrap: 'wrap' } }}
      />
      {kinds.map((kind) => (
        <Paper key={kind} p="md" data-testid="unknowns-section" data-kind={kind}>
          <Group gap="xs" mb="sm">
            <ThemeIcon size={10} radius="xl" color={GAP_KINDS[kind].color} />
            <Text fw={650}>{GAP_KINDS[kind].plural}</Text>
            <Badge color={GAP_KINDS[kind].color} variant="light" size="sm">
              {counts[kind]}
            </Badge>
            <Text size="sm" c="dimmed">
              {GAP_KINDS[kind].hint}
            </Text>
          </Group>
          <Stack gap="md">
            {gaps
              .filter((g) => g.kind === kind)
              .map((gap, i) => {
                const objective = objectiveOf.get(gap.objective);
                return (
                  <Group
                    // a per-alternative field (a criterion's fit) leaves one gap per alternative: the same item and field
                    key={`${gap.itemId ?? gap.objective}-${gap.field ?? ''}-${i}`}
                    gap="sm"
                    wrap="nowrap"
                    align="flex-start"
                  >
                    <Badge
                      variant="outline"
                      color="gray"
                      size="sm"
                      w={36}
                      style={{ flexShrink: 0 }}
                      title={objective?.name}
                    >
                      {objective?.number ?? '?'}
                    </Badge>
                    <Stack gap={2} style={{ flex: 1, minWidth: 0 }}>
                      <Text size="xs" c="dimmed" fw={600} tt="uppercase" style={{ letterSpacing: 0.4 }}>
                        {objective?.name}
                      </Text>
                      <QuestionRow gap={gap} workspace={ws} showKind={false} />
                    </Stack>
                  </Group>
                );
              })}
          </Stack>
        </Paper>
      ))}
    </Stack>
  );
}

import { Anchor, Badge, Group, Stack, Text, ThemeIcon, Tooltip } from '@mantine/core';
import { IconMessageQuestion } from '@tabler/icons-react';
import type { KnowledgeGapView } from '../../../contract/knowledge.ts';
import type { Workspace } from './context.tsx';
import { GAP_KINDS, whomToAsk } from './labels.ts';
import { staleFactOf } from './reconfirm.ts';
import { kindOf } from './schema-model.ts';

/** A question to ask: what it would tell us, how it is missing (unknown, assumed, stale), and whom to ask. */
export function QuestionRow({
  gap,
  workspace: ws,
  showKind = true,
}: {
  gap: KnowledgeGapView;
  workspace: Workspace;
  showKind?: boolean;
}) {
  const target = gap.itemId && gap.field ? targetOfGap(ws, gap) : null;
  const kind = GAP_KINDS[gap.kind];
  const stale = ws.readOnly ? undefined : staleFactOf(ws.knowledge, gap);
  return (
    <Group gap="sm" wrap="nowrap" align="flex-start" data-testid="open-question" data-kind={gap.kind}>
      <ThemeIcon variant="light" color={kind.color} radius="xl" size={26} style={{ flexShrink: 0 }}>
        <IconMessageQuestion size={15} />
      </ThemeIcon>
      <Stack gap={2} style={{ minWidth: 0 }}>
        {gap.field ? (
          <Group gap={6} wrap="wrap">
            <Text size="sm" fw={600}>
              {gap.label}
              {gap.itemLabel && gap.itemLabel !== gap.label ? (
                <Text span size="sm" c="dimmed" fw={400}>
                  {' '}
                  · {gap.itemLabel}
                </Text>
              ) : null}
            </Text>
            {showKind ? (
              <Tooltip label={kind.hint}>
                <Badge size="xs" color={kind.color} variant="light">
                  {kind.label}
                  {gap.kind === 'stale' && gap.ageDays !== null ? ` · ${gap.ageDays} days` : ''}
                </Badge>
              </Tooltip>
            ) : null}
          </Group>
        ) : null}
        <Text size="sm" fs="italic">
          “{gap.question}”
        </Text>
        <Group gap={8}>
          <Text size="xs" c="dimmed">
            {whomToAsk(gap.ask)}
          </Text>
          {target && !ws.readOnly ? (
            <Anchor
              component="button"
              type="button"
              size="xs"
              onClick={() => ws.openFact({ objective: gap.objective, target, field: gap.field ?? undefined })}
            >
              {stale ? 'Record a new answer' : 'Record the answer'}
            </Anchor>
          ) : null}
          {stale ? (
            <Anchor component="button" type="button" size="xs" onClick={() => ws.confirmAgain(stale)}>
              Buyer confirmed it again
            </Anchor>
          ) : null}
        </Group>
      </Stack>
    </Group>
  );
}

/** The fact form's target for a gap about an item: one-per-opportunity kinds are addressed by kind. */
function targetOfGap(ws: Workspace, gap: KnowledgeGapView) {
  const fact = ws.knowledge.objectives.flatMap((o) => o.facts).find((f) => f.itemId === gap.itemId);
  const item = ws.knowledge.objectives.flatMap((o) => o.items).find((i) => i.id === gap.itemId);
  const kind = fact?.itemKind ?? item?.kind;
  if (!kind) return null;
  return { kind, itemId: kindOf(ws.schema, kind).singleton ? null : gap.itemId };
}

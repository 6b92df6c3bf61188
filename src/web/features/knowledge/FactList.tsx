import { ActionIcon, Badge, Box, Button, Group, Menu, Paper, Stack, Text, Tooltip } from '@mantine/core';
import { IconArchive, IconCalendarCheck, IconDots, IconPencil, IconPlus } from '@tabler/icons-react';
import { useEffect, useRef } from 'react';
import type { KnowledgeFactView } from '../../../contract/knowledge.ts';
import { useWorkspace } from './context.tsx';
import { EvidenceMeta, EvidenceQuote } from './Evidence.tsx';
import classes from './knowledge.module.css';
import { optionLabel } from './labels.ts';
import { FactQuality } from './levels.tsx';
import type { FieldDef } from './queries.ts';
import { canConfirmAgain } from './reconfirm.ts';
import { kindOf, unrecordedFields, valueInWords, type FactGroup, type ObjectiveKey } from './schema-model.ts';

/** The colour down a fact's left edge: how far it can be trusted at a glance. */
function edgeOf(fact: KnowledgeFactView): string {
  if (fact.isUnknown) return 'var(--mantine-color-orange-5)';
  if (!fact.fresh) return 'var(--mantine-color-grape-4)';
  if (fact.grade === 'assumed') return 'var(--mantine-color-orange-3)';
  if (fact.grade === 'validated') return 'var(--mantine-color-green-5)';
  return 'var(--mantine-color-blue-3)';
}

/** Brings a highlighted fact or item into view once its panel has opened. */
function useRevealed<T extends HTMLElement>(isHighlighted: boolean) {
  const ref = useRef<T>(null);
  useEffect(() => {
    if (!isHighlighted) return;
    // after the accordion's opening animation, so the place scrolled to is where it stays
    const timer = window.setTimeout(() => ref.current?.scrollIntoView({ block: 'center', behavior: 'smooth' }), 260);
    return () => window.clearTimeout(timer);
  }, [isHighlighted]);
  return ref;
}

/** One thing we know: the value, how well we know it, and the customer's words behind it. */
export function FactRow({ fact, objective }: { fact: KnowledgeFactView; objective: ObjectiveKey }) {
  const ws = useWorkspace();
  const isSingleton = kindOf(ws.schema, fact.itemKind).singleton;
  const value = valueInWords(ws.schema, fact);
  const label = fact.qualifierLabel ? `${fact.label} · ${fact.qualifierLabel}` : fact.label;
  const isHighlighted = ws.highlight?.factId === fact.id;
  const ref = useRevealed<HTMLDivElement>(isHighlighted);
  const canConfirm = !ws.readOnly && canConfirmAgain(fact);
  return (
    <Box
      ref={ref}
      pl="sm"
      py={6}
      className={isHighlighted ? classes.highlighted : undefined}
      style={{ borderLeft: `3px ${fact.grade === 'assumed' && !fact.isUnknown ? 'dashed' : 'solid'} ${edgeOf(fact)}` }}
      data-testid="fact"
      data-fact-id={fact.id}
      data-field={fact.field}
      data-unknown={fact.isUnknown}
      data-stale={!fact.fresh}
      data-highlighted={isHighlighted || undefined}
    >
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
        <Stack gap={4} style={{ minWidth: 0, flex: 1 }}>
          <Group gap={8} wrap="wrap">
            <Text size="sm" c="dimmed">
              {label}
            </Text>
            <Text size="sm" fw={650} c={fact.isUnknown ? 'orange.8' : undefined} data-testid="fact-value">
              {value}
            </Text>
            <FactQuality fact={fact} />
          </Group>
          <EvidenceQuote text={fact.evidence.text} lineClamp={3} />
          <EvidenceMeta evidence={fact.evidence} ageDays={fact.ageDays} verifiedAt={fact.lastVerifiedAt} />
          {canConfirm && !fact.fresh ? (
            <Group gap={8} mt={2}>
              <Button
                size="compact-xs"
                variant="light"
                color="grape"
                leftSection={<IconCalendarCheck size={14} />}
                onClick={() => ws.confirmAgain(fact)}
                aria-label={`Buyer confirmed it again: ${label}`}
              >
                Buyer confirmed it again
              </Button>
              <Text size="xs" c="dimmed">
                or change it if it no longer holds
              </Text>
            </Group>
          ) : null}
        </Stack>
        {ws.readOnly ? null : (
          <Group gap={2} wrap="nowrap">
            {canConfirm && fact.fresh ? (
              <Tooltip label="Buyer confirmed it again">
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  aria-label={`Buyer confirmed it again: ${label}`}
                  onClick={() => ws.confirmAgain(fact)}
                >
                  <IconCalendarCheck size={16} />
                </ActionIcon>
              </Tooltip>
            ) : null}
            <Tooltip label="Change">
              <ActionIcon
                variant="subtle"
                color="gray"
                aria-label={`Change ${label}`}
                onClick={() =>
                  ws.openFact({
                    objective,
                    target: { kind: fact.itemKind, itemId: isSingleton ? null : fact.itemId },
                    field: fact.field,
                    qualifier: fact.qualifier,
                    prefill: true,
                  })
                }
              >
                <IconPencil size={16} />
              </ActionIcon>
            </Tooltip>
            <Tooltip label="Retire">
              <ActionIcon
                variant="subtle"
                color="gray"
                aria-label={`Retire ${label}`}
                onClick={() =>
                  ws.retire({
                    what: 'facts',
                    id: fact.id,
                    title: 'Retire this fact?',
                    message: `“${label}: ${value}” leaves the current picture and the scores. It stays in the history, with its evidence.`,
                  })
                }
              >
                <IconArchive size={16} />
              </ActionIcon>
            </Tooltip>
          </Group>
        )}
      </Group>
    </Box>
  );
}

/** Fields nobody has recorded yet, as one-click prompts to record them. */
export function UnrecordedFields({ fields, onRecord }: { fields: FieldDef[]; onRecord(field: FieldDef): void }) {
  const { readOnly } = useWorkspace();
  if (fields.length === 0) return null;
  return (
    <Group gap={6} wrap="wrap" data-testid="unrecorded-fields">
      <Text size="xs" c="dimmed" fw={500}>
        Not recorded yet:
      </Text>
      {fields.map((field) =>
        readOnly ? (
          <Badge key={field.key} color="gray" variant="outline" size="sm" style={{ borderStyle: 'dashed' }}>
            {field.label}
          </Badge>
        ) : (
          <Tooltip key={field.key} label={`Ask: “${field.question}”`}>
            <Button
              size="compact-xs"
              variant="default"
              leftSection={<IconPlus size={12} />}
              onClick={() => onRecord(field)}
              fw={500}
              c="dimmed"
            >
              {field.label}
            </Button>
          </Tooltip>
        ),
      )}
    </Group>
  );
}

/** Everything known about one item (an evaluator, an alternative ...) within an objective. */
export function FactGroupCard({ group, objective }: { group: FactGroup; objective: ObjectiveKey }) {
  const ws = useWorkspace();
  const kind = kindOf(ws.schema, group.kind);
  const target = { kind: group.kind, itemId: kind.singleton ? null : group.itemId };
  const missing = unrecordedFields(ws.schema, group, objective);
  const item = group.item;
  const isHighlighted =
    ws.highlight !== null &&
    ws.highlight.factId === null &&
    ws.highlight.objective === objective &&
    ws.highlight.itemId === group.itemId;
  const ref = useRevealed<HTMLDivElement>(isHighlighted);
  return (
    <Paper
      ref={ref}
      p="sm"
      radius="md"
      className={isHighlighted ? classes.highlighted : undefined}
      data-testid="fact-group"
      data-kind={group.kind}
      data-item-id={group.itemId ?? undefined}
      data-highlighted={isHighlighted || undefined}
    >
      <Group justify="space-between" wrap="nowrap" align="flex-start" mb={group.facts.length > 0 || item ? 6 : 0}>
        <Group gap={8} wrap="wrap" style={{ minWidth: 0 }}>
          <Text fw={650} size="sm">
            {group.label}
          </Text>
          {kind.singleton ? null : (
            <Badge color="gray" variant="light" size="sm">
              {kind.label}
            </Badge>
          )}
          {item?.contactTitle ? (
            <Text size="xs" c="dimmed">
              {item.contactTitle}
            </Text>
          ) : null}
          {item?.category ? (
            <Badge color="brand" variant="outline" size="sm">
              {optionLabel(item.category)}
            </Badge>
          ) : null}
        </Group>
        {ws.readOnly ? null : (
          <Menu position="bottom-end" withinPortal shadow="md">
            <Menu.Target>
              <ActionIcon variant="subtle" color="gray" aria-label={`Actions for ${group.label}`}>
                <IconDots size={16} />
              </ActionIcon>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Item leftSection={<IconPlus size={14} />} onClick={() => ws.openFact({ objective, target })}>
                Record a fact about {kind.singleton ? 'this' : group.label}
              </Menu.Item>
              {item ? (
                <Menu.Item
                  color="red"
                  leftSection={<IconArchive size={14} />}
                  onClick={() =>
                    ws.retire({
                      what: 'items',
                      id: item.id,
                      title: `Retire ${group.label}?`,
                      message: `${kind.label} “${group.label}” and what we know about it leave the current picture. Everything stays in the history.`,
                    })
                  }
                >
                  Retire {kind.label.toLowerCase()}
                </Menu.Item>
              ) : null}
            </Menu.Dropdown>
          </Menu>
        )}
      </Group>
      {item && objective === kind.objective ? (
        <Box mb={group.facts.length > 0 ? 6 : 4}>
          <EvidenceQuote text={item.evidence.text} lineClamp={2} />
          <EvidenceMeta evidence={item.evidence} withRecorder />
        </Box>
      ) : null}
      <Stack gap={6}>
        {group.facts.map((fact) => (
          <FactRow key={fact.id} fact={fact} objective={objective} />
        ))}
        <UnrecordedFields fields={missing} onRecord={(field) => ws.openFact({ objective, target, field: field.key })} />
      </Stack>
    </Paper>
  );
}

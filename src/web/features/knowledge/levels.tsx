import { Badge, Box, Group, Text, ThemeIcon, Tooltip } from '@mantine/core';
import { IconClockExclamation, IconHelpCircle, IconRosetteDiscountCheck } from '@tabler/icons-react';
import type { KnowledgeFactView } from '../../../contract/knowledge.ts';
import {
  GRADE_BADGES,
  LEVEL_COLORS,
  LEVEL_MEANINGS,
  LEVEL_WORDS,
  levelOf,
  POSITION_COLORS,
  POSITION_WORDS,
  positionOf,
  ageWords,
} from './labels.ts';

/** K: four steps filled up to the level, and the level in words. */
export function KnowledgeMeter({
  level,
  withWord = true,
  size = 'md',
}: {
  level: number;
  withWord?: boolean;
  size?: 'sm' | 'md';
}) {
  const k = levelOf(level);
  const color = `var(--mantine-color-${LEVEL_COLORS[k]}-${k === 0 ? 4 : 6})`;
  const width = size === 'sm' ? 10 : 14;
  const height = size === 'sm' ? 6 : 8;
  return (
    <Tooltip label={`K${k} ${LEVEL_WORDS[k]}: ${LEVEL_MEANINGS[k]}`}>
      <Group
        gap={6}
        wrap="nowrap"
        role="img"
        aria-label={`Knowledge level ${k} of 4: ${LEVEL_WORDS[k]}`}
        data-testid="knowledge-level"
        data-level={k}
      >
        <Group gap={2} wrap="nowrap" aria-hidden>
          {[1, 2, 3, 4].map((step) => (
            <Box
              key={step}
              w={width}
              h={height}
              style={{
                borderRadius: 2,
                background: step <= k ? color : 'var(--mantine-color-gray-2)',
                boxShadow: step <= k ? 'none' : 'inset 0 0 0 1px var(--mantine-color-gray-3)',
              }}
            />
          ))}
        </Group>
        {withWord ? (
          <Text
            size={size === 'sm' ? 'xs' : 'sm'}
            fw={600}
            c={k === 0 ? 'dimmed' : undefined}
            style={{ whiteSpace: 'nowrap' }}
            aria-hidden
          >
            K{k} {LEVEL_WORDS[k]}
          </Text>
        ) : null}
      </Group>
    </Tooltip>
  );
}

/** P: a coloured chip from strongly unfavourable to strongly favourable; a dash while nothing is known. */
export function PositionChip({ position, size = 'md' }: { position: number | null; size?: 'sm' | 'md' }) {
  if (position === null) {
    return (
      <Tooltip label="Position is unknown until something is known">
        <Badge
          color="gray"
          variant="outline"
          size={size}
          data-testid="position"
          data-position="none"
          aria-label="Position not known"
        >
          P —
        </Badge>
      </Tooltip>
    );
  }
  const p = positionOf(position);
  const { color, variant } = POSITION_COLORS[p];
  const sign = p > 0 ? `+${p}` : p < 0 ? `−${-p}` : '0';
  return (
    <Badge
      color={color}
      variant={variant}
      size={size}
      data-testid="position"
      data-position={p}
      style={{ whiteSpace: 'nowrap' }}
    >
      P {sign} · {POSITION_WORDS[p]}
    </Badge>
  );
}

/** How strong a fact's evidence is, and whether it has gone stale or was recorded as unknown. */
export function FactQuality({ fact }: { fact: KnowledgeFactView }) {
  if (fact.isUnknown) {
    return (
      <Tooltip label="We asked: the answer is not known yet">
        <Badge
          color="orange"
          variant="outline"
          size="sm"
          leftSection={<IconHelpCircle size={12} />}
          data-testid="fact-unknown"
        >
          Asked, unknown
        </Badge>
      </Tooltip>
    );
  }
  const grade = fact.grade ? GRADE_BADGES[fact.grade] : null;
  return (
    <Group gap={4} wrap="nowrap">
      {grade ? (
        <Tooltip label={grade.hint}>
          <Badge
            color={grade.color}
            variant={fact.grade === 'assumed' ? 'outline' : 'light'}
            size="sm"
            style={fact.grade === 'assumed' ? { borderStyle: 'dashed' } : undefined}
            leftSection={fact.grade === 'validated' ? <IconRosetteDiscountCheck size={12} /> : undefined}
            data-testid={`grade-${fact.grade}`}
          >
            {grade.label}
          </Badge>
        </Tooltip>
      ) : null}
      {fact.fresh ? null : (
        <Tooltip label={`Learned ${ageWords(fact.ageDays)}: older than it stays reliable. Check it still holds.`}>
          <Badge
            color="grape"
            variant="light"
            size="sm"
            leftSection={<IconClockExclamation size={12} />}
            data-testid="fact-stale"
          >
            Stale
          </Badge>
        </Tooltip>
      )}
    </Group>
  );
}

/** The objective's number in a circle, in the colour of how well it is known. */
export function ObjectiveNumber({ number, level, explored }: { number: number; level: number; explored: boolean }) {
  const k = levelOf(level);
  return (
    <ThemeIcon
      radius="xl"
      size={28}
      variant={explored ? 'filled' : 'default'}
      color={explored ? LEVEL_COLORS[k] : 'gray'}
      style={explored ? undefined : { borderStyle: 'dashed' }}
      aria-hidden
    >
      <Text fw={700} size="sm" c={explored ? (k === 2 ? 'dark' : 'white') : 'dimmed'}>
        {number}
      </Text>
    </ThemeIcon>
  );
}

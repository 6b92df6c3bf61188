import {
  Box,
  Group,
  Paper,
  SemiCircleProgress,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
  Tooltip,
  UnstyledButton,
} from '@mantine/core';
import { IconCalendarSearch } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import type { KnowledgeResponse, ObjectiveKnowledge } from '../../../contract/knowledge.ts';
import { todayLocal } from '../../shared/format.ts';
import classes from './knowledge.module.css';
import { LEVEL_COLORS, LEVEL_WORDS, levelOf, POSITION_WORDS, positionOf } from './labels.ts';

/** The Knowledge Coverage Index in a colour that says whether it is enough. */
function coverageColor(kci: number): string {
  if (kci < 0.35) return 'red';
  if (kci < 0.55) return 'orange';
  if (kci < 0.75) return 'teal';
  return 'green';
}

function coverageWords(kci: number): string {
  if (kci < 0.35) return 'We know little about this deal yet';
  if (kci < 0.55) return 'Important gaps remain';
  if (kci < 0.75) return 'Well understood, with gaps to close';
  return 'Thoroughly understood';
}

type CoverageHeaderProps = {
  knowledge: KnowledgeResponse;
  asOf: string | null;
  onAsOf(date: string | null): void;
  onOpenObjective(key: string): void;
  action: ReactNode;
};

/** How much we know, objective by objective, the day we look from, and the way to add more. */
export function CoverageHeader({ knowledge, asOf, onAsOf, onOpenObjective, action }: CoverageHeaderProps) {
  const kci = knowledge.coverageIndex;
  const percent = Math.round(kci * 100);
  const explored = knowledge.objectives.filter((o) => o.explored).length;
  const confirmed = knowledge.objectives.filter((o) => o.knowledgeLevel >= 3).length;
  const open = knowledge.unknowns.length;
  return (
    <Paper p="lg" mb="md" data-testid="knowledge-header">
      <Group align="center" gap="xl" wrap="wrap">
        <Stack gap={0} align="center" style={{ flexShrink: 0 }}>
          <SemiCircleProgress
            value={percent}
            size={176}
            thickness={14}
            filledSegmentColor={coverageColor(kci)}
            emptySegmentColor="var(--mantine-color-gray-2)"
            transitionDuration={400}
            aria-label={`Knowledge Coverage Index ${percent} %`}
            label={
              <Text component="span" fz={34} fw={750} lh={1} className="tabular" data-testid="coverage-index">
                {percent}
                <Text span fz={18} fw={600} c="dimmed">
                  {' '}
                  %
                </Text>
              </Text>
            }
          />
          <Text size="xs" fw={700} c="dimmed" tt="uppercase" style={{ letterSpacing: 0.5 }} mt={4}>
            Knowledge coverage
          </Text>
        </Stack>
        <Stack gap="sm" style={{ flex: '1 1 340px', minWidth: 0 }}>
          <div>
            <Title order={2} size="h4">
              {coverageWords(kci)}
            </Title>
            <Text size="sm" c="dimmed">
              {explored} of 9 objectives explored · {confirmed} confirmed or validated ·{' '}
              {open === 1 ? '1 open question' : `${open} open questions`}
            </Text>
          </div>
          <HeatStrip objectives={knowledge.objectives} onOpen={onOpenObjective} />
        </Stack>
        <Stack gap="sm" style={{ flex: '0 1 240px' }}>
          <TextInput
            label="View as known on…"
            type="date"
            max={todayLocal()}
            value={asOf ?? knowledge.asOf}
            onChange={(e) => {
              const date = e.currentTarget.value;
              onAsOf(date && date < todayLocal() ? date : null);
            }}
            leftSection={<IconCalendarSearch size={16} />}
            data-testid="as-of"
          />
          {action}
        </Stack>
      </Group>
    </Paper>
  );
}

/** Nine squares, one per objective, coloured by how well it is known: the deal at a glance. */
function HeatStrip({ objectives, onOpen }: { objectives: ObjectiveKnowledge[]; onOpen(key: string): void }) {
  return (
    <SimpleGrid cols={9} spacing={6} maw={9 * 58} aria-label="Knowledge level per objective" data-testid="heat-strip">
      {objectives.map((o) => {
        const k = levelOf(o.knowledgeLevel);
        const color = LEVEL_COLORS[k];
        const p = o.position === null ? null : positionOf(o.position);
        const label = `${o.number}. ${o.name}: ${o.explored ? `K${k} ${LEVEL_WORDS[k]}` : 'not yet explored'}${p === null ? '' : `, ${POSITION_WORDS[p].toLowerCase()}`}`;
        return (
          <Tooltip key={o.key} label={label}>
            <UnstyledButton
              className={classes.heatCell}
              onClick={() => onOpen(o.key)}
              aria-label={`Open ${label}`}
              h={48}
              style={{
                borderRadius: 8,
                border: o.explored
                  ? `1px solid var(--mantine-color-${color}-${k === 0 ? 3 : 5})`
                  : '1px dashed var(--mantine-color-gray-4)',
                background: o.explored
                  ? `var(--mantine-color-${color}-${k >= 3 ? 1 : 0})`
                  : 'var(--mantine-color-body)',
                display: 'flex',
                flexDirection: 'column',
                alignItems: 'center',
                justifyContent: 'center',
                gap: 0,
              }}
            >
              <Text size="sm" fw={750} lh={1.1} c={o.explored ? `${color}.9` : 'dimmed'}>
                {o.number}
              </Text>
              <Text size="10px" fw={600} lh={1.2} c={o.explored ? `${color}.8` : 'dimmed'}>
                {o.explored ? `K${k}` : '—'}
              </Text>
              <Box
                w={16}
                h={3}
                mt={2}
                style={{
                  borderRadius: 2,
                  background:
                    p === null
                      ? 'transparent'
                      : p > 0
                        ? 'var(--mantine-color-teal-6)'
                        : p < 0
                          ? 'var(--mantine-color-red-6)'
                          : 'var(--mantine-color-gray-4)',
                }}
                aria-hidden
              />
            </UnstyledButton>
          </Tooltip>
        );
      })}
    </SimpleGrid>
  );
}

import { Anchor, Badge, Group, Paper, Stack, Text, ThemeIcon, Title, Tooltip } from '@mantine/core';
import { IconMessageCircleQuestion } from '@tabler/icons-react';
import { Link } from 'react-router';
import { knowledgeLink } from '../knowledge/focus.ts';
import { formatPoints } from './labels.ts';
import type { DangerZoneView, Recommendation } from './queries.ts';

const EASE: Record<number, { label: string; hint: string; color: string }> = {
  1: { label: 'Easy', hint: 'One conversation', color: 'teal' },
  2: { label: 'Moderate', hint: 'Takes a meeting or two and the right person', color: 'yellow' },
  3: { label: 'Hard', hint: 'Means changing someone’s mind', color: 'orange' },
};

const ROLE_WORDS: Record<Recommendation['ask']['role'], string> = {
  champion: 'the champion',
  economic_buyer: 'the economic buyer',
  evaluator: 'the evaluator',
  anyone: 'anyone in the buying group',
};

/** "Dana Ortiz (champion)", her name a link to her on the Knowledge tab; or "the champion" while nobody is named. */
function Whom({ ask }: { ask: Recommendation['ask'] }) {
  const role = ROLE_WORDS[ask.role];
  if (!ask.name) return <>{role}</>;
  return (
    <>
      {ask.evaluatorId ? (
        <Anchor component={Link} to={knowledgeLink({ itemId: ask.evaluatorId })} inherit data-testid="move-ask">
          {ask.name}
        </Anchor>
      ) : (
        ask.name
      )}{' '}
      ({role.replace(/^the /, '')})
    </>
  );
}

/** The moves worth making next, ranked by what they would add for the effort they take. */
export function NextMovesPanel({
  recommendations,
  zones,
}: {
  recommendations: readonly Recommendation[];
  zones: readonly DangerZoneView[];
}) {
  const zoneName = new Map(zones.map((z) => [z.id, z.name]));
  return (
    <Paper p={{ base: 'md', sm: 'lg' }} data-testid="next-moves">
      <Title order={2} size="h4">
        Next moves
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        Ranked by the points each would add if it succeeded, weighed by how hard it is.
      </Text>
      {recommendations.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid="no-next-moves">
          No single move would add even a point now: the evidence is as good as it gets for this deal, or a cap holds it
          down.
        </Text>
      ) : (
        <Stack gap="md" component="ol" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {recommendations.map((r, i) => {
            const ease = EASE[r.ease] ?? EASE[2]!;
            return (
              <li key={r.id} data-testid="next-move" data-move={r.id}>
                <Group gap="sm" align="flex-start" wrap="nowrap">
                  <ThemeIcon variant="light" radius="xl" size={26} color="brand" style={{ flexShrink: 0 }} aria-hidden>
                    <Text size="xs" fw={700}>
                      {i + 1}
                    </Text>
                  </ThemeIcon>
                  <Stack gap={4} style={{ minWidth: 0, flex: 1 }}>
                    <Group gap={6} justify="space-between" wrap="nowrap" align="flex-start">
                      <Text size="sm" fw={600}>
                        {r.action}
                      </Text>
                      <Badge color="teal" variant="light" style={{ flexShrink: 0 }} data-testid="move-gain">
                        {formatPoints(r.gain)}
                      </Badge>
                    </Group>
                    <Group gap={6} wrap="nowrap" align="flex-start">
                      <IconMessageCircleQuestion
                        size={16}
                        color="var(--mantine-color-brand-6)"
                        style={{ flexShrink: 0, marginTop: 2 }}
                        aria-hidden
                      />
                      <Text size="sm">
                        Ask <Whom ask={r.ask} />:{' '}
                        <Text span fs="italic">
                          “{r.question}”
                        </Text>
                      </Text>
                    </Group>
                    <Group gap={6} wrap="nowrap" align="flex-start">
                      <Tooltip label={ease.hint}>
                        <Badge size="sm" variant="outline" color={ease.color} style={{ flexShrink: 0 }}>
                          {ease.label}
                        </Badge>
                      </Tooltip>
                      {r.resolves.length > 0 ? (
                        <Text size="xs" c="dimmed" data-testid="move-clears">
                          Would clear {r.resolves.map((id) => zoneName.get(id) ?? 'a danger zone').join(', ')}
                        </Text>
                      ) : null}
                    </Group>
                  </Stack>
                </Group>
              </li>
            );
          })}
        </Stack>
      )}
    </Paper>
  );
}

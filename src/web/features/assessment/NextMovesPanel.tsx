import { ROLE_WORDS } from '../../../domain/assessment/move-people.ts';
import { Anchor, Badge, Group, Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconMessageCircleQuestion, IconRoute } from '@tabler/icons-react';
import { Link } from 'react-router';
import { formatApproxMoney } from '../../shared/format.ts';
import { knowledgeLink } from '../knowledge/focus.ts';
import { formatPercent, formatPoints } from './labels.ts';
import type { DangerZoneView, Recommendation } from './queries.ts';

const EFFORT: Record<number, { label: string; hint: string; color: string }> = {
  1: { label: 'Easy', hint: 'one conversation', color: 'teal' },
  2: { label: 'Moderate', hint: 'a meeting or two with the right person', color: 'yellow' },
  3: { label: 'Hard', hint: 'changing someone’s mind', color: 'orange' },
};

/** What a move is worth, in words: expected points and money, or what it protects. */
function worth(r: Recommendation): string {
  if (r.protects) return r.kind === 'decide' ? 'A decision' : 'Protects the deal';
  return `${formatPoints(r.gain)} expected`;
}

/** "Dana Ortiz (champion)", her name a link to her on the Knowledge tab; or "the champion" while nobody is named. */
function Whom({ ask }: { ask: Recommendation['ask'] }) {
  const role = ROLE_WORDS[ask.role];
  if (!ask.name || ask.role === 'seller') return <>{role}</>;
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
        Ranked by what each is expected to add, over the answers it may get, in this deal’s money for the effort it
        takes. Moves that guard against a danger zone without adding points come last.
      </Text>
      {recommendations.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid="no-next-moves">
          No move would add even a point now, and no danger zone needs guarding against.
        </Text>
      ) : (
        <Stack gap="md" component="ol" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {recommendations.map((r, i) => {
            const effort = EFFORT[r.effort] ?? EFFORT[2]!;
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
                      <Text size="sm" fw={600} data-testid="move-action">
                        {r.action}
                      </Text>
                      <Badge
                        color={r.protects ? 'gray' : 'teal'}
                        variant="light"
                        style={{ flexShrink: 0 }}
                        data-testid="move-gain"
                      >
                        {worth(r)}
                      </Badge>
                    </Group>
                    <Group gap={6} wrap="nowrap" align="flex-start">
                      <IconMessageCircleQuestion
                        size={16}
                        color="var(--mantine-color-brand-6)"
                        style={{ flexShrink: 0, marginTop: 2 }}
                        aria-hidden
                      />
                      <Text size="sm" data-testid="move-question">
                        Ask <Whom ask={r.ask} />:{' '}
                        <Text span fs="italic">
                          “{r.question}”
                        </Text>
                      </Text>
                    </Group>
                    {r.via ? (
                      <Group gap={6} wrap="nowrap" align="flex-start">
                        <IconRoute size={16} style={{ flexShrink: 0, marginTop: 2 }} aria-hidden />
                        <Text size="xs" c="dimmed" data-testid="move-via">
                          Why not ask them directly: {r.via}.
                        </Text>
                      </Group>
                    ) : null}
                    <Group gap={6} wrap="wrap" align="center">
                      <Badge size="sm" variant="outline" color={effort.color} style={{ flexShrink: 0 }}>
                        {effort.label}
                      </Badge>
                      <Text size="xs" c="dimmed" data-testid="move-effort">
                        {effort.hint}
                      </Text>
                      {!r.protects && r.value.amountMinor > 0 ? (
                        <Text size="xs" c="dimmed" data-testid="move-value">
                          · worth about {formatApproxMoney(r.value.amountMinor, r.value.currency)} of expected deal
                          value
                        </Text>
                      ) : null}
                    </Group>
                    {r.outcomes.some((o) => Math.abs(o.points) >= 0.05) ? (
                      <details data-testid="move-outcomes">
                        <summary style={{ cursor: 'pointer', fontSize: 'var(--mantine-font-size-xs)' }}>
                          The answers it may get
                        </summary>
                        <Stack gap={2} component="ul" mt={4} style={{ margin: 0, paddingInlineStart: 18 }}>
                          {r.outcomes.map((o) => (
                            <Text component="li" size="xs" key={o.label}>
                              {o.label}: {formatPercent(o.probability)} likely, {formatPoints(o.points)}
                            </Text>
                          ))}
                        </Stack>
                      </details>
                    ) : null}
                    {r.resolves.length > 0 ? (
                      <Text size="xs" c="dimmed" data-testid="move-clears">
                        At best would clear {r.resolves.map((id) => zoneName.get(id) ?? 'a danger zone').join(', ')}
                      </Text>
                    ) : r.protects && r.addresses.length > 0 ? (
                      <Text size="xs" c="dimmed" data-testid="move-guards">
                        Guards against {r.addresses.map((id) => zoneName.get(id) ?? 'a danger zone').join(', ')}
                      </Text>
                    ) : null}
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

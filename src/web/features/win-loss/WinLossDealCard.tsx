import { Anchor, Badge, Group, List, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { WinLossDeal } from '../../../contract/win-loss.ts';
import { formatDate, formatMoney, formatWholeMoney } from '../../shared/format.ts';
import { formatPercent, objectiveName } from '../assessment/labels.ts';
import { LESSON_COLORS, LESSON_LABELS, OUTCOME_COLORS, OUTCOME_LABELS } from './lesson-words.ts';
import { RetrospectiveEditor } from './RetrospectiveEditor.tsx';

/**
 * One closed deal: how it ended against what the evidence said, the lessons it teaches, what was
 * unknown at its close, and the seller's retrospective.
 */
export function WinLossDealCard({ deal, mine }: { deal: WinLossDeal; mine: boolean }) {
  const o = deal.opportunity;
  const converted = o.currency !== deal.value.currency;
  const unknown = [...deal.notExplored.map((key) => `${objectiveName(key)}: not explored`), ...deal.unknowns];
  return (
    <Paper
      p={{ base: 'md', sm: 'lg' }}
      component="article"
      aria-label={`${o.name}, ${OUTCOME_LABELS[deal.outcome].toLowerCase()}`}
      data-testid="win-loss-deal"
      data-opportunity={o.id}
      data-outcome={deal.outcome}
    >
      <Group justify="space-between" align="flex-start" gap="md" mb="xs" wrap="wrap">
        <Stack gap={2} style={{ minWidth: 0, flex: '1 1 320px' }}>
          <Group gap={8} wrap="wrap">
            <Badge color={OUTCOME_COLORS[deal.outcome]} variant="light">
              {OUTCOME_LABELS[deal.outcome]}
            </Badge>
            <Anchor component={Link} to={`/opportunities/${o.id}`} fw={650} fz="lg" lh={1.3}>
              {o.name}
            </Anchor>
          </Group>
          <Text size="sm" c="dimmed">
            {o.accountName} · {o.ownerName} · closed {formatDate(deal.closedDate)} at {o.stageName}
          </Text>
        </Stack>
        <Stack gap={0} align="flex-end">
          <Text fw={700} className="tabular">
            {formatWholeMoney(deal.value.amountMinor, deal.value.currency)}
          </Text>
          {converted ? (
            <Text size="xs" c="dimmed" className="tabular">
              {formatMoney(o.amountMinor, o.currency)} at the day’s rate
            </Text>
          ) : null}
        </Stack>
      </Group>
      {o.closeReason ? (
        <Text size="sm" mb="sm" data-testid="close-reason">
          <Text span c="dimmed">
            Why:{' '}
          </Text>
          {o.closeReason}
        </Text>
      ) : null}
      <SimpleGrid cols={{ base: 1, md: 3 }} spacing="lg" verticalSpacing="md">
        <Stack gap={4}>
          <Heading>What the evidence said</Heading>
          <Text size="sm" data-testid="probability-at-close">
            {deal.probabilityAtClose === null ? (
              'No probability on record for the close'
            ) : (
              <>
                <Text span fw={700} className="tabular">
                  {formatPercent(deal.probabilityAtClose)}
                </Text>{' '}
                at the close
                {deal.probabilityBefore !== null ? `, ${formatPercent(deal.probabilityBefore)} a month before` : ''}
              </>
            )}
          </Text>
          <Heading mt="xs">What we didn’t know at the close</Heading>
          {unknown.length === 0 ? (
            <Text size="sm" c="dimmed">
              Nothing the assessment lists as unknown.
            </Text>
          ) : (
            <List size="sm" spacing={2} data-testid="unknowns-at-close">
              {unknown.map((u) => (
                <List.Item key={u}>{u.charAt(0).toUpperCase() + u.slice(1)}</List.Item>
              ))}
            </List>
          )}
        </Stack>
        <Stack gap={4} data-testid="lessons">
          <Heading>Lessons</Heading>
          {deal.lessons.length === 0 ? (
            <Text size="sm" c="dimmed">
              {deal.outcome === 'lost' ? 'Nothing we did not know decided it.' : 'None drawn from this outcome.'}
            </Text>
          ) : (
            deal.lessons.map((lesson) => (
              <Stack key={lesson.kind} gap={2} data-lesson={lesson.kind}>
                <Badge color={LESSON_COLORS[lesson.kind]} variant="light" size="sm" style={{ alignSelf: 'flex-start' }}>
                  {LESSON_LABELS[lesson.kind]}
                </Badge>
                {lesson.findings.map((f) => (
                  <Text key={`${f.code}:${f.itemId ?? f.text}`} size="sm" lh={1.4}>
                    {f.text}
                  </Text>
                ))}
              </Stack>
            ))
          )}
        </Stack>
        <Stack gap={4}>
          <Heading>Retrospective</Heading>
          <RetrospectiveEditor opportunityId={o.id} retrospective={deal.retrospective} mine={mine} />
        </Stack>
      </SimpleGrid>
    </Paper>
  );
}

function Heading({ children, mt }: { children: string; mt?: string }) {
  return (
    <Text size="xs" c="dimmed" fw={700} tt="uppercase" style={{ letterSpacing: 0.5 }} mt={mt}>
      {children}
    </Text>
  );
}

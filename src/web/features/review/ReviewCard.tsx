import { Anchor, Badge, Group, Paper, SimpleGrid, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconArrowRight, IconCrown, IconStarFilled } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { ReviewSince } from '../../../contract/review-baseline.ts';
import type { ReviewItem } from '../../../contract/reviews.ts';
import { ADDED_LABELS } from './change-words.ts';
import { formatDate, formatMoney, formatWholeMoney } from '../../shared/format.ts';
import { formatPercent, formatPoints, objectiveName, SEVERITY_COLORS } from '../assessment/labels.ts';
import { AgreedActions } from '../actions/AgreedActions.tsx';
import { MarksToDiscuss, MarkToDiscussButton } from './DiscussMarks.tsx';
import { words } from './review-words.ts';

const FIT_COLOR: Record<string, string> = { exceeds: 'teal', meets: 'teal', partial: 'orange', fails: 'red' };

/** One deal of the review: the five answers side by side, then its zones, what we don't know and the next move. */
export function ReviewCard({ item, rank, since }: { item: ReviewItem; rank: number; since: ReviewSince }) {
  const o = item.opportunity;
  const converted = o.currency !== item.value.currency;
  return (
    <Paper p={{ base: 'md', sm: 'lg' }} data-testid="review-row" data-opportunity={o.id}>
      <Group justify="space-between" align="flex-start" gap="md" mb="sm" wrap="wrap">
        <Stack gap={2} style={{ minWidth: 0, flex: '1 1 320px' }}>
          <Group gap={8} wrap="nowrap">
            <Text c="dimmed" fw={700} className="tabular" aria-label={`Rank ${rank}`}>
              {rank}.
            </Text>
            <Anchor component={Link} to={`/opportunities/${o.id}`} fw={650} fz="lg" lh={1.3}>
              {o.name}
            </Anchor>
          </Group>
          <Text size="sm" c="dimmed">
            {o.accountName} · {o.ownerName} · {o.stageName} · closes {formatDate(o.expectedCloseDate)}
          </Text>
        </Stack>
        <Stack gap={0} align="flex-end">
          <Group gap="xs" wrap="nowrap">
            <MarkToDiscussButton opportunityId={o.id} dealName={o.name} />
            <Text fw={700} className="tabular" data-testid="review-value">
              {formatWholeMoney(item.value.amountMinor, item.value.currency)}
            </Text>
          </Group>
          <Text size="xs" c="dimmed" className="tabular">
            {converted ? `${formatMoney(o.amountMinor, o.currency)} · ` : ''}weighted{' '}
            {formatWholeMoney(item.weightedValue.amountMinor, item.weightedValue.currency)}
          </Text>
        </Stack>
      </Group>
      <MarksToDiscuss opportunityId={o.id} marks={item.marks} />
      <SinceLastReview item={item} since={since} />
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="lg" verticalSpacing="md">
        <Answer title="How likely, and why" testId="answer-likely">
          <Group gap={8} align="baseline">
            <Text fz={28} fw={750} lh={1} className="tabular">
              {formatPercent(item.winProbability)}
            </Text>
            <Text size="sm" c="dimmed" className="tabular">
              {formatPercent(item.band[0])}–{formatPercent(item.band[1])}
            </Text>
          </Group>
          <Text size="xs" c="dimmed">
            Knowledge {formatPercent(item.coverageIndex)} · stage {formatPercent(item.stageProbability)} · seller{' '}
            {item.sellerProbability === null ? 'gave none' : formatPercent(item.sellerProbability)}
          </Text>
          {item.basis.map((b) => (
            <Text key={b.reason} size="sm" lh={1.35}>
              <Text span fw={650} c={b.points >= 0 ? 'teal.8' : 'red.8'} className="tabular">
                {formatPoints(b.points)}
              </Text>{' '}
              {b.reason}
            </Text>
          ))}
        </Answer>
        <Answer title="Who decides" testId="answer-evaluators">
          {item.evaluators.length === 0 ? (
            <Missing>Nobody in the buying group is mapped yet.</Missing>
          ) : (
            item.evaluators.map((e) => (
              <div key={e.evaluatorId}>
                <Group gap={6} wrap="nowrap">
                  <Text size="sm" fw={600} lh={1.3}>
                    {e.name}
                  </Text>
                  {e.isEconomicBuyer ? (
                    <Badge size="xs" color="grape" variant="light" leftSection={<IconCrown size={10} />}>
                      Economic buyer
                    </Badge>
                  ) : null}
                  {e.isChampion ? (
                    <Badge size="xs" color="teal" variant="light" leftSection={<IconStarFilled size={9} />}>
                      Champion
                    </Badge>
                  ) : null}
                </Group>
                <Text size="xs" c="dimmed" lh={1.35}>
                  {[e.title, e.influence ? `${words(e.influence)} influence` : 'influence unknown']
                    .filter(Boolean)
                    .join(' · ')}
                  {' · '}
                  {e.favours === null ? (
                    'preference unknown'
                  ) : (
                    <Text span size="xs" c={e.favours === 'Us' ? 'teal.8' : 'red.8'} fw={600}>
                      favours {e.favours === 'Us' ? 'us' : e.favours}
                    </Text>
                  )}
                </Text>
              </div>
            ))
          )}
        </Answer>
        <Answer title="Against what, for which issue" testId="answer-alternatives">
          {item.alternatives.map((a) => (
            <Text key={a.id} size="sm" lh={1.35}>
              <Text span fw={600}>
                {a.name}
              </Text>
              {a.id !== 'us' ? (
                <Text span size="xs" c="dimmed">
                  {' '}
                  ({words(a.kind)}
                  {a.threat !== null ? `, threat ${a.threat} of 4` : ''})
                </Text>
              ) : null}
              <Text span size="xs" c="dimmed">
                {' — '}
                {a.favouredBy.length > 0 ? `favoured by ${a.favouredBy.join(', ')}` : 'nobody known to favour it'}
              </Text>
            </Text>
          ))}
          <Text size="xs" fw={700} tt="uppercase" c="dimmed" mt={6} style={{ letterSpacing: 0.5 }}>
            Business issues
          </Text>
          {item.businessIssues.length === 0 ? (
            <Missing>No business issue recorded.</Missing>
          ) : (
            item.businessIssues.slice(0, 3).map((b) => (
              <Text key={b.title} size="sm" lh={1.35}>
                “{b.title}”{' '}
                <Text span size="xs" c={b.impact ? undefined : 'dimmed'} fw={b.impact ? 600 : 400}>
                  {b.impact ?? (b.impactUnknown ? 'impact unknown' : 'impact not explored')}
                  {b.impactAgreed ? ', agreed' : ''}
                </Text>
                {b.ourImpact ? (
                  <Text span size="xs" c="dimmed">
                    {' '}
                    · our impact {words(b.ourImpact)}
                  </Text>
                ) : null}
              </Text>
            ))
          )}
        </Answer>
        <Answer title="Criteria that decide" testId="answer-criteria">
          {item.decisionCriteria.length === 0 ? (
            <Missing>The decision criteria are not known.</Missing>
          ) : (
            item.decisionCriteria.slice(0, 5).map((c) => (
              <Group key={c.title} gap={6} wrap="nowrap" align="flex-start">
                <Text size="sm" lh={1.35} style={{ flex: 1, minWidth: 0 }}>
                  {c.title}
                  <Text span size="xs" c="dimmed">
                    {c.mandatory ? ' · must-have' : ''}
                    {c.weight !== null ? ` · weight ${c.weight}` : ''}
                    {c.bestOther ? ` · ${c.bestOther.name} ${words(c.bestOther.fit)}` : ''}
                  </Text>
                </Text>
                <Badge size="sm" variant="light" color={c.ourFit ? FIT_COLOR[c.ourFit] : 'gray'}>
                  {c.ourFit ? words(c.ourFit) : 'fit unknown'}
                </Badge>
              </Group>
            ))
          )}
        </Answer>
      </SimpleGrid>
      <Stack gap={6} mt="md" pt="sm" style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }}>
        {item.dangerZones.length > 0 ? (
          <Group gap={6} data-testid="review-zones">
            {item.dangerZones.map((z) => (
              <Badge key={z.id} color={SEVERITY_COLORS[z.severity]} variant="light" tt="none">
                {z.name}
              </Badge>
            ))}
          </Group>
        ) : null}
        {item.unknowns.length > 0 || item.notExplored.length > 0 ? (
          <Text size="sm" c="dimmed">
            <Text span fw={600} c="dark">
              We don’t know:{' '}
            </Text>
            {[
              ...item.unknowns,
              ...item.notExplored.map((k) => `${objectiveName(k).toLowerCase()} (not explored)`),
            ].join('; ')}
          </Text>
        ) : null}
        <AgreedActions opportunityId={o.id} dealOwnerId={o.ownerId} actions={item.actions} compact />
        {item.nextMove ? (
          <Group gap={6} wrap="nowrap" align="flex-start" data-testid="review-next-move">
            <ThemeIcon size="sm" variant="light" radius="xl">
              <IconArrowRight size={12} />
            </ThemeIcon>
            <Text size="sm">
              <Text span fw={600}>
                Next:{' '}
              </Text>
              {item.nextMove.action}
              {item.nextMove.gain > 0 ? (
                <Text span size="xs" c="dimmed">
                  {' '}
                  ({formatPoints(item.nextMove.gain)} expected)
                </Text>
              ) : null}
            </Text>
          </Group>
        ) : null}
      </Stack>
    </Paper>
  );
}

/** What moved since the last review (or last week's snapshot), in one line; nothing when nothing did. */
function SinceLastReview({ item, since }: { item: ReviewItem; since: ReviewSince }) {
  const change = item.sinceLastReview;
  const parts: ReactNode[] = [];
  if (change.added) parts.push(ADDED_LABELS[change.added]);
  if (change.winProbability !== null) {
    const move = Math.round((item.winProbability - change.winProbability) * 100);
    // a point or two is the day-to-day drift of ageing knowledge: a move worth a look is five
    if (Math.abs(move) >= 5)
      parts.push(
        <Text span key="p" c={move > 0 ? 'teal.8' : 'red.8'} fw={600}>
          win chance {formatPercent(change.winProbability)} → {formatPercent(item.winProbability)}
        </Text>,
      );
  }
  if (change.closeDate)
    parts.push(
      `close date ${change.closeDate.direction === 'pushed' ? 'pushed' : 'pulled in'} from ${formatDate(change.closeDate.from)} to ${formatDate(change.closeDate.to)}`,
    );
  if (change.newZones.length > 0) parts.push(`new: ${change.newZones.join(', ')}`);
  if (change.resolvedZones.length > 0) parts.push(`resolved: ${change.resolvedZones.join(', ')}`);
  if (parts.length === 0 || since.kind === 'none') return null;
  return (
    <Text size="sm" c="dimmed" mb="sm" data-testid="review-since">
      <Text span fw={600} c="dark">
        {since.kind === 'review' ? 'Since the last review' : `Since ${formatDate(since.day)}`}:{' '}
      </Text>
      {parts.map((part, k) => (
        <span key={k}>
          {k > 0 ? ' · ' : ''}
          {part}
        </span>
      ))}
    </Text>
  );
}

function Answer({ title, testId, children }: { title: string; testId: string; children: ReactNode }) {
  return (
    <Stack gap={4} data-testid={testId}>
      <Text size="xs" fw={700} tt="uppercase" c="dimmed" style={{ letterSpacing: 0.5 }}>
        {title}
      </Text>
      {children}
    </Stack>
  );
}

function Missing({ children }: { children: ReactNode }) {
  return (
    <Text size="sm" c="orange.8" fs="italic">
      {children}
    </Text>
  );
}

import { Anchor, Button, Group, Paper, Popover, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCalendarCheck } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { messageOf } from '../../app/api.ts';
import { useCurrentUser } from '../../app/auth.tsx';
import type { ChangedDeal } from '../../../contract/review-meetings.ts';
import { formatDate, formatDateTime, formatWholeMoney } from '../../shared/format.ts';
import { formatPercent, formatPoints } from '../assessment/labels.ts';
import { ADDED_LABELS, deals, DROPPED_LABELS, TOPIC_LABELS } from './change-words.ts';
import { useRecordReview, useReviewChanges, type ChangesParams } from './queries.ts';

/** How many deals a list shows before "show more". */
const SHOWN = 5;

/**
 * The meeting's agenda beside the top deals: what is marked to discuss, and what changed since this
 * scope's last review (deals added and dropped, win chances moved and why, close dates, zones),
 * with the button a manager presses when the review is done.
 */
export function SinceLastReview({ params }: { params: ChangesParams }) {
  const changes = useReviewChanges(params);
  const data = changes.data;
  if (!data) return null;
  const { baseline, counts } = data;
  const nothing = Object.values(counts).every((n) => n === 0);
  return (
    <Paper p={{ base: 'md', sm: 'lg' }} data-testid="since-last-review">
      <Group justify="space-between" align="flex-start" gap="sm" mb="sm" wrap="wrap">
        <div>
          <Title order={2} size="h4">
            {baseline.kind === 'review' ? 'Since the last review' : 'Since last week'}
          </Title>
          <Text size="sm" c="dimmed" data-testid="since-baseline">
            {baseline.kind === 'review'
              ? `Held ${formatDateTime(baseline.at)} by ${baseline.heldByName}, with ${deals(data.dealsThen ?? 0)} in view then.`
              : baseline.kind === 'snapshot'
                ? `No review of this pipeline recorded yet: compared with the snapshot of ${formatDate(baseline.day)} (${deals(data.dealsThen ?? 0)} in view then).`
                : `${baseline.reason}.`}
          </Text>
        </div>
        <RecordReviewButton params={params} marks={data.toDiscuss.reduce((n, d) => n + d.marks.length, 0)} />
      </Group>
      {baseline.kind !== 'none' && nothing && data.toDiscuss.length === 0 ? (
        <Text size="sm">
          Nothing moved: no deal added or dropped, no win chance moved five points, no close date changed.
        </Text>
      ) : null}
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="lg" verticalSpacing="md">
        <Section title="Marked to discuss" count={data.toDiscuss.length} testId="since-discuss">
          {data.toDiscuss.map((d) => (
            <Line key={d.id} deal={d}>
              {d.marks.map((m) => `${TOPIC_LABELS[m.topic]}${m.note ? ` (“${m.note}”)` : ''}`).join('; ')}
            </Line>
          ))}
        </Section>
        <Section title="Added" count={counts.added} testId="since-added">
          {data.added.map((d) => (
            <Line key={d.id} deal={d}>
              {ADDED_LABELS[d.why]}
              {d.winProbability !== null ? ` · ${formatPercent(d.winProbability)} to win` : ''}
            </Line>
          ))}
        </Section>
        <Section title="Dropped" count={counts.dropped} testId="since-dropped">
          {data.dropped.map((d) => (
            <Line key={d.id} deal={d}>
              <Text span size="xs" fw={600} c={d.why === 'won' ? 'teal.8' : d.why === 'lost' ? 'red.8' : undefined}>
                {DROPPED_LABELS[d.why]}
              </Text>
              {d.winProbabilityThen !== null ? ` · was ${formatPercent(d.winProbabilityThen)} to win` : ''}
            </Line>
          ))}
        </Section>
        <Section title="Win chance moved" count={counts.moved} testId="since-moved">
          {data.moved.map((d) => (
            <Line key={d.id} deal={d}>
              <Text span size="xs" fw={600} c={d.to > d.from ? 'teal.8' : 'red.8'}>
                {formatPercent(d.from)} → {formatPercent(d.to)}
              </Text>
              {d.reasons.length > 0
                ? ` · ${d.reasons.map((r) => `${r.text} ${formatPoints(r.points)}`).join('; ')}`
                : ''}
            </Line>
          ))}
        </Section>
        <Section title="Close dates" count={counts.closeDates} testId="since-close-dates">
          {data.closeDates.map((d) => (
            <Line key={d.id} deal={d}>
              <Text span size="xs" fw={600} c={d.direction === 'pushed' ? 'orange.8' : 'teal.8'}>
                {d.direction === 'pushed' ? 'pushed' : 'pulled in'}
              </Text>{' '}
              {formatDate(d.from)} → {formatDate(d.to)}
            </Line>
          ))}
        </Section>
        <Section title="Danger zones" count={counts.zones} testId="since-zones">
          {data.zones.map((d) => (
            <Line key={d.id} deal={d}>
              {[
                d.entered.length > 0 ? `new: ${d.entered.join(', ')}` : '',
                d.resolved.length > 0 ? `resolved: ${d.resolved.join(', ')}` : '',
              ]
                .filter(Boolean)
                .join(' · ')}
            </Line>
          ))}
        </Section>
      </SimpleGrid>
    </Paper>
  );
}

/** One list of changes: its first few deals, the rest behind "show more"; nothing when empty. */
function Section({
  title,
  count,
  testId,
  children,
}: {
  title: string;
  count: number;
  testId: string;
  children: ReactNode[];
}) {
  const [all, setAll] = useState(false);
  if (count === 0) return null;
  const shown = all ? children : children.slice(0, SHOWN);
  return (
    <Stack gap={6} data-testid={testId}>
      <Text size="xs" fw={700} tt="uppercase" c="dimmed" style={{ letterSpacing: 0.5 }}>
        {title} · {count}
      </Text>
      {shown}
      {children.length > SHOWN ? (
        <Anchor component="button" type="button" size="xs" onClick={() => setAll((a) => !a)} ta="left">
          {all ? 'Show fewer' : `Show ${children.length - SHOWN} more`}
        </Anchor>
      ) : null}
      {count > children.length ? (
        <Text size="xs" c="dimmed">
          The {children.length} most valuable of {count} shown.
        </Text>
      ) : null}
    </Stack>
  );
}

function Line({ deal, children }: { deal: ChangedDeal; children: ReactNode }) {
  const value = deal.value ?? deal.amount;
  return (
    <div>
      <Group gap={6} wrap="nowrap" justify="space-between">
        <Anchor component={Link} to={`/opportunities/${deal.id}`} size="sm" fw={600} truncate>
          {deal.name}
        </Anchor>
        <Text size="xs" c="dimmed" className="tabular" style={{ flexShrink: 0 }}>
          {formatWholeMoney(value.amountMinor, value.currency)}
        </Text>
      </Group>
      <Text size="xs" c="dimmed" lh={1.35}>
        {deal.accountName} · {deal.ownerName} · {children}
      </Text>
    </div>
  );
}

/** "Review held": keeps today's deals as the next review's baseline and takes up the marks. */
function RecordReviewButton({ params, marks }: { params: ChangesParams; marks: number }) {
  const me = useCurrentUser();
  const record = useRecordReview();
  const [opened, setOpened] = useState(false);
  if (me.role === 'seller') return null;
  const confirm = () =>
    record.mutate(
      { team: params.team, owner: params.owner },
      {
        onSuccess: (meeting) => {
          setOpened(false);
          notifications.show({
            color: 'teal',
            title: 'Review recorded',
            message: `${deals(meeting.deals)} kept as they stand for the next review${
              meeting.marksDiscussed > 0 ? `; ${meeting.marksDiscussed} marks taken up` : ''
            }.`,
          });
        },
        onError: (error) => notifications.show({ color: 'red', title: 'Not recorded', message: messageOf(error) }),
      },
    );
  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-end" withArrow trapFocus shadow="md">
      <Popover.Target>
        <Button variant="light" leftSection={<IconCalendarCheck size={16} />} onClick={() => setOpened((o) => !o)}>
          Record review held
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap="xs" maw={300}>
          <Text size="sm">
            The deals of this pipeline are kept as they stand now; the next review shows what changed since.
            {marks > 0 ? ` The ${marks} items marked to discuss are taken up.` : ''}
          </Text>
          <Group justify="flex-end" gap="xs">
            <Button variant="default" size="xs" onClick={() => setOpened(false)}>
              Cancel
            </Button>
            <Button size="xs" onClick={confirm} loading={record.isPending}>
              Record it
            </Button>
          </Group>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}

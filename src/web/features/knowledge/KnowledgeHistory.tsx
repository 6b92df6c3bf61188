import { Avatar, Badge, Button, Center, Group, Paper, Skeleton, Stack, Text, Timeline } from '@mantine/core';
import { IconHistory } from '@tabler/icons-react';
import { formatDate, formatDateTime, formatRelative, initialsOf } from '../../shared/format.ts';
import { StateMessage } from '../../shared/StateMessage.tsx';
import { ErrorState } from '../../shared/states.tsx';
import { useWorkspace } from './context.tsx';
import { EvidenceMeta, EvidenceQuote } from './Evidence.tsx';
import { useKnowledgeHistory, type KnowledgeHistoryEntry } from './queries.ts';

const VERBS: Record<KnowledgeHistoryEntry['action'], string> = {
  added: 'learned',
  changed: 'updated',
  verified: 're-confirmed',
  retired: 'retired',
};
const ACTION_COLORS: Record<KnowledgeHistoryEntry['action'], string> = {
  added: 'brand',
  changed: 'cyan',
  verified: 'teal',
  retired: 'gray',
};

/** Who learned what, when, and from whom: every addition, change and retirement, newest first. */
export function KnowledgeHistory() {
  const { opportunityId, knowledge } = useWorkspace();
  const history = useKnowledgeHistory(opportunityId);
  const numberOf = new Map(knowledge.objectives.map((o) => [o.key, o]));

  if (history.isPending) {
    return (
      <Paper p="lg">
        <Stack gap="lg" aria-label="Loading the knowledge history" aria-busy>
          {[0, 1, 2, 3].map((i) => (
            <Group key={i} align="flex-start" wrap="nowrap">
              <Skeleton circle height={28} />
              <Stack gap={6} style={{ flex: 1 }}>
                <Skeleton height={12} width="45%" />
                <Skeleton height={10} width="75%" />
              </Stack>
            </Group>
          ))}
        </Stack>
      </Paper>
    );
  }
  if (history.isError)
    return (
      <ErrorState
        error={history.error}
        onRetry={() => void history.refetch()}
        title="The knowledge history could not be loaded"
      />
    );
  const entries = history.data.pages.flatMap((p) => p.items);
  if (entries.length === 0) {
    return (
      <Paper p="md">
        <StateMessage
          icon={<IconHistory size={24} />}
          title="Nothing learned yet"
          description="Everything recorded about this opportunity will appear here, with who learned it and the evidence."
        />
      </Paper>
    );
  }
  const total = history.data.pages[0]?.total ?? entries.length;
  let lastDay = '';
  return (
    <Paper p="lg" data-testid="knowledge-history">
      <Text size="sm" c="dimmed" mb="md">
        {total === 1 ? '1 entry' : `${total} entries`}, newest first
      </Text>
      <Timeline bulletSize={30} lineWidth={2} aria-label="Who learned what, when">
        {entries.map((entry, i) => {
          const day = entry.at.slice(0, 10);
          const isNewDay = day !== lastDay;
          lastDay = day;
          const objective = entry.objective ? numberOf.get(entry.objective) : undefined;
          return (
            <Timeline.Item
              key={`${entry.at}-${i}`}
              bullet={
                <Avatar
                  size={26}
                  radius="xl"
                  color={ACTION_COLORS[entry.action]}
                  variant={entry.action === 'retired' ? 'light' : 'filled'}
                >
                  {initialsOf(entry.byName)}
                </Avatar>
              }
              title={
                <Stack gap={2}>
                  {isNewDay ? (
                    <Text size="xs" c="dimmed" fw={700} tt="uppercase" style={{ letterSpacing: 0.5 }}>
                      {formatDate(day)}
                    </Text>
                  ) : null}
                  <Group gap={6} wrap="wrap">
                    <Text size="sm" fw={650}>
                      {entry.byName}
                    </Text>
                    <Text size="sm">{VERBS[entry.action]}</Text>
                    <Text size="sm" fw={600}>
                      {entry.what}
                      {entry.value !== null ? (
                        <>
                          :{' '}
                          <Text span size="sm" fw={650} c={entry.value === 'Unknown' ? 'orange.8' : 'brand.8'}>
                            {entry.value}
                          </Text>
                        </>
                      ) : null}
                    </Text>
                    {objective ? (
                      <Badge size="xs" variant="light" color="gray">
                        {objective.number}. {objective.name}
                      </Badge>
                    ) : null}
                  </Group>
                </Stack>
              }
              data-testid="knowledge-history-entry"
            >
              <Stack gap={2} mt={4}>
                {entry.evidence ? <EvidenceQuote text={entry.evidence.text} lineClamp={3} /> : null}
                <Group gap={4} wrap="wrap">
                  {entry.evidence ? <EvidenceMeta evidence={entry.evidence} withRecorder={false} /> : null}
                  <Text size="xs" c="dimmed">
                    {entry.evidence ? '· ' : ''}recorded{' '}
                    <Text
                      span
                      size="xs"
                      c="dimmed"
                      component="time"
                      dateTime={entry.at}
                      title={formatDateTime(entry.at)}
                    >
                      {formatRelative(entry.at)}
                    </Text>
                  </Text>
                </Group>
              </Stack>
            </Timeline.Item>
          );
        })}
      </Timeline>
      {history.hasNextPage ? (
        <Center mt="md">
          <Button
            variant="default"
            size="xs"
            onClick={() => void history.fetchNextPage()}
            loading={history.isFetchingNextPage}
          >
            Show older entries
          </Button>
        </Center>
      ) : null}
    </Paper>
  );
}

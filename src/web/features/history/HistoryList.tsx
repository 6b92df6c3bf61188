import { Avatar, Button, Center, Group, Paper, Skeleton, Stack, Text, Timeline } from '@mantine/core';
import { IconHistory } from '@tabler/icons-react';
import type { AuditEvent } from '../../../contract/audit.ts';
import type { AuditAction } from '../../../domain/enums.ts';
import { formatDateTime, formatRelative, initialsOf } from '../../shared/format.ts';
import { StateMessage } from '../../shared/StateMessage.tsx';
import { ErrorState } from '../../shared/states.tsx';
import { useStageMap } from '../stages/queries.ts';
import { useUserMap } from '../users/queries.ts';
import { describeValue, fieldLabel, type FieldSpec, type HistoryContext } from './fields.ts';
import { useAccountNames, useHistory, type HistoryEntity } from './queries.ts';

type HistoryListProps = {
  entity: HistoryEntity;
  id: string;
  /** "opportunity", "account": used in sentences */
  noun: string;
  fields: Record<string, FieldSpec>;
  currency?: string;
  /** account names already known (the record's own account), so they need no request */
  knownAccounts?: ReadonlyMap<string, string>;
};

const VERBS: Record<AuditAction, string> = {
  create: 'created this',
  update: 'changed',
  delete: 'deleted this',
  restore: 'restored this',
};

const NO_ACCOUNTS: ReadonlyMap<string, string> = new Map();

/** Every change to a record: who, when, and each field's old and new value in words. */
export function HistoryList({ entity, id, noun, fields, currency, knownAccounts = NO_ACCOUNTS }: HistoryListProps) {
  const history = useHistory(entity, id);
  const users = useUserMap();
  const stages = useStageMap();
  const events = history.data?.pages.flatMap((p) => p.items) ?? [];
  const accountIds = events
    .flatMap((e) => e.changes.filter((c) => c.field === 'accountId').flatMap((c) => [c.from, c.to]))
    .filter((v): v is string => typeof v === 'string');
  const accounts = useAccountNames(accountIds, knownAccounts);
  const context: HistoryContext = { users, stages, accounts, ...(currency ? { currency } : {}) };

  if (history.isPending) {
    return (
      <Paper p="lg">
        <Stack gap="lg" aria-label="Loading history" aria-busy>
          {[0, 1, 2].map((i) => (
            <Group key={i} align="flex-start" wrap="nowrap">
              <Skeleton circle height={28} />
              <Stack gap={6} style={{ flex: 1 }}>
                <Skeleton height={12} width="40%" />
                <Skeleton height={10} width="70%" />
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
        title="The history could not be loaded"
      />
    );
  if (events.length === 0) {
    return (
      <Paper p="md">
        <StateMessage
          icon={<IconHistory size={24} />}
          title="No changes recorded yet"
          description={`Changes to this ${noun} will appear here.`}
        />
      </Paper>
    );
  }

  const total = history.data.pages[0]?.total ?? events.length;
  return (
    <Paper p="lg">
      <Text size="sm" c="dimmed" mb="md">
        {total === 1 ? '1 entry' : `${total} entries`}, newest first
      </Text>
      <Timeline bulletSize={30} lineWidth={2} aria-label={`History of this ${noun}`}>
        {events.map((event) => (
          <Timeline.Item
            key={event.id}
            bullet={
              <Avatar size={26} radius="xl" color="brand" variant="light">
                {initialsOf(event.actorName)}
              </Avatar>
            }
            title={<HistoryTitle event={event} noun={noun} fields={fields} />}
            data-testid="history-entry"
          >
            <ChangeLines event={event} fields={fields} context={context} />
          </Timeline.Item>
        ))}
      </Timeline>
      {history.hasNextPage ? (
        <Center mt="md">
          <Button
            variant="default"
            size="xs"
            onClick={() => void history.fetchNextPage()}
            loading={history.isFetchingNextPage}
          >
            Show older changes
          </Button>
        </Center>
      ) : null}
    </Paper>
  );
}

function HistoryTitle({ event, noun, fields }: { event: AuditEvent; noun: string; fields: Record<string, FieldSpec> }) {
  const added = event.changes.length === 1 ? fields[event.changes[0]!.field]?.added : undefined;
  const verb = added ?? VERBS[event.action];
  const what = added
    ? ''
    : event.action === 'update'
      ? event.changes.length === 1
        ? '1 field'
        : `${event.changes.length} fields`
      : noun;
  return (
    <Group gap={6} wrap="wrap">
      <Text size="sm" fw={600}>
        {event.actorName}
      </Text>
      <Text size="sm">{what ? `${verb} ${what}` : verb}</Text>
      <Text size="xs" c="dimmed" component="time" dateTime={event.at}>
        · {formatDateTime(event.at)} ({formatRelative(event.at)})
      </Text>
    </Group>
  );
}

function ChangeLines({
  event,
  fields,
  context,
}: {
  event: AuditEvent;
  fields: Record<string, FieldSpec>;
  context: HistoryContext;
}) {
  const isCreate = event.action === 'create';
  const changes = isCreate ? event.changes.filter((c) => c.to !== null && c.to !== '') : event.changes;
  if (changes.length === 0) return null;
  return (
    <Stack gap={2} mt={4}>
      {changes.map((change) => {
        const from = describeValue(fields, change.field, change.from, context, event, 'from');
        const to = describeValue(fields, change.field, change.to, context, event, 'to');
        return (
          <Text key={change.field} size="sm" data-testid="history-change">
            <Text span c="dimmed">
              {fieldLabel(fields, change.field)}:{' '}
            </Text>
            {isCreate || fields[change.field]?.added !== undefined ? (
              <Text span fw={500}>
                {to}
              </Text>
            ) : (
              <>
                <Text span c={from === null ? 'dimmed' : undefined} fs={from === null ? 'italic' : undefined}>
                  {from ?? 'empty'}
                </Text>
                <Text span c="dimmed" mx={6}>
                  →
                </Text>
                <Text span fw={500} c={to === null ? 'dimmed' : undefined} fs={to === null ? 'italic' : undefined}>
                  {to ?? 'empty'}
                </Text>
              </>
            )}
          </Text>
        );
      })}
    </Stack>
  );
}

import { Badge, Button, Checkbox, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { isApiError, messageOf } from '../../app/api.ts';
import { useCurrentUser } from '../../app/auth.tsx';
import type { AgreedAction } from '../../../contract/actions.ts';
import { addDays } from '../../../domain/dates.ts';
import { formatDate, todayLocal } from '../../shared/format.ts';
import { ownerOptions, useUsers } from '../users/queries.ts';
import { useAddAction, useMarkAction } from './queries.ts';

/** The actions agreed on a deal, each marked done with a tick, and a short form to agree another. */
export function AgreedActions({
  opportunityId,
  dealOwnerId,
  actions,
  compact = false,
}: {
  opportunityId: string;
  dealOwnerId: string;
  actions: readonly AgreedAction[];
  compact?: boolean;
}) {
  const mark = useMarkAction(opportunityId);
  const [adding, setAdding] = useState(false);
  return (
    <Stack gap={6} data-testid="agreed-actions">
      {actions.length === 0 && !compact ? (
        <Text size="sm" c="dimmed">
          No action agreed on this deal yet.
        </Text>
      ) : null}
      {actions.map((a) => (
        <Group key={a.id} gap={8} wrap="nowrap" align="flex-start" data-testid="agreed-action">
          <Checkbox
            mt={2}
            checked={a.doneAt !== null}
            onChange={(e) => mark.mutate({ id: a.id, done: e.currentTarget.checked })}
            aria-label={`${a.doneAt ? 'Reopen' : 'Mark done'}: ${a.text}`}
          />
          <Text size="sm" td={a.doneAt ? 'line-through' : undefined} c={a.doneAt ? 'dimmed' : undefined}>
            {a.text}{' '}
            <Text span size="xs" c="dimmed">
              {a.ownerName}, by {formatDate(a.dueDate)}
              {a.doneAt ? `, done by ${a.doneByName}` : ''}
            </Text>{' '}
            {a.isOverdue ? (
              <Badge size="xs" color="red" variant="light">
                overdue
              </Badge>
            ) : null}
          </Text>
        </Group>
      ))}
      {adding ? (
        <AddActionForm opportunityId={opportunityId} dealOwnerId={dealOwnerId} onDone={() => setAdding(false)} />
      ) : (
        <Button
          variant="subtle"
          size="compact-sm"
          leftSection={<IconPlus size={14} />}
          onClick={() => setAdding(true)}
          style={{ alignSelf: 'flex-start' }}
        >
          Agree an action
        </Button>
      )}
    </Stack>
  );
}

function AddActionForm({
  opportunityId,
  dealOwnerId,
  onDone,
}: {
  opportunityId: string;
  dealOwnerId: string;
  onDone: () => void;
}) {
  const me = useCurrentUser();
  const users = useUsers();
  const add = useAddAction(opportunityId);
  const [text, setText] = useState('');
  const [ownerId, setOwnerId] = useState<string | null>(dealOwnerId);
  const [dueDate, setDueDate] = useState(addDays(todayLocal(), 7));
  const fieldError = (field: string) => (isApiError(add.error) ? (add.error.fields?.[field] ?? undefined) : undefined);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!ownerId) return;
    add.mutate({ text, ownerId, dueDate }, { onSuccess: onDone });
  };
  return (
    <form onSubmit={onSubmit} data-testid="add-action">
      <Group gap="xs" align="flex-end" wrap="wrap">
        <TextInput
          label="Action"
          placeholder="e.g. Book the economic buyer meeting"
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          required
          maxLength={500}
          autoFocus
          style={{ flex: '1 1 240px' }}
          error={fieldError('text')}
        />
        <Select
          label="Who"
          data={ownerOptions(me, users.data ?? [], dealOwnerId)}
          value={ownerId}
          onChange={setOwnerId}
          allowDeselect={false}
          w={180}
          error={fieldError('ownerId')}
        />
        <TextInput
          label="By"
          type="date"
          value={dueDate}
          min={todayLocal()}
          onChange={(e) => setDueDate(e.currentTarget.value)}
          required
          w={160}
          error={fieldError('dueDate')}
        />
        <Button type="submit" size="sm" loading={add.isPending}>
          Save
        </Button>
        <Button variant="default" size="sm" onClick={onDone}>
          Cancel
        </Button>
      </Group>
      {add.isError && !isApiError(add.error, 'invalid-input') && !isApiError(add.error, 'unprocessable') ? (
        <Text size="sm" c="red" role="alert">
          {messageOf(add.error)}
        </Text>
      ) : null}
    </form>
  );
}

import { Alert, Button, Checkbox, Group, Modal, Select, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import type { User } from '../../../contract/users.ts';
import { splitSaveError } from '../../shared/form.ts';
import { useReassignRecords } from './queries.ts';

/** Hands someone's opportunities and accounts to a colleague, typically when they leave. */
export function ReassignModal({
  user,
  users,
  onClose,
}: {
  user: User | null;
  users: readonly User[];
  onClose(): void;
}) {
  return (
    <Modal opened={user !== null} onClose={onClose} title={user ? `Reassign ${user.name}'s records` : ''}>
      {user ? <ReassignForm user={user} users={users} onClose={onClose} /> : null}
    </Modal>
  );
}

function ReassignForm({ user, users, onClose }: { user: User; users: readonly User[]; onClose(): void }) {
  const reassign = useReassignRecords();
  const [toUserId, setToUserId] = useState<string | null>(user.managerId);
  const [includeClosed, setIncludeClosed] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [general, setGeneral] = useState<string | null>(null);
  const candidates = users
    .filter((u) => u.isActive && u.id !== user.id)
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((u) => ({ value: u.id, label: u.id === user.managerId ? `${u.name} (their manager)` : u.name }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!toUserId) {
      setError('Choose who takes them over');
      document.getElementById('reassign-to')?.focus();
      return;
    }
    reassign.mutate(
      { id: user.id, toUserId, includeClosed },
      {
        onSuccess: (moved) => {
          const to = users.find((u) => u.id === toUserId)?.name ?? 'them';
          notifications.show({
            color: 'teal',
            title: 'Records reassigned',
            message: `${moved.opportunities} ${moved.opportunities === 1 ? 'opportunity' : 'opportunities'} and ${moved.accounts} ${moved.accounts === 1 ? 'account' : 'accounts'} now belong to ${to}.`,
          });
          onClose();
        },
        onError: (failure) => {
          const split = splitSaveError(failure, ['toUserId']);
          setError(split.fields.toUserId ?? null);
          setGeneral(split.general);
        },
      },
    );
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Reassign records">
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          {user.name}'s {includeClosed ? 'opportunities' : 'open opportunities'} and accounts move to the person you
          choose. Each move is recorded in the record's history.
        </Text>
        {general ? (
          <Alert color="red" role="alert">
            {general}
          </Alert>
        ) : null}
        <Select
          id="reassign-to"
          label="Give them to"
          data={candidates}
          value={toUserId}
          onChange={(v) => {
            setToUserId(v);
            setError(null);
          }}
          error={error}
          searchable
          allowDeselect={false}
          data-autofocus
        />
        <Checkbox
          label="Include won and lost opportunities too"
          checked={includeClosed}
          onChange={(e) => setIncludeClosed(e.currentTarget.checked)}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={reassign.isPending}>
            Reassign records
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

import { Alert, Button, Group, Modal, PasswordInput, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import type { User } from '../../../contract/users.ts';
import { splitSaveError } from '../../shared/form.ts';
import { useUpdateUser } from './queries.ts';

/** An administrator sets a new password for someone (who then signs in with it). */
export function PasswordModal({ user, onClose }: { user: User | null; onClose(): void }) {
  return (
    <Modal opened={user !== null} onClose={onClose} title={user ? `Reset ${user.name}'s password` : ''}>
      {user ? <PasswordForm user={user} onClose={onClose} /> : null}
    </Modal>
  );
}

function PasswordForm({ user, onClose }: { user: User; onClose(): void }) {
  const update = useUpdateUser();
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [general, setGeneral] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (password.length < 10) {
      setError('Use at least 10 characters');
      document.getElementById('reset-password')?.focus();
      return;
    }
    update.mutate(
      { id: user.id, version: user.version, password },
      {
        onSuccess: () => {
          notifications.show({
            color: 'teal',
            title: 'Password changed',
            message: `Share the new password with ${user.name} privately.`,
          });
          onClose();
        },
        onError: (failure) => {
          const split = splitSaveError(failure, ['password']);
          setError(split.fields.password ?? null);
          setGeneral(split.general);
        },
      },
    );
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Reset password">
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          {user.name} signs in with this password from now on. Their open sessions end and their API tokens are revoked.
        </Text>
        {general ? (
          <Alert color="red" role="alert">
            {general}
          </Alert>
        ) : null}
        <PasswordInput
          id="reset-password"
          label="New password"
          description="At least 10 characters"
          value={password}
          onChange={(e) => {
            setPassword(e.currentTarget.value);
            setError(null);
          }}
          error={error}
          autoComplete="new-password"
          data-autofocus
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={update.isPending}>
            Set password
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

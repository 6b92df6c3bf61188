import { Alert, Button, Group, Modal, PasswordInput, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import type { User } from '../../../contract/users.ts';
import type { Role } from '../../../domain/enums.ts';
import { isApiError } from '../../app/api.ts';
import { fieldId, splitSaveError, useFocusFirstError, type FieldErrors } from '../../shared/form.ts';
import { ROLE_OPTIONS } from '../../shared/labels.ts';
import { managerOptions } from './people.ts';
import { useCreateUser, useUpdateUser } from './queries.ts';

const FIELDS = ['email', 'name', 'role', 'managerId', 'password'] as const;

type UserFormModalProps = {
  /** null adds a person; a user edits them */
  user: User | null;
  users: readonly User[];
  opened: boolean;
  onClose(): void;
};

export function UserFormModal({ user, users, opened, onClose }: UserFormModalProps) {
  return (
    <Modal opened={opened} onClose={onClose} title={user ? `Edit ${user.name}` : 'Add a person'} size="lg">
      {opened ? <UserForm user={user} users={users} onClose={onClose} /> : null}
    </Modal>
  );
}

function UserForm({ user, users, onClose }: Omit<UserFormModalProps, 'opened'>) {
  const formId = user ? 'edit-user' : 'new-user';
  const create = useCreateUser();
  const update = useUpdateUser();
  const [email, setEmail] = useState(user?.email ?? '');
  const [name, setName] = useState(user?.name ?? '');
  const [role, setRole] = useState<Role>(user?.role ?? 'seller');
  const [managerId, setManagerId] = useState<string | null>(user?.managerId ?? null);
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<string | null>(null);
  useFocusFirstError(formId, errors, FIELDS);

  const fail = (error: unknown) => {
    const split = splitSaveError(error, FIELDS);
    setErrors(split.fields);
    setGeneral(
      isApiError(error, 'version-conflict')
        ? 'Someone else changed this person meanwhile. Close this window, check the latest details and try again.'
        : split.general,
    );
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setGeneral(null);
    const missing: FieldErrors = {};
    if (!user && !email.trim()) missing.email = 'Enter their work email';
    if (!name.trim()) missing.name = 'Enter their name';
    if (!user && password && password.length < 10) missing.password = 'Use at least 10 characters';
    if (Object.keys(missing).length > 0) {
      setErrors(missing);
      return;
    }
    if (user) {
      update.mutate(
        { id: user.id, version: user.version, name: name.trim(), role, managerId },
        {
          onSuccess: (saved) => {
            notifications.show({ color: 'teal', title: 'Saved', message: `${saved.name} is updated.` });
            onClose();
          },
          onError: fail,
        },
      );
    } else {
      create.mutate(
        { email: email.trim(), name: name.trim(), role, managerId, ...(password ? { password } : {}) },
        {
          onSuccess: (created) => {
            notifications.show({
              color: 'teal',
              title: 'Person added',
              message: `${created.name} can now ${password ? 'sign in' : 'be given a password'}.`,
            });
            onClose();
          },
          onError: fail,
        },
      );
    }
  };

  const id = (field: string) => fieldId(formId, field);
  return (
    <form onSubmit={submit} noValidate aria-label={user ? 'Edit person' : 'Add a person'}>
      <Stack gap="md">
        {general ? (
          <Alert color="red" title="Not saved" role="alert">
            {general}
          </Alert>
        ) : null}
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <TextInput
            id={id('name')}
            label="Name"
            required
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={errors.name}
            maxLength={120}
            data-autofocus
          />
          <TextInput
            id={id('email')}
            label="Work email"
            type="email"
            required={!user}
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
            error={errors.email}
            disabled={user !== null}
            description={user ? 'An email cannot be changed' : undefined}
            maxLength={320}
          />
          <Select
            id={id('role')}
            label="Role"
            data={ROLE_OPTIONS}
            value={role}
            onChange={(v) => v && setRole(v as Role)}
            error={errors.role}
            allowDeselect={false}
            description="Managers see their reports' deals; administrators see everything"
          />
          <Select
            id={id('managerId')}
            label="Manager"
            placeholder="No manager"
            data={managerOptions(users, user)}
            value={managerId}
            onChange={setManagerId}
            error={errors.managerId}
            clearable
            searchable
            description="Who they report to"
          />
        </SimpleGrid>
        {user ? null : (
          <PasswordInput
            id={id('password')}
            label="First password"
            description="At least 10 characters; share it with them privately. Leave empty to set one later."
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            error={errors.password}
            autoComplete="new-password"
          />
        )}
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={create.isPending || update.isPending}>
            {user ? 'Save changes' : 'Add person'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

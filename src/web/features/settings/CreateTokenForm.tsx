import { Button, Group, Paper, TextInput, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { splitSaveError } from '../../shared/form.ts';
import { useCreateToken, type CreatedToken } from './queries.ts';

export function CreateTokenForm({ onCreated }: { onCreated(token: CreatedToken): void }) {
  const create = useCreateToken();
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) {
      setError('Name the token after what will use it');
      document.getElementById('token-name')?.focus();
      return;
    }
    create.mutate(name.trim(), {
      onSuccess: (token) => {
        setName('');
        setError(null);
        onCreated(token);
      },
      onError: (failure) => {
        const split = splitSaveError(failure, ['name']);
        setError(split.fields.name ?? split.general);
      },
    });
  };

  return (
    <Paper p="lg">
      <Title order={2} fz="md" mb="sm">
        Create a token
      </Title>
      <form onSubmit={submit} noValidate aria-label="Create a token">
        <Group align="flex-start" gap="sm">
          <TextInput
            id="token-name"
            label="What will use it?"
            placeholder="e.g. Weekly forecast export"
            value={name}
            onChange={(e) => {
              setName(e.currentTarget.value);
              setError(null);
            }}
            error={error}
            maxLength={100}
            style={{ flex: '1 1 280px' }}
          />
          <Button type="submit" mt={25} leftSection={<IconPlus size={16} />} loading={create.isPending}>
            Create token
          </Button>
        </Group>
      </form>
    </Paper>
  );
}

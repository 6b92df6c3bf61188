import { Button, Checkbox, Group, Paper, Select, TextInput, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useCurrentUser } from '../../app/auth.tsx';
import { splitSaveError } from '../../shared/form.ts';
import { useCreateToken, type CreatedToken } from './queries.ts';

export function CreateTokenForm({ onCreated }: { onCreated(token: CreatedToken): void }) {
  const create = useCreateToken();
  const me = useCurrentUser();
  const [name, setName] = useState('');
  const [write, setWrite] = useState(false);
  const [admin, setAdmin] = useState(false);
  const [days, setDays] = useState('90');
  const [error, setError] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) {
      setError('Name the token after what will use it');
      document.getElementById('token-name')?.focus();
      return;
    }
    const scopes = ['read' as const, ...(write ? ['write' as const] : []), ...(admin ? ['admin' as const] : [])];
    const expiresAt = new Date(Date.now() + Number(days) * 86_400_000).toISOString();
    create.mutate(
      { name: name.trim(), scopes, expiresAt },
      {
        onSuccess: (token) => {
          setName('');
          setWrite(false);
          setAdmin(false);
          setError(null);
          onCreated(token);
        },
        onError: (failure) => {
          const split = splitSaveError(failure, ['name', 'scopes', 'expiresAt']);
          setError(split.fields.name ?? split.fields.scopes ?? split.fields.expiresAt ?? split.general);
        },
      },
    );
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
          <Select
            label="Works for"
            data={[
              { value: '30', label: '30 days' },
              { value: '90', label: '90 days' },
              { value: '180', label: '180 days' },
              { value: '365', label: 'A year' },
            ]}
            value={days}
            onChange={(value) => setDays(value ?? '90')}
            allowDeselect={false}
            w={130}
          />
          <Button type="submit" mt={25} leftSection={<IconPlus size={16} />} loading={create.isPending}>
            Create token
          </Button>
        </Group>
        <Group gap="lg" mt="sm">
          <Checkbox label="Read" checked disabled description="Every token reads what you may see" />
          <Checkbox
            label="Write"
            checked={write}
            onChange={(e) => setWrite(e.currentTarget.checked)}
            description="Create, change and delete records as you"
          />
          {me.role === 'admin' ? (
            <Checkbox
              label="Admin"
              checked={admin}
              onChange={(e) => setAdmin(e.currentTarget.checked)}
              description="Administer the organization"
            />
          ) : null}
        </Group>
      </form>
    </Paper>
  );
}

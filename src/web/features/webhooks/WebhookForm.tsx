import { Alert, Button, Checkbox, Group, Paper, SimpleGrid, Stack, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import type { WebhookCreated } from '../../../contract/webhooks.ts';
import { WEBHOOK_EVENT_LABELS, WEBHOOK_EVENTS, webhookUrlProblem } from '../../../domain/webhooks/webhooks.ts';
import { fieldId, splitSaveError, useFocusFirstError, type FieldErrors } from '../../shared/form.ts';
import { useCreateWebhook } from './queries.ts';

const FORM = 'webhook-form';
const FIELDS = ['url', 'events', 'description'] as const;

/** A new endpoint: its address, the events it receives (all by default) and a note of what it is for. */
export function WebhookForm({ onCreated, onCancel }: { onCreated(created: WebhookCreated): void; onCancel(): void }) {
  const create = useCreateWebhook();
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const [events, setEvents] = useState<string[]>([...WEBHOOK_EVENTS]);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<string | null>(null);
  useFocusFirstError(FORM, errors, FIELDS);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const local: FieldErrors = {};
    const problem = url.trim() === '' ? 'Required' : webhookUrlProblem(url.trim());
    if (problem) local.url = problem;
    if (events.length === 0) local.events = 'Choose at least one event';
    setErrors(local);
    setGeneral(null);
    if (Object.keys(local).length > 0) return;
    create.mutate(
      {
        url: url.trim(),
        events: events as WebhookCreated['endpoint']['events'],
        description: description.trim() || null,
      },
      {
        onSuccess: onCreated,
        onError: (error) => {
          const split = splitSaveError(error, [...FIELDS, ...WEBHOOK_EVENTS.map((_, i) => `events.${i}`)]);
          // a refused event is named events.0, events.1 ...: shown under the events
          setErrors(
            Object.fromEntries(Object.entries(split.fields).map(([field, message]) => [field.split('.')[0]!, message])),
          );
          setGeneral(split.general);
        },
      },
    );
  };

  return (
    <Paper p="lg" component="form" onSubmit={submit} noValidate aria-labelledby={`${FORM}-title`} data-testid={FORM}>
      <Title order={2} fz="md" mb="md" id={`${FORM}-title`}>
        Add an endpoint
      </Title>
      <Stack gap="md">
        <TextInput
          id={fieldId(FORM, 'url')}
          label="Endpoint URL"
          description="Where Winsight sends a POST for each event, such as https://example.com/webhooks/winsight"
          placeholder="https://"
          required
          value={url}
          onChange={(e) => setUrl(e.currentTarget.value)}
          error={errors.url}
          data-autofocus
        />
        <TextInput
          id={fieldId(FORM, 'description')}
          label="Description"
          description="Optional: what receives it (the data warehouse, a Slack bot ...)"
          value={description}
          onChange={(e) => setDescription(e.currentTarget.value)}
          error={errors.description}
        />
        <Checkbox.Group
          id={fieldId(FORM, 'events')}
          label="Events"
          description="The endpoint receives these and no others"
          value={events}
          onChange={setEvents}
          error={errors.events}
          required
        >
          <SimpleGrid cols={{ base: 1, sm: 2 }} mt="xs" spacing="xs">
            {WEBHOOK_EVENTS.map((type) => (
              <Checkbox key={type} value={type} label={WEBHOOK_EVENT_LABELS[type]} description={type} />
            ))}
          </SimpleGrid>
        </Checkbox.Group>
        {general ? (
          <Alert color="red" variant="light" title="The endpoint was not added">
            {general}
          </Alert>
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={create.isPending}>
            Add endpoint
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

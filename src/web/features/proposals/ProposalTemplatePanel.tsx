import {
  Alert,
  Badge,
  Button,
  Code,
  Group,
  Paper,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { isApiError, messageOf } from '../../app/api.ts';
import { formatDateTime } from '../../shared/format.ts';
import { ErrorState } from '../../shared/states.tsx';
import { ProposalPreview } from './ProposalPreview.tsx';
import { useProposalTemplate, useSaveProposalTemplate } from './queries.ts';

/**
 * The organization's proposal template: Markdown with named placeholders and sections. Saving one that
 * names a placeholder that does not exist, or leaves a section open, is refused, and the refusal names it.
 */
export function ProposalTemplatePanel() {
  const template = useProposalTemplate();
  const save = useSaveProposalTemplate();
  const [text, setText] = useState('');
  useEffect(() => {
    if (template.data) setText(template.data.text);
  }, [template.data]);

  if (template.isError)
    return (
      <ErrorState
        error={template.error}
        onRetry={() => void template.refetch()}
        title="The proposal template could not be loaded"
      />
    );
  if (!template.data) return <Skeleton height={320} />;
  const t = template.data;
  const problem = save.error
    ? isApiError(save.error)
      ? (save.error.fields.text ?? messageOf(save.error))
      : messageOf(save.error)
    : null;

  const submit = () =>
    save.mutate(
      { text, version: t.version },
      {
        onSuccess: () => notifications.show({ color: 'teal', message: 'The proposal template is saved.' }),
        onError: (e) => {
          if (isApiError(e, 'version-conflict')) void template.refetch();
        },
      },
    );

  return (
    <Stack gap="md" data-testid="proposal-template-panel">
      <Stack gap={2}>
        <Group gap="xs">
          <Title order={2} size="h4">
            Proposal template
          </Title>
          {t.isDefault ? <Badge variant="light">Default</Badge> : null}
        </Group>
        <Text size="sm" c="dimmed">
          Every proposal draft is written through this template. Placeholders in double braces are filled from the
          deal&apos;s knowledge; the internal appendix and the notes to the seller are never part of it.
          {t.updatedAt ? ` Last saved by ${t.updatedByName ?? ''} on ${formatDateTime(t.updatedAt)}.` : ''}
        </Text>
      </Stack>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Paper p="md" withBorder>
          <Stack gap="sm">
            <Textarea
              label="Template (Markdown)"
              value={text}
              onChange={(e) => setText(e.currentTarget.value)}
              autosize
              minRows={16}
              maxRows={40}
              error={problem}
              data-testid="proposal-template-text"
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setText(t.text)} disabled={text === t.text}>
                Undo my changes
              </Button>
              <Button onClick={submit} loading={save.isPending} disabled={text === t.text || text.trim() === ''}>
                Save the template
              </Button>
            </Group>
          </Stack>
        </Paper>
        <Stack gap="sm">
          <Paper p="md" withBorder>
            <Text size="sm" fw={600} mb="xs">
              Placeholders
            </Text>
            <Stack gap={4}>
              {t.placeholders.map((p) => (
                <Text key={p.name} size="sm">
                  <Code>{`{{${p.name}}}`}</Code> {p.description}
                </Text>
              ))}
            </Stack>
            <Text size="sm" c="dimmed" mt="sm">
              Wrap text in <Code>{'{{#value_case}}…{{/value_case}}'}</Code> to show it only when the customer told us
              what that part rests on, or in <Code>{'{{^value_case}}…{{/value_case}}'}</Code> to show it only when they
              have not.
            </Text>
          </Paper>
          <Paper p="md" withBorder>
            <Text size="sm" fw={600} mb="xs">
              Layout
            </Text>
            <ProposalPreview text={text} />
          </Paper>
        </Stack>
      </SimpleGrid>
      {save.isError && isApiError(save.error, 'version-conflict') ? (
        <Alert color="orange">Someone else saved the template meanwhile: it has been reloaded.</Alert>
      ) : null}
    </Stack>
  );
}

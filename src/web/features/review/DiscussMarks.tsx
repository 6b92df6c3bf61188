import { ActionIcon, Badge, Button, Group, Popover, Select, Stack, Text, TextInput, Tooltip } from '@mantine/core';
import { IconFlag, IconX } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { messageOf } from '../../app/api.ts';
import { MARK_TOPICS, type MarkTopic, type ReviewMark } from '../../../contract/marks.ts';
import { TOPIC_LABELS } from './change-words.ts';
import { useAddMark, useRemoveMark } from './queries.ts';

/** The items of a deal marked to discuss at the next review, each one removable until the review takes it up. */
export function MarksToDiscuss({ opportunityId, marks }: { opportunityId: string; marks: readonly ReviewMark[] }) {
  const remove = useRemoveMark(opportunityId);
  if (marks.length === 0) return null;
  return (
    <Group
      gap={6}
      mb="sm"
      p={8}
      wrap="wrap"
      style={{ background: 'var(--mantine-color-yellow-0)', borderRadius: 'var(--mantine-radius-sm)' }}
      data-testid="review-marks"
    >
      <Text size="sm" fw={650}>
        To discuss:
      </Text>
      {marks.map((m) => (
        <Badge
          key={m.id}
          color="yellow"
          variant="light"
          tt="none"
          size="lg"
          fw={500}
          rightSection={
            <ActionIcon
              size="xs"
              variant="transparent"
              color="dark"
              aria-label={`Take off: ${TOPIC_LABELS[m.topic]}`}
              onClick={() => remove.mutate(m.id)}
              loading={remove.isPending && remove.variables === m.id}
            >
              <IconX size={12} />
            </ActionIcon>
          }
        >
          {TOPIC_LABELS[m.topic]}
          {m.note ? ` — “${m.note}”` : ''}
          <Text span size="xs" c="dimmed">
            {' '}
            · {m.markedByName}
          </Text>
        </Badge>
      ))}
    </Group>
  );
}

/** A small form to mark one item of the deal (or the deal itself) to discuss, with an optional note. */
export function MarkToDiscussButton({ opportunityId, dealName }: { opportunityId: string; dealName: string }) {
  const [opened, setOpened] = useState(false);
  const [topic, setTopic] = useState<MarkTopic>('deal');
  const [note, setNote] = useState('');
  const add = useAddMark(opportunityId);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate(
      { topic, note: note.trim() || null },
      {
        onSuccess: () => {
          setOpened(false);
          setNote('');
          setTopic('deal');
        },
      },
    );
  };
  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-end" withArrow trapFocus shadow="md">
      <Popover.Target>
        <Tooltip label="Mark something on this deal to discuss at the review" openDelay={400}>
          <Button
            variant="subtle"
            size="compact-sm"
            color="yellow.8"
            leftSection={<IconFlag size={14} />}
            onClick={() => setOpened((o) => !o)}
            aria-label={`Mark ${dealName} to discuss`}
          >
            Discuss
          </Button>
        </Tooltip>
      </Popover.Target>
      <Popover.Dropdown>
        <form onSubmit={submit}>
          <Stack gap="xs" w={280}>
            <Select
              label="What to discuss"
              data={MARK_TOPICS.map((t) => ({ value: t, label: TOPIC_LABELS[t] }))}
              value={topic}
              onChange={(value) => value && setTopic(value as MarkTopic)}
              allowDeselect={false}
              comboboxProps={{ withinPortal: false }}
              data-testid="mark-topic"
            />
            <TextInput
              label="Note"
              description="Optional: the question to settle"
              value={note}
              maxLength={200}
              onChange={(e) => setNote(e.currentTarget.value)}
              error={add.isError ? messageOf(add.error) : undefined}
            />
            <Group justify="flex-end" gap="xs">
              <Button variant="default" size="xs" onClick={() => setOpened(false)}>
                Cancel
              </Button>
              <Button type="submit" size="xs" loading={add.isPending}>
                Mark to discuss
              </Button>
            </Group>
          </Stack>
        </form>
      </Popover.Dropdown>
    </Popover>
  );
}

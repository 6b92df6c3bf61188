import { Anchor, Badge, Group, List, Paper, Stack, Text, Tooltip } from '@mantine/core';
import { IconExternalLink } from '@tabler/icons-react';
import type { CatalogItem, QuizView } from '../../../contract/coaching.ts';
import { LEARNING_TYPE_LABELS } from '../../../domain/coaching/root-cause-guide.ts';
import { formatMinutes, rootCauseName } from './labels.ts';
import { RichText } from './RichText.tsx';

/** The badges that say what an item is: its type, the time it takes and the root causes it addresses. */
export function CatalogItemBadges({ item }: { item: CatalogItem }) {
  return (
    <Group gap={6} wrap="wrap">
      <Badge variant="light" color="brand">
        {LEARNING_TYPE_LABELS[item.type]}
      </Badge>
      <Badge variant="outline" color="gray">
        {formatMinutes(item.minutes)}
      </Badge>
      {item.rootCauses.map((id) => (
        <Tooltip key={id} label={rootCauseName(id)}>
          <Badge variant="dot" color="gray" aria-label={`${id}: ${rootCauseName(id)}`}>
            {id}
          </Badge>
        </Tooltip>
      ))}
    </Group>
  );
}

/** An item's content, link and quiz as a reader sees them. */
export function CatalogItemBody({ item }: { item: CatalogItem }) {
  return (
    <Stack gap="sm">
      {item.content ? <RichText source={item.content} headingOrder={3} /> : null}
      {item.externalUrl ? (
        <Anchor href={item.externalUrl} target="_blank" rel="noopener noreferrer" size="sm">
          <Group gap={4} component="span">
            Open the material <IconExternalLink size={14} />
          </Group>
        </Anchor>
      ) : null}
      {item.quiz ? <QuizPreview quiz={item.quiz} /> : null}
    </Stack>
  );
}

function QuizPreview({ quiz }: { quiz: QuizView }) {
  return (
    <Paper withBorder p="md" radius="md" aria-label="Quiz">
      <Text fw={600} size="sm">
        Quiz: {quiz.questions.length} question{quiz.questions.length === 1 ? '' : 's'}, pass mark {quiz.passMark}%
      </Text>
      <Text size="xs" c="dimmed" mb="xs">
        You answer it when your manager assigns this to you; the questions are here to prepare.
      </Text>
      <List type="ordered" size="sm" spacing="xs">
        {quiz.questions.map((q, i) => (
          <List.Item key={i}>
            <Text size="sm">{q.prompt}</Text>
            <List size="sm" withPadding listStyleType="lower-alpha">
              {q.choices.map((choice, c) => (
                <List.Item key={c}>{choice}</List.Item>
              ))}
            </List>
          </List.Item>
        ))}
      </List>
    </Paper>
  );
}

import { Badge, Group, List, Stack, Text } from '@mantine/core';
import classes from './objectives.module.css';
import type { QuestionChange, VersionChanges, WordPart } from './compare.ts';

/** A text with the words taken out struck through and the words put in marked. */
export function WordDiff({ parts }: { parts: readonly WordPart[] }) {
  // rewritten as a whole: the old text above the new one
  if (parts.length === 2 && parts[0]!.kind === 'removed' && parts[1]!.kind === 'added') {
    return (
      <Stack gap={2} data-testid="word-diff">
        <Text size="sm">
          <del className={classes.removed}>{parts[0]!.text}</del>
        </Text>
        <Text size="sm">
          <ins className={classes.added}>{parts[1]!.text}</ins>
        </Text>
      </Stack>
    );
  }
  return (
    <Text size="sm" data-testid="word-diff">
      {parts.map((p, i) =>
        p.kind === 'same' ? (
          <span key={i}>{p.text}</span>
        ) : p.kind === 'added' ? (
          <ins key={i} className={classes.added}>
            {p.text}
          </ins>
        ) : (
          <del key={i} className={classes.removed}>
            {p.text}
          </del>
        ),
      )}
    </Text>
  );
}

const QUESTION_BADGES: Record<QuestionChange['kind'], { label: string; color: string } | null> = {
  same: null,
  added: { label: 'Added', color: 'teal' },
  removed: { label: 'Removed', color: 'red' },
  reworded: { label: 'Reworded', color: 'blue' },
  moved: { label: 'Moved', color: 'grape' },
};

function QuestionLine({ change }: { change: QuestionChange }) {
  const badge = QUESTION_BADGES[change.kind];
  const where =
    change.kind === 'moved'
      ? `from ${change.from} to ${change.at}`
      : change.kind === 'removed'
        ? `was ${change.from}`
        : null;
  return (
    <List.Item data-testid="question-change" data-kind={change.kind} c={change.kind === 'same' ? 'dimmed' : undefined}>
      <Group gap={6} wrap="nowrap" align="flex-start">
        <Text size="sm" c="dimmed" w={18} ta="right" style={{ flexShrink: 0 }} className="tabular">
          {change.kind === 'removed' ? '–' : change.at}
        </Text>
        <div style={{ minWidth: 0 }}>
          {change.kind === 'reworded' ? (
            <WordDiff parts={change.parts} />
          ) : change.kind === 'removed' ? (
            <Text size="sm">
              <del className={classes.removed}>{change.text}</del>
            </Text>
          ) : (
            <Text size="sm">{change.text}</Text>
          )}
        </div>
        {badge ? (
          <Badge size="xs" variant="light" color={badge.color} style={{ flexShrink: 0 }} mt={3}>
            {badge.label}
            {where ? ` ${where}` : ''}
          </Badge>
        ) : null}
      </Group>
    </List.Item>
  );
}

function Part({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <div>
      <Text size="xs" fw={700} tt="uppercase" c="dimmed" mb={2} style={{ letterSpacing: 0.5 }}>
        {title}
      </Text>
      {children}
    </div>
  );
}

/** What one version changed: the texts word by word, the questions one by one, the weight. */
export function ChangesView({ changes }: { changes: VersionChanges }) {
  return (
    <Stack gap="sm" data-testid="version-changes">
      {changes.definition ? (
        <Part title="Definition">
          <WordDiff parts={changes.definition} />
        </Part>
      ) : null}
      {changes.whyItMatters ? (
        <Part title="Why it matters">
          <WordDiff parts={changes.whyItMatters} />
        </Part>
      ) : null}
      {changes.questions ? (
        <Part title="Discovery questions">
          <List spacing={4} listStyleType="none" styles={{ root: { paddingInlineStart: 0 } }}>
            {changes.questions.map((c, i) => (
              <QuestionLine key={`${c.kind}-${i}`} change={c} />
            ))}
          </List>
        </Part>
      ) : null}
      {changes.weight ? (
        <Part title="Weight">
          <Text size="sm" data-testid="weight-change">
            <del className={classes.removed}>{changes.weight.from}</del> →{' '}
            <ins className={classes.added}>{changes.weight.to}</ins>
          </Text>
        </Part>
      ) : null}
    </Stack>
  );
}

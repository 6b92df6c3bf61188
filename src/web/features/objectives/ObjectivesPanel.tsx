import { Alert, Badge, Button, Grid, Group, List, Paper, Skeleton, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconHistory, IconLock, IconPencil } from '@tabler/icons-react';
import { useState } from 'react';
import { formatDateTime } from '../../shared/format.ts';
import { ErrorState } from '../../shared/states.tsx';
import { ObjectiveEditor } from './ObjectiveEditor.tsx';
import { ObjectiveHistory } from './ObjectiveHistory.tsx';
import { weightShares } from './objective-form.ts';
import { useObjectives, type Objective, type ObjectiveKey } from './queries.ts';
import { WeightShares } from './WeightShares.tsx';

/**
 * The nine information objectives as the organization words and weighs them: an administrator
 * rewords them, edits the discovery questions and changes the weights; every change is a version.
 */
export function ObjectivesPanel() {
  const objectives = useObjectives();
  const [editing, setEditing] = useState<ObjectiveKey | null>(null);
  const [reading, setReading] = useState<ObjectiveKey | null>(null);

  if (objectives.isError)
    return (
      <ErrorState
        error={objectives.error}
        onRetry={() => void objectives.refetch()}
        title="The objectives could not be loaded"
      />
    );
  const items = objectives.data?.items;
  const shares = new Map(weightShares(items ?? []).map((o) => [o.key, o.share]));
  const edited = items?.find((o) => o.key === editing);
  const read = items?.find((o) => o.key === reading);
  return (
    <Stack gap="md" data-testid="objectives-panel">
      <Alert
        color="gray"
        variant="light"
        icon={<IconLock size={20} />}
        title="Nine objectives, always the same nine"
        data-testid="objectives-fixed"
      >
        Their names and their order cannot change, and none can be added or deleted: every deal’s knowledge, every
        assessment and every danger-zone rule refers to them. You can reword each definition and why it matters, edit
        the discovery questions, and change the weight. Every change is kept as a new version.
      </Alert>
      {items ? <WeightShares objectives={items} /> : <Skeleton height={150} radius="md" />}
      {!items
        ? Array.from({ length: 3 }, (_, i) => <Skeleton key={i} height={180} radius="md" />)
        : items.map((o) => (
            <ObjectiveCard
              key={o.key}
              objective={o}
              share={shares.get(o.key) ?? 0}
              onEdit={() => setEditing(o.key)}
              onHistory={() => setReading(o.key)}
            />
          ))}
      {edited ? (
        <ObjectiveEditor
          key={edited.key}
          objective={edited}
          objectives={items ?? []}
          onClose={() => setEditing(null)}
        />
      ) : null}
      {read ? <ObjectiveHistory objective={read} onClose={() => setReading(null)} /> : null}
    </Stack>
  );
}

function ObjectiveCard({
  objective: o,
  share,
  onEdit,
  onHistory,
}: {
  objective: Objective;
  share: number;
  onEdit(): void;
  onHistory(): void;
}) {
  return (
    <Paper
      p={{ base: 'md', sm: 'lg' }}
      data-testid="objective-card"
      data-objective={o.key}
      component="article"
      aria-labelledby={`objective-${o.key}-name`}
    >
      <Group justify="space-between" align="flex-start" gap="sm" mb="sm">
        <Group gap="sm" wrap="nowrap" align="flex-start" style={{ minWidth: 0, flex: '1 1 300px' }}>
          <ThemeIcon radius="xl" size={30} variant="light" color="brand" style={{ flexShrink: 0 }} aria-hidden>
            <Text fw={750} size="sm">
              {o.number}
            </Text>
          </ThemeIcon>
          <div style={{ minWidth: 0 }}>
            <Title order={3} size="h5" id={`objective-${o.key}-name`}>
              {o.name}
            </Title>
            <Text size="xs" c="dimmed" data-testid="objective-version">
              {o.version === 0
                ? 'Default wording · version 0'
                : `Version ${o.version} · changed by ${o.changedByName ?? 'someone'} on ${formatDateTime(o.changedAt ?? '')}`}
            </Text>
          </div>
        </Group>
        <Group gap="xs" wrap="nowrap">
          <Badge size="lg" variant="light" color="brand" className="tabular" data-testid="objective-weight">
            Weight {o.weight} · {Math.round(share * 100)} %
          </Badge>
          <Button
            size="compact-sm"
            variant="default"
            leftSection={<IconHistory size={14} />}
            onClick={onHistory}
            aria-label={`History of ${o.number}. ${o.name}`}
          >
            History
          </Button>
          <Button
            size="compact-sm"
            leftSection={<IconPencil size={14} />}
            onClick={onEdit}
            aria-label={`Edit ${o.number}. ${o.name}`}
          >
            Edit
          </Button>
        </Group>
      </Group>
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Stack gap="xs">
            <Text size="sm" data-testid="objective-definition">
              {o.definition}
            </Text>
            <Text size="sm" c="dimmed" data-testid="objective-why">
              <Text span size="sm" fw={600} c="dark.4">
                Why it matters:
              </Text>{' '}
              {o.whyItMatters}
            </Text>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Text size="xs" fw={700} tt="uppercase" c="dimmed" mb={4} style={{ letterSpacing: 0.5 }}>
            Discovery questions
          </Text>
          <List type="ordered" size="sm" spacing={2} data-testid="objective-questions">
            {o.questions.map((q, i) => (
              <List.Item key={`${i}-${q}`}>{q}</List.Item>
            ))}
          </List>
        </Grid.Col>
      </Grid>
    </Paper>
  );
}

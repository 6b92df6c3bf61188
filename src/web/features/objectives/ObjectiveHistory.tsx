import { Alert, Avatar, Button, Collapse, List, Modal, Skeleton, Stack, Text, Timeline } from '@mantine/core';
import { useState } from 'react';
import { messageOf } from '../../app/api.ts';
import { formatDateTime, initialsOf } from '../../shared/format.ts';
import { ChangesView } from './Changes.tsx';
import { changedParts, compareVersions } from './compare.ts';
import { useObjectiveVersions, type Objective } from './queries.ts';

/** Every version of an objective, oldest first: who changed it, when, and what changed. */
export function ObjectiveHistory({ objective, onClose }: { objective: Objective; onClose(): void }) {
  const versions = useObjectiveVersions(objective.key);
  const items = versions.data?.items;
  return (
    <Modal opened onClose={onClose} title={`History of ${objective.number}. ${objective.name}`} size="xl" yOffset="4vh">
      {versions.isError ? (
        <Alert color="red" variant="light" title="The history could not be loaded">
          {messageOf(versions.error)}
        </Alert>
      ) : !items ? (
        <Stack gap="sm" aria-busy aria-label="Loading the history">
          <Skeleton height={40} />
          <Skeleton height={80} />
        </Stack>
      ) : (
        <Stack gap="md">
          <Text size="sm" c="dimmed">
            {items.length === 1
              ? 'Only the default wording so far.'
              : `${items.length} versions, oldest first. Each shows what it changed from the one before.`}
          </Text>
          <Timeline bulletSize={28} lineWidth={2} active={items.length - 1} data-testid="objective-versions">
            {items.map((version, i) => (
              <Timeline.Item
                key={version.version}
                bullet={
                  <Avatar size={24} radius="xl" color={version.version === 0 ? 'gray' : 'brand'} variant="filled">
                    {version.changedByName ? initialsOf(version.changedByName) : 'v0'}
                  </Avatar>
                }
                title={<VersionTitle version={version} />}
                data-testid="objective-version-entry"
                data-version={version.version}
              >
                {i === 0 ? (
                  <FullWording version={version} initiallyOpen={items.length === 1} />
                ) : (
                  <VersionBody before={items[i - 1]!} version={version} />
                )}
              </Timeline.Item>
            ))}
          </Timeline>
        </Stack>
      )}
    </Modal>
  );
}

function VersionTitle({ version }: { version: Objective }) {
  return (
    <Text size="sm">
      <Text span fw={700}>
        Version {version.version}
      </Text>
      {version.version === 0 ? (
        <Text span c="dimmed">
          {' '}
          · the default wording Winsight starts with
        </Text>
      ) : (
        <Text span c="dimmed">
          {' '}
          · {version.changedByName ?? 'someone'}, {version.changedAt ? formatDateTime(version.changedAt) : ''}
        </Text>
      )}
    </Text>
  );
}

function VersionBody({ before, version }: { before: Objective; version: Objective }) {
  const changes = compareVersions(before, version);
  const parts = changedParts(changes);
  return (
    <Stack gap="xs" mt={4}>
      <Text size="xs" c="dimmed">
        {parts.length === 0
          ? 'Saved without changing anything.'
          : `Changed ${parts.join(', ').replace(/, ([^,]*)$/, ' and $1')}.`}
      </Text>
      <ChangesView changes={changes} />
      <FullWording version={version} initiallyOpen={false} />
    </Stack>
  );
}

function FullWording({ version, initiallyOpen }: { version: Objective; initiallyOpen: boolean }) {
  const [open, setOpen] = useState(initiallyOpen);
  return (
    <div>
      <Button variant="subtle" size="compact-xs" px={0} onClick={() => setOpen((o) => !o)} aria-expanded={open}>
        {open ? 'Hide the full wording' : 'Show the full wording'}
      </Button>
      <Collapse expanded={open}>
        <Stack gap={4} mt={4}>
          <Text size="sm">{version.definition}</Text>
          <Text size="sm" c="dimmed">
            Why it matters: {version.whyItMatters}
          </Text>
          <List type="ordered" size="sm" spacing={2}>
            {version.questions.map((q, i) => (
              <List.Item key={`${i}-${q}`}>{q}</List.Item>
            ))}
          </List>
          <Text size="sm" c="dimmed">
            Weight {version.weight}
          </Text>
        </Stack>
      </Collapse>
    </div>
  );
}

import { Alert, Badge, Button, Collapse, Group, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCheck, IconDownload, IconTransfer } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { useLocation } from 'react-router';
import type { HandOverSummary } from '../../../contract/hand-overs.ts';
import { messageOf } from '../../app/api.ts';
import { formatDateTime } from '../../shared/format.ts';
import { BriefView } from './BriefView.tsx';
import { briefPdfUrl, useAcknowledgeBrief, useDealHandOvers, useHandOverBrief } from './queries.ts';

/**
 * The deal page's hand-over brief: shown when the deal was handed over, latest first, with who
 * handed it from whom to whom and when, the new owner's "Acknowledge" and the PDF. Opened at once
 * when the page is reached from the inbox (#hand-over) or the brief still waits for its reader.
 */
export function HandOverPanel({ opportunityId }: { opportunityId: string }) {
  const handOvers = useDealHandOvers(opportunityId);
  const location = useLocation();
  const ref = useRef<HTMLDivElement>(null);
  const fromLink = location.hash === '#hand-over';
  useEffect(() => {
    if (fromLink && handOvers.data?.items.length) ref.current?.scrollIntoView({ block: 'start' });
  }, [fromLink, handOvers.data]);

  if (handOvers.isPending) return null;
  if (handOvers.isError)
    return (
      <Text size="sm" c="red" mb="md">
        The hand-over brief could not be loaded.
      </Text>
    );
  const [latest, ...earlier] = handOvers.data.items;
  if (!latest) return null;
  return (
    <Paper p={{ base: 'md', sm: 'lg' }} mb="md" id="hand-over" ref={ref} data-testid="hand-over-panel" withBorder>
      <HandOverEntry
        key={latest.id}
        opportunityId={opportunityId}
        handOver={latest}
        initiallyOpen={fromLink || latest.canAcknowledge}
      />
      {earlier.length > 0 ? (
        <Text size="xs" c="dimmed" mt="sm">
          Handed over before:{' '}
          {earlier.map((h) => `from ${h.fromName} to ${h.toName} on ${formatDateTime(h.at)}`).join('; ')}.
        </Text>
      ) : null}
    </Paper>
  );
}

function HandOverEntry({
  opportunityId,
  handOver,
  initiallyOpen,
}: {
  opportunityId: string;
  handOver: HandOverSummary;
  initiallyOpen: boolean;
}) {
  const [open, setOpen] = useState(initiallyOpen);
  const brief = useHandOverBrief(opportunityId, open ? handOver.id : null);
  const acknowledge = useAcknowledgeBrief(opportunityId);
  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm">
        <Stack gap={2}>
          <Group gap="xs">
            <IconTransfer size={18} aria-hidden />
            <Title order={3} size="h5">
              Hand-over brief
            </Title>
            {handOver.acknowledgedAt ? (
              <Badge color="teal" variant="light" leftSection={<IconCheck size={12} />}>
                Acknowledged
              </Badge>
            ) : (
              <Badge color="orange" variant="light">
                Not yet acknowledged
              </Badge>
            )}
          </Group>
          <Text size="sm">
            From <strong>{handOver.fromName}</strong>
            {handOver.reason === 'leaver' ? ' (left)' : ''} to <strong>{handOver.toName}</strong>, handed over by{' '}
            {handOver.byName} on {formatDateTime(handOver.at)}.
          </Text>
          {handOver.acknowledgedAt ? (
            <Text size="xs" c="dimmed">
              Acknowledged by {handOver.acknowledgedByName} on {formatDateTime(handOver.acknowledgedAt)}.
            </Text>
          ) : null}
        </Stack>
        <Group gap="xs">
          <Button variant="default" size="xs" onClick={() => setOpen((v) => !v)} aria-expanded={open}>
            {open ? 'Hide the brief' : 'Read the brief'}
          </Button>
          <Button
            component="a"
            href={briefPdfUrl(opportunityId, handOver.id)}
            download
            variant="default"
            size="xs"
            leftSection={<IconDownload size={14} />}
          >
            Download PDF
          </Button>
          {handOver.canAcknowledge ? (
            <Button
              size="xs"
              leftSection={<IconCheck size={14} />}
              loading={acknowledge.isPending}
              onClick={() =>
                acknowledge.mutate(handOver.id, {
                  onSuccess: () =>
                    notifications.show({
                      color: 'teal',
                      title: 'Brief acknowledged',
                      message: `${handOver.fromName} and ${handOver.byName} can see you have read it.`,
                    }),
                })
              }
            >
              Acknowledge
            </Button>
          ) : null}
        </Group>
      </Group>
      {acknowledge.isError ? (
        <Alert color="red" role="alert">
          {messageOf(acknowledge.error)}
        </Alert>
      ) : null}
      <Collapse expanded={open}>
        {brief.isError ? (
          <Text size="sm" c="red">
            The brief could not be loaded.
          </Text>
        ) : brief.data ? (
          <BriefView brief={brief.data.brief} />
        ) : open ? (
          <Skeleton height={120} />
        ) : null}
      </Collapse>
    </Stack>
  );
}

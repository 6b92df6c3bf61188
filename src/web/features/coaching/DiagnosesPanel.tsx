import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Modal,
  MultiSelect,
  Paper,
  Skeleton,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { DIAGNOSIS_LIMITS } from '../../../contract/diagnoses.ts';
import type { Scorecard } from '../../../contract/scorecard.ts';
import type { RootCauseId } from '../../../domain/coaching/root-causes.ts';
import { isApiError, messageOf } from '../../app/api.ts';
import { formatDate } from '../../shared/format.ts';
import { STATUS_COLORS, STATUS_LABELS } from './diagnosis-labels.ts';
import { useDiagnoses, useStartDiagnosis } from './diagnosis-queries.ts';
import { ROOT_CAUSE_OPTIONS, rootCauseName } from './labels.ts';

/** The seller's diagnoses on their scorecard, and for their manager the way to start one. */
export function DiagnosesPanel({ sellerId, own, canStart }: { sellerId: string; own: boolean; canStart: boolean }) {
  const list = useDiagnoses(sellerId);
  const [observing, setObserving] = useState(false);
  return (
    <Paper p={{ base: 'md', sm: 'lg' }} data-testid="scorecard-diagnoses">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4">
          Diagnoses
        </Title>
        {canStart ? (
          <Button variant="light" size="xs" onClick={() => setObserving(true)}>
            Start a diagnosis
          </Button>
        ) : null}
      </Group>
      {list.isError ? (
        <Alert color="red">{messageOf(list.error)}</Alert>
      ) : !list.data ? (
        <Skeleton height={60} />
      ) : list.data.length === 0 ? (
        <Text size="sm" c="dimmed">
          {own
            ? 'No concluded diagnosis yet. Once your manager concludes one with you, it appears here.'
            : 'No diagnosis yet. Diagnose a flagged gap, or start one from what you saw.'}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={560}>
          <Table verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Gap</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Root cause</Table.Th>
                <Table.Th>Started</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.map((d) => (
                <Table.Tr key={d.id} data-testid="scorecard-diagnosis" data-status={d.status}>
                  <Table.Td>
                    <Anchor component={Link} to={`/coaching/diagnoses/${d.id}`} size="sm">
                      {d.gap}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={STATUS_COLORS[d.status]}>
                      {STATUS_LABELS[d.status]}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{d.rootCause ? `${d.rootCause} · ${rootCauseName(d.rootCause)}` : '—'}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" className="tabular">
                      {formatDate(d.startedAt.slice(0, 10))} by {d.startedBy.name}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Modal
        opened={observing}
        onClose={() => setObserving(false)}
        title="Start a diagnosis from what you saw"
        size="lg"
      >
        {observing ? <ObservationForm sellerId={sellerId} onClose={() => setObserving(false)} /> : null}
      </Modal>
    </Paper>
  );
}

function ObservationForm({ sellerId, onClose }: { sellerId: string; onClose(): void }) {
  const start = useStartDiagnosis();
  const navigate = useNavigate();
  const [observation, setObservation] = useState('');
  const [suspected, setSuspected] = useState<string[]>([]);
  const fields = isApiError(start.error) ? start.error.fields : {};
  const submit = (event: FormEvent) => {
    event.preventDefault();
    start.mutate(
      { seller: sellerId, observation: observation.trim(), suspected: suspected as RootCauseId[] },
      { onSuccess: (d) => void navigate(`/coaching/diagnoses/${d.id}`) },
    );
  };
  return (
    <form onSubmit={submit}>
      <Stack gap="sm">
        <Textarea
          label="What did you see?"
          description="In observable terms: what was done or not, on which deal, when"
          autosize
          minRows={3}
          maxLength={DIAGNOSIS_LIMITS.observation}
          value={observation}
          onChange={(e) => setObservation(e.currentTarget.value)}
          error={fields.observation}
          required
          data-autofocus
        />
        <MultiSelect
          label="Causes you suspect (optional)"
          description="Their questions are asked in the matching steps"
          data={ROOT_CAUSE_OPTIONS}
          searchable
          value={suspected}
          onChange={setSuspected}
          error={fields.suspected}
          maxValues={DIAGNOSIS_LIMITS.suspected}
        />
        {start.isError && Object.keys(fields).length === 0 ? <Alert color="red">{messageOf(start.error)}</Alert> : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={start.isPending} disabled={!observation.trim()}>
            Start
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The "Diagnose" button of one gap flag: starts from the flag and opens the diagnosis. */
export function DiagnoseFlagButton({ sellerId, flag }: { sellerId: string; flag: Scorecard['flags'][number] }) {
  const start = useStartDiagnosis();
  const navigate = useNavigate();
  return (
    <Stack gap={2} align="flex-start">
      <Button
        size="xs"
        variant="light"
        loading={start.isPending}
        onClick={() =>
          start.mutate(
            { seller: sellerId, flag: { rule: flag.rule, ...(flag.zoneId ? { zoneId: flag.zoneId } : {}) } },
            { onSuccess: (d) => void navigate(`/coaching/diagnoses/${d.id}`) },
          )
        }
        aria-label={`Diagnose: ${flag.text}`}
      >
        Diagnose
      </Button>
      {start.isError ? (
        <Text size="xs" c="red">
          {messageOf(start.error)}
        </Text>
      ) : null}
    </Stack>
  );
}

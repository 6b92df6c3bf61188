import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Paper,
  SegmentedControl,
  Skeleton,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDownload, IconFileText, IconLock, IconSend, IconSparkles } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import type { Proposal, ProposalSummary } from '../../../contract/proposals.ts';
import { messageOf } from '../../app/api.ts';
import { formatDate, formatDateTime } from '../../shared/format.ts';
import { ErrorState } from '../../shared/states.tsx';
import { knowledgeLink } from '../knowledge/focus.ts';
import { ProposalPreview } from './ProposalPreview.tsx';
import {
  proposalFileUrl,
  useEditProposal,
  useGenerateProposal,
  useMarkProposalSent,
  useProposal,
  useProposals,
} from './queries.ts';

const SECTION_LABELS: Record<Proposal['notes'][number]['section'], string> = {
  executive_summary: 'Executive summary',
  business_issues: 'How we address the issues',
  decision_criteria: 'Decision criteria',
  value_case: 'Value case',
  compelling_event: 'Why now',
  implementation_plan: 'Implementation plan',
  pricing: 'Pricing',
  appendix: 'Internal appendix',
};

const completenessColor = (c: number) => (c >= 75 ? 'teal' : c >= 45 ? 'yellow' : 'red');

/**
 * The deal's proposals: write a draft from what we know, read it as the customer will, edit it (each
 * save a new version), download it, and see what the draft could not say and whom to ask.
 */
/** the customer documents a version downloads as */
const DOWNLOADS = [
  { format: 'docx', label: 'Word' },
  { format: 'pdf', label: 'PDF' },
] as const;

export function ProposalsPanel({ opportunityId }: { opportunityId: string }) {
  const versions = useProposals(opportunityId);
  const generate = useGenerateProposal(opportunityId);
  const [selected, setSelected] = useState<string | null>(null);
  const items = versions.data?.items ?? [];
  const current = selected ?? items[0]?.id ?? null;

  if (versions.isError)
    return (
      <ErrorState
        error={versions.error}
        onRetry={() => void versions.refetch()}
        title="The proposals could not be loaded"
      />
    );

  const write = () =>
    generate.mutate(undefined, {
      onSuccess: (p) => {
        setSelected(p.id);
        notifications.show({ color: 'teal', message: `Version ${p.number} written from what we know.` });
      },
      onError: (e) => notifications.show({ color: 'red', message: messageOf(e) }),
    });

  return (
    <Stack gap="md" data-testid="proposals-panel">
      <Group justify="space-between" align="flex-start">
        <Stack gap={2}>
          <Title order={2} size="h4">
            Proposals
          </Title>
          <Text size="sm" c="dimmed">
            Written from the deal&apos;s knowledge: what the customer told us fills it, and what we don&apos;t know
            shows as notes for you, never in the document.
          </Text>
        </Stack>
        <Button leftSection={<IconSparkles size={16} />} onClick={write} loading={generate.isPending}>
          Write a proposal
        </Button>
      </Group>
      {versions.isPending ? (
        <Skeleton height={120} />
      ) : items.length === 0 ? (
        <Paper p="lg" withBorder>
          <Text size="sm" c="dimmed">
            No proposal yet. The draft takes the issues, criteria, value and plan from the Knowledge tab.
          </Text>
        </Paper>
      ) : (
        <>
          <VersionTable items={items} current={current} onSelect={setSelected} />
          {current ? (
            <VersionView key={current} opportunityId={opportunityId} id={current} onSaved={setSelected} />
          ) : null}
        </>
      )}
    </Stack>
  );
}

function VersionTable({
  items,
  current,
  onSelect,
}: {
  items: ProposalSummary[];
  current: string | null;
  onSelect: (id: string) => void;
}) {
  return (
    <Table highlightOnHover fz="sm" withTableBorder data-testid="proposal-versions">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Version</Table.Th>
          <Table.Th>Made by</Table.Th>
          <Table.Th>When</Table.Th>
          <Table.Th>Completeness</Table.Th>
          <Table.Th>Sent</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {items.map((v) => (
          <Table.Tr
            key={v.id}
            onClick={() => onSelect(v.id)}
            style={{ cursor: 'pointer' }}
            bg={v.id === current ? 'var(--mantine-color-blue-light)' : undefined}
            data-testid="proposal-version"
          >
            <Table.Td>
              <Anchor component="button" type="button" size="sm" onClick={() => onSelect(v.id)}>
                {v.number}
              </Anchor>{' '}
              <Text span size="xs" c="dimmed">
                {v.origin === 'edited' ? 'edited' : 'generated'}
              </Text>
            </Table.Td>
            <Table.Td>{v.createdByName}</Table.Td>
            <Table.Td>{formatDateTime(v.createdAt)}</Table.Td>
            <Table.Td>
              <Badge variant="light" color={completenessColor(v.completeness)}>
                {v.completeness} %
              </Badge>
            </Table.Td>
            <Table.Td>{v.sentAt ? `${formatDateTime(v.sentAt)} by ${v.sentByName ?? ''}` : '-'}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function VersionView({
  opportunityId,
  id,
  onSaved,
}: {
  opportunityId: string;
  id: string;
  onSaved: (id: string) => void;
}) {
  const proposal = useProposal(opportunityId, id);
  const edit = useEditProposal(opportunityId);
  const send = useMarkProposalSent(opportunityId);
  const [mode, setMode] = useState<'preview' | 'edit'>('preview');
  const [text, setText] = useState('');
  useEffect(() => {
    if (proposal.data) setText(proposal.data.text);
  }, [proposal.data]);

  if (proposal.isError)
    return (
      <ErrorState
        error={proposal.error}
        onRetry={() => void proposal.refetch()}
        title="The proposal could not be loaded"
      />
    );
  if (!proposal.data) return <Skeleton height={240} />;
  const p = proposal.data;
  const isChanged = text !== p.text;

  const save = () =>
    edit.mutate(
      { id: p.id, text },
      {
        onSuccess: (saved) => {
          notifications.show({ color: 'teal', message: `Saved as version ${saved.number}.` });
          setMode('preview');
          onSaved(saved.id);
        },
        onError: (e) => notifications.show({ color: 'red', message: messageOf(e) }),
      },
    );

  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="wrap">
        <Group gap="xs">
          <IconFileText size={18} aria-hidden />
          <Text fw={600}>Version {p.number}</Text>
          <Badge variant="light" color={completenessColor(p.completeness)} data-testid="proposal-completeness">
            {p.completeness} % complete
          </Badge>
          <Text size="xs" c="dimmed">
            written from what was known on {formatDate(p.madeFrom.asOf)} (coverage{' '}
            {Math.round(p.madeFrom.coverageIndex * 100)} %)
          </Text>
        </Group>
        <Group gap="xs">
          {DOWNLOADS.map(({ format, label }) => (
            <Button
              key={format}
              component="a"
              href={proposalFileUrl(opportunityId, p.id, format)}
              download
              variant="default"
              size="xs"
              leftSection={<IconDownload size={14} />}
              data-testid={`download-${format}`}
            >
              {label}
            </Button>
          ))}
          <Button
            size="xs"
            variant="light"
            leftSection={<IconSend size={14} />}
            disabled={p.sentAt !== null}
            loading={send.isPending}
            onClick={() =>
              send.mutate(p.id, {
                onError: (e) => notifications.show({ color: 'red', message: messageOf(e) }),
              })
            }
          >
            {p.sentAt ? `Sent ${formatDateTime(p.sentAt)}` : 'Mark as sent'}
          </Button>
        </Group>
      </Group>

      <Text size="xs" c="dimmed" data-testid="proposal-made-from">
        What was known then, objective by objective (of 4):{' '}
        {p.madeFrom.objectives.map((o) => `${o.name} ${o.knowledgeLevel}`).join(' · ')}
      </Text>

      <Notes notes={p.notes} />

      <Paper p="md" withBorder>
        <SegmentedControl
          size="xs"
          mb="md"
          value={mode}
          onChange={(v) => setMode(v === 'edit' ? 'edit' : 'preview')}
          data={[
            { value: 'preview', label: 'Preview' },
            { value: 'edit', label: 'Edit' },
          ]}
        />
        {mode === 'preview' ? (
          <ProposalPreview text={p.text} />
        ) : (
          <Stack gap="sm">
            <Textarea
              label="Proposal text (Markdown)"
              description="Headings with #, bold with **, tables with |. Saving keeps this version and adds a new one."
              value={text}
              onChange={(e) => setText(e.currentTarget.value)}
              autosize
              minRows={14}
              maxRows={40}
              error={edit.error ? messageOf(edit.error) : undefined}
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setText(p.text)} disabled={!isChanged}>
                Undo my changes
              </Button>
              <Button onClick={save} loading={edit.isPending} disabled={!isChanged || text.trim() === ''}>
                Save as a new version
              </Button>
            </Group>
          </Stack>
        )}
      </Paper>

      <Appendix appendix={p.appendix} />
    </Stack>
  );
}

function Notes({ notes }: { notes: Proposal['notes'] }) {
  if (notes.length === 0)
    return <Alert color="teal" variant="light" title="Every section rests on what the customer told us" />;
  return (
    <Alert color="orange" variant="light" title="What this draft could not say" data-testid="proposal-notes">
      <Stack gap="xs">
        {notes.map((n, k) => (
          <div key={k} data-testid="proposal-note">
            <Text size="sm">
              <Text span fw={600}>
                {SECTION_LABELS[n.section]}:
              </Text>{' '}
              {n.message}
            </Text>
            <Text size="sm" c="dimmed">
              Ask {n.askWhom}: “{n.question}”{' '}
              <Anchor
                component={Link}
                to={n.itemId ? knowledgeLink({ itemId: n.itemId }) : '?tab=knowledge'}
                size="sm"
                data-testid="proposal-note-link"
              >
                Open in Knowledge
              </Anchor>
            </Text>
          </div>
        ))}
      </Stack>
    </Alert>
  );
}

function Appendix({ appendix }: { appendix: Proposal['appendix'] }) {
  return (
    <Paper p="md" withBorder bg="var(--mantine-color-gray-light)" data-testid="proposal-appendix">
      <Group gap="xs" mb="xs">
        <IconLock size={16} aria-hidden />
        <Title order={3} size="h6">
          Internal appendix: for you only, never in the customer document
        </Title>
      </Group>
      {appendix.evaluators.length === 0 ? (
        <Text size="sm" c="dimmed">
          No one of the buying group is recorded yet.
        </Text>
      ) : (
        <Table fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Evaluator</Table.Th>
              <Table.Th>Stance</Table.Th>
              <Table.Th>Favours</Table.Th>
              <Table.Th>What the proposal must do for them</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {appendix.evaluators.map((e) => (
              <Table.Tr key={e.name}>
                <Table.Td>
                  {e.name}
                  {e.title ? (
                    <Text size="xs" c="dimmed">
                      {e.title}
                      {e.roles.length ? ` · ${e.roles.join(', ')}` : ''}
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td>{e.stance}</Table.Td>
                <Table.Td>{e.favours ?? 'unknown'}</Table.Td>
                <Table.Td>{e.mustDo}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {appendix.toBeat.length > 0 ? (
        <Stack gap={2} mt="sm">
          <Text size="sm" fw={600}>
            What each section must beat
          </Text>
          {appendix.toBeat.map((t, k) => (
            <Text key={k} size="sm">
              {SECTION_LABELS[t.section]}: {t.alternative}, {t.why}
            </Text>
          ))}
        </Stack>
      ) : null}
    </Paper>
  );
}

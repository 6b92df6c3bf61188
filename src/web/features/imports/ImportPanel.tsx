import {
  Alert,
  Anchor,
  Badge,
  Button,
  FileInput,
  Group,
  Paper,
  Progress,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconFileUpload } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import type { ImportUploaded, ImportView } from '../../../contract/imports.ts';
import { runningWords } from './progress-words.ts';
import { messageOf } from '../../app/api.ts';
import { useImport, useImportTargets, useRunImport, useUploadImport, type ImportTargets } from './queries.ts';

// Admin › Import: upload a CSV, see its first rows as they will be read, choose the column for each
// field (pre-filled from a ready mapping and the file's headers), check it (a dry run listing every
// problem by line and column), then import it with a progress bar and a summary.

const NONE = '';
/** the ready mapping's own way of filling a field (a template of columns such as "{First Name} {Last Name}") */
const AS_READY = '\u0000ready';

type Base = ImportTargets['mappings'][number] | null;
type ReadySource = string | { column?: string; or?: string[]; template?: string; value?: string };

/** The header a ready mapping's column goes by in this file, or the template it fills the field with. */
function readyColumn(source: ReadySource, header: readonly string[]): string | null {
  if (typeof source === 'string') return header.includes(source) ? source : null;
  if (source.column !== undefined) return [source.column, ...(source.or ?? [])].find((c) => header.includes(c)) ?? null;
  if (source.template !== undefined) {
    const columns = [...source.template.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
    return columns.every((c) => header.includes(c)) ? AS_READY : null;
  }
  return null;
}

function fieldsOf(base: Base): Record<string, ReadySource> {
  return (base?.mapping.fields ?? {}) as Record<string, ReadySource>;
}

/** Each field's column: the ready mapping's when the file has that column, else the suggestion. */
function initialColumns(uploaded: ImportUploaded, base: Base, targets: readonly string[]): Record<string, string> {
  const columns: Record<string, string> = {};
  for (const target of targets) {
    const suggested = uploaded.suggestions[target];
    if (suggested !== undefined) columns[target] = suggested;
  }
  for (const [target, source] of Object.entries(fieldsOf(base))) {
    const column = readyColumn(source, uploaded.header);
    if (column !== null) columns[target] = column;
  }
  return columns;
}

function mappingOf(columns: Record<string, string>, base: Base, dateOrder: string): Record<string, unknown> {
  const ready = fieldsOf(base);
  const fields = Object.fromEntries(
    Object.entries(columns)
      .filter(([, column]) => column !== NONE)
      .map(([target, column]) => [target, column === AS_READY ? ready[target] : column]),
  );
  const {
    name: _name,
    description: _description,
    fields: _fields,
    ...rest
  } = (base?.mapping ?? {}) as Record<string, unknown>;
  return { ...rest, dateOrder, fields };
}

/** The ready mapping whose columns this file has most of (a generic opportunity file when none fits). */
function bestMapping(mappings: ImportTargets['mappings'], header: readonly string[]): string {
  let best = { name: 'generic', score: 3 };
  for (const m of mappings) {
    const fields = Object.values(fieldsOf(m));
    const found = fields.filter((source) => readyColumn(source, header) !== null).length;
    // a file with all of a small mapping's columns fits it as well as one with most of a large one's
    const score = found + found / Math.max(1, fields.length);
    if (found >= 2 && score > best.score) best = { name: m.name, score };
  }
  return best.name;
}

/** What a kind of file brought, in words. */
function broughtBy(view: ImportView, kind: string): string {
  const c = view.counts!;
  const done = view.status === 'done';
  switch (kind) {
    case 'account':
      return done
        ? `${c.accountsCreated} new and ${c.accountsUpdated ?? 0} updated accounts`
        : `${c.accountsCreated} accounts`;
    case 'contact':
      return done
        ? `${c.contactsCreated} new and ${c.contactsUpdated ?? 0} updated contacts`
        : `${c.contactsCreated} contacts`;
    case 'contactRole':
      return `${c.evaluators ?? 0} people in deals' buying groups`;
    case 'stageHistory':
      return done ? `${c.stageChanges ?? 0} changes of stage` : `${c.stageChanges ?? 0} history rows`;
    default:
      return `${c.opportunities.toLocaleString()} opportunities (${c.byStatus.open} open, ${c.byStatus.won} won, ${c.byStatus.lost} lost, ${c.byStatus.no_decision} no decision)`;
  }
}

export function ImportPanel() {
  const targets = useImportTargets();
  const upload = useUploadImport();
  const run = useRunImport();
  const [file, setFile] = useState<File | null>(null);
  const [uploaded, setUploaded] = useState<ImportUploaded | null>(null);
  const [baseName, setBaseName] = useState<string>('generic');
  const [columns, setColumns] = useState<Record<string, string>>({});
  const [dateOrder, setDateOrder] = useState('ymd');
  const [importId, setImportId] = useState<string | null>(null);
  const current = useImport(importId);
  const base = useMemo(() => targets.data?.mappings.find((m) => m.name === baseName) ?? null, [targets.data, baseName]);
  const kind = base?.kind ?? 'opportunity';
  const kindTargets = useMemo(
    () => new Set(targets.data?.kinds.find((k) => k.kind === kind)?.targets ?? []),
    [targets.data, kind],
  );

  const chooseBase = (name: string, forFile: ImportUploaded, known: ImportTargets | undefined = targets.data) => {
    const next = known?.mappings.find((m) => m.name === name) ?? null;
    const fills = known?.kinds.find((k) => k.kind === (next?.kind ?? 'opportunity'))?.targets ?? [];
    setBaseName(name);
    setColumns(initialColumns(forFile, next, fills));
    setDateOrder(String(next?.mapping.dateOrder ?? 'ymd'));
  };

  const onUpload = async () => {
    if (!file) return;
    setImportId(null);
    const answer = await upload.mutateAsync(file);
    setUploaded(answer);
    // the ready mappings may still be on their way (a quick upload on a slow server): the file's
    // columns are matched against them, so they are waited for rather than taken as none
    const known = targets.data ?? (await targets.refetch()).data;
    chooseBase(bestMapping(known?.mappings ?? [], answer.header), answer, known);
  };

  const start = async (dryRun: boolean) => {
    if (!uploaded) return;
    const view = await run.mutateAsync({ id: uploaded.id, mapping: mappingOf(columns, base, dateOrder), dryRun });
    setImportId(view.id);
  };

  const view = current.data ?? null;
  const running = view !== null && (view.status === 'checking' || view.status === 'importing');
  const columnOptions = uploaded
    ? [{ value: NONE, label: '— not in this file —' }, ...uploaded.header.map((h) => ({ value: h, label: h }))]
    : [];
  const optionsFor = (target: string) => {
    const ready = fieldsOf(base)[target];
    return ready && typeof ready === 'object' && ready.template !== undefined && columns[target] === AS_READY
      ? [...columnOptions, { value: AS_READY, label: ready.template }]
      : columnOptions;
  };
  const kinds = targets.data?.kinds ?? [];
  const mappingChoices = kinds.map((k) => ({
    group: k.label,
    items: (targets.data?.mappings ?? [])
      .filter((m) => m.kind === k.kind)
      .map((m) => ({ value: m.name, label: m.label })),
  }));

  return (
    <Stack gap="lg">
      <Paper p="md" withBorder>
        <Title order={2} size="h4" mb="xs">
          Import from another CRM
        </Title>
        <Text size="sm" c="dimmed" mb="md">
          A CSV export (UTF-8, comma, semicolon or tab separated, up to 200 MB): opportunities with their accounts,
          owners and outcomes, open and closed; then, if you have them, the accounts, contacts, contact roles (who is in
          each deal's buying group) and stage history, which link to the deals by their ids. Nothing is written until
          every row reads; a file imported again updates what it made.
        </Text>
        <Group align="flex-end">
          <FileInput
            id="import-file"
            label="CSV file"
            placeholder="Choose a file"
            accept=".csv,text/csv"
            value={file}
            onChange={setFile}
            leftSection={<IconFileUpload size={16} />}
            w={360}
          />
          <Button onClick={() => void onUpload()} disabled={!file} loading={upload.isPending}>
            Upload
          </Button>
        </Group>
        {upload.isError ? (
          <Alert color="red" mt="md" icon={<IconAlertTriangle size={16} />} title="The file cannot be used">
            {messageOf(upload.error)}
          </Alert>
        ) : null}
      </Paper>

      {uploaded ? (
        <Paper p="md" withBorder>
          <Title order={3} size="h5" mb="xs">
            {uploaded.fileName}: the first rows as they will be read
          </Title>
          <Table.ScrollContainer minWidth={600}>
            <Table striped withTableBorder data-testid="import-preview">
              <Table.Thead>
                <Table.Tr>
                  {uploaded.header.map((h, i) => (
                    <Table.Th key={i}>{h}</Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {uploaded.preview.map((row, r) => (
                  <Table.Tr key={r}>
                    {row.map((cell, c) => (
                      <Table.Td key={c}>{cell}</Table.Td>
                    ))}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>

          <Title order={3} size="h5" mt="lg" mb="xs">
            Which column holds what
          </Title>
          <Group mb="md">
            <Select
              id="import-base"
              label="What the file holds (a ready mapping)"
              data={mappingChoices}
              value={baseName}
              onChange={(value) => value && chooseBase(value, uploaded)}
              allowDeselect={false}
              w={360}
            />
            <Select
              id="import-date-order"
              label="Dates such as 03/04/2024 are"
              data={[
                { value: 'mdy', label: 'month/day/year' },
                { value: 'dmy', label: 'day/month/year' },
                { value: 'ymd', label: 'year/month/day' },
              ]}
              value={dateOrder}
              onChange={(value) => value && setDateOrder(value)}
              allowDeselect={false}
            />
          </Group>
          {base?.description ? (
            <Text size="sm" c="dimmed" mb="sm" data-testid="import-base-description">
              {base.description}
            </Text>
          ) : null}
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} data-testid="import-mapping">
            {(targets.data?.targets ?? [])
              .filter((t) => kindTargets.has(t.key))
              .map((t) => (
                <Select
                  key={t.key}
                  id={`map-${t.key}`}
                  label={t.label}
                  data={optionsFor(t.key)}
                  value={columns[t.key] ?? NONE}
                  onChange={(value) => setColumns((c) => ({ ...c, [t.key]: value ?? NONE }))}
                  allowDeselect={false}
                  searchable
                />
              ))}
          </SimpleGrid>
          <Group mt="lg">
            <Button variant="default" onClick={() => void start(true)} loading={run.isPending} disabled={running}>
              Check the file
            </Button>
            <Button
              onClick={() => void start(false)}
              disabled={running || view?.status !== 'checked'}
              title={view?.status !== 'checked' ? 'Check the file first' : undefined}
            >
              Import
            </Button>
          </Group>
          {run.isError ? (
            <Alert color="red" mt="md" icon={<IconAlertTriangle size={16} />} title="The mapping is not complete">
              <Text style={{ whiteSpace: 'pre-wrap' }} size="sm">
                {messageOf(run.error)}
              </Text>
            </Alert>
          ) : null}
        </Paper>
      ) : null}

      {view ? <ImportStatus view={view} kind={kind} /> : null}
    </Stack>
  );
}

function ImportStatus({ view, kind }: { view: ImportView; kind: string }) {
  const running = view.status === 'checking' || view.status === 'importing';
  const words = running ? runningWords(view) : null;
  return (
    <Paper p="md" withBorder data-testid="import-status">
      <Group justify="space-between" mb="xs">
        <Title order={3} size="h5">
          {words
            ? words.title
            : view.status === 'checked'
              ? 'Every row reads: ready to import'
              : view.status === 'done'
                ? 'Imported'
                : view.isDryRun
                  ? `${view.errorCount} problem${view.errorCount === 1 ? '' : 's'} to fix; nothing was written`
                  : 'Not imported; nothing was written'}
        </Title>
        <Badge
          color={
            view.status === 'failed' ? 'red' : view.status === 'done' || view.status === 'checked' ? 'green' : 'blue'
          }
        >
          {view.status}
        </Badge>
      </Group>
      {words ? <Progress value={words.percent} animated aria-label="Import progress" mb="xs" /> : null}
      {words ? (
        <Text size="sm" c="dimmed" data-testid="import-progress">
          {words.counted}
        </Text>
      ) : null}
      {view.leftOut.length > 0 && !running ? (
        <Text size="sm" c="dimmed" mb="xs">
          Not in the file, left out: {view.leftOut.join(', ')}
        </Text>
      ) : null}
      {view.errors.length > 0 ? (
        <Table withTableBorder data-testid="import-errors" mt="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Line</Table.Th>
              <Table.Th>Column</Table.Th>
              <Table.Th>Problem</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {view.errors.map((e, i) => (
              <Table.Tr key={i}>
                <Table.Td>{e.line}</Table.Td>
                <Table.Td>{e.column ?? '—'}</Table.Td>
                <Table.Td>{e.message}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : null}
      {view.counts && (view.status === 'done' || view.status === 'checked') ? (
        <Group gap="xs" mt="xs" data-testid="import-summary">
          <IconCircleCheck size={18} color="var(--mantine-color-green-6)" />
          <Text size="sm">
            {view.status === 'done' ? 'Imported' : 'Would import'} {broughtBy(view, kind)}
            {view.status === 'done' && kind === 'opportunity'
              ? `, ${view.counts.accountsCreated} new accounts, ${view.counts.peopleCreated} people added as inactive`
              : ''}
            {view.status === 'done' && (view.counts.assessed ?? 0) > 0
              ? `; ${view.counts.assessed} open deals assessed.`
              : '.'}
            {view.status === 'done' && (view.counts.replayedDays ?? 0) > 0
              ? ` The forecast's accuracy now reads ${view.counts.replayedDays} past days replayed from this history.`
              : ''}
          </Text>
          {view.status === 'done' ? (
            <Anchor component={Link} to="/opportunities">
              See the opportunities
            </Anchor>
          ) : null}
          {view.status === 'done' && (view.counts.replayedDays ?? 0) > 0 ? (
            <Anchor component={Link} to="/forecast">
              See the forecast
            </Anchor>
          ) : null}
        </Group>
      ) : null}
    </Paper>
  );
}

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
import { messageOf } from '../../app/api.ts';
import { useImport, useImportTargets, useRunImport, useUploadImport, type ImportTargets } from './queries.ts';

// Admin › Import: upload a CSV, see its first rows as they will be read, choose the column for each
// field (pre-filled from a ready mapping and the file's headers), check it (a dry run listing every
// problem by line and column), then import it with a progress bar and a summary.

const NONE = '';

type Base = ImportTargets['mappings'][number] | null;

/** Each field's column: the ready mapping's when the file has that column, else the suggestion. */
function initialColumns(uploaded: ImportUploaded, base: Base): Record<string, string> {
  const columns: Record<string, string> = { ...uploaded.suggestions };
  const fields = (base?.mapping.fields ?? {}) as Record<string, unknown>;
  for (const [target, source] of Object.entries(fields)) {
    if (typeof source === 'string' && uploaded.header.includes(source)) columns[target] = source;
  }
  return columns;
}

function mappingOf(columns: Record<string, string>, base: Base, dateOrder: string): Record<string, unknown> {
  const fields = Object.fromEntries(Object.entries(columns).filter(([, column]) => column !== NONE));
  const {
    name: _name,
    description: _description,
    fields: _fields,
    ...rest
  } = (base?.mapping ?? {}) as Record<string, unknown>;
  return { ...rest, dateOrder, fields };
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

  const chooseBase = (name: string, forFile: ImportUploaded) => {
    const next = targets.data?.mappings.find((m) => m.name === name) ?? null;
    setBaseName(name);
    setColumns(initialColumns(forFile, next));
    setDateOrder(String(next?.mapping.dateOrder ?? 'ymd'));
  };

  const onUpload = async () => {
    if (!file) return;
    setImportId(null);
    const answer = await upload.mutateAsync(file);
    setUploaded(answer);
    const guess =
      ['salesforce', 'hubspot'].find((name) => {
        const fields = (targets.data?.mappings.find((m) => m.name === name)?.mapping.fields ?? {}) as Record<
          string,
          unknown
        >;
        return Object.values(fields).filter((c) => typeof c === 'string' && answer.header.includes(c)).length >= 4;
      }) ?? 'generic';
    chooseBase(guess, answer);
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

  return (
    <Stack gap="lg">
      <Paper p="md" withBorder>
        <Title order={2} size="h4" mb="xs">
          Import from another CRM
        </Title>
        <Text size="sm" c="dimmed" mb="md">
          A CSV export (UTF-8, comma, semicolon or tab separated, up to 200 MB) of opportunities with their accounts,
          owners and outcomes, open and closed. Nothing is written until every row reads; a file imported again updates
          the deals it made.
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
              label="Start from"
              data={(targets.data?.mappings ?? []).map((m) => ({ value: m.name, label: m.label }))}
              value={baseName}
              onChange={(value) => value && chooseBase(value, uploaded)}
              allowDeselect={false}
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
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} data-testid="import-mapping">
            {(targets.data?.targets ?? []).map((t) => (
              <Select
                key={t.key}
                id={`map-${t.key}`}
                label={t.label}
                data={columnOptions}
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

      {view ? <ImportStatus view={view} /> : null}
    </Stack>
  );
}

function ImportStatus({ view }: { view: ImportView }) {
  const running = view.status === 'checking' || view.status === 'importing';
  const percent = view.rowsTotal ? Math.min(100, (view.rowsDone / view.rowsTotal) * 100) : running ? 5 : 100;
  return (
    <Paper p="md" withBorder data-testid="import-status">
      <Group justify="space-between" mb="xs">
        <Title order={3} size="h5">
          {view.status === 'checking'
            ? 'Checking every row…'
            : view.status === 'importing'
              ? 'Importing…'
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
      {running ? <Progress value={percent} animated aria-label="Import progress" mb="xs" /> : null}
      {running ? (
        <Text size="sm" c="dimmed">
          {view.rowsDone.toLocaleString()} rows{view.rowsTotal ? ` of ${view.rowsTotal.toLocaleString()}` : ''}
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
            {view.status === 'done' ? 'Imported' : 'Would import'} {view.counts.opportunities.toLocaleString()}{' '}
            opportunities ({view.counts.byStatus.open} open, {view.counts.byStatus.won} won, {view.counts.byStatus.lost}{' '}
            lost, {view.counts.byStatus.no_decision} no decision)
            {view.status === 'done'
              ? `, ${view.counts.accountsCreated} new accounts, ${view.counts.peopleCreated} people added as inactive.`
              : '.'}
          </Text>
          {view.status === 'done' ? (
            <Anchor component={Link} to="/opportunities">
              See the opportunities
            </Anchor>
          ) : null}
        </Group>
      ) : null}
    </Paper>
  );
}

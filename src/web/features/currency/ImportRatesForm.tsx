import { Alert, Button, Code, FileInput, Group, Paper, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconFileSpreadsheet, IconUpload } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import type { RateImportResult } from '../../../contract/currency.ts';
import { messageOf } from '../../app/api.ts';
import { useImportRates } from './queries.ts';
import { columnLabel, importProblemsOf } from './rates-model.ts';

const MAX_BYTES = 1_000_000;

/** A file of rates, all kept or, if any line is wrong, none: the problems are listed line by line. */
export function ImportRatesForm() {
  const importRates = useImportRates();
  const [file, setFile] = useState<File | null>(null);
  const [tooBig, setTooBig] = useState(false);
  const [result, setResult] = useState<RateImportResult | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) return;
    setResult(null);
    importRates.reset();
    if (file.size > MAX_BYTES) {
      setTooBig(true);
      return;
    }
    const csv = await file.text();
    importRates.mutate(csv, {
      onSuccess: (counts) => {
        setResult(counts);
        notifications.show({ color: 'teal', title: 'Rates imported', message: summary(counts) });
      },
    });
  };

  const problems = importProblemsOf(importRates.error);
  return (
    <Paper p="lg">
      <Title order={2} fz="md" mb={4}>
        Import rates from a CSV file
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        A header <Code>currency,valid_from,rate</Code>, then one rate a line, such as <Code>EUR,2026-01-01,1.0845</Code>
        . A rate already on file for the same currency and day is replaced. If any line is wrong, nothing is imported.
      </Text>
      <form onSubmit={(event) => void submit(event)} aria-label="Import rates">
        <Group align="flex-end" gap="sm">
          <FileInput
            id="rates-file"
            label="CSV file"
            placeholder="Choose a file"
            accept=".csv,text/csv"
            leftSection={<IconFileSpreadsheet size={16} />}
            value={file}
            onChange={(next) => {
              setFile(next);
              setTooBig(false);
              setResult(null);
              importRates.reset();
            }}
            error={tooBig ? 'At most 1 MB at a time: split the file' : undefined}
            clearable
            style={{ flex: '1 1 260px' }}
          />
          <Button type="submit" leftSection={<IconUpload size={16} />} disabled={!file} loading={importRates.isPending}>
            Import
          </Button>
        </Group>
      </form>
      {result ? (
        <Alert color="teal" mt="md" role="status" data-testid="import-result">
          {summary(result)}
        </Alert>
      ) : null}
      {importRates.isError ? (
        <Alert color="red" mt="md" role="alert" title="Nothing was imported" data-testid="import-error">
          {problems.length > 0 ? (
            <>
              <Text size="sm" mb="xs">
                {problems.length === 1 ? 'One problem' : `${problems.length} problems`} to fix in the file, then import
                it again:
              </Text>
              <Table
                withTableBorder
                verticalSpacing={4}
                fz="sm"
                aria-label="Problems in the file"
                data-testid="import-problems"
              >
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th w={70}>Line</Table.Th>
                    <Table.Th w={120}>Column</Table.Th>
                    <Table.Th>Problem</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {problems.map((p) => (
                    <Table.Tr key={`${p.line} ${p.column}`}>
                      <Table.Td className="tabular">{p.line}</Table.Td>
                      <Table.Td>{columnLabel(p.column)}</Table.Td>
                      <Table.Td>{p.message}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </>
          ) : (
            messageOf(importRates.error)
          )}
        </Alert>
      ) : null}
    </Paper>
  );
}

function summary(counts: RateImportResult): string {
  const parts = [`${counts.added} added`, `${counts.updated} replaced`];
  if (counts.unchanged > 0) parts.push(`${counts.unchanged} already on file`);
  return `${parts.join(', ')}.`;
}

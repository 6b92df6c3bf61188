import { Anchor, Button, Group, Paper, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { IconDownload, IconFileTypeCsv } from '@tabler/icons-react';
import { ErrorState } from '../../shared/states.tsx';
import { useExportTables } from './queries.ts';

const label = (table: string) => {
  const words = table.replaceAll('_', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
};

/**
 * Administrators: everything the organization owns, as one JSON document another Winsight imports
 * without loss, or a table at a time as CSV for spreadsheets and other tools.
 */
export function ExportPanel() {
  const tables = useExportTables();
  const total = tables.data?.items.reduce((sum, t) => sum + t.rows, 0) ?? 0;
  return (
    <Stack gap="lg" data-testid="export-panel">
      <Paper p="lg">
        <Title order={2} fz="md" mb={4}>
          Export everything
        </Title>
        <Text size="sm" c="dimmed" mb="md">
          One JSON document holds all your organization owns: people, accounts, contacts and deals, what was learned
          with its evidence, every change in the history, assessments and their trends, forecasts, reviews and coaching.
          Another Winsight reads it back without loss (<code>winsight import --file</code>). Sessions and API tokens
          stay here, and saved passwords of the mail server and sign-in provider are left empty: they are sealed under
          this server&apos;s key.
        </Text>
        <Group>
          <Button
            component="a"
            href="/api/export"
            download
            leftSection={<IconDownload size={16} />}
            data-testid="export-document"
          >
            Download the document (JSON)
          </Button>
          {tables.data ? (
            <Text size="sm" c="dimmed">
              {total.toLocaleString()} rows in {tables.data.items.length} tables
            </Text>
          ) : null}
        </Group>
      </Paper>
      <Paper p="lg">
        <Title order={2} fz="md" mb={4}>
          A table at a time
        </Title>
        <Text size="sm" c="dimmed" mb="md">
          Each table as CSV (UTF-8), with the columns as the database names them.
        </Text>
        {tables.isError ? (
          <ErrorState error={tables.error} onRetry={() => void tables.refetch()} />
        ) : tables.isPending ? (
          <Skeleton height={320} aria-label="Loading the tables" />
        ) : (
          <Table striped highlightOnHover aria-label="Tables to export" data-testid="export-tables">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Table</Table.Th>
                <Table.Th ta="right">Rows</Table.Th>
                <Table.Th>Download</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {tables.data.items.map((t) => (
                <Table.Tr key={t.name}>
                  <Table.Td>{label(t.name)}</Table.Td>
                  <Table.Td ta="right">{t.rows.toLocaleString()}</Table.Td>
                  <Table.Td>
                    {t.rows > 0 ? (
                      <Anchor
                        href={`/api/export/tables/${t.name}`}
                        download
                        size="sm"
                        aria-label={`${label(t.name)} as CSV`}
                      >
                        <Group gap={4} component="span">
                          <IconFileTypeCsv size={16} /> CSV
                        </Group>
                      </Anchor>
                    ) : (
                      <Text size="sm" c="dimmed">
                        empty
                      </Text>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Paper>
    </Stack>
  );
}

import { Alert, Button, Group, Table, Text } from '@mantine/core';
import { IconGitMerge } from '@tabler/icons-react';
import { useEffect, useRef } from 'react';
import { formatDateTime } from './format.ts';

export type ConflictRow = { field: string; label: string; theirs: string; mine: string | null };

type ConflictAlertProps = {
  noun: string;
  editorName: string;
  savedAt: string;
  rows: ConflictRow[];
  onLoadTheirs(): void;
  onReapplyMine(): void;
};

/**
 * Saving found a newer version: what the other person changed next to what this person wanted,
 * and a choice between taking theirs or re-applying one's own on top of it.
 */
export function ConflictAlert({ noun, editorName, savedAt, rows, onLoadTheirs, onReapplyMine }: ConflictAlertProps) {
  const ref = useRef<HTMLDivElement>(null);
  // the save button sits at the bottom of the form: bring the explanation into view
  useEffect(() => {
    ref.current?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  }, []);
  return (
    <Alert
      ref={ref}
      color="orange"
      variant="light"
      icon={<IconGitMerge size={20} />}
      title={`Someone else changed this ${noun}`}
      role="alert"
      data-testid="conflict-notice"
      mb="lg"
    >
      <Text size="sm" mb="sm">
        {editorName} saved a newer version at {formatDateTime(savedAt)}, after you opened it. Your changes are not saved
        yet.
      </Text>
      {rows.length > 0 ? (
        <Table withTableBorder withColumnBorders bg="var(--mantine-color-body)" fz="sm" mb="md" verticalSpacing={6}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Field</Table.Th>
              <Table.Th>Their value now</Table.Th>
              <Table.Th>Your value</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row) => (
              <Table.Tr key={row.field}>
                <Table.Td fw={500}>{row.label}</Table.Td>
                <Table.Td data-testid={`theirs-${row.field}`}>{row.theirs}</Table.Td>
                <Table.Td>
                  {row.mine === null ? (
                    <Text span c="dimmed" size="sm">
                      unchanged
                    </Text>
                  ) : (
                    row.mine
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : null}
      <Group gap="sm">
        <Button variant="default" onClick={onLoadTheirs}>
          Discard mine and load their version
        </Button>
        <Button color="orange" onClick={onReapplyMine}>
          Re-apply my changes on their version
        </Button>
      </Group>
    </Alert>
  );
}

/** The rows worth showing: fields the other person changed, and fields this person changed. */
export function conflictRows<F extends Record<string, unknown>>(options: {
  before: F;
  theirs: F;
  mine: Partial<F>;
  order: readonly (keyof F & string)[];
  label(field: string): string;
  show(field: string, value: unknown, side: 'theirs' | 'mine'): string;
}): ConflictRow[] {
  const { before, theirs, mine, order, label, show } = options;
  return order
    .filter((field) => theirs[field] !== before[field] || field in mine)
    .map((field) => ({
      field,
      label: label(field),
      theirs: show(field, theirs[field], 'theirs'),
      mine: field in mine ? show(field, mine[field], 'mine') : null,
    }));
}

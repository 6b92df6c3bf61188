import { Button, Center, EmptyState, Paper, Skeleton, Stack, Table } from '@mantine/core';
import { IconAlertTriangle, IconMapSearch } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { messageOf } from '../app/api.ts';

/** A failed load, with its reason and a way to try again. */
export function ErrorState({ error, onRetry, title = 'This could not be loaded' }: { error: unknown; onRetry?: () => void; title?: string }) {
  return (
    <Center py="xl">
      <EmptyState
        variant="light"
        color="red"
        icon={<IconAlertTriangle size={26} />}
        title={title}
        description={messageOf(error)}
      >
        {onRetry ? (
          <EmptyState.Actions>
            <Button variant="default" onClick={onRetry}>
              Try again
            </Button>
          </EmptyState.Actions>
        ) : null}
      </EmptyState>
    </Center>
  );
}

/** A record that does not exist or lies outside what the reader may see (the API says 404 for both). */
export function NotFoundState({ title, description, backTo, backLabel }: { title: string; description: ReactNode; backTo: string; backLabel: string }) {
  return (
    <Paper p="xl" mt="md">
      <Center py="lg">
        <EmptyState variant="light" icon={<IconMapSearch size={26} />} title={title} description={description}>
          <EmptyState.Actions>
            <Button component={Link} to={backTo}>
              {backLabel}
            </Button>
          </EmptyState.Actions>
        </EmptyState>
      </Center>
    </Paper>
  );
}

/** Rows of grey bars shaped like the table that is loading. */
export function TableSkeletonRows({ columns, rows = 8 }: { columns: number; rows?: number }) {
  return (
    <>
      {Array.from({ length: rows }, (_, r) => (
        <Table.Tr key={r} aria-hidden>
          {Array.from({ length: columns }, (_, c) => (
            <Table.Td key={c}>
              <Skeleton height={14} radius="sm" width={c === 0 ? '80%' : '60%'} />
            </Table.Td>
          ))}
        </Table.Tr>
      ))}
    </>
  );
}

export function FormSkeleton() {
  return (
    <Stack gap="md" aria-label="Loading" aria-busy>
      <Skeleton height={32} width="40%" />
      <Skeleton height={18} width="60%" />
      <Skeleton height={260} />
    </Stack>
  );
}

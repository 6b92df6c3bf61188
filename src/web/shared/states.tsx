import { Button, Paper, Skeleton, Stack, Table } from '@mantine/core';
import { IconAlertTriangle, IconMapSearch } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { messageOf } from '../app/api.ts';
import { StateMessage } from './StateMessage.tsx';

/** A failed load, with its reason and a way to try again. */
export function ErrorState({
  error,
  onRetry,
  title = 'This could not be loaded',
}: {
  error: unknown;
  onRetry?: () => void;
  title?: string;
}) {
  return (
    <StateMessage
      tone="light"
      color="red"
      icon={<IconAlertTriangle size={26} />}
      title={title}
      description={messageOf(error)}
      actions={
        onRetry ? (
          <Button variant="default" onClick={onRetry}>
            Try again
          </Button>
        ) : null
      }
    />
  );
}

/** A record that does not exist or lies outside what the reader may see (the API says 404 for both). */
export function NotFoundState({
  title,
  description,
  backTo,
  backLabel,
}: {
  title: string;
  description: ReactNode;
  backTo: string;
  backLabel: string;
}) {
  return (
    <Paper p="xl" mt="md">
      <StateMessage
        tone="light"
        icon={<IconMapSearch size={26} />}
        title={title}
        description={description}
        testId="not-found"
        headingOrder={1}
        actions={
          <Button component={Link} to={backTo}>
            {backLabel}
          </Button>
        }
      />
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

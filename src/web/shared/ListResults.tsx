import { Button, Group, Loader, Paper } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { ListFooter } from './ListFooter.tsx';
import { StateMessage } from './StateMessage.tsx';
import { ErrorState } from './states.tsx';

type ListQuery = {
  data?: { items: readonly unknown[]; total: number } | undefined;
  isError: boolean;
  error: unknown;
  isFetching: boolean;
  refetch(): unknown;
};

type ListResultsProps = {
  result: ListQuery;
  /** "Accounts could not be loaded" */
  errorTitle?: string;
  /** shown when nothing matches, or nothing exists yet */
  empty: ReactNode;
  noun: [singular: string, plural: string];
  limit: number;
  offset: number;
  onOffset(offset: number): void;
  /** a small spinner beside the footer while the next rows load */
  showFetching?: boolean;
  /** the table */
  children: ReactNode;
};

/**
 * A list page's rows: the table (its previous rows stay, faded, while the next ones load), why it
 * could not be loaded, or that it is empty; then how many there are and the pages.
 */
export function ListResults({
  result,
  errorTitle,
  empty,
  noun,
  limit,
  offset,
  onOffset,
  showFetching = false,
  children,
}: ListResultsProps) {
  const footer =
    result.data && result.data.total > 0 ? (
      <ListFooter
        total={result.data.total}
        offset={offset}
        limit={limit}
        shown={result.data.items.length}
        noun={noun}
        onOffset={onOffset}
      />
    ) : null;
  return (
    <>
      <Paper p={0} style={{ overflow: 'hidden' }}>
        {result.isError && !result.data ? (
          <ErrorState
            error={result.error}
            onRetry={() => void result.refetch()}
            {...(errorTitle ? { title: errorTitle } : {})}
          />
        ) : result.data && result.data.total === 0 ? (
          empty
        ) : (
          children
        )}
      </Paper>
      {footer && showFetching ? (
        <Group justify="space-between" align="center">
          {footer}
          {result.isFetching ? <Loader size="xs" mt="md" aria-label="Updating" /> : null}
        </Group>
      ) : (
        footer
      )}
    </>
  );
}

type EmptyListProps = {
  icon: ReactNode;
  /** "accounts" */
  plural: string;
  /** a search or filters narrow the list */
  filtered: boolean;
  search: string | undefined;
  /** what to try next: when filtered, and when there is nothing yet */
  hints: { filtered: string; empty: string };
  /** clears the search or filters */
  reset: { label: string; onClick(): void };
  create: { label: string; onClick(): void };
  testId?: string;
};

/** Nothing matches (with a way to clear the search), or nothing yet (with a way to add the first). */
export function EmptyList({ icon, plural, filtered, search, hints, reset, create, testId }: EmptyListProps) {
  return (
    <StateMessage
      py={56}
      icon={icon}
      title={
        filtered ? (search ? `No ${plural} match “${search}”` : `No ${plural} match these filters`) : `No ${plural} yet`
      }
      description={filtered ? hints.filtered : hints.empty}
      {...(testId ? { testId } : {})}
      actions={
        filtered ? (
          <Button variant="default" onClick={reset.onClick}>
            {reset.label}
          </Button>
        ) : (
          <Button leftSection={<IconPlus size={16} />} onClick={create.onClick}>
            {create.label}
          </Button>
        )
      }
    />
  );
}

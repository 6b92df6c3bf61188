import { Button, Group, Loader, Paper } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { ListFooter } from './ListFooter.tsx';
import { StateMessage } from './StateMessage.tsx';
import { ErrorState } from './states.tsx';

type ListQuery = {
  /** total: null on a page reached by cursor (the list does not count again) */
  data?: { items: readonly unknown[]; total: number | null } | undefined;
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
  /** a small spinner beside the footer while the next rows load */
  showFetching?: boolean;
  /** the table */
  children: ReactNode;
} & (
  | {
      /** numbered pages, by offset */
      limit: number;
      offset: number;
      onOffset(offset: number): void;
    }
  | {
      /** a list paged another way (by cursor) brings its own footer */
      footer: ReactNode;
    }
);

/**
 * A list page's rows: the table (its previous rows stay, faded, while the next ones load), why it
 * could not be loaded, or that it is empty; then how many there are and the pages.
 */
export function ListResults(props: ListResultsProps) {
  const { result, errorTitle, empty, noun, showFetching = false, children } = props;
  const footer =
    !result.data || result.data.total === 0 ? null : 'footer' in props ? (
      props.footer
    ) : (
      <ListFooter
        total={result.data.total ?? 0}
        offset={props.offset}
        limit={props.limit}
        shown={result.data.items.length}
        noun={noun}
        onOffset={props.onOffset}
      />
    );
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
  /** a title of its own for the filtered case (the usual view of a list that is filtered by default) */
  filteredTitle?: string | undefined;
  testId?: string;
};

/** Nothing matches (with a way to clear the search), or nothing yet (with a way to add the first). */
export function EmptyList({
  icon,
  plural,
  filtered,
  search,
  hints,
  reset,
  create,
  filteredTitle,
  testId,
}: EmptyListProps) {
  return (
    <StateMessage
      py={56}
      icon={icon}
      title={
        filtered
          ? search
            ? `No ${plural} match “${search}”`
            : (filteredTitle ?? `No ${plural} match these filters`)
          : `No ${plural} yet`
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

import { Button, Group, Text } from '@mantine/core';
import { IconChevronLeft, IconChevronRight } from '@tabler/icons-react';
import type { useCursorPages } from './useCursorPages.ts';

type CursorFooterProps = {
  pages: ReturnType<typeof useCursorPages>;
  limit: number;
  shown: number;
  noun: [singular: string, plural: string];
};

/** "Showing 26–50 of 337 opportunities" (or "of 10,000+" past the count's cap), Previous and Next. */
export function CursorFooter({ pages, limit, shown, noun }: CursorFooterProps) {
  const { pageIndex, total } = pages;
  const count = total ? `${total.value.toLocaleString()}${total.isLowerBound ? '+' : ''}` : null;
  const word = total && total.value === 1 && !total.isLowerBound ? noun[0] : noun[1];
  const from = pageIndex === null ? null : pageIndex * limit + 1;
  const text =
    from === null
      ? `Showing ${shown} ${shown === 1 ? noun[0] : noun[1]}`
      : `Showing ${from}–${from + shown - 1}${count ? ` of ${count}` : ''} ${count ? word : noun[1]}`;
  return (
    <Group justify="space-between" mt="md" gap="sm">
      <Text size="sm" c="dimmed" className="tabular" aria-live="polite">
        {text}
      </Text>
      {pages.hasPrevious || pages.hasNext ? (
        <Group gap="xs">
          <Button
            size="xs"
            variant="default"
            leftSection={<IconChevronLeft size={14} />}
            disabled={!pages.hasPrevious}
            onClick={pages.previous}
          >
            {pageIndex === null ? 'First page' : 'Previous'}
          </Button>
          <Button
            size="xs"
            variant="default"
            rightSection={<IconChevronRight size={14} />}
            disabled={!pages.hasNext}
            onClick={pages.next}
          >
            Next
          </Button>
        </Group>
      ) : null}
    </Group>
  );
}

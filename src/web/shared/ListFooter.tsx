import { Group, Pagination, Text } from '@mantine/core';

type ListFooterProps = {
  total: number;
  offset: number;
  limit: number;
  shown: number;
  noun: [singular: string, plural: string];
  onOffset(offset: number): void;
};

/** "Showing 26–50 of 337 opportunities" and the page numbers. */
export function ListFooter({ total, offset, limit, shown, noun, onOffset }: ListFooterProps) {
  const pages = Math.max(1, Math.ceil(total / limit));
  const page = Math.floor(offset / limit) + 1;
  const word = total === 1 ? noun[0] : noun[1];
  return (
    <Group justify="space-between" mt="md" gap="sm">
      <Text size="sm" c="dimmed" className="tabular" aria-live="polite">
        {total === 0 ? `No ${noun[1]}` : `Showing ${offset + 1}–${offset + shown} of ${total.toLocaleString()} ${word}`}
      </Text>
      {pages > 1 ? (
        <Pagination
          total={pages}
          value={Math.min(page, pages)}
          onChange={(next) => onOffset((next - 1) * limit)}
          size="sm"
          getControlProps={(control) => ({ 'aria-label': `${control} page` })}
          getItemProps={(p) => ({ 'aria-label': `Page ${p}` })}
        />
      ) : null}
    </Group>
  );
}

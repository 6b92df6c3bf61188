import { Table, UnstyledButton } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconArrowsSort } from '@tabler/icons-react';
import type { ReactNode } from 'react';

type SortableThProps = {
  /** the sort key of this column, e.g. "amount" (descending is "-amount") */
  field: string;
  sort: string;
  onSort(next: string): void;
  children: ReactNode;
  align?: 'left' | 'right';
  w?: number | string;
  visibleFrom?: 'sm' | 'md' | 'lg' | 'xl';
};

/** A column header that sorts by its field; a second click reverses the order. */
export function SortableTh({ field, sort, onSort, children, align = 'left', w, visibleFrom }: SortableThProps) {
  const active = sort === field || sort === `-${field}`;
  const descending = sort === `-${field}`;
  const Icon = !active ? IconArrowsSort : descending ? IconArrowDown : IconArrowUp;
  const next = active && !descending ? `-${field}` : field;
  return (
    <Table.Th
      w={w}
      visibleFrom={visibleFrom}
      aria-sort={active ? (descending ? 'descending' : 'ascending') : 'none'}
      style={{ textAlign: align }}
    >
      <UnstyledButton
        onClick={() => onSort(next)}
        fw={600}
        fz="sm"
        style={{ display: 'inline-flex', alignItems: 'center', gap: 4, whiteSpace: 'nowrap' }}
      >
        {children}
        <Icon size={14} stroke={1.75} style={{ opacity: active ? 1 : 0.4 }} aria-hidden />
      </UnstyledButton>
    </Table.Th>
  );
}

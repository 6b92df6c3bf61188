import { Anchor, Table, Text } from '@mantine/core';
import { Link, useNavigate } from 'react-router';
import type { Account } from '../../../contract/accounts.ts';
import { RelationshipBadge } from '../../shared/badges.tsx';
import { formatRelative } from '../../shared/format.ts';
import { SIZE_BAND_SHORT } from '../../shared/labels.ts';
import { SortableTh } from '../../shared/SortableTh.tsx';
import { TableSkeletonRows } from '../../shared/states.tsx';

type AccountTableProps = { items: Account[] | undefined; sort: string; onSort(sort: string): void; isStale: boolean };

export function AccountTable({ items, sort, onSort, isStale }: AccountTableProps) {
  // under BrowserRouter navigate is synchronous: the Promise in its type is for data routers, hence `void`
  const navigate = useNavigate();
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table
        highlightOnHover
        verticalSpacing="sm"
        horizontalSpacing="md"
        style={{ opacity: isStale ? 0.55 : 1, transition: 'opacity 120ms' }}
        aria-busy={isStale || !items}
      >
        <Table.Thead>
          <Table.Tr>
            <SortableTh field="name" sort={sort} onSort={onSort}>
              Account
            </SortableTh>
            <Table.Th visibleFrom="md">Industry</Table.Th>
            <Table.Th>Employees</Table.Th>
            <Table.Th>Relationship</Table.Th>
            <Table.Th>Owner</Table.Th>
            <Table.Th style={{ textAlign: 'right', whiteSpace: 'nowrap' }}>Open deals</Table.Th>
            <SortableTh field="updatedAt" sort={sort} onSort={onSort} visibleFrom="lg">
              Updated
            </SortableTh>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items === undefined ? (
            <TableSkeletonRows columns={5} />
          ) : (
            items.map((a) => (
              <Table.Tr
                key={a.id}
                onClick={(e) => {
                  if (!(e.target as HTMLElement).closest('a')) void navigate(`/accounts/${a.id}`);
                }}
                style={{ cursor: 'pointer' }}
              >
                <Table.Td>
                  <Anchor component={Link} to={`/accounts/${a.id}`} fw={600} size="sm" c="var(--mantine-color-text)">
                    {a.name}
                  </Anchor>
                </Table.Td>
                <Table.Td visibleFrom="md">
                  <Text size="sm" c={a.industry ? undefined : 'dimmed'}>
                    {a.industry ?? '—'}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" c={a.sizeBand ? undefined : 'dimmed'} style={{ whiteSpace: 'nowrap' }}>
                    {a.sizeBand ? SIZE_BAND_SHORT[a.sizeBand] : '—'}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <RelationshipBadge relationship={a.relationship} />
                </Table.Td>
                <Table.Td>
                  <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                    {a.ownerName}
                  </Text>
                </Table.Td>
                <Table.Td ta="right" className="tabular">
                  <Text size="sm" c={a.openOpportunityCount ? undefined : 'dimmed'}>
                    {a.openOpportunityCount}
                  </Text>
                </Table.Td>
                <Table.Td visibleFrom="lg">
                  <Text size="sm" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                    {formatRelative(a.updatedAt)}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))
          )}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

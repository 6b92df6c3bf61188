import { Anchor, Table, Text } from '@mantine/core';
import { Link, useNavigate } from 'react-router';
import type { Contact } from '../../../contract/contacts.ts';
import { SortableTh } from '../../shared/SortableTh.tsx';
import { TableSkeletonRows } from '../../shared/states.tsx';

type ContactTableProps = {
  items: Contact[] | undefined;
  sort: string;
  onSort(sort: string): void;
  isStale: boolean;
  hideAccount?: boolean;
};

export function ContactTable({ items, sort, onSort, isStale, hideAccount = false }: ContactTableProps) {
  // under BrowserRouter navigate is synchronous: the Promise in its type is for data routers, hence `void`
  const navigate = useNavigate();
  const columns = hideAccount ? 4 : 5;
  return (
    <Table.ScrollContainer minWidth={hideAccount ? 620 : 780}>
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
              Name
            </SortableTh>
            <Table.Th>Title</Table.Th>
            {hideAccount ? null : <Table.Th>Account</Table.Th>}
            <Table.Th>Email</Table.Th>
            <Table.Th>Phone</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items === undefined ? (
            <TableSkeletonRows columns={columns} />
          ) : (
            items.map((c) => (
              <Table.Tr
                key={c.id}
                onClick={(e) => {
                  if (!(e.target as HTMLElement).closest('a')) void navigate(`/contacts/${c.id}`);
                }}
                style={{ cursor: 'pointer' }}
              >
                <Table.Td>
                  <Anchor component={Link} to={`/contacts/${c.id}`} fw={600} size="sm" c="var(--mantine-color-text)">
                    {c.name}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" c={c.title ? undefined : 'dimmed'}>
                    {c.title ?? '—'}
                  </Text>
                </Table.Td>
                {hideAccount ? null : (
                  <Table.Td>
                    <Anchor component={Link} to={`/accounts/${c.accountId}`} size="sm" c="dimmed">
                      {c.accountName}
                    </Anchor>
                  </Table.Td>
                )}
                <Table.Td>
                  {c.email ? (
                    <Anchor href={`mailto:${c.email}`} size="sm">
                      {c.email}
                    </Anchor>
                  ) : (
                    <Text size="sm" c="dimmed">
                      —
                    </Text>
                  )}
                </Table.Td>
                <Table.Td className="tabular">
                  <Text size="sm" c={c.phone ? undefined : 'dimmed'} style={{ whiteSpace: 'nowrap' }}>
                    {c.phone ?? '—'}
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

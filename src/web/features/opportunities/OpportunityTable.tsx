import { Anchor, Table, Text, Tooltip } from '@mantine/core';
import { Link, useNavigate } from 'react-router';
import type { OpportunityListItem } from '../../../contract/opportunities.ts';
import { StatusBadge } from '../../shared/badges.tsx';
import { formatDate, formatMoney, formatWholeMoney, todayLocal } from '../../shared/format.ts';
import { SortableTh } from '../../shared/SortableTh.tsx';
import { TableSkeletonRows } from '../../shared/states.tsx';
import { WinProbability } from '../../shared/WinProbability.tsx';

type OpportunityTableProps = {
  items: OpportunityListItem[] | undefined;
  sort: string;
  onSort(sort: string): void;
  /** showing the previous results while new ones load */
  isStale: boolean;
  /** leave out the account column (on an account's own page) */
  hideAccount?: boolean;
};

const COLUMNS = 8;

export function OpportunityTable({ items, sort, onSort, isStale, hideAccount = false }: OpportunityTableProps) {
  // under BrowserRouter navigate is synchronous: the Promise in its type is for data routers, hence `void`
  const navigate = useNavigate();
  const today = todayLocal();
  return (
    <Table.ScrollContainer minWidth={820}>
      <Table
        highlightOnHover
        verticalSpacing="sm"
        horizontalSpacing="sm"
        style={{ opacity: isStale ? 0.55 : 1, transition: 'opacity 120ms' }}
        aria-busy={isStale || !items}
        data-testid="opportunity-table"
      >
        <Table.Thead>
          <Table.Tr>
            <SortableTh field="name" sort={sort} onSort={onSort}>
              Opportunity
            </SortableTh>
            {hideAccount ? null : (
              <SortableTh field="account" sort={sort} onSort={onSort} visibleFrom="xl">
                Account
              </SortableTh>
            )}
            <SortableTh field="amount" sort={sort} onSort={onSort} align="right">
              Amount
            </SortableTh>
            <SortableTh field="closeDate" sort={sort} onSort={onSort}>
              Expected close
            </SortableTh>
            <SortableTh field="stage" sort={sort} onSort={onSort}>
              Stage
            </SortableTh>
            <SortableTh field="winProbability" sort={sort} onSort={onSort}>
              Win chance
            </SortableTh>
            <Table.Th>Owner</Table.Th>
            <Table.Th>Status</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items === undefined ? (
            <TableSkeletonRows columns={COLUMNS - 1} />
          ) : (
            items.map((o) => {
              const isOverdue = o.status === 'open' && o.expectedCloseDate < today;
              return (
                <Table.Tr
                  key={o.id}
                  onClick={(e) => {
                    if (!(e.target as HTMLElement).closest('a')) void navigate(`/opportunities/${o.id}`);
                  }}
                  style={{ cursor: 'pointer' }}
                >
                  <Table.Td miw={190}>
                    <Anchor
                      component={Link}
                      to={`/opportunities/${o.id}`}
                      fw={600}
                      size="sm"
                      c="var(--mantine-color-text)"
                    >
                      {o.name}
                    </Anchor>
                    {hideAccount ? null : (
                      // on narrower screens the account sits under the name instead of in its own column
                      <Text size="xs" c="dimmed" hiddenFrom="xl">
                        {o.accountName}
                      </Text>
                    )}
                  </Table.Td>
                  {hideAccount ? null : (
                    <Table.Td miw={160} visibleFrom="xl">
                      <Anchor component={Link} to={`/accounts/${o.accountId}`} size="sm" c="dimmed">
                        {o.accountName}
                      </Anchor>
                    </Table.Td>
                  )}
                  <Table.Td ta="right" className="tabular" style={{ whiteSpace: 'nowrap' }} data-testid="amount-cell">
                    <Amount opportunity={o} />
                  </Table.Td>
                  <Table.Td className="tabular" style={{ whiteSpace: 'nowrap' }}>
                    {isOverdue ? (
                      <Tooltip label="Expected close date has passed">
                        <Text span size="sm" c="orange.8" fw={500}>
                          {formatDate(o.expectedCloseDate)}
                        </Text>
                      </Tooltip>
                    ) : (
                      <Text span size="sm">
                        {formatDate(o.expectedCloseDate)}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                      {o.stageName}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <WinProbability opportunity={o} />
                  </Table.Td>
                  <Table.Td data-testid="owner-cell">
                    <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                      {o.ownerName}
                    </Text>
                  </Table.Td>
                  <Table.Td data-testid="status-cell">
                    <StatusBadge status={o.status} />
                  </Table.Td>
                </Table.Tr>
              );
            })
          )}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/**
 * The amount in the reporting currency, which the column sorts by, aligned at the right; the
 * original before it when the deal is in another currency; without a rate today, the original
 * alone, flagged (such deals sort after the others).
 */
function Amount({ opportunity: o }: { opportunity: OpportunityListItem }) {
  const original = formatMoney(o.amountMinor, o.currency);
  if (o.value === null) {
    return (
      <Tooltip label={`No exchange rate for ${o.currency} today: an admin adds one under Admin › Currency`}>
        <Text span size="sm" fw={500}>
          {original}{' '}
          <Text span size="xs" c="orange.8">
            · no rate
          </Text>
        </Text>
      </Tooltip>
    );
  }
  // a converted amount's cents are an artefact of the rate: whole units
  const converted =
    o.value.currency === o.currency
      ? formatMoney(o.value.amountMinor, o.value.currency)
      : formatWholeMoney(o.value.amountMinor, o.value.currency);
  if (o.value.currency === o.currency) {
    return (
      <Text span size="sm" fw={500}>
        {converted}
      </Text>
    );
  }
  return (
    <Text span size="sm">
      <Text span size="xs" c="dimmed">
        {original} ·{' '}
      </Text>
      <Text span size="sm" fw={500}>
        {converted}
      </Text>
    </Text>
  );
}

import {
  ActionIcon,
  Group,
  Pagination,
  Paper,
  Select,
  Table,
  Text,
  Title,
  Tooltip,
  VisuallyHidden,
} from '@mantine/core';
import { IconCoins, IconTrash } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import type { CurrencySettings, ExchangeRate } from '../../../contract/currency.ts';
import { ConfirmDialog } from '../../shared/ConfirmDialog.tsx';
import { formatDate } from '../../shared/format.ts';
import { StateMessage } from '../../shared/StateMessage.tsx';
import { TableSkeletonRows } from '../../shared/states.tsx';
import { useDeleteRate } from './queries.ts';

const PAGE_SIZE = 12;

/** The rates on file, by currency and newest first, a page at a time (a year of monthly rates). */
export function RatesTable({ settings }: { settings: CurrencySettings | undefined }) {
  const remove = useDeleteRate();
  const [currency, setCurrency] = useState<string | null>(null);
  const [page, setPage] = useState(1);
  const [deleting, setDeleting] = useState<ExchangeRate | null>(null);
  const rates = settings?.rates ?? [];
  const currencies = useMemo(() => [...new Set(rates.map((r) => r.currency))], [rates]);
  const shown = currency ? rates.filter((r) => r.currency === currency) : rates;
  const pages = Math.max(1, Math.ceil(shown.length / PAGE_SIZE));
  const onPage = shown.slice((Math.min(page, pages) - 1) * PAGE_SIZE, Math.min(page, pages) * PAGE_SIZE);
  const reporting = settings?.reportingCurrency ?? '';

  return (
    <Paper p={0} style={{ overflow: 'hidden' }}>
      <Group justify="space-between" align="flex-end" p="lg" pb="sm">
        <div>
          <Title order={2} fz="md" mb={4}>
            Exchange rates
          </Title>
          <Text size="sm" c="dimmed">
            A rate holds from its day until the currency's next one. Amounts dated before a currency's first rate cannot
            be converted.
          </Text>
        </div>
        {currencies.length > 1 ? (
          <Select
            label="Show"
            data={[{ value: '', label: 'All currencies' }, ...currencies.map((c) => ({ value: c, label: c }))]}
            value={currency ?? ''}
            onChange={(next) => {
              setCurrency(next ? next : null);
              setPage(1);
            }}
            allowDeselect={false}
            w={170}
          />
        ) : null}
      </Group>
      {settings && rates.length === 0 ? (
        <StateMessage
          icon={<IconCoins size={24} />}
          title="No exchange rates yet"
          description={`Add a rate below or import a CSV file. Until a currency has a rate, its amounts cannot be converted into ${reporting}.`}
          testId="rates-empty"
          py="md"
        />
      ) : (
        <Table.ScrollContainer minWidth={560}>
          <Table verticalSpacing="xs" horizontalSpacing="md" data-testid="rates-table" aria-busy={!settings}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={100}>Currency</Table.Th>
                <Table.Th w={150}>Valid from</Table.Th>
                <Table.Th>Rate</Table.Th>
                <Table.Th>Entered</Table.Th>
                <Table.Th w={60}>
                  <VisuallyHidden>Actions</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {!settings ? (
                <TableSkeletonRows columns={5} rows={4} />
              ) : (
                onPage.map((rate) => (
                  <Table.Tr key={`${rate.currency} ${rate.validFrom}`}>
                    <Table.Td fw={600}>{rate.currency}</Table.Td>
                    <Table.Td className="tabular">{formatDate(rate.validFrom)}</Table.Td>
                    <Table.Td className="tabular">
                      1 {rate.currency} = {rate.rate} {reporting}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" c="dimmed">
                        {rate.createdByName}, {formatDate(rate.createdAt.slice(0, 10))}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Tooltip label="Delete this rate">
                        <ActionIcon
                          variant="subtle"
                          color="red"
                          aria-label={`Delete the ${rate.currency} rate from ${rate.validFrom}`}
                          onClick={() => setDeleting(rate)}
                        >
                          <IconTrash size={17} />
                        </ActionIcon>
                      </Tooltip>
                    </Table.Td>
                  </Table.Tr>
                ))
              )}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {pages > 1 ? (
        <Group justify="flex-end" p="sm">
          <Pagination total={pages} value={Math.min(page, pages)} onChange={setPage} size="sm" />
        </Group>
      ) : null}
      <ConfirmDialog
        opened={deleting !== null}
        title={deleting ? `Delete the ${deleting.currency} rate from ${formatDate(deleting.validFrom)}?` : ''}
        message={
          deleting
            ? `From that day ${deleting.currency} amounts convert with the rate before it, or not at all if there is none.`
            : ''
        }
        confirmLabel="Delete rate"
        onConfirm={() => remove.mutateAsync(deleting!)}
        onClose={() => setDeleting(null)}
      />
    </Paper>
  );
}

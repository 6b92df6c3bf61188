import { Button, Group, Paper, Select, Skeleton, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState, type FormEvent } from 'react';
import type { CurrencySettings } from '../../../contract/currency.ts';
import { messageOf } from '../../app/api.ts';
import { ConfirmDialog } from '../../shared/ConfirmDialog.tsx';
import { currencyOptions } from './currency-options.ts';
import { useSetReportingCurrency } from './queries.ts';

/**
 * The currency every figure is converted into. The rates are quoted in it, so changing it with
 * rates on file asks first and removes them with the change.
 */
export function ReportingCurrencyForm({ settings }: { settings: CurrencySettings | undefined }) {
  const save = useSetReportingCurrency();
  const current = settings?.reportingCurrency ?? null;
  const [choice, setChoice] = useState<string | null>(current);
  const [confirming, setConfirming] = useState(false);
  useEffect(() => setChoice(current), [current]);

  const saved = (to: string, discarded: number) =>
    notifications.show({
      color: 'teal',
      title: 'Reporting currency saved',
      message:
        discarded > 0
          ? `Figures now convert into ${to}. ${discarded} rate${discarded === 1 ? '' : 's'} in ${current} ${discarded === 1 ? 'was' : 'were'} removed.`
          : `Figures now convert into ${to}.`,
    });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!settings || !choice || choice === current) return;
    if (settings.rates.length > 0) {
      setConfirming(true);
      return;
    }
    save.mutate(
      { reportingCurrency: choice },
      {
        onSuccess: (result) => saved(result.reportingCurrency, result.discardedRates),
        onError: (error) =>
          notifications.show({ color: 'red', title: 'Could not change the currency', message: messageOf(error) }),
      },
    );
  };

  const rates = settings?.rates.length ?? 0;
  return (
    <Paper p="lg">
      <Title order={2} fz="md" mb={4}>
        Reporting currency
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        Sorting, totals, the review and the forecast convert every amount into this currency, and show the original
        beside it.
      </Text>
      {settings ? (
        <form onSubmit={submit} aria-label="Reporting currency">
          <Group align="flex-end" gap="sm">
            <Select
              id="reporting-currency"
              label="Currency"
              searchable
              data={currencyOptions()}
              value={choice}
              onChange={setChoice}
              allowDeselect={false}
              w={200}
            />
            <Button type="submit" disabled={!choice || choice === current} loading={save.isPending}>
              Save
            </Button>
          </Group>
        </form>
      ) : (
        <Skeleton height={60} aria-label="Loading the reporting currency" />
      )}
      <ConfirmDialog
        opened={confirming}
        title={`Report in ${choice ?? ''} instead of ${current ?? ''}?`}
        message={`The ${rates} exchange rate${rates === 1 ? ' is' : 's are'} quoted in ${current ?? ''} and cannot convert into ${choice ?? ''}: ${rates === 1 ? 'it is' : 'they are'} removed with the change. Enter or import rates in ${choice ?? ''} afterwards.`}
        confirmLabel="Change and remove the rates"
        onConfirm={async () => {
          const result = await save.mutateAsync({ reportingCurrency: choice!, discardRates: true });
          saved(result.reportingCurrency, result.discardedRates);
        }}
        onClose={() => setConfirming(false)}
      />
    </Paper>
  );
}

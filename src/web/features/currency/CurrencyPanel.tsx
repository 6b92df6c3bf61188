import { Alert, Stack } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { ErrorState } from '../../shared/states.tsx';
import { AddRateForm } from './AddRateForm.tsx';
import { ImportRatesForm } from './ImportRatesForm.tsx';
import { useCurrencySettings } from './queries.ts';
import { missingInWords } from './rates-model.ts';
import { RatesTable } from './RatesTable.tsx';
import { ReportingCurrencyForm } from './ReportingCurrencyForm.tsx';

/** Admin, Currency: the reporting currency and the dated rates every other currency converts with. */
export function CurrencyPanel() {
  const settings = useCurrencySettings();
  if (settings.isError) {
    return (
      <ErrorState
        error={settings.error}
        onRetry={() => void settings.refetch()}
        title="The currency settings could not be loaded"
      />
    );
  }
  const data = settings.data;
  return (
    <Stack gap="lg" maw={900}>
      {data && data.missing.length > 0 ? (
        <Alert
          color="yellow"
          icon={<IconAlertTriangle size={18} />}
          title="Some open deals cannot be converted"
          data-testid="missing-rates"
        >
          No rate today for {missingInWords(data)}: their amounts cannot be converted into {data.reportingCurrency} for
          sorting, totals and the forecast. Add a rate below or import a file of them.
        </Alert>
      ) : null}
      <ReportingCurrencyForm settings={data} />
      <RatesTable settings={data} />
      <AddRateForm reportingCurrency={data?.reportingCurrency ?? null} />
      <ImportRatesForm />
    </Stack>
  );
}

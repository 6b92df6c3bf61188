import { Alert, Button, Group, Paper, Select, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { formatDate, todayLocal } from '../../shared/format.ts';
import { splitSaveError, type FieldErrors } from '../../shared/form.ts';
import { currencyOptions } from './currency-options.ts';
import { useAddRate } from './queries.ts';

const FIELDS = ['currency', 'validFrom', 'rate'] as const;
const idOf = (field: (typeof FIELDS)[number]) => `new-rate-${field}`;

/**
 * One rate at a time, from the keyboard: Enter adds it, and the focus goes back to the day with
 * the currency kept, ready for the next month's rate.
 */
export function AddRateForm({ reportingCurrency }: { reportingCurrency: string | null }) {
  const add = useAddRate();
  const [currency, setCurrency] = useState<string | null>(null);
  const [validFrom, setValidFrom] = useState(todayLocal);
  const [rate, setRate] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<string | null>(null);

  const focusFirst = (found: FieldErrors) => {
    const first = FIELDS.find((f) => found[f]);
    if (first) document.getElementById(idOf(first))?.focus();
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setGeneral(null);
    const missing: FieldErrors = {};
    if (!currency) missing.currency = 'Pick the currency the rate is for';
    if (!validFrom) missing.validFrom = 'Enter the first day the rate holds';
    if (!rate.trim()) missing.rate = `Enter how many ${reportingCurrency ?? ''} one unit is worth`;
    if (Object.keys(missing).length > 0) {
      setErrors(missing);
      focusFirst(missing);
      return;
    }
    add.mutate(
      { currency: currency!, validFrom, rate: rate.trim() },
      {
        onSuccess: (added) => {
          notifications.show({
            color: 'teal',
            title: 'Rate added',
            message: `1 ${added.currency} = ${added.rate} ${reportingCurrency ?? ''} from ${formatDate(added.validFrom)}.`,
          });
          setRate('');
          setErrors({});
          document.getElementById(idOf('validFrom'))?.focus();
        },
        onError: (error) => {
          const split = splitSaveError(error, FIELDS);
          setErrors(split.fields);
          setGeneral(split.general);
          focusFirst(split.fields);
        },
      },
    );
  };

  return (
    <Paper p="lg">
      <Title order={2} fz="md" mb={4}>
        Add a rate
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        How many {reportingCurrency ?? 'units of the reporting currency'} one unit of the currency is worth, from a day
        on.
      </Text>
      {general ? (
        <Alert color="red" mb="sm" role="alert">
          {general}
        </Alert>
      ) : null}
      <form onSubmit={submit} noValidate aria-label="Add a rate">
        <Group align="flex-start" gap="sm">
          <Select
            id={idOf('currency')}
            label="Currency"
            placeholder="Pick one"
            searchable
            // typing the code and Enter picks it, without reaching for the mouse; highlighting the
            // first option on opening too, because Mantine's default (re-finding the active option
            // a tick later) can undo the highlight typing made, and Enter then submits the form
            selectFirstOptionOnChange
            selectFirstOptionOnDropdownOpen
            data={currencyOptions(reportingCurrency ?? undefined)}
            value={currency}
            onChange={(next) => {
              setCurrency(next);
              setErrors(({ currency: _gone, ...rest }) => rest);
            }}
            error={errors.currency}
            w={150}
          />
          <TextInput
            id={idOf('validFrom')}
            label="Valid from"
            type="date"
            value={validFrom}
            onChange={(e) => setValidFrom(e.currentTarget.value)}
            error={errors.validFrom}
            w={170}
          />
          <TextInput
            id={idOf('rate')}
            label={`Rate (${reportingCurrency ?? ''} per unit)`}
            placeholder="1.0845"
            inputMode="decimal"
            autoComplete="off"
            value={rate}
            onChange={(e) => setRate(e.currentTarget.value)}
            error={errors.rate}
            style={{ flex: '1 1 160px' }}
          />
          <Button
            type="submit"
            mt={25}
            leftSection={<IconPlus size={16} />}
            loading={add.isPending}
            disabled={!reportingCurrency}
          >
            Add rate
          </Button>
        </Group>
      </form>
    </Paper>
  );
}

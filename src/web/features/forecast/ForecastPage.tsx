import { ScopeSelect } from '../review/ScopeSelect.tsx';
import {
  Button,
  Group,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Skeleton,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { isApiError, messageOf } from '../../app/api.ts';
import { useCurrentUser } from '../../app/auth.tsx';
import { formatDateTime, formatWholeMoney, todayLocal } from '../../shared/format.ts';
import { PageHeader } from '../../shared/PageHeader.tsx';
import { useListParams } from '../../shared/useListParams.ts';
import type { Forecast } from '../../../contract/forecast.ts';
import { toMinorUnits } from '../../../domain/currency.ts';
import { FORECAST_METHODS } from '../../../domain/forecast/rollup.ts';
import { parsePeriod, quarterOf } from '../../../domain/periods.ts';
import { useScopeChoices } from '../review/useScopeChoices.ts';
import { againstTarget, forecastPeriods, METHOD_LABELS } from './forecast-words.ts';
import { AccuracyPanel } from './AccuracyPanel.tsx';
import { MethodsChart } from './MethodsChart.tsx';
import { useForecast, useSetTarget, useSubmitCall, type ForecastParams } from './queries.ts';
import { PipelineLoadError } from '../../shared/PipelineLoadError.tsx';

/** Calling the period: every method side by side against the target, per seller, with the calls made. */
export function ForecastPage() {
  const me = useCurrentUser();
  const { params, update } = useListParams();
  const today = todayLocal();
  const period = params.get('period');
  const forecastParams: ForecastParams = {
    period: period && parsePeriod(period) ? period : quarterOf(today).key,
    team: params.get('team') ?? undefined,
    owner: params.get('owner') ?? undefined,
  };
  const result = useForecast(forecastParams);
  const scope = useScopeChoices(forecastParams);
  const data = result.data;

  return (
    <>
      <PageHeader
        title="Forecast"
        description="Each way of calling the period side by side, in one currency: what the evidence says, what the stages say, what the sellers say, and their commit."
      />
      <Group gap="sm" mb="md" align="flex-end" wrap="wrap">
        {me.role !== 'seller' ? <ScopeSelect scope={scope} update={update} testId="forecast-scope" /> : null}
        <Select
          label="Period"
          data={forecastPeriods(today)}
          value={forecastParams.period ?? null}
          onChange={(value) => update({ period: value })}
          allowDeselect={false}
          w={{ base: '100%', xs: 250 }}
          data-testid="forecast-period"
        />
      </Group>
      {result.isError && !data ? (
        <PipelineLoadError
          error={result.error}
          onRetry={() => void result.refetch()}
          title="The forecast could not be loaded"
        />
      ) : !data ? (
        <Stack gap="md" aria-label="Loading the forecast" aria-busy>
          <Skeleton height={90} radius="md" />
          <Skeleton height={260} radius="md" />
        </Stack>
      ) : (
        <Stack gap="md" style={{ opacity: result.isPlaceholderData ? 0.6 : 1, transition: 'opacity 150ms' }}>
          <Summary forecast={data} />
          <Paper p={{ base: 'md', sm: 'lg' }}>
            <Title order={2} size="h4" mb={4}>
              The calls for {data.period.label}
            </Title>
            <Text size="sm" c="dimmed" mb="sm">
              Won to date in green; the rest is what each method expects from the {data.totals.open.deals} open deals
              expected to close in the period.
            </Text>
            <MethodsChart forecast={data} />
            <Table fz="sm" mt="sm" data-testid="forecast-methods">
              <Table.Tbody>
                {FORECAST_METHODS.map((method) => (
                  <Table.Tr key={method}>
                    <Table.Td fw={600}>{METHOD_LABELS[method].label}</Table.Td>
                    <Table.Td c="dimmed">{METHOD_LABELS[method].note}</Table.Td>
                    <Table.Td ta="right" className="tabular" fw={600}>
                      {formatWholeMoney(data.totals.methods[method], data.reportingCurrency)}
                    </Table.Td>
                    <Table.Td c="dimmed" ta="right">
                      {againstTarget(data.totals.methods[method], data.target?.amountMinor ?? null) ?? ''}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Paper>
          <BySeller forecast={data} />
          <AccuracyPanel params={{ team: forecastParams.team, owner: forecastParams.owner }} />
          <SimpleGrid cols={{ base: 1, md: me.role === 'seller' ? 1 : 2 }} spacing="md">
            <Calls forecast={data} params={forecastParams} />
            {me.role !== 'seller' ? <TargetForm forecast={data} params={forecastParams} /> : null}
          </SimpleGrid>
        </Stack>
      )}
    </>
  );
}

function Summary({ forecast: f }: { forecast: Forecast }) {
  const money = (v: number) => formatWholeMoney(v, f.reportingCurrency);
  const figures = [
    {
      label: 'Target',
      value: f.target ? money(f.target.amountMinor) : 'None set',
      note: f.target ? `set by ${f.target.setByName}` : 'a manager or an admin sets it below',
    },
    {
      label: 'Won to date',
      value: money(f.totals.won.amountMinor),
      note: `${f.totals.won.deals} deals, ${f.totals.lost.deals} lost`,
    },
    {
      label: 'Evidence-based call',
      value: money(f.totals.methods.knowledge),
      note: againstTarget(f.totals.methods.knowledge, f.target?.amountMinor ?? null) ?? 'no target to compare with',
    },
    {
      label: 'Open in the period',
      value: money(f.totals.open.amountMinor),
      note: `${f.totals.open.deals} deals, ${money(f.totals.categories.commit.amountMinor)} in commit`,
    },
  ];
  return (
    <SimpleGrid cols={{ base: 2, md: 4 }} spacing="md" data-testid="forecast-summary">
      {figures.map((x) => (
        <Paper key={x.label} p="md">
          <Text size="xs" c="dimmed" fw={700} tt="uppercase" style={{ letterSpacing: 0.5 }}>
            {x.label}
          </Text>
          <Text fz="xl" fw={700} className="tabular">
            {x.value}
          </Text>
          <Text size="xs" c="dimmed">
            {x.note}
          </Text>
        </Paper>
      ))}
    </SimpleGrid>
  );
}

function BySeller({ forecast: f }: { forecast: Forecast }) {
  const money = (v: number) => formatWholeMoney(v, f.reportingCurrency);
  if (f.bySeller.length === 0)
    return (
      <Paper p="lg" ta="center">
        <Text fw={600}>No deals in this period</Text>
        <Text size="sm" c="dimmed">
          Nobody in this scope has a deal expected to close, or closed, in {f.period.label}.
        </Text>
      </Paper>
    );
  return (
    <Paper p={{ base: 'md', sm: 'lg' }}>
      <Title order={2} size="h4" mb="sm">
        By seller
      </Title>
      <Table.ScrollContainer minWidth={720}>
        <Table fz="sm" striped data-testid="forecast-by-seller">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Seller</Table.Th>
              <Table.Th ta="right">Won</Table.Th>
              <Table.Th ta="right">Commit</Table.Th>
              <Table.Th ta="right">Best case</Table.Th>
              <Table.Th ta="right">Evidence-based</Table.Th>
              <Table.Th ta="right">Stage-weighted</Table.Th>
              <Table.Th ta="right">Sellers’ figures</Table.Th>
              <Table.Th ta="right">Their call</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {f.bySeller.map((r) => (
              <Table.Tr key={r.ownerId}>
                <Table.Td>{r.name}</Table.Td>
                <Table.Td ta="right" className="tabular">
                  {money(r.won.amountMinor)}
                </Table.Td>
                <Table.Td ta="right" className="tabular">
                  {money(r.methods.commit)}
                </Table.Td>
                <Table.Td ta="right" className="tabular">
                  {money(r.methods.bestCase)}
                </Table.Td>
                <Table.Td ta="right" className="tabular" fw={600}>
                  {money(r.methods.knowledge)}
                </Table.Td>
                <Table.Td ta="right" className="tabular">
                  {money(r.methods.stage)}
                </Table.Td>
                <Table.Td ta="right" className="tabular">
                  {money(r.methods.seller)}
                </Table.Td>
                <Table.Td ta="right" className="tabular" c={r.call === null ? 'dimmed' : undefined}>
                  {r.call === null ? 'none yet' : money(r.call)}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}

/** The amount typed in the reporting currency's major units, as minor units (null while empty or not a number). */
const minorOf = (value: string | number, currency: string) =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0 ? toMinorUnits(value, currency) : null;

function Calls({ forecast: f, params }: { forecast: Forecast; params: ForecastParams }) {
  const me = useCurrentUser();
  const submit = useSubmitCall();
  const [amount, setAmount] = useState<string | number>('');
  const [reason, setReason] = useState('');
  const needsReason = me.role !== 'seller';
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const amountMinor = minorOf(amount, f.reportingCurrency);
    if (amountMinor === null) return;
    submit.mutate(
      { ...params, period: f.period.key, amountMinor, ...(reason.trim() ? { reason: reason.trim() } : {}) },
      {
        onSuccess: () => {
          setAmount('');
          setReason('');
        },
      },
    );
  };
  const fieldError = (field: string) =>
    isApiError(submit.error) ? (submit.error.fields?.[field] ?? undefined) : undefined;
  return (
    <Paper p={{ base: 'md', sm: 'lg' }} data-testid="forecast-calls">
      <Title order={2} size="h4" mb={4}>
        {me.role === 'seller' ? 'Your call' : 'Calls'}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {me.role === 'seller'
          ? `What you will close in ${f.period.label}. Every call is kept, so your accuracy can be tracked.`
          : `Your call for ${f.scope.name}, with why it differs from the numbers. Every call is kept.`}
      </Text>
      {f.sellersCalls ? (
        <Text size="sm" mb="sm" data-testid="sellers-calls">
          {f.sellersCalls.callers === 0
            ? `No seller has called ${f.period.label} yet.`
            : `The sellers’ own calls add up to ${formatWholeMoney(f.sellersCalls.amountMinor, f.reportingCurrency)} (${f.sellersCalls.callers} of ${f.sellersCalls.sellers} sellers have called).`}
        </Text>
      ) : null}
      <form onSubmit={onSubmit}>
        <Group align="flex-end" gap="sm" wrap="wrap">
          <NumberInput
            label={`Call (${f.reportingCurrency})`}
            value={amount}
            onChange={setAmount}
            min={0}
            thousandSeparator=","
            w={180}
            required
            error={fieldError('amountMinor')}
          />
          {needsReason ? (
            <TextInput
              label="Why"
              placeholder="e.g. Glenmore slips to next quarter"
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              style={{ flex: '1 1 220px' }}
              required
              maxLength={500}
              error={fieldError('reason')}
            />
          ) : null}
          <Button type="submit" loading={submit.isPending}>
            Submit call
          </Button>
        </Group>
      </form>
      {submit.isError && !isApiError(submit.error, 'invalid-input') ? (
        <Text size="sm" c="red" mt="xs" role="alert">
          {messageOf(submit.error)}
        </Text>
      ) : null}
      {f.calls.length === 0 ? (
        <Text size="sm" c="dimmed" mt="md">
          No call submitted for {f.period.label} yet.
        </Text>
      ) : (
        <Stack gap={6} mt="md" component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {f.calls.map((c) => (
            <li key={c.id} data-testid="forecast-call">
              <Text size="sm">
                <Text span fw={600} className="tabular">
                  {formatWholeMoney(c.amount.amountMinor, c.amount.currency)}
                </Text>{' '}
                by {c.callerName} ({c.kind}), {formatDateTime(c.submittedAt)}
                {c.reason ? <Text span c="dimmed">{` — ${c.reason}`}</Text> : null}
              </Text>
            </li>
          ))}
        </Stack>
      )}
    </Paper>
  );
}

function TargetForm({ forecast: f, params }: { forecast: Forecast; params: ForecastParams }) {
  const save = useSetTarget();
  const [amount, setAmount] = useState<string | number>('');
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const amountMinor = minorOf(amount, f.reportingCurrency);
    if (amountMinor === null) return;
    save.mutate({ ...params, period: f.period.key, amountMinor }, { onSuccess: () => setAmount('') });
  };
  return (
    <Paper p={{ base: 'md', sm: 'lg' }} data-testid="forecast-target">
      <Title order={2} size="h4" mb={4}>
        Target
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {f.target
          ? `${formatWholeMoney(f.target.amountMinor, f.target.currency)} for ${f.scope.name} in ${f.period.label}, set by ${f.target.setByName} on ${formatDateTime(f.target.setAt)}.`
          : `No target for ${f.scope.name} in ${f.period.label} yet.`}
      </Text>
      <form onSubmit={onSubmit}>
        <Group align="flex-end" gap="sm">
          <NumberInput
            label={`Target (${f.reportingCurrency})`}
            value={amount}
            onChange={setAmount}
            min={0}
            thousandSeparator=","
            w={200}
            required
          />
          <Button type="submit" variant="default" loading={save.isPending}>
            {f.target ? 'Change target' : 'Set target'}
          </Button>
        </Group>
      </form>
      {save.isError ? (
        <Text size="sm" c="red" mt="xs" role="alert">
          {messageOf(save.error)}
        </Text>
      ) : null}
    </Paper>
  );
}

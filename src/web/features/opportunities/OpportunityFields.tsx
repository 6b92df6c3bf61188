import { Divider, NumberInput, Select, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import type { ReactNode } from 'react';
import { CURRENCY_CODES, minorUnitExponent } from '../../../domain/currency.ts';
import { fieldId, type FieldErrors } from '../../shared/form.ts';
import { DEAL_TYPE_OPTIONS, FORECAST_OPTIONS, SOURCE_OPTIONS, STATUS_OPTIONS } from '../../shared/labels.ts';
import { AccountSelect } from '../accounts/AccountSelect.tsx';
import { stageOptions, useStages } from '../stages/queries.ts';
import { TEXT_LIMITS } from '../../../domain/text.ts';
import { useCurrentUser } from '../../app/auth.tsx';
import { OwnerSelect } from '../users/OwnerSelect.tsx';
import type { OpportunityFormValues } from './form-model.ts';

const COMMON_CURRENCIES = ['USD', 'EUR', 'GBP', 'CAD', 'AUD', 'CHF', 'JPY', 'SEK'];
const CURRENCY_DATA = [
  { group: 'Common', items: COMMON_CURRENCIES },
  { group: 'All currencies', items: CURRENCY_CODES.filter((c) => !COMMON_CURRENCIES.includes(c)) },
];

type OpportunityFieldsProps = {
  formId: string;
  values: OpportunityFormValues;
  onChange(patch: Partial<OpportunityFormValues>): void;
  errors: FieldErrors;
  /** the owner and stage the record has now, listed even if no longer assignable */
  keep?: { ownerId: string; stageId: string };
  disabled?: boolean;
  /** a new deal starts open: its form leaves out the closing details */
  isNew?: boolean;
  /** the deal is in commit already (an override goes only with a move into commit) */
  wasCommit?: boolean;
};

/** Every editable field of an opportunity, grouped the way a seller thinks about a deal. */
export function OpportunityFields({
  formId,
  values,
  onChange,
  errors,
  keep,
  disabled = false,
  isNew = false,
  wasCommit = false,
}: OpportunityFieldsProps) {
  const stages = useStages();
  const me = useCurrentUser();
  const mayOverride = me.role === 'manager' || me.role === 'admin';
  const id = (field: string) => fieldId(formId, field);
  const isOpen = values.status === 'open';

  return (
    <Stack gap="lg">
      <Section title="Deal">
        <TextInput
          id={id('name')}
          label="Name"
          required
          value={values.name}
          onChange={(e) => onChange({ name: e.currentTarget.value })}
          error={errors.name}
          disabled={disabled}
          maxLength={200}
          data-autofocus={isNew || undefined}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <AccountSelect
            id={id('accountId')}
            label="Account"
            required
            value={values.accountId}
            valueLabel={values.accountName}
            onChange={(accountId, accountName) => onChange({ accountId, accountName })}
            error={errors.accountId}
            disabled={disabled}
          />
          <OwnerSelect
            id={id('ownerId')}
            value={values.ownerId}
            onChange={(ownerId) => onChange({ ownerId })}
            error={errors.ownerId}
            disabled={disabled}
            keepOwnerId={keep?.ownerId}
          />
        </SimpleGrid>
      </Section>

      <Section title="Value and timing">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <SimpleGrid cols={2} spacing="sm">
            <NumberInput
              id={id('amountMinor')}
              label="Amount"
              required
              value={values.amount}
              onChange={(amount) => onChange({ amount })}
              error={errors.amountMinor}
              decimalScale={minorUnitExponent(values.currency)}
              thousandSeparator=","
              allowNegative={false}
              hideControls
              min={0}
              disabled={disabled}
              inputMode="decimal"
            />
            <Select
              id={id('currency')}
              label="Currency"
              required
              searchable
              data={CURRENCY_DATA}
              value={values.currency}
              onChange={(currency) => currency && onChange({ currency })}
              error={errors.currency}
              disabled={disabled}
              allowDeselect={false}
            />
          </SimpleGrid>
          <TextInput
            id={id('expectedCloseDate')}
            label="Expected close date"
            type="date"
            required
            value={values.expectedCloseDate}
            onChange={(e) => onChange({ expectedCloseDate: e.currentTarget.value })}
            error={errors.expectedCloseDate}
            disabled={disabled}
          />
          <Select
            id={id('stageId')}
            label="Stage"
            required
            data={stageOptions(stages.data ?? [], keep?.stageId)}
            value={values.stageId}
            onChange={(stageId) => onChange({ stageId })}
            error={errors.stageId}
            disabled={disabled || stages.isPending}
            allowDeselect={false}
          />
          <Select
            id={id('forecastCategory')}
            label="Forecast category"
            data={FORECAST_OPTIONS}
            value={values.forecastCategory}
            onChange={(v) => v && onChange({ forecastCategory: v as OpportunityFormValues['forecastCategory'] })}
            error={errors.forecastCategory}
            disabled={disabled}
            allowDeselect={false}
          />
        </SimpleGrid>
        {mayOverride && !wasCommit && values.status === 'open' && values.forecastCategory === 'commit' ? (
          <Textarea
            id={id('commitOverrideReason')}
            label="Why commit despite the danger zones"
            description="Needed when a critical danger zone or missing knowledge stands against commit; kept with the deal while it stays in commit"
            value={values.commitOverrideReason}
            onChange={(e) => onChange({ commitOverrideReason: e.currentTarget.value })}
            error={errors.commitOverrideReason}
            disabled={disabled}
            autosize
            minRows={2}
            maxRows={5}
            maxLength={TEXT_LIMITS.overrideReason}
          />
        ) : null}
      </Section>

      {isNew ? null : (
        <Section title="Outcome">
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <Select
              id={id('status')}
              label="Status"
              data={STATUS_OPTIONS}
              value={values.status}
              onChange={(v) => v && onChange({ status: v as OpportunityFormValues['status'] })}
              error={errors.status}
              disabled={disabled}
              allowDeselect={false}
            />
            <TextInput
              id={id('closedDate')}
              label="Closed on"
              type="date"
              value={isOpen ? '' : values.closedDate}
              onChange={(e) => onChange({ closedDate: e.currentTarget.value })}
              error={errors.closedDate}
              disabled={disabled || isOpen}
              description={
                isOpen ? 'Set once the deal is won, lost or ends without a decision' : 'Leave empty for today'
              }
            />
          </SimpleGrid>
          <Textarea
            id={id('closeReason')}
            label="Close reason"
            value={isOpen ? '' : values.closeReason}
            onChange={(e) => onChange({ closeReason: e.currentTarget.value })}
            error={errors.closeReason}
            disabled={disabled || isOpen}
            autosize
            minRows={2}
            maxRows={6}
            maxLength={1000}
            placeholder={isOpen ? undefined : 'Why it was won or lost, in a sentence or two'}
          />
        </Section>
      )}

      <Section title="Context">
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
          <NumberInput
            id={id('sellerProbability')}
            label="Seller's own probability"
            description="Your gut feel, kept to compare"
            value={values.sellerProbability}
            onChange={(sellerProbability) => onChange({ sellerProbability })}
            error={errors.sellerProbability}
            min={0}
            max={100}
            clampBehavior="strict"
            allowDecimal={false}
            allowNegative={false}
            suffix="%"
            hideControls
            disabled={disabled}
          />
          <Select
            id={id('source')}
            label="Source"
            description="Where the deal came from"
            data={SOURCE_OPTIONS}
            value={values.source}
            onChange={(v) => onChange({ source: v as OpportunityFormValues['source'] })}
            error={errors.source}
            disabled={disabled}
            clearable
            placeholder="Not recorded"
          />
          <Select
            id={id('dealType')}
            label="Deal type"
            description="New business or existing"
            data={DEAL_TYPE_OPTIONS}
            value={values.dealType}
            onChange={(v) => v && onChange({ dealType: v as OpportunityFormValues['dealType'] })}
            error={errors.dealType}
            disabled={disabled}
            allowDeselect={false}
          />
        </SimpleGrid>
      </Section>
    </Stack>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Stack gap="sm" component="section" aria-label={title}>
      <Divider
        label={
          <Text size="xs" fw={700} c="dimmed" tt="uppercase" style={{ letterSpacing: 0.6 }}>
            {title}
          </Text>
        }
        labelPosition="left"
      />
      {children}
    </Stack>
  );
}

import {
  Group,
  Input,
  MultiSelect,
  NumberInput,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  Textarea,
  TextInput,
} from '@mantine/core';
import type { KnowledgeResponse } from '../../../contract/knowledge.ts';
import { CURRENCY_CODES } from '../../../domain/currency.ts';
import { todayLocal } from '../../shared/format.ts';
import { optionLabel, THREAT_WORDS } from './labels.ts';
import type { FieldDef } from './queries.ts';
import { alternativeOptions, evaluatorOptions } from './schema-model.ts';
import type { ValueDraft } from './value-draft.ts';
import { TEXT_LIMITS } from '../../../domain/text.ts';

const CURRENCY_DATA = CURRENCY_CODES.map((code) => ({ value: code, label: code }));
const PER_DATA = [
  { value: 'month', label: 'per month' },
  { value: 'quarter', label: 'per quarter' },
];
const PERIOD_DATA = [
  { value: 'year', label: 'per year' },
  { value: 'quarter', label: 'per quarter' },
  { value: 'one_time', label: 'one-time' },
];

type FieldValueInputProps = {
  /** the DOM id of the first input, so an error can move the focus to it */
  id: string;
  field: FieldDef;
  draft: ValueDraft;
  onChange(patch: Partial<ValueDraft>): void;
  error?: string | undefined;
  knowledge: KnowledgeResponse;
  disabled?: boolean;
  size?: 'xs' | 'sm';
  /** the label of the value input; the field's own label by default */
  label?: string;
};

const numberText = (value: number | string | bigint) => String(value);

/** The right input for a field's type: a select for closed lists, yes/no, a date, money with currency, a metric ... */
export function FieldValueInput({
  id,
  field,
  draft,
  onChange,
  error,
  knowledge,
  disabled = false,
  size = 'sm',
  label = field.label,
}: FieldValueInputProps) {
  const common = { id, label, error, disabled, size };
  switch (field.kind) {
    case 'enum':
      return (
        <Select
          {...common}
          placeholder="Choose"
          data={(field.options ?? []).map((o) => ({ value: o, label: optionLabel(o, field.key) }))}
          value={draft.text || null}
          onChange={(v) => onChange({ text: v ?? '' })}
          searchable
          selectFirstOptionOnChange
          selectFirstOptionOnDropdownOpen
        />
      );
    case 'enumList':
      return (
        <MultiSelect
          {...common}
          placeholder={draft.list.length ? undefined : 'Choose one or more'}
          data={(field.options ?? []).map((o) => ({ value: o, label: optionLabel(o, field.key) }))}
          value={draft.list}
          onChange={(list) => onChange({ list })}
          searchable
          selectFirstOptionOnChange
          selectFirstOptionOnDropdownOpen
        />
      );
    case 'evaluator':
      return (
        <Select
          {...common}
          placeholder={evaluatorOptions(knowledge).length ? 'Choose an evaluator' : 'Add the evaluator first'}
          data={evaluatorOptions(knowledge)}
          value={draft.text || null}
          onChange={(v) => onChange({ text: v ?? '' })}
          searchable
          selectFirstOptionOnChange
          selectFirstOptionOnDropdownOpen
          nothingFoundMessage="No evaluator by that name"
        />
      );
    case 'evaluators':
      return (
        <MultiSelect
          {...common}
          placeholder={draft.list.length ? undefined : 'Choose evaluators'}
          data={evaluatorOptions(knowledge)}
          value={draft.list}
          onChange={(list) => onChange({ list })}
          searchable
          selectFirstOptionOnChange
          selectFirstOptionOnDropdownOpen
        />
      );
    case 'alternative':
      return (
        <Select
          {...common}
          placeholder="Us, or one of the alternatives"
          data={alternativeOptions(knowledge)}
          value={draft.text || null}
          onChange={(v) => onChange({ text: v ?? '' })}
          searchable
          selectFirstOptionOnChange
          selectFirstOptionOnDropdownOpen
        />
      );
    case 'boolean':
      return (
        <Radio.Group
          label={label}
          error={error}
          size={size}
          value={draft.bool === null ? '' : draft.bool ? 'yes' : 'no'}
          onChange={(v) => onChange({ bool: v === 'yes' })}
        >
          <Group gap="lg" mt={6}>
            <Radio id={id} value="yes" label="Yes" disabled={disabled} />
            <Radio value="no" label="No" disabled={disabled} />
          </Group>
        </Radio.Group>
      );
    case 'threat':
      return (
        <Radio.Group
          label={label}
          error={error}
          size={size}
          value={draft.number}
          onChange={(number) => onChange({ number })}
        >
          <Group gap="md" mt={6}>
            {[1, 2, 3, 4].map((n) => (
              <Radio
                key={n}
                id={n === 1 ? id : undefined}
                value={String(n)}
                label={`${n} ${THREAT_WORDS[n]}`}
                disabled={disabled}
              />
            ))}
          </Group>
        </Radio.Group>
      );
    case 'date':
      return (
        <TextInput
          {...common}
          type="date"
          value={draft.text}
          onChange={(e) => onChange({ text: e.currentTarget.value })}
          max={field.key === 'actualDate' ? todayLocal() : undefined}
        />
      );
    case 'text':
      return (
        <Textarea
          maxLength={TEXT_LIMITS.factText}
          {...common}
          placeholder="In the customer's words"
          autosize
          minRows={1}
          maxRows={4}
          value={draft.text}
          onChange={(e) => onChange({ text: e.currentTarget.value })}
        />
      );
    case 'percentage':
      return (
        <NumberInput
          {...common}
          min={0}
          max={100}
          suffix=" %"
          allowDecimal={false}
          allowNegative={false}
          value={draft.number}
          onChange={(v) => onChange({ number: numberText(v) })}
          w={160}
        />
      );
    case 'money':
    case 'costOfDelay':
    case 'impact':
      return (
        <Group gap="xs" align="flex-start" wrap="nowrap">
          <NumberInput
            {...common}
            placeholder="Amount"
            thousandSeparator=","
            allowNegative={false}
            hideControls
            inputMode="decimal"
            value={draft.amount}
            onChange={(v) => onChange({ amount: numberText(v) })}
            style={{ flex: 1, minWidth: 120 }}
          />
          <Select
            label="Currency"
            size={size}
            data={CURRENCY_DATA}
            value={draft.currency}
            onChange={(currency) => currency && onChange({ currency })}
            searchable
            selectFirstOptionOnChange
            selectFirstOptionOnDropdownOpen
            allowDeselect={false}
            disabled={disabled}
            w={100}
          />
          {field.kind === 'costOfDelay' ? (
            <Select
              label="Every"
              size={size}
              data={PER_DATA}
              value={draft.per}
              onChange={(per) => per && onChange({ per: per as ValueDraft['per'] })}
              allowDeselect={false}
              disabled={disabled}
              w={130}
            />
          ) : null}
          {field.kind === 'impact' ? (
            <Select
              label="Period"
              size={size}
              data={PERIOD_DATA}
              value={draft.period}
              onChange={(period) => period && onChange({ period: period as ValueDraft['period'] })}
              allowDeselect={false}
              disabled={disabled}
              w={130}
            />
          ) : null}
        </Group>
      );
    case 'metric': {
      const set = (patch: Partial<ValueDraft['metric']>) => onChange({ metric: { ...draft.metric, ...patch } });
      return (
        <Stack gap={4}>
          <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="xs">
            <TextInput
              maxLength={TEXT_LIMITS.metricName}
              id={id}
              label="Metric"
              placeholder="Churn rate"
              size={size}
              value={draft.metric.name}
              onChange={(e) => set({ name: e.currentTarget.value })}
              disabled={disabled}
              error={error ? true : undefined}
            />
            <NumberInput
              label="Today"
              placeholder="14"
              size={size}
              hideControls
              value={draft.metric.baseline}
              onChange={(v) => set({ baseline: numberText(v) })}
              disabled={disabled}
            />
            <NumberInput
              label="Target"
              placeholder="8"
              size={size}
              hideControls
              value={draft.metric.target}
              onChange={(v) => set({ target: numberText(v) })}
              disabled={disabled}
            />
            <TextInput
              maxLength={TEXT_LIMITS.metricUnit}
              label="Unit"
              placeholder="%"
              size={size}
              value={draft.metric.unit}
              onChange={(e) => set({ unit: e.currentTarget.value })}
              disabled={disabled}
            />
          </SimpleGrid>
          {error ? <Input.Error size={size}>{error}</Input.Error> : null}
        </Stack>
      );
    }
    default:
      return (
        <TextInput
          {...common}
          maxLength={TEXT_LIMITS.factText}
          value={draft.text}
          onChange={(e) => onChange({ text: e.currentTarget.value })}
        />
      );
  }
}

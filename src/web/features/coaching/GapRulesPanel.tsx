import {
  ActionIcon,
  Alert,
  Button,
  Checkbox,
  Group,
  MultiSelect,
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
  VisuallyHidden,
  type ComboboxItem,
  type ComboboxItemGroup,
  type OptionsFilter,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconPlus, IconRestore, IconTrash } from '@tabler/icons-react';
import { Fragment, memo, useCallback, useEffect, useState, type FormEvent } from 'react';
import type { GapRules } from '../../../contract/gap-rules.ts';
import { MAX_GAP_RULES, thresholdScaleOf } from '../../../domain/coaching/gap-rule-set.ts';
import type { GapRule } from '../../../domain/coaching/gap-rules.ts';
import { INDICATOR_DEFS, INDICATORS, type IndicatorKey } from '../../../domain/coaching/indicators.ts';
import type { RootCauseId } from '../../../domain/coaching/root-causes.ts';
import { isApiError, messageOf } from '../../app/api.ts';
import { ConfirmDialog } from '../../shared/ConfirmDialog.tsx';
import { fieldId, useFocusFirstError, type FieldErrors } from '../../shared/form.ts';
import { formatDateTime } from '../../shared/format.ts';
import { ErrorState } from '../../shared/states.tsx';
import {
  bodyOf,
  canAddRule,
  draftOf,
  errorsByField,
  fieldOrder,
  newRule,
  recurrenceSentence,
  ruleSentence,
  type GapRulesDraft,
  type RecurrenceDraft,
  type RuleDraft,
} from './gap-rules-form.ts';
import { useGapRules, useResetGapRules, useSaveGapRules } from './gap-rules-queries.ts';
import { ROOT_CAUSE_OPTIONS, rootCauseName } from './labels.ts';

// pills show the ids (the row's names are said under it); the list shows the names
const ROOT_CAUSE_ID_OPTIONS = ROOT_CAUSE_OPTIONS.map((group) => ({
  group: group.group,
  // wellbeing is referred, never suggested by a rule (the API refuses it too)
  items: group.items.filter((item) => item.value !== 'C8').map((item) => ({ value: item.value, label: item.value })),
}));
/** Typing finds a root cause by its id or its name. */
const findRootCauses: OptionsFilter = ({ options, search }) => {
  const wanted = search.trim().toLowerCase();
  const matches = (o: ComboboxItem) =>
    `${o.value} ${rootCauseName(o.value as RootCauseId)}`.toLowerCase().includes(wanted);
  return (options as Array<ComboboxItemGroup<ComboboxItem>>)
    .map((group) => ({ ...group, items: group.items.filter(matches) }))
    .filter((group) => group.items.length > 0);
};

const FORM_ID = 'gap-rules';

const INDICATOR_OPTIONS = INDICATORS.map((d) => ({ value: d.key, label: d.label }));
const VERSUS_OPTIONS: Array<{ value: GapRule['versus']; label: string }> = [
  { value: 'peers', label: 'The team’s usual' },
  { value: 'own_baseline', label: 'Their own baseline' },
];

/** Administrators: when a seller's scorecard flags a gap, as rules they can tune or reset. */
export function GapRulesPanel() {
  const query = useGapRules();
  if (query.isError)
    return (
      <ErrorState
        error={query.error}
        onRetry={() => void query.refetch()}
        title="The coaching rules could not be loaded"
      />
    );
  if (query.isPending) return <Skeleton height={520} aria-label="Loading the coaching rules" />;
  return <GapRulesForm read={query.data} onReload={() => void query.refetch()} />;
}

function GapRulesForm({ read, onReload }: { read: GapRules; onReload(): void }) {
  const save = useSaveGapRules();
  const reset = useResetGapRules();
  const [draft, setDraft] = useState<GapRulesDraft>(() => draftOf(read));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [conflict, setConflict] = useState<GapRules | null>(null);
  const [confirmingReset, setConfirmingReset] = useState(false);
  // a row added takes the focus, to be filled in from the keyboard at once
  const [focusRow, setFocusRow] = useState<{ index: number } | null>(null);
  useEffect(() => setDraft(draftOf(read)), [read]);
  useEffect(() => {
    if (focusRow) document.getElementById(fieldId(FORM_ID, `rules.${focusRow.index}.indicator`))?.focus();
  }, [focusRow]);
  useFocusFirstError(FORM_ID, errors, fieldOrder(draft));

  // stable, so that typing in one row re-renders that row alone (RuleRow is memoized)
  const changeRule = useCallback(
    (index: number, change: Partial<RuleDraft>) =>
      setDraft((d) => ({ ...d, rules: d.rules.map((r, k) => (k === index ? { ...r, ...change } : r)) })),
    [],
  );
  const changeRecurrence = (change: Partial<RecurrenceDraft>) =>
    setDraft((d) => ({ ...d, recurrence: { ...d.recurrence, ...change } }));
  // the API names rows by position: a row added or removed makes its messages point elsewhere
  const changeRows = (rules: RuleDraft[]) => {
    setErrors({});
    setDraft((d) => ({ ...d, rules }));
  };
  const removeRule = useCallback((index: number) => {
    setErrors({});
    setDraft((d) => ({ ...d, rules: d.rules.filter((_r, j) => j !== index) }));
  }, []);

  const failed = (error: unknown) => {
    if (isApiError(error, 'version-conflict')) {
      setConflict(error.current as GapRules);
      return;
    }
    const shown = isApiError(error) ? errorsByField(error.fields) : {};
    const known = fieldOrder(draft);
    setErrors(shown);
    // a message the form can put at its field stands there; anything else above the buttons
    setGeneral(Object.keys(shown).some((field) => known.includes(field)) ? null : messageOf(error));
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setErrors({});
    setGeneral(null);
    setConflict(null);
    save.mutate(bodyOf(draft, read.version), {
      onSuccess: (saved) =>
        notifications.show({
          color: 'teal',
          title: 'Coaching rules saved',
          message: `${saved.rules.length} rules: scorecards and the team view now flag by them.`,
        }),
      onError: failed,
    });
  };

  return (
    <Paper p={{ base: 'md', sm: 'lg' }} data-testid="gap-rules-panel">
      <Title order={2} size="h4">
        Coaching rules
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        When a seller’s scorecard flags a gap worth a conversation: an indicator worse than the team’s usual (the median
        of the sellers) or than the seller’s own baseline by more than a threshold, with enough deals to read it, and,
        where asked, already a period before. Each flag suggests its root causes to the manager.{' '}
        {read.isDefault
          ? 'These are the defaults.'
          : `Saved by ${read.updatedByName ?? 'someone'}, ${read.updatedAt ? formatDateTime(read.updatedAt) : ''}.`}
      </Text>
      <form id={FORM_ID} onSubmit={submit} aria-label="Coaching rules" noValidate>
        <Stack gap="md">
          {errors.rules ? (
            <Alert color="red" icon={<IconAlertTriangle size={18} />} role="alert">
              {errors.rules}
            </Alert>
          ) : null}
          <Table.ScrollContainer minWidth={1100}>
            <Table verticalSpacing="xs" layout="fixed" aria-label="Gap rules">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={100}>Rule</Table.Th>
                  <Table.Th w={200}>Indicator</Table.Th>
                  <Table.Th w={180}>Against</Table.Th>
                  <Table.Th w={190}>Threshold</Table.Th>
                  <Table.Th w={90}>A second period</Table.Th>
                  <Table.Th w={110}>Fewest deals</Table.Th>
                  <Table.Th>Likely root causes</Table.Th>
                  <Table.Th w={50}>
                    <VisuallyHidden>Remove</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {draft.rules.map((rule, k) => (
                  <Fragment key={rule.key}>
                    <RuleRow
                      rule={rule}
                      index={k}
                      errors={errors}
                      onChange={changeRule}
                      onRemove={draft.rules.length > 1 ? removeRule : null}
                    />
                    <Table.Tr>
                      <Table.Td colSpan={8} pt={0} style={{ borderTop: 0 }}>
                        <Text size="xs" data-testid={`gap-rule-sentence-${k}`}>
                          {ruleSentence(rule) ?? 'Enter the threshold and the fewest deals to read this rule.'}
                        </Text>
                        {rule.rootCauses.length > 0 ? (
                          <Text size="xs" c="dimmed">
                            Likely root causes: {rule.rootCauses.map((id) => `${id} ${rootCauseName(id)}`).join('; ')}
                          </Text>
                        ) : null}
                      </Table.Td>
                    </Table.Tr>
                  </Fragment>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Group>
            <Button
              variant="default"
              leftSection={<IconPlus size={16} />}
              disabled={!canAddRule(draft)}
              onClick={() => {
                changeRows([...draft.rules, newRule(draft.rules)]);
                setFocusRow({ index: draft.rules.length });
              }}
            >
              Add a rule
            </Button>
            <Text size="xs" c="dimmed">
              {draft.rules.length} of at most {MAX_GAP_RULES} rules
            </Text>
          </Group>

          <RecurrenceFields recurrence={draft.recurrence} errors={errors} onChange={changeRecurrence} />

          {general ? (
            <Alert color="red" icon={<IconAlertTriangle size={18} />} role="alert">
              {general}
            </Alert>
          ) : null}
          {conflict ? (
            <Alert
              color="orange"
              icon={<IconAlertTriangle size={18} />}
              role="alert"
              title="Someone else changed the rules"
            >
              <Text size="sm" mb="xs">
                {conflict.updatedByName ?? 'Another administrator'} saved them after you opened this page
                {conflict.updatedAt ? ` (${formatDateTime(conflict.updatedAt)})` : ''}. Your changes are not saved: load
                theirs, then make yours again.
              </Text>
              <Button
                size="xs"
                variant="default"
                onClick={() => {
                  setConflict(null);
                  onReload();
                }}
              >
                Load their rules
              </Button>
            </Alert>
          ) : null}
          <Group justify="space-between">
            <Button
              variant="subtle"
              color="gray"
              leftSection={<IconRestore size={16} />}
              disabled={read.isDefault}
              onClick={() => setConfirmingReset(true)}
            >
              Reset to defaults
            </Button>
            <Button type="submit" loading={save.isPending}>
              Save rules
            </Button>
          </Group>
        </Stack>
      </form>
      <ConfirmDialog
        opened={confirmingReset}
        title="Go back to the default rules?"
        message="The rules saved for your organization are replaced by the defaults; scorecards flag by them at once. The change stays in the organization's history."
        confirmLabel="Reset to defaults"
        color="orange"
        onClose={() => setConfirmingReset(false)}
        onConfirm={async () => {
          setErrors({});
          setConflict(null);
          await reset.mutateAsync(read.version);
          notifications.show({
            color: 'teal',
            title: 'Default coaching rules restored',
            message: 'Scorecards flag by them now.',
          });
        }}
      />
    </Paper>
  );
}

const RuleRow = memo(function RuleRow({
  rule,
  index,
  errors,
  onChange: onChangeAt,
  onRemove,
}: {
  rule: RuleDraft;
  index: number;
  errors: FieldErrors;
  onChange(index: number, change: Partial<RuleDraft>): void;
  onRemove: ((index: number) => void) | null;
}) {
  const error = (field: string) => errors[`rules.${index}.${field}`];
  const onChange = (change: Partial<RuleDraft>) => onChangeAt(index, change);
  const def = INDICATOR_DEFS.get(rule.indicator)!;
  const scale = thresholdScaleOf(def);
  const id = (field: string) => fieldId(FORM_ID, `rules.${index}.${field}`);
  const name = rule.id || `row ${index + 1}`;
  return (
    <Table.Tr style={{ verticalAlign: 'top' }}>
      <Table.Td>
        <TextInput
          id={id('id')}
          aria-label={`Id of rule ${index + 1}`}
          value={rule.id}
          onChange={(e) => onChange({ id: e.currentTarget.value })}
          error={error('id')}
        />
      </Table.Td>
      <Table.Td>
        <Select
          id={id('indicator')}
          aria-label={`Indicator of ${name}`}
          data={INDICATOR_OPTIONS}
          value={rule.indicator}
          allowDeselect={false}
          onChange={(value) => value && onChange({ indicator: value as IndicatorKey })}
          error={error('indicator')}
        />
      </Table.Td>
      <Table.Td>
        <Select
          id={id('versus')}
          aria-label={`What ${name} compares with`}
          data={VERSUS_OPTIONS}
          value={rule.versus}
          allowDeselect={false}
          onChange={(value) => value && onChange({ versus: value as GapRule['versus'] })}
          error={error('versus')}
        />
      </Table.Td>
      <Table.Td>
        <NumberInput
          clampBehavior="none"
          id={id('threshold')}
          aria-label={`Threshold of ${name}`}
          description={scale.short}
          min={0}
          max={scale.max}
          step={scale.kind === 'points' ? 1 : 0.05}
          decimalScale={4}
          value={rule.threshold}
          onChange={(value) => onChange({ threshold: value })}
          error={error('threshold')}
          data-testid={`gap-rule-threshold-${index}`}
        />
      </Table.Td>
      <Table.Td>
        <Checkbox
          id={id('persistent')}
          aria-label={`${name} asks for the gap a period before too`}
          mt={8}
          checked={rule.persistent}
          onChange={(e) => onChange({ persistent: e.currentTarget.checked })}
          error={error('persistent')}
        />
      </Table.Td>
      <Table.Td>
        <NumberInput
          clampBehavior="none"
          id={id('minDeals')}
          aria-label={`Fewest ${def.kind === 'result' ? 'closed' : 'open'} deals for ${name}`}
          description={def.kind === 'result' ? 'closed deals' : 'open deals'}
          min={1}
          allowDecimal={false}
          value={rule.minDeals}
          onChange={(value) => onChange({ minDeals: value })}
          error={error('minDeals')}
        />
      </Table.Td>
      <Table.Td>
        <MultiSelect
          id={id('rootCauses')}
          aria-label={`Likely root causes of ${name}`}
          data={ROOT_CAUSE_ID_OPTIONS}
          renderOption={({ option }) => `${option.value} · ${rootCauseName(option.value as RootCauseId)}`}
          filter={findRootCauses}
          value={rule.rootCauses}
          onChange={(value) => onChange({ rootCauses: value as RootCauseId[] })}
          error={error('rootCauses')}
          searchable
        />
      </Table.Td>
      <Table.Td>
        {onRemove ? (
          <ActionIcon variant="subtle" color="red" mt={4} aria-label={`Remove ${name}`} onClick={() => onRemove(index)}>
            <IconTrash size={16} />
          </ActionIcon>
        ) : null}
      </Table.Td>
    </Table.Tr>
  );
});

function RecurrenceFields({
  recurrence,
  errors,
  onChange,
}: {
  recurrence: RecurrenceDraft;
  errors: FieldErrors;
  onChange(change: Partial<RecurrenceDraft>): void;
}) {
  return (
    <Stack gap="xs">
      <Title order={3} size="h5">
        A danger zone that recurs
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <NumberInput
          clampBehavior="none"
          id={fieldId(FORM_ID, 'recurrence.share')}
          label="Share of the open deals"
          description="0 to 1: 0.4 is 40 % of the seller’s open deals"
          min={0}
          max={1}
          step={0.05}
          decimalScale={4}
          value={recurrence.share}
          onChange={(value) => onChange({ share: value })}
          error={errors['recurrence.share']}
        />
        <NumberInput
          clampBehavior="none"
          id={fieldId(FORM_ID, 'recurrence.aboveMedianBy')}
          label="More than the team’s usual share by"
          description="0 to 1: a zone every seller has is the team’s matter"
          min={0}
          max={1}
          step={0.05}
          decimalScale={4}
          value={recurrence.aboveMedianBy}
          onChange={(value) => onChange({ aboveMedianBy: value })}
          error={errors['recurrence.aboveMedianBy']}
        />
        <NumberInput
          clampBehavior="none"
          id={fieldId(FORM_ID, 'recurrence.minDeals')}
          label="Fewest open deals"
          min={1}
          allowDecimal={false}
          value={recurrence.minDeals}
          onChange={(value) => onChange({ minDeals: value })}
          error={errors['recurrence.minDeals']}
        />
      </SimpleGrid>
      <Text size="xs" c="dimmed" data-testid="gap-recurrence-sentence">
        {recurrenceSentence(recurrence) ?? 'Enter the three numbers to read this setting.'}
      </Text>
    </Stack>
  );
}

import { Alert, Button, Group, Modal, NumberInput, Select, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useMemo, useState, type FormEvent } from 'react';
import type { SuccessConditionList } from '../../../contract/assignments.ts';
import type { Scorecard } from '../../../contract/scorecard.ts';
import { LEARNING_TYPE_LABELS } from '../../../domain/coaching/root-cause-guide.ts';
import { addDays } from '../../../domain/dates.ts';
import { fieldId, splitSaveError, useFocusFirstError, type FieldErrors } from '../../shared/form.ts';
import { todayLocal } from '../../shared/format.ts';
import { useCreateAssignment, useOpenDealsOf, useSuccessConditions } from './assignment-queries.ts';
import { useCatalog } from './queries.ts';

type Flag = Scorecard['flags'][number];
type ConditionDef = SuccessConditionList['items'][number];
type ParamValue = number | boolean | string | null;

const FORM_ID = 'assign';
const FIELDS = ['itemId', 'rootCause', 'dueDate', 'opportunityId', 'successCondition.id'] as const;

/**
 * Assigns learning for one flagged gap: an activity fit for its root causes, and for on-the-job work
 * the deal and what must become true on it. From a concluded diagnosis, `flag` is the gap it started
 * from narrowed to the root cause it found (no rule for one started from an observation).
 */
export function AssignModal({
  seller,
  flag,
  diagnosisId,
  onClose,
}: {
  seller: { id: string; name: string };
  flag: Flag | null;
  diagnosisId?: string;
  onClose(): void;
}) {
  return (
    <Modal opened={flag !== null} onClose={onClose} title={`Assign learning to ${seller.name}`} size="lg">
      {flag ? <AssignForm seller={seller} flag={flag} diagnosisId={diagnosisId} onClose={onClose} /> : null}
    </Modal>
  );
}

function defaultsOf(def: ConditionDef | undefined, flag: Flag): Record<string, ParamValue> {
  if (!def) return {};
  return Object.fromEntries(
    def.params.map((p) => [p.key, p.key === 'zoneId' && flag.zoneId ? flag.zoneId : p.default]),
  );
}

function AssignForm({
  seller,
  flag,
  diagnosisId,
  onClose,
}: {
  seller: { id: string; name: string };
  flag: Flag;
  diagnosisId: string | undefined;
  onClose(): void;
}) {
  const causes = flag.rootCauses.map((c) => c.id);
  const [wholeCatalog, setWholeCatalog] = useState(false);
  const catalog = useCatalog({});
  const conditions = useSuccessConditions();
  const create = useCreateAssignment();
  const [itemId, setItemId] = useState<string | null>(null);
  const [rootCause, setRootCause] = useState<string>(causes[0]!);
  const [dueDate, setDueDate] = useState(addDays(todayLocal(), 14));
  const [dealId, setDealId] = useState<string | null>(flag.deals[0]?.id ?? null);
  const [conditionId, setConditionId] = useState<string | null>(null);
  const [params, setParams] = useState<Record<string, ParamValue>>({});
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<string | null>(null);
  useFocusFirstError(FORM_ID, errors, FIELDS);

  const items = (catalog.data ?? []).filter(
    (i) => wholeCatalog || i.rootCauses.some((c) => (causes as string[]).includes(c)),
  );
  const item = catalog.data?.find((i) => i.id === itemId);
  const onTheJob = item?.type === 'on_the_job';
  const deals = useOpenDealsOf(seller.id, onTheJob);
  const condition = conditions.data?.find((c) => c.id === conditionId);

  // one flat list, the deals that show the gap first (marked so): grouped options lost the chosen deal
  const dealOptions = useMemo(() => {
    const flagged = new Set(flag.deals.map((d) => d.id));
    return [
      ...flag.deals.map((d) => ({ value: d.id, label: `${d.name} (shows this gap)` })),
      ...(deals.data ?? []).filter((d) => !flagged.has(d.id)).map((d) => ({ value: d.id, label: d.name })),
    ];
  }, [flag.deals, deals.data]);

  const conditionOptions = useMemo(() => {
    const all = conditions.data ?? [];
    const fits = all.filter((c) => c.rootCauses.some((r) => (causes as string[]).includes(r)));
    const rest = all.filter((c) => !fits.includes(c));
    return [
      { group: 'Fit this gap’s root causes', items: fits.map((c) => ({ value: c.id, label: c.label })) },
      { group: 'Other conditions', items: rest.map((c) => ({ value: c.id, label: c.label })) },
    ].filter((g) => g.items.length > 0);
  }, [conditions.data, causes]);

  const chooseItem = (id: string | null) => {
    setItemId(id);
    const chosen = catalog.data?.find((i) => i.id === id);
    const fit = chosen?.rootCauses.find((c) => (causes as string[]).includes(c));
    if (fit) setRootCause(fit);
  };
  const chooseCondition = (id: string | null) => {
    setConditionId(id);
    setParams(
      defaultsOf(
        conditions.data?.find((c) => c.id === id),
        flag,
      ),
    );
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setGeneral(null);
    const problems: FieldErrors = {};
    if (!itemId) problems.itemId = 'Choose an activity';
    if (!dueDate) problems.dueDate = 'Choose a due date';
    if (onTheJob && !dealId) problems.opportunityId = 'Choose the deal to practise on';
    if (onTheJob && !conditionId) problems['successCondition.id'] = 'Choose what must become true on the deal';
    setErrors(problems);
    if (Object.keys(problems).length > 0) return;
    const cleanParams = Object.fromEntries(Object.entries(params).filter(([, v]) => v !== null && v !== ''));
    create.mutate(
      {
        sellerId: seller.id,
        itemId: itemId!,
        dueDate,
        rootCause: rootCause as never,
        ...(flag.rule === 'ZONE'
          ? { gapRule: 'ZONE', zoneId: flag.zoneId ?? undefined }
          : flag.rule
            ? { gapRule: flag.rule }
            : {}),
        ...(diagnosisId ? { diagnosisId } : {}),
        ...(flag.indicator ? { indicator: flag.indicator } : {}),
        ...(onTheJob ? { opportunityId: dealId!, successCondition: { id: conditionId!, params: cleanParams } } : {}),
      },
      {
        onSuccess: onClose,
        onError: (error) => {
          const split = splitSaveError(error, [
            ...FIELDS,
            ...Object.keys(params).map((k) => `successCondition.params.${k}`),
          ]);
          setErrors(split.fields);
          setGeneral(split.general);
        },
      },
    );
  };

  return (
    <form id={FORM_ID} onSubmit={submit} noValidate>
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          {diagnosisId
            ? `For: ${flag.text}. The diagnosis found ${causes.join(', ')}.`
            : `For: ${flag.text}. Likely root causes ${causes.join(', ')}.`}
        </Text>
        <Select
          id={fieldId(FORM_ID, 'itemId')}
          label="Activity"
          placeholder={catalog.isPending ? 'Loading the catalog…' : 'Choose from the catalog'}
          data={items.map((i) => ({ value: i.id, label: `${i.title} (${LEARNING_TYPE_LABELS[i.type]})` }))}
          value={itemId}
          onChange={chooseItem}
          searchable
          nothingFoundMessage="Nothing in the catalog for these root causes"
          error={errors.itemId}
          required
        />
        <Switch
          label="Show the whole catalog, not only what addresses these root causes"
          checked={wholeCatalog}
          onChange={(e) => setWholeCatalog(e.currentTarget.checked)}
        />
        {item ? (
          <Text size="sm" c="dimmed">
            {item.summary}
          </Text>
        ) : null}
        <Group grow align="flex-start">
          <Select
            id={fieldId(FORM_ID, 'rootCause')}
            label="Root cause it addresses"
            data={flag.rootCauses.map((c) => ({ value: c.id, label: `${c.id} · ${c.name}` }))}
            value={rootCause}
            onChange={(v) => v && setRootCause(v)}
            allowDeselect={false}
            error={errors.rootCause}
          />
          <TextInput
            id={fieldId(FORM_ID, 'dueDate')}
            label="Due on"
            type="date"
            value={dueDate}
            min={todayLocal()}
            onChange={(e) => setDueDate(e.currentTarget.value)}
            error={errors.dueDate}
            required
          />
        </Group>
        {onTheJob ? (
          <>
            <Select
              id={fieldId(FORM_ID, 'opportunityId')}
              label="On which live deal"
              placeholder={deals.isPending ? 'Loading the open deals…' : 'Choose a deal'}
              data={dealOptions}
              value={dealId}
              onChange={(v) => setDealId(v)}
              allowDeselect={false}
              searchable
              nothingFoundMessage="No open deal"
              error={errors.opportunityId}
              required
            />
            <Select
              id={fieldId(FORM_ID, 'successCondition.id')}
              label="Done when (the app checks it on the deal)"
              placeholder="Choose a success condition"
              data={conditionOptions}
              value={conditionId}
              onChange={chooseCondition}
              allowDeselect={false}
              error={errors['successCondition.id']}
              required
            />
            {condition ? (
              <Text size="sm" c="dimmed">
                {condition.description}
              </Text>
            ) : null}
            {condition?.params.map((p) => {
              const error = errors[`successCondition.params.${p.key}`];
              const id = fieldId(FORM_ID, `param-${p.key}`);
              const set = (v: ParamValue) => setParams((ps) => ({ ...ps, [p.key]: v }));
              if (p.kind === 'integer')
                return (
                  <NumberInput
                    key={p.key}
                    id={id}
                    label={p.label}
                    min={p.min}
                    max={p.max}
                    allowDecimal={false}
                    value={typeof params[p.key] === 'number' ? (params[p.key] as number) : ''}
                    onChange={(v) => set(typeof v === 'number' ? v : null)}
                    error={error}
                  />
                );
              if (p.kind === 'boolean')
                return (
                  <Switch
                    key={p.key}
                    id={id}
                    label={p.label}
                    checked={params[p.key] === true}
                    onChange={(e) => set(e.currentTarget.checked)}
                    error={error}
                  />
                );
              return (
                <Select
                  key={p.key}
                  id={id}
                  label={p.label}
                  data={p.options}
                  value={typeof params[p.key] === 'string' ? (params[p.key] as string) : null}
                  onChange={set}
                  searchable
                  error={error}
                />
              );
            })}
          </>
        ) : null}
        {general ? (
          <Alert color="red" role="alert">
            {general}
          </Alert>
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={create.isPending}>
            Assign
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

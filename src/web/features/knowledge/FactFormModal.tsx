import { Button, Divider, Group, Modal, Paper, Select, Stack, Switch, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconQuote } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import type { KnowledgeFactView } from '../../../contract/knowledge.ts';
import { useFocusFirstError, type FieldErrors } from '../../shared/form.ts';
import { formatDate } from '../../shared/format.ts';
import { useWorkspace, type FactRequest } from './context.tsx';
import { blankEvidence, EvidenceFields, type EvidenceDraft } from './EvidenceFields.tsx';
import { FieldValueInput } from './FieldValueInput.tsx';
import { FactQuality } from './levels.tsx';
import { useRecordFact, type FactBody } from './queries.ts';
import {
  alternativeOptions,
  currentFact,
  fieldsIn,
  kindOf,
  targetKey,
  targetsAbout,
  valueInWords,
} from './schema-model.ts';
import { blankDraft, draftFromValue, readDraft, type ValueDraft } from './value-draft.ts';
import { NO_FAILURE, readWriteError, WriteAlert, type WriteFailure } from './WriteAlert.tsx';

const FORM_ID = 'knowledge-fact';
const FIELD_ORDER = [
  'itemId',
  'field',
  'qualifier',
  'value',
  'evidence.text',
  'evidence.source',
  'evidence.contactId',
  'evidence.observedAt',
] as const;

/** Records a value, or an explicit "unknown", for one field, always with the evidence behind it. */
export function FactFormModal({ request, onClose }: { request: FactRequest | null; onClose(): void }) {
  return (
    <Modal
      opened={request !== null}
      onClose={onClose}
      title={request?.prefill ? 'Change what we know' : 'Record what you learned'}
      size="lg"
      centered={false}
      yOffset="6vh"
    >
      {/* mounted only while open, so every opening starts from its own request */}
      {request ? <FactForm request={request} onClose={onClose} /> : null}
    </Modal>
  );
}

function FactForm({ request, onClose }: { request: FactRequest; onClose(): void }) {
  const ws = useWorkspace();
  const record = useRecordFact(ws.opportunityId);
  const objective = ws.knowledge.objectives.find((o) => o.key === request.objective);
  const targets = targetsAbout(ws.schema, ws.knowledge, request.objective);
  const [chosenTarget, setChosenTarget] = useState<string | null>(() =>
    request.target
      ? targetKey(request.target.kind, request.target.itemId)
      : targets.length === 1
        ? targets[0]!.key
        : null,
  );
  const target = targets.find((t) => t.key === chosenTarget) ?? null;
  const fields = target ? fieldsIn(kindOf(ws.schema, target.kind), request.objective) : [];
  const [fieldKey, setFieldKey] = useState<string | null>(
    request.field ?? (fields.length === 1 ? fields[0]!.key : null),
  );
  const field = fields.find((f) => f.key === fieldKey) ?? null;
  const [qualifier, setQualifier] = useState<string | null>(request.qualifier ?? null);
  const current =
    target && field
      ? currentFact(ws.knowledge, target.itemId, target.kind, field.key, field.perAlternative ? qualifier : null)
      : undefined;
  const [draft, setDraft] = useState<ValueDraft>(() =>
    request.prefill && current && field && !current.isUnknown
      ? draftFromValue(field, current.value, ws.currency)
      : blankDraft(ws.currency),
  );
  const [isUnknown, setUnknown] = useState(request.prefill === true && current?.isUnknown === true);
  const [evidence, setEvidence] = useState<EvidenceDraft>(blankEvidence);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<WriteFailure>(NO_FAILURE);
  useFocusFirstError(FORM_ID, errors, FIELD_ORDER);

  const clearError = (...keys: string[]) => {
    if (keys.some((k) => errors[k]))
      setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !keys.includes(k))));
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: FieldErrors = {};
    if (!target) found.itemId = 'Choose what this is about';
    if (!field) found.field = 'Choose what you learned';
    if (field?.perAlternative && !qualifier) found.qualifier = 'Choose the option this is about';
    const value = field && !isUnknown ? readDraft(field, draft) : null;
    if (value && !value.ok) found.value = value.error;
    if (!isUnknown && !evidence.text.trim()) found['evidence.text'] = 'Say what the customer said or did';
    if (!evidence.observedAt) found['evidence.observedAt'] = 'When did you learn it?';
    setErrors(found);
    if (Object.keys(found).length > 0 || !target || !field) return;
    const body: FactBody = {
      version: ws.knowledge.opportunityVersion,
      ...(target.itemId ? { itemId: target.itemId } : { kind: target.kind }),
      field: field.key,
      ...(field.perAlternative ? { qualifier } : {}),
      ...(isUnknown ? { unknown: true } : { value: value?.ok ? value.value : undefined }),
      evidence: {
        ...(evidence.text.trim() ? { text: evidence.text.trim() } : {}),
        source: evidence.source,
        contactId: evidence.contactId,
        observedAt: evidence.observedAt,
      },
    };
    setFailure(NO_FAILURE);
    record.mutate(body, {
      onSuccess: () => {
        notifications.show({
          color: 'teal',
          title: 'Recorded',
          message: `${field.label}${target.itemId ? ` of ${target.label}` : ''}`,
        });
        onClose();
      },
      onError: (error) => {
        const read = readWriteError(error, FIELD_ORDER, { kind: 'itemId' });
        setErrors(read.fields);
        setFailure(read);
      },
    });
  };

  const reload = () => void ws.reload().then(() => setFailure(NO_FAILURE));

  return (
    <form onSubmit={submit} noValidate aria-label="Record a fact">
      <Stack gap="md">
        <Stack gap={0}>
          {objective ? (
            <Text size="xs" c="dimmed" fw={600} tt="uppercase" style={{ letterSpacing: 0.4 }}>
              {objective.number}. {objective.name}
            </Text>
          ) : null}
          {request.target && target ? (
            <Text size="lg" fw={650} data-testid="fact-subject">
              {request.field && field ? `${field.label} · ` : ''}
              {target.label}
            </Text>
          ) : null}
        </Stack>
        <WriteAlert failure={failure} onReload={reload} reloading={ws.isReloading} />
        {request.target ? null : (
          <Select
            id={`${FORM_ID}-itemId`}
            label="About"
            placeholder="Choose"
            data={groupedTargets(targets)}
            value={chosenTarget}
            onChange={(key) => {
              setChosenTarget(key);
              setFieldKey(null);
              setDraft(blankDraft(ws.currency));
              clearError('itemId');
            }}
            searchable
            error={errors.itemId}
            nothingFoundMessage="Nothing by that name"
            required
          />
        )}
        {request.field ? null : (
          <Select
            id={`${FORM_ID}-field`}
            label="What you learned"
            placeholder={target ? 'Choose' : 'Choose what this is about first'}
            data={fields.map((f) => ({ value: f.key, label: f.label }))}
            value={fieldKey}
            onChange={(key) => {
              setFieldKey(key);
              setDraft(blankDraft(ws.currency));
              clearError('field', 'value');
            }}
            disabled={!target}
            searchable
            error={errors.field}
            required
          />
        )}
        {field ? (
          <Text size="sm" c="dimmed" fs="italic" data-testid="field-question">
            Ask: “{field.question}”
          </Text>
        ) : null}
        {field?.perAlternative ? (
          <Select
            id={`${FORM_ID}-qualifier`}
            label="For which option"
            data={alternativeOptions(ws.knowledge)}
            value={qualifier}
            onChange={(q) => {
              setQualifier(q);
              clearError('qualifier');
            }}
            error={errors.qualifier}
            required
          />
        ) : null}
        {current ? <CurrentValue fact={current} /> : null}
        {field ? (
          <Stack gap={6}>
            {isUnknown ? (
              <Text size="sm" fw={500}>
                {field.label}:{' '}
                <Text span c="orange.8" fw={600}>
                  Unknown
                </Text>
              </Text>
            ) : (
              <FieldValueInput
                id={`${FORM_ID}-value`}
                field={field}
                draft={draft}
                onChange={(patch) => {
                  setDraft((d) => ({ ...d, ...patch }));
                  clearError('value');
                }}
                error={errors.value}
                knowledge={ws.knowledge}
              />
            )}
            <Switch
              label="Unknown: we asked, and nobody knows yet"
              description="An explicit unknown counts: it tells everyone the question is open."
              checked={isUnknown}
              onChange={(e) => {
                setUnknown(e.currentTarget.checked);
                clearError('value', 'evidence.text');
              }}
              mt={4}
            />
          </Stack>
        ) : null}
        <Divider label="Evidence" labelPosition="left" />
        <EvidenceFields
          formId={FORM_ID}
          value={evidence}
          onChange={(patch) => {
            setEvidence((e) => ({ ...e, ...patch }));
            clearError(...Object.keys(patch).map((k) => `evidence.${k}`));
          }}
          errors={errors}
          accountId={ws.accountId}
          isTextOptional={isUnknown}
        />
        <Group justify="flex-end" gap="sm" mt="xs">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={record.isPending}>
            {isUnknown ? 'Record as unknown' : 'Record'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Targets grouped by their kind: "Evaluator" › names, "Access to power". */
function groupedTargets(targets: ReturnType<typeof targetsAbout>) {
  const groups = new Map<string, Array<{ value: string; label: string }>>();
  for (const t of targets) {
    const group = t.itemId ? `${t.kindLabel}s` : 'For the whole opportunity';
    groups.set(group, [...(groups.get(group) ?? []), { value: t.key, label: t.label }]);
  }
  return [...groups.entries()].map(([group, items]) => ({ group, items }));
}

function CurrentValue({ fact }: { fact: KnowledgeFactView }) {
  const { schema } = useWorkspace();
  return (
    <Paper p="sm" bg="gray.0" withBorder={false} data-testid="current-value">
      <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
        <Stack gap={2} style={{ minWidth: 0 }}>
          <Text size="xs" c="dimmed" fw={600} tt="uppercase">
            Recorded now
          </Text>
          <Text size="sm" fw={600}>
            {valueInWords(schema, fact)}
          </Text>
          {fact.evidence.text ? (
            <Group gap={4} wrap="nowrap" align="flex-start">
              <IconQuote size={12} style={{ flexShrink: 0, marginTop: 3 }} />
              <Text size="xs" c="dimmed" lineClamp={2}>
                {fact.evidence.text}
              </Text>
            </Group>
          ) : null}
          <Text size="xs" c="dimmed">
            {fact.evidence.contactName ? `${fact.evidence.contactName}, ` : ''}
            {formatDate(fact.evidence.observedAt)}
          </Text>
        </Stack>
        <FactQuality fact={fact} />
      </Group>
    </Paper>
  );
}

import { ActionIcon, Alert, Anchor, Box, Button, Checkbox, Drawer, Grid, Group, Kbd, Paper, Select, SimpleGrid, Skeleton, Stack, Text, TextInput, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconMessagePlus, IconPlus, IconTrash } from '@tabler/icons-react';
import { useEffect, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { KnowledgeResponse } from '../../../contract/knowledge.ts';
import { isApiError } from '../../app/api.ts';
import { todayLocal } from '../../shared/format.ts';
import { ErrorState } from '../../shared/states.tsx';
import { NewContactModal } from '../contacts/NewContactModal.tsx';
import { useOpportunity } from '../opportunities/queries.ts';
import { SOURCE_OPTIONS, useContactOptions } from './EvidenceFields.tsx';
import { FieldValueInput } from './FieldValueInput.tsx';
import { optionLabel } from './labels.ts';
import {
  blankRow,
  buildLog,
  isBlankRow,
  placeLogErrors,
  targetKind,
  targetOptions,
  withTarget,
  type LogHeader,
  type LogRow,
  type RowErrors,
} from './log-model.ts';
import { useKnowledge, useKnowledgeSchema, useLogMeeting, type KnowledgeSchema } from './queries.ts';
import { alternativeOptions, fieldsIn, kindOf, type ObjectiveKey, type Option } from './schema-model.ts';
import { NO_FAILURE, WriteAlert, type WriteFailure } from './WriteAlert.tsx';

type LogMeetingProps = { opportunityId: string; disabled?: boolean };

/** "Log what I learned": opens the meeting log. */
export function LogMeetingButton({ opportunityId, disabled = false }: LogMeetingProps) {
  const [opened, setOpened] = useState(false);
  return (
    <>
      <Button leftSection={<IconMessagePlus size={18} />} onClick={() => setOpened(true)} disabled={disabled}>
        Log what I learned
      </Button>
      <LogMeetingDrawer opportunityId={opportunityId} opened={opened} onClose={() => setOpened(false)} />
    </>
  );
}

/** A meeting or call in one go: when, how, with whom, and rows of what was learned, saved all or nothing. */
export function LogMeetingDrawer({ opportunityId, opened, onClose }: { opportunityId: string; opened: boolean; onClose(): void }) {
  const [isDirty, setDirty] = useState(false);
  const [isAskingToDiscard, setAskingToDiscard] = useState(false);
  const close = () => {
    setDirty(false);
    setAskingToDiscard(false);
    onClose();
  };
  const requestClose = () => (isDirty ? setAskingToDiscard(true) : close());
  return (
    <Drawer
      opened={opened}
      onClose={requestClose}
      position="right"
      size="min(880px, 100vw)"
      title="Log what I learned"
      padding="lg"
      closeButtonProps={{ 'aria-label': 'Close the meeting log' }}
      styles={{ title: { fontWeight: 650, fontSize: 'var(--mantine-font-size-lg)' }, body: { paddingBottom: 0 } }}
    >
      {opened ? (
        <LogMeetingContent
          opportunityId={opportunityId}
          onDone={close}
          onCancel={requestClose}
          onDirty={setDirty}
          isAskingToDiscard={isAskingToDiscard}
          onKeepEditing={() => setAskingToDiscard(false)}
          onDiscard={close}
        />
      ) : null}
    </Drawer>
  );
}

type ContentProps = {
  opportunityId: string;
  onDone(): void;
  onCancel(): void;
  onDirty(dirty: boolean): void;
  isAskingToDiscard: boolean;
  onKeepEditing(): void;
  onDiscard(): void;
};

function LogMeetingContent(props: ContentProps) {
  const opportunity = useOpportunity(props.opportunityId);
  const knowledge = useKnowledge(props.opportunityId, null);
  const schema = useKnowledgeSchema();
  if (opportunity.isError || knowledge.isError || schema.isError) {
    const retry = () => {
      void opportunity.refetch();
      void knowledge.refetch();
      void schema.refetch();
    };
    return <ErrorState error={opportunity.error ?? knowledge.error ?? schema.error} onRetry={retry} />;
  }
  if (!opportunity.data || !knowledge.data || !schema.data) {
    return (
      <Stack gap="md" aria-busy aria-label="Loading">
        <Skeleton height={36} />
        <Skeleton height={36} />
        <Skeleton height={120} />
      </Stack>
    );
  }
  return (
    <LogForm
      {...props}
      knowledge={knowledge.data}
      schema={schema.data}
      accountId={opportunity.data.accountId}
      accountName={opportunity.data.accountName}
      currency={opportunity.data.currency}
      onReload={() => knowledge.refetch()}
      isReloading={knowledge.isFetching}
    />
  );
}

type LogFormProps = ContentProps & {
  knowledge: KnowledgeResponse;
  schema: KnowledgeSchema;
  accountId: string;
  accountName: string;
  currency: string;
  onReload(): Promise<unknown>;
  isReloading: boolean;
};

const HEADER_ID = 'knowledge-log';

function LogForm({ opportunityId, knowledge, schema, accountId, accountName, currency, onDone, onCancel, onDirty, isAskingToDiscard, onKeepEditing, onDiscard, onReload, isReloading }: LogFormProps) {
  const log = useLogMeeting(opportunityId);
  const contacts = useContactOptions(accountId);
  const contactName = (id: string) => contacts.options.find((c) => c.value === id)?.label.split(' · ')[0];
  const [header, setHeader] = useState<LogHeader>(() => ({ observedAt: todayLocal(), source: 'buyer_stated', contactId: null, summary: '' }));
  const [rows, setRows] = useState<LogRow[]>(() => [blankRow(currency)]);
  const [rowErrors, setRowErrors] = useState<Record<string, RowErrors>>({});
  const [headerErrors, setHeaderErrors] = useState<Partial<Record<keyof LogHeader, string>>>({});
  const [failure, setFailure] = useState<WriteFailure>(NO_FAILURE);
  const [focusRow, setFocusRow] = useState<string | null>(null);
  const [isAddingContact, setAddingContact] = useState(false);

  const isDirty = header.summary.trim() !== '' || rows.some((r) => !isBlankRow(r));
  useEffect(() => onDirty(isDirty), [isDirty, onDirty]);

  useEffect(() => {
    if (isAskingToDiscard) document.getElementById('knowledge-log-discard')?.scrollIntoView({ block: 'nearest' });
  }, [isAskingToDiscard]);

  // a new row takes the focus, so typing goes on without the mouse
  useEffect(() => {
    if (!focusRow) return;
    document.getElementById(`${focusRow}-objective`)?.focus();
    setFocusRow(null);
  }, [focusRow]);

  const updateRow = (id: string, change: (row: LogRow) => LogRow, clears: Array<keyof RowErrors> = []) => {
    setRows((all) => all.map((r) => (r.id === id ? change(r) : r)));
    if (clears.length > 0 && rowErrors[id]) {
      setRowErrors((e) => ({ ...e, [id]: Object.fromEntries(Object.entries(e[id] ?? {}).filter(([k]) => !clears.includes(k as keyof RowErrors))) }));
    }
  };

  const addRowAfter = (id?: string) => {
    const row = blankRow(currency);
    setRows((all) => {
      const at = id ? all.findIndex((r) => r.id === id) + 1 : all.length;
      return [...all.slice(0, at), row, ...all.slice(at)];
    });
    setFocusRow(row.id);
  };

  const removeRow = (id: string) => {
    setRows((all) => {
      const rest = all.filter((r) => r.id !== id);
      return rest.length > 0 ? rest : [blankRow(currency)];
    });
    setRowErrors(({ [id]: _removed, ...rest }) => rest);
  };

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    setFailure(NO_FAILURE);
    const built = buildLog(schema, knowledge, header, rows);
    const headerFound: Partial<Record<keyof LogHeader, string>> = {};
    if (!header.observedAt) headerFound.observedAt = 'When was the meeting?';
    setHeaderErrors(headerFound);
    if (!built.ok) {
      setRowErrors(built.rowErrors);
      if (built.general) setFailure({ fields: {}, general: built.general, isConflict: false });
      const first = rows.find((r) => built.rowErrors[r.id]);
      if (first) document.getElementById(`${first.id}-${Object.keys(built.rowErrors[first.id] ?? {})[0] ?? 'objective'}`)?.focus();
      return;
    }
    if (Object.keys(headerFound).length > 0) return;
    setRowErrors({});
    log.mutate(built.body, {
      onSuccess: () => {
        const count = built.body.facts?.length ?? 0;
        const added = built.body.items?.length ?? 0;
        const parts = [count === 1 ? '1 fact' : `${count} facts`, ...(added > 0 ? [added === 1 ? '1 new item' : `${added} new items`] : [])];
        notifications.show({ color: 'teal', title: 'Meeting logged', message: `${parts.join(' and ')} recorded.` });
        onDone();
      },
      onError: (error) => {
        if (isApiError(error, 'version-conflict')) {
          setFailure({ fields: {}, general: null, isConflict: true });
          return;
        }
        if (!isApiError(error)) {
          setFailure({ fields: {}, general: error.message, isConflict: false });
          return;
        }
        const placed = placeLogErrors(error.fields, built);
        setRowErrors(placed.rowErrors);
        setHeaderErrors(placed.header);
        const nothingPlaced = Object.keys(placed.rowErrors).length === 0 && Object.keys(placed.header).length === 0;
        const general = placed.unplaced.length > 0 ? `${error.message} (${placed.unplaced.join('; ')})` : nothingPlaced ? error.message : null;
        setFailure({ fields: {}, general, isConflict: false });
      },
    });
  };

  // Enter in a text box adds the next row; Ctrl/Cmd+Enter saves the meeting.
  const onKeyDown = (event: KeyboardEvent<HTMLFormElement>) => {
    if (event.key !== 'Enter' || event.nativeEvent.isComposing) return;
    if (event.ctrlKey || event.metaKey) {
      event.preventDefault();
      submit();
      return;
    }
    const target = event.target as HTMLElement;
    if (event.defaultPrevented || event.shiftKey || target.tagName !== 'INPUT' || target.getAttribute('aria-expanded') === 'true') return;
    if ((target as HTMLInputElement).type === 'checkbox' || (target as HTMLInputElement).type === 'radio') return;
    event.preventDefault();
    const rowId = target.closest<HTMLElement>('[data-row]')?.dataset.row;
    addRowAfter(rowId);
  };

  const filledRows = rows.filter((r) => !isBlankRow(r)).length;

  return (
    <>
      <form onSubmit={submit} onKeyDown={onKeyDown} noValidate aria-label="Log a meeting">
        <Stack gap="md">
          {isAskingToDiscard ? (
            <Alert id="knowledge-log-discard" color="orange" title="Discard this meeting log?" role="alertdialog">
              <Text size="sm" mb="sm">
                What you entered has not been saved.
              </Text>
              <Group gap="sm">
                <Button size="xs" color="orange" onClick={onDiscard}>
                  Discard
                </Button>
                <Button size="xs" variant="default" onClick={onKeepEditing} data-autofocus>
                  Keep editing
                </Button>
              </Group>
            </Alert>
          ) : null}
          <WriteAlert failure={failure} onReload={() => void onReload().then(() => setFailure(NO_FAILURE))} reloading={isReloading} />
          <Paper p="md" bg="gray.0" withBorder={false}>
            <Stack gap="sm">
              <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
                <TextInput
                  id={`${HEADER_ID}-observedAt`}
                  label="When"
                  type="date"
                  max={todayLocal()}
                  value={header.observedAt}
                  onChange={(e) => {
                    const observedAt = e.currentTarget.value;
                    setHeader((h) => ({ ...h, observedAt }));
                  }}
                  error={headerErrors.observedAt}
                  required
                />
                <Select
                  id={`${HEADER_ID}-source`}
                  label="How we learned it"
                  data={SOURCE_OPTIONS}
                  value={header.source}
                  onChange={(v) => v && setHeader((h) => ({ ...h, source: v as LogHeader['source'] }))}
                  allowDeselect={false}
                  error={headerErrors.source}
                />
                <Select
                  id={`${HEADER_ID}-contactId`}
                  label="With whom"
                  placeholder={contacts.isLoading ? 'Loading…' : 'Main contact'}
                  data={contacts.options}
                  value={header.contactId}
                  onChange={(contactId) => setHeader((h) => ({ ...h, contactId }))}
                  searchable
                  clearable
                  error={headerErrors.contactId}
                  nothingFoundMessage="No contact by that name"
                />
              </SimpleGrid>
              <TextInput
                id={`${HEADER_ID}-summary`}
                label="In one line"
                placeholder="Budget review with the CFO: money is approved, procurement joins next week"
                value={header.summary}
                onChange={(e) => {
                  const summary = e.currentTarget.value;
                  setHeader((h) => ({ ...h, summary }));
                }}
                error={headerErrors.summary}
                description="Stands as the evidence for every row without words of its own."
                data-autofocus
              />
            </Stack>
          </Paper>

          <Group justify="space-between" align="baseline">
            <Text fw={650}>What we learned</Text>
            <Text size="xs" c="dimmed">
              <Kbd size="xs">Enter</Kbd> adds a row · <Kbd size="xs">Ctrl</Kbd> + <Kbd size="xs">Enter</Kbd> saves
            </Text>
          </Group>
          <Stack gap="sm" data-testid="log-rows">
            {rows.map((row, index) => (
              <LogRowEditor
                key={row.id}
                index={index}
                row={row}
                rows={rows}
                errors={rowErrors[row.id] ?? {}}
                knowledge={knowledge}
                schema={schema}
                contactOptions={contacts.options}
                contactName={contactName}
                onChange={(change, clears) => updateRow(row.id, change, clears)}
                onRemove={() => removeRow(row.id)}
                onAddContact={() => setAddingContact(true)}
                accountName={accountName}
                hasSummary={header.summary.trim() !== ''}
              />
            ))}
            <Button variant="subtle" leftSection={<IconPlus size={16} />} onClick={() => addRowAfter()} style={{ alignSelf: 'flex-start' }}>
              Add a row
            </Button>
          </Stack>
        </Stack>
        <Box
          pos="sticky"
          bottom={0}
          py="md"
          mt="md"
          bg="var(--mantine-color-body)"
          style={{ borderTop: '1px solid var(--mantine-color-gray-2)', zIndex: 2 }}
        >
          <Group justify="space-between">
            <Text size="sm" c="dimmed" aria-live="polite">
              {filledRows === 0 ? 'Nothing entered yet' : filledRows === 1 ? '1 thing learned' : `${filledRows} things learned`}
            </Text>
            <Group gap="sm">
              <Button variant="default" onClick={onCancel}>
                Cancel
              </Button>
              <Button type="submit" loading={log.isPending}>
                Save meeting
              </Button>
            </Group>
          </Group>
        </Box>
      </form>
      <NewContactModal opened={isAddingContact} onClose={() => setAddingContact(false)} account={{ id: accountId, name: accountName }} />
    </>
  );
}

type LogRowEditorProps = {
  index: number;
  row: LogRow;
  rows: LogRow[];
  errors: RowErrors;
  knowledge: KnowledgeResponse;
  schema: KnowledgeSchema;
  contactOptions: Option[];
  contactName(id: string): string | undefined;
  onChange(change: (row: LogRow) => LogRow, clears?: Array<keyof RowErrors>): void;
  onRemove(): void;
  onAddContact(): void;
  accountName: string;
  /** the one-line summary stands in for rows without words of their own */
  hasSummary: boolean;
};

function LogRowEditor({ index, row, rows, errors, knowledge, schema, contactOptions, contactName, onChange, onRemove, onAddContact, accountName, hasSummary }: LogRowEditorProps) {
  const id = (part: string) => `${row.id}-${part}`;
  const kind = targetKind(knowledge, rows, row);
  const kindDef = kind ? kindOf(schema, kind) : null;
  const fields = kindDef && row.objective ? fieldsIn(kindDef, row.objective) : [];
  const field = fields.find((f) => f.key === row.field) ?? null;
  const targets = targetOptions(schema, knowledge, rows, row, contactName);
  const takenContacts = new Set([
    ...knowledge.objectives.flatMap((o) => o.items).filter((i) => i.kind === 'evaluator').map((i) => i.contactId),
    ...rows.filter((r) => r.id !== row.id && r.newItem?.kind === 'evaluator').map((r) => r.newItem?.contactId),
  ]);

  const chooseObjective = (objective: ObjectiveKey | null) =>
    onChange((r) => {
      const next = withTarget({ ...r, objective }, null);
      // one-per-opportunity objectives (the compelling event, funding) have nothing else to choose
      const only = targetOptions(schema, knowledge, rows, next, contactName).flatMap((g) => g.items);
      return only.length === 1 && !only[0]!.value.startsWith('new:') ? withTarget(next, only[0]!.value) : next;
    }, ['objective', 'target', 'field']);

  return (
    <Paper p="sm" radius="md" data-row={row.id} data-testid="log-row" aria-label={`What we learned, row ${index + 1}`}>
      <Group gap="xs" align="flex-start" wrap="nowrap">
        <Text size="xs" c="dimmed" fw={700} w={18} pt={30} ta="right" aria-hidden>
          {index + 1}
        </Text>
        <Stack gap="xs" style={{ flex: 1, minWidth: 0 }}>
          <Grid gap="xs">
            <Grid.Col span={{ base: 12, sm: 4 }}>
              <Select
                id={id('objective')}
                label="Objective"
                placeholder="Choose"
                size="sm"
                data={knowledge.objectives.map((o) => ({ value: o.key, label: `${o.number}. ${o.name}` }))}
                value={row.objective}
                onChange={(v) => chooseObjective(v as ObjectiveKey | null)}
                searchable
                error={errors.objective}
                comboboxProps={{ withinPortal: true }}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 4 }}>
              <Select
                id={id('target')}
                label="About"
                placeholder={row.objective ? 'Choose' : '—'}
                size="sm"
                data={targets}
                value={row.target}
                onChange={(v) =>
                  onChange((r) => {
                    const next = withTarget(r, v);
                    const nextKind = targetKind(knowledge, rows, next);
                    const nextFields = nextKind && next.objective ? fieldsIn(kindOf(schema, nextKind), next.objective) : [];
                    return nextFields.length === 1 && !next.newItem ? { ...next, field: nextFields[0]!.key } : next;
                  }, ['target', 'field', 'contactId', 'title', 'category'])
                }
                disabled={!row.objective}
                searchable
                error={errors.target}
                nothingFoundMessage="Nothing by that name"
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 4 }}>
              <Select
                id={id('field')}
                label="What"
                placeholder={row.newItem ? 'Nothing more (just add it)' : kind ? 'Choose' : '—'}
                size="sm"
                data={fields.map((f) => ({ value: f.key, label: f.label }))}
                value={row.field}
                onChange={(v) => onChange((r) => ({ ...r, field: v, qualifier: null, isUnknown: false }), ['field', 'value', 'qualifier'])}
                disabled={!kind}
                searchable
                clearable={row.newItem !== null}
                error={errors.field}
              />
            </Grid.Col>
          </Grid>
          {row.newItem && kindDef ? (
            <Grid gap="xs">
              {kindDef.identity.contact ? (
                <Grid.Col span={{ base: 12, sm: 8 }}>
                  <Select
                    id={id('contactId')}
                    label={`New ${kindDef.label.toLowerCase()}`}
                    placeholder="Choose the contact"
                    size="sm"
                    data={contactOptions.map((c) => ({ ...c, disabled: takenContacts.has(c.value) }))}
                    value={row.newItem.contactId}
                    onChange={(contactId) => onChange((r) => ({ ...r, newItem: r.newItem ? { ...r.newItem, contactId } : null }), ['contactId'])}
                    searchable
                    error={errors.contactId}
                    nothingFoundMessage="No contact by that name"
                  />
                  <Anchor component="button" type="button" size="xs" mt={4} onClick={onAddContact}>
                    Not a contact yet? Add one to {accountName}
                  </Anchor>
                </Grid.Col>
              ) : null}
              {kindDef.identity.title ? (
                <Grid.Col span={{ base: 12, sm: kindDef.identity.category ? 8 : 12 }}>
                  <TextInput
                    id={id('title')}
                    label={kindDef.identity.title}
                    size="sm"
                    value={row.newItem.title}
                    onChange={(e) => {
                      const title = e.currentTarget.value;
                      onChange((r) => ({ ...r, newItem: r.newItem ? { ...r.newItem, title } : null }), ['title']);
                    }}
                    error={errors.title}
                  />
                </Grid.Col>
              ) : null}
              {kindDef.identity.category ? (
                <Grid.Col span={{ base: 12, sm: 4 }}>
                  <Select
                    id={id('category')}
                    label={kindDef.identity.category.label}
                    placeholder="Choose"
                    size="sm"
                    data={kindDef.identity.category.options.map((o) => ({ value: o, label: optionLabel(o) }))}
                    value={row.newItem.category}
                    onChange={(category) => onChange((r) => ({ ...r, newItem: r.newItem ? { ...r.newItem, category } : null }), ['category'])}
                    error={errors.category}
                  />
                </Grid.Col>
              ) : null}
            </Grid>
          ) : null}
          {field?.perAlternative ? (
            <Select
              id={id('qualifier')}
              label="For which option"
              size="sm"
              data={alternativeOptions(knowledge)}
              value={row.qualifier}
              onChange={(qualifier) => onChange((r) => ({ ...r, qualifier }), ['qualifier'])}
              error={errors.qualifier}
              maw={320}
            />
          ) : null}
          {field ? (
            <Grid gap="xs" align="flex-end">
              <Grid.Col span={{ base: 12, sm: 7 }}>
                {row.isUnknown ? (
                  <TextInput id={id('value')} label={field.label} size="sm" value="Unknown: we asked, nobody knows yet" readOnly disabled />
                ) : (
                  <FieldValueInput
                    id={id('value')}
                    field={field}
                    draft={row.draft}
                    onChange={(patch) => onChange((r) => ({ ...r, draft: { ...r.draft, ...patch } }), ['value'])}
                    error={errors.value}
                    knowledge={knowledge}
                  />
                )}
                <Checkbox
                  mt={6}
                  size="xs"
                  label="Unknown (asked, nobody knows yet)"
                  checked={row.isUnknown}
                  onChange={(e) => {
                    const isUnknown = e.currentTarget.checked;
                    onChange((r) => ({ ...r, isUnknown }), ['value', 'said']);
                  }}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 5 }}>
                <TextInput
                  id={id('said')}
                  label="Their words"
                  placeholder={hasSummary ? 'Optional: the summary stands in' : 'What they said or did'}
                  size="sm"
                  value={row.said}
                  onChange={(e) => {
                    const said = e.currentTarget.value;
                    onChange((r) => ({ ...r, said }), ['said']);
                  }}
                  error={errors.said}
                  mb={errors.value ? 0 : 28}
                />
              </Grid.Col>
            </Grid>
          ) : row.newItem ? (
            <TextInput
              id={id('said')}
              label="Their words"
              placeholder={hasSummary ? 'Optional: the summary stands in' : 'What they said or did'}
              size="sm"
              value={row.said}
              onChange={(e) => {
                const said = e.currentTarget.value;
                onChange((r) => ({ ...r, said }), ['said']);
              }}
              error={errors.said}
            />
          ) : null}
          {field ? (
            <Text size="xs" c="dimmed" fs="italic">
              Ask: “{field.question}”
            </Text>
          ) : null}
        </Stack>
        <Tooltip label="Remove this row">
          <ActionIcon variant="subtle" color="gray" mt={26} onClick={onRemove} aria-label={`Remove row ${index + 1}`}>
            <IconTrash size={16} />
          </ActionIcon>
        </Tooltip>
      </Group>
    </Paper>
  );
}

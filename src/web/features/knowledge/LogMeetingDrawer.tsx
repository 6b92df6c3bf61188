import {
  Alert,
  Box,
  Button,
  Drawer,
  Group,
  Kbd,
  Paper,
  Select,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconMessagePlus, IconPlus } from '@tabler/icons-react';
import { useEffect, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { KnowledgeResponse } from '../../../contract/knowledge.ts';
import { isApiError } from '../../app/api.ts';
import { todayLocal } from '../../shared/format.ts';
import { ErrorState } from '../../shared/states.tsx';
import { NewContactModal } from '../contacts/NewContactModal.tsx';
import { useOpportunity } from '../opportunities/queries.ts';
import { SOURCE_OPTIONS, useContactOptions } from './EvidenceFields.tsx';
import {
  blankRow,
  buildLog,
  isBlankRow,
  placeLogErrors,
  type LogHeader,
  type LogRow,
  type RowErrors,
} from './log-model.ts';
import { LogRowEditor } from './LogRowEditor.tsx';
import { useKnowledge, useKnowledgeSchema, useLogMeeting, type KnowledgeSchema } from './queries.ts';
import { NO_FAILURE, WriteAlert, type WriteFailure } from './WriteAlert.tsx';
import { TEXT_LIMITS } from '../../../domain/text.ts';

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
export function LogMeetingDrawer({
  opportunityId,
  opened,
  onClose,
}: {
  opportunityId: string;
  opened: boolean;
  onClose(): void;
}) {
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

function LogForm({
  opportunityId,
  knowledge,
  schema,
  accountId,
  accountName,
  currency,
  onDone,
  onCancel,
  onDirty,
  isAskingToDiscard,
  onKeepEditing,
  onDiscard,
  onReload,
  isReloading,
}: LogFormProps) {
  const log = useLogMeeting(opportunityId);
  const contacts = useContactOptions(accountId);
  const contactName = (id: string) => contacts.options.find((c) => c.value === id)?.label.split(' · ')[0];
  const [header, setHeader] = useState<LogHeader>(() => ({
    observedAt: todayLocal(),
    source: 'buyer_stated',
    contactId: null,
    summary: '',
  }));
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
      setRowErrors((e) => ({
        ...e,
        [id]: Object.fromEntries(Object.entries(e[id] ?? {}).filter(([k]) => !clears.includes(k as keyof RowErrors))),
      }));
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
      if (first)
        document
          .getElementById(`${first.id}-${Object.keys(built.rowErrors[first.id] ?? {})[0] ?? 'objective'}`)
          ?.focus();
      return;
    }
    if (Object.keys(headerFound).length > 0) return;
    setRowErrors({});
    log.mutate(built.body, {
      onSuccess: () => {
        const count = built.body.facts?.length ?? 0;
        const added = built.body.items?.length ?? 0;
        const parts = [
          count === 1 ? '1 fact' : `${count} facts`,
          ...(added > 0 ? [added === 1 ? '1 new item' : `${added} new items`] : []),
        ];
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
        const general =
          placed.unplaced.length > 0
            ? `${error.message} (${placed.unplaced.join('; ')})`
            : nothingPlaced
              ? error.message
              : null;
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
    if (
      event.defaultPrevented ||
      event.shiftKey ||
      target.tagName !== 'INPUT' ||
      target.getAttribute('aria-expanded') === 'true'
    )
      return;
    if ((target as HTMLInputElement).type === 'checkbox' || (target as HTMLInputElement).type === 'radio') return;
    event.preventDefault();
    const rowId = target.closest<HTMLElement>('[data-row]')?.dataset.row;
    // from the meeting's own fields, Enter goes on to the first empty row before making a new one
    const blank = rowId ? undefined : rows.find(isBlankRow);
    if (blank) setFocusRow(blank.id);
    else addRowAfter(rowId);
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
          <WriteAlert
            failure={failure}
            onReload={() => void onReload().then(() => setFailure(NO_FAILURE))}
            reloading={isReloading}
          />
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
                maxLength={TEXT_LIMITS.summary}
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
            <Button
              variant="subtle"
              leftSection={<IconPlus size={16} />}
              onClick={() => addRowAfter()}
              style={{ alignSelf: 'flex-start' }}
            >
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
              {filledRows === 0
                ? 'Nothing entered yet'
                : filledRows === 1
                  ? '1 thing learned'
                  : `${filledRows} things learned`}
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
      <NewContactModal
        opened={isAddingContact}
        onClose={() => setAddingContact(false)}
        account={{ id: accountId, name: accountName }}
      />
    </>
  );
}

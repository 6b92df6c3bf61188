import { Anchor, Button, Divider, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import type { ItemKind } from '../../../domain/knowledge/schema.ts';
import { useFocusFirstError, type FieldErrors } from '../../shared/form.ts';
import { NewContactModal } from '../contacts/NewContactModal.tsx';
import { useWorkspace } from './context.tsx';
import { blankEvidence, EvidenceFields, useContactOptions, type EvidenceDraft } from './EvidenceFields.tsx';
import { optionLabel } from './labels.ts';
import { useAddItem, type ItemBody, type KindDef } from './queries.ts';
import { itemsOfKind, kindOf } from './schema-model.ts';
import { NO_FAILURE, readWriteError, WriteAlert, type WriteFailure } from './WriteAlert.tsx';
import { TEXT_LIMITS } from '../../../domain/text.ts';

const FORM_ID = 'knowledge-item';
const FIELD_ORDER = [
  'contactId',
  'title',
  'category',
  'evidence.text',
  'evidence.source',
  'evidence.contactId',
  'evidence.observedAt',
] as const;

/** Adds an evaluator, an alternative, a criterion, a business issue or a decision step, with evidence. */
export function ItemFormModal({ kind, onClose }: { kind: ItemKind | null; onClose(): void }) {
  const { schema } = useWorkspace();
  const def = kind ? kindOf(schema, kind) : null;
  return (
    <Modal
      opened={def !== null}
      onClose={onClose}
      title={def ? `Add ${article(def.label)} ${def.label.toLowerCase()}` : ''}
      size="lg"
      centered={false}
      yOffset="6vh"
    >
      {def ? <ItemForm def={def} onClose={onClose} /> : null}
    </Modal>
  );
}

const article = (word: string) => (/^[aeiou]/i.test(word) ? 'an' : 'a');

function ItemForm({ def, onClose }: { def: KindDef; onClose(): void }) {
  const ws = useWorkspace();
  const add = useAddItem(ws.opportunityId);
  const contacts = useContactOptions(ws.accountId);
  const taken = new Set(itemsOfKind(ws.knowledge, 'evaluator').map((e) => e.contactId));
  const [contactId, setContactId] = useState<string | null>(null);
  const [title, setTitle] = useState('');
  const [category, setCategory] = useState<string | null>(null);
  const [evidence, setEvidence] = useState<EvidenceDraft>(blankEvidence);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<WriteFailure>(NO_FAILURE);
  const [isAddingContact, setAddingContact] = useState(false);
  useFocusFirstError(FORM_ID, errors, FIELD_ORDER);

  const clearError = (...keys: string[]) => {
    if (keys.some((k) => errors[k]))
      setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !keys.includes(k))));
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: FieldErrors = {};
    if (def.identity.contact && !contactId) found.contactId = 'Choose the contact who evaluates';
    if (def.identity.title && !title.trim()) found.title = 'Required';
    if (def.identity.category && !category) found.category = `Choose the ${def.identity.category.label.toLowerCase()}`;
    if (!evidence.text.trim()) found['evidence.text'] = 'Say what the customer said or did';
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    const body: ItemBody = {
      version: ws.knowledge.opportunityVersion,
      kind: def.kind,
      ...(def.identity.contact && contactId ? { contactId } : {}),
      ...(def.identity.title ? { title: title.trim() } : {}),
      ...(def.identity.category && category ? { category } : {}),
      evidence: {
        text: evidence.text.trim(),
        source: evidence.source,
        contactId: evidence.contactId,
        observedAt: evidence.observedAt,
      },
    };
    setFailure(NO_FAILURE);
    add.mutate(body, {
      onSuccess: () => {
        notifications.show({
          color: 'teal',
          title: `${def.label} added`,
          message: def.identity.contact ? contacts.options.find((c) => c.value === contactId)?.label : title.trim(),
        });
        onClose();
      },
      onError: (error) => {
        const read = readWriteError(error, FIELD_ORDER);
        setErrors(read.fields);
        setFailure(read);
      },
    });
  };

  return (
    <>
      <form onSubmit={submit} noValidate aria-label={`Add ${def.label.toLowerCase()}`}>
        <Stack gap="md">
          <WriteAlert
            failure={failure}
            onReload={() => void ws.reload().then(() => setFailure(NO_FAILURE))}
            reloading={ws.isReloading}
            action="added"
          />
          {def.identity.contact ? (
            <Stack gap={4}>
              <Select
                id={`${FORM_ID}-contactId`}
                label="Who"
                description={`A contact of ${ws.accountName} who will evaluate, approve, use, block or influence the decision`}
                placeholder={contacts.isLoading ? 'Loading contacts…' : 'Choose a contact'}
                data={contacts.options.map((c) => ({ ...c, disabled: taken.has(c.value) }))}
                value={contactId}
                onChange={(v) => {
                  setContactId(v);
                  clearError('contactId');
                }}
                searchable
                required
                error={errors.contactId}
                nothingFoundMessage="No contact by that name"
              />
              <Text size="xs" c="dimmed">
                Not in the list?{' '}
                <Anchor component="button" type="button" size="xs" onClick={() => setAddingContact(true)}>
                  Add a contact to {ws.accountName}
                </Anchor>
              </Text>
            </Stack>
          ) : null}
          {def.identity.title ? (
            <TextInput
              maxLength={TEXT_LIMITS.itemTitle}
              id={`${FORM_ID}-title`}
              label={def.identity.title}
              value={title}
              onChange={(e) => {
                setTitle(e.currentTarget.value);
                clearError('title');
              }}
              required
              error={errors.title}
              data-autofocus
            />
          ) : null}
          {def.identity.category ? (
            <Select
              id={`${FORM_ID}-category`}
              label={def.identity.category.label}
              placeholder="Choose"
              data={def.identity.category.options.map((o) => ({ value: o, label: optionLabel(o) }))}
              value={category}
              onChange={(v) => {
                setCategory(v);
                clearError('category');
              }}
              required
              error={errors.category}
            />
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
          />
          <Group justify="flex-end" gap="sm" mt="xs">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={add.isPending}>
              Add {def.label.toLowerCase()}
            </Button>
          </Group>
        </Stack>
      </form>
      {/* outside the form: its submit must not bubble into this one */}
      <NewContactModal
        opened={isAddingContact}
        onClose={() => setAddingContact(false)}
        account={{ id: ws.accountId, name: ws.accountName }}
      />
    </>
  );
}

import { Alert, Paper } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import type { AuditEvent } from '../../../contract/audit.ts';
import type { Contact } from '../../../contract/contacts.ts';
import { api } from '../../app/api.ts';
import { ConflictAlert, conflictRows } from '../../shared/ConflictAlert.tsx';
import { FormFooter } from '../../shared/FormFooter.tsx';
import { useRecordForm } from '../../shared/useRecordForm.ts';
import { CONTACT_FIELDS, describeValue, fieldLabel } from '../history/fields.ts';
import { useUserMap } from '../users/queries.ts';
import { ContactFields } from './ContactFields.tsx';
import { CONTACT_FIELD_ORDER, contactFieldsOf, contactFormValuesOf, readContactForm, type ContactFieldValues, type ContactFormValues } from './form-model.ts';
import { contactsKey } from './queries.ts';

const FORM_ID = 'contact';
const NO_EVENT: AuditEvent = { id: '', entityType: 'contact', entityId: '', action: 'update', actorId: '', actorName: '', at: '', changes: [] };

export function ContactDetailsForm({ contact, disabled }: { contact: Contact; disabled: boolean }) {
  const queryClient = useQueryClient();
  const users = useUserMap();
  const form = useRecordForm<Contact, ContactFormValues, ContactFieldValues>({
    formId: FORM_ID,
    record: contact,
    fieldOrder: CONTACT_FIELD_ORDER,
    toValues: contactFormValuesOf,
    read: readContactForm,
    fieldsOf: contactFieldsOf,
    save: (body) => api.patch<Contact>(`/api/contacts/${encodeURIComponent(contact.id)}`, body),
    onSaved: (saved) => {
      queryClient.setQueryData([...contactsKey, 'detail', saved.id], saved);
      void queryClient.invalidateQueries({ queryKey: contactsKey, predicate: (q) => q.queryKey[1] !== 'detail' });
    },
    reapply: (current, mine, values) => {
      const merged = contactFormValuesOf({ ...current, ...mine });
      return mine.accountId ? { ...merged, accountName: values.accountName } : merged;
    },
  });
  const conflict = form.conflict;
  const accounts = new Map<string, string | null>([[contact.accountId, contact.accountName]]);
  if (conflict) accounts.set(conflict.current.accountId, conflict.current.accountName);
  if (form.values.accountId) accounts.set(form.values.accountId, form.values.accountName);
  const context = { users, stages: new Map(), accounts };
  return (
    <form onSubmit={(e) => void form.submit(e)} noValidate aria-label="Contact details">
      <Paper p={{ base: 'md', sm: 'xl' }}>
        {conflict ? (
          <ConflictAlert
            noun="contact"
            editorName={users.get(conflict.current.updatedBy)?.name ?? 'Someone'}
            savedAt={conflict.current.updatedAt}
            rows={conflictRows({
              before: contactFieldsOf(form.base),
              theirs: contactFieldsOf(conflict.current),
              mine: conflict.mine,
              order: CONTACT_FIELD_ORDER,
              label: (field) => fieldLabel(CONTACT_FIELDS, field),
              show: (field, value) => describeValue(CONTACT_FIELDS, field, value, context, NO_EVENT, 'to') ?? '—',
            })}
            onLoadTheirs={form.loadTheirs}
            onReapplyMine={form.reapplyMine}
          />
        ) : null}
        {form.general ? (
          <Alert color="red" title="Not saved" mb="lg" role="alert">
            {form.general}
          </Alert>
        ) : null}
        <ContactFields formId={FORM_ID} values={form.values} onChange={form.change} errors={form.errors} disabled={disabled} />
        <FormFooter
          isDirty={form.isDirty}
          isSaving={form.isSaving}
          disabled={disabled}
          disabledReason="Restore the contact to edit it."
          onDiscard={form.discard}
          blocked={conflict !== null}
        />
      </Paper>
    </form>
  );
}

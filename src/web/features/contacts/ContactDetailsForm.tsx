import { useQueryClient } from '@tanstack/react-query';
import type { Contact } from '../../../contract/contacts.ts';
import { api } from '../../app/api.ts';
import { RecordDetailsForm } from '../../shared/RecordDetailsForm.tsx';
import { useRecordForm } from '../../shared/useRecordForm.ts';
import { CONTACT_FIELDS, conflictWords } from '../history/fields.ts';
import { useUserMap } from '../users/queries.ts';
import { ContactFields } from './ContactFields.tsx';
import {
  CONTACT_FIELD_ORDER,
  contactFieldsOf,
  contactFormValuesOf,
  readContactForm,
  type ContactFieldValues,
  type ContactFormValues,
} from './form-model.ts';
import { contactsKey } from './queries.ts';

const FORM_ID = 'contact';

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
  return (
    <RecordDetailsForm
      noun="contact"
      form={form}
      fieldsOf={contactFieldsOf}
      order={CONTACT_FIELD_ORDER}
      words={conflictWords(CONTACT_FIELDS, { users, stages: new Map(), accounts })}
      nameOf={(id) => users.get(id)?.name}
      disabled={disabled}
    >
      <ContactFields
        formId={FORM_ID}
        values={form.values}
        onChange={form.change}
        errors={form.errors}
        disabled={disabled}
      />
    </RecordDetailsForm>
  );
}

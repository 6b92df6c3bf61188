import type { Contact } from '../../../contract/contacts.ts';
import { textOrNull, type FieldErrors } from '../../shared/form.ts';
import type { FormRead } from '../../shared/useRecordForm.ts';

export type ContactFormValues = {
  accountId: string | null;
  accountName: string | null;
  name: string;
  title: string;
  email: string;
  phone: string;
};

export type ContactFieldValues = {
  accountId: string;
  name: string;
  title: string | null;
  email: string | null;
  phone: string | null;
};

export const CONTACT_FIELD_ORDER = ['name', 'title', 'accountId', 'email', 'phone'] as const;

export function contactFormValuesOf(c: Contact): ContactFormValues {
  return {
    accountId: c.accountId,
    accountName: c.accountName,
    name: c.name,
    title: c.title ?? '',
    email: c.email ?? '',
    phone: c.phone ?? '',
  };
}

export function blankContactValues(account?: { id: string; name: string }): ContactFormValues {
  return {
    accountId: account?.id ?? null,
    accountName: account?.name ?? null,
    name: '',
    title: '',
    email: '',
    phone: '',
  };
}

export function contactFieldsOf(c: Contact): ContactFieldValues {
  return { accountId: c.accountId, name: c.name, title: c.title, email: c.email, phone: c.phone };
}

export function readContactForm(values: ContactFormValues): FormRead<ContactFieldValues> {
  const errors: FieldErrors = {};
  if (!values.name.trim()) errors.name = "Enter the contact's name";
  if (!values.accountId) errors.accountId = 'Choose the account they work at';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    fields: {
      accountId: values.accountId!,
      name: values.name.trim(),
      title: textOrNull(values.title),
      email: textOrNull(values.email),
      phone: textOrNull(values.phone),
    },
  };
}

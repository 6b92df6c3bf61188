import type { z } from 'zod';
import type { Account, accountCreateBodySchema } from '../../../contract/accounts.ts';
import type { Relationship, SizeBand } from '../../../domain/enums.ts';
import { textOrNull, type FieldErrors } from '../../shared/form.ts';
import type { FormRead } from '../../shared/useRecordForm.ts';

export type AccountFormValues = {
  name: string;
  industry: string;
  sizeBand: SizeBand | null;
  website: string;
  relationship: Relationship;
  ownerId: string | null;
};

export type AccountFieldValues = {
  name: string;
  industry: string | null;
  sizeBand: SizeBand | null;
  website: string | null;
  relationship: Relationship;
  ownerId: string;
};

export const ACCOUNT_FIELD_ORDER = ['name', 'industry', 'sizeBand', 'website', 'relationship', 'ownerId'] as const;

export type AccountCreate = z.input<typeof accountCreateBodySchema>;

export function accountFormValuesOf(a: Account): AccountFormValues {
  return {
    name: a.name,
    industry: a.industry ?? '',
    sizeBand: a.sizeBand,
    website: a.website ?? '',
    relationship: a.relationship,
    ownerId: a.ownerId,
  };
}

export function blankAccountValues(ownerId: string): AccountFormValues {
  return { name: '', industry: '', sizeBand: null, website: '', relationship: 'new', ownerId };
}

export function accountFieldsOf(a: Account): AccountFieldValues {
  return {
    name: a.name,
    industry: a.industry,
    sizeBand: a.sizeBand,
    website: a.website,
    relationship: a.relationship,
    ownerId: a.ownerId,
  };
}

export function readAccountForm(values: AccountFormValues): FormRead<AccountFieldValues> {
  const errors: FieldErrors = {};
  if (!values.name.trim()) errors.name = 'Give the account a name';
  if (!values.ownerId) errors.ownerId = 'Choose an owner';
  let website = textOrNull(values.website);
  // People type "acme.com"; the API wants the scheme.
  if (website && !/^https?:\/\//i.test(website)) website = `https://${website}`;
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    fields: {
      name: values.name.trim(),
      industry: textOrNull(values.industry),
      sizeBand: values.sizeBand,
      website,
      relationship: values.relationship,
      ownerId: values.ownerId!,
    },
  };
}

import { SimpleGrid, Stack, TextInput } from '@mantine/core';
import { fieldId, type FieldErrors } from '../../shared/form.ts';
import { AccountSelect } from '../accounts/AccountSelect.tsx';
import type { ContactFormValues } from './form-model.ts';

type ContactFieldsProps = {
  formId: string;
  values: ContactFormValues;
  onChange(patch: Partial<ContactFormValues>): void;
  errors: FieldErrors;
  disabled?: boolean;
};

export function ContactFields({ formId, values, onChange, errors, disabled = false }: ContactFieldsProps) {
  const id = (field: string) => fieldId(formId, field);
  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        <TextInput
          id={id('name')}
          label="Name"
          required
          value={values.name}
          onChange={(e) => onChange({ name: e.currentTarget.value })}
          error={errors.name}
          disabled={disabled}
          maxLength={160}
        />
        <TextInput
          id={id('title')}
          label="Title"
          placeholder="e.g. VP Operations"
          value={values.title}
          onChange={(e) => onChange({ title: e.currentTarget.value })}
          error={errors.title}
          disabled={disabled}
          maxLength={160}
        />
      </SimpleGrid>
      <AccountSelect
        id={id('accountId')}
        label="Account"
        required
        value={values.accountId}
        valueLabel={values.accountName}
        onChange={(accountId, accountName) => onChange({ accountId, accountName })}
        error={errors.accountId}
        disabled={disabled}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        <TextInput
          id={id('email')}
          label="Email"
          type="email"
          placeholder="name@example.com"
          value={values.email}
          onChange={(e) => onChange({ email: e.currentTarget.value })}
          error={errors.email}
          disabled={disabled}
          maxLength={320}
        />
        <TextInput
          id={id('phone')}
          label="Phone"
          type="tel"
          placeholder="+1 555 010 2030"
          value={values.phone}
          onChange={(e) => onChange({ phone: e.currentTarget.value })}
          error={errors.phone}
          disabled={disabled}
          maxLength={40}
        />
      </SimpleGrid>
    </Stack>
  );
}

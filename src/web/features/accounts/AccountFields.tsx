import { Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { fieldId, type FieldErrors } from '../../shared/form.ts';
import { RELATIONSHIP_OPTIONS, SIZE_BAND_OPTIONS } from '../../shared/labels.ts';
import { OwnerSelect } from '../users/OwnerSelect.tsx';
import type { AccountFormValues } from './form-model.ts';

type AccountFieldsProps = {
  formId: string;
  values: AccountFormValues;
  onChange(patch: Partial<AccountFormValues>): void;
  errors: FieldErrors;
  keepOwnerId?: string;
  disabled?: boolean;
};

export function AccountFields({ formId, values, onChange, errors, keepOwnerId, disabled = false }: AccountFieldsProps) {
  const id = (field: string) => fieldId(formId, field);
  return (
    <Stack gap="md">
      <TextInput
        id={id('name')}
        label="Name"
        required
        value={values.name}
        onChange={(e) => onChange({ name: e.currentTarget.value })}
        error={errors.name}
        disabled={disabled}
        maxLength={200}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        <TextInput
          id={id('industry')}
          label="Industry"
          placeholder="e.g. Logistics"
          value={values.industry}
          onChange={(e) => onChange({ industry: e.currentTarget.value })}
          error={errors.industry}
          disabled={disabled}
          maxLength={100}
        />
        <Select
          id={id('sizeBand')}
          label="Size"
          placeholder="Not recorded"
          data={SIZE_BAND_OPTIONS}
          value={values.sizeBand}
          onChange={(v) => onChange({ sizeBand: v as AccountFormValues['sizeBand'] })}
          error={errors.sizeBand}
          disabled={disabled}
          clearable
        />
        <TextInput
          id={id('website')}
          label="Website"
          placeholder="https://example.com"
          value={values.website}
          onChange={(e) => onChange({ website: e.currentTarget.value })}
          error={errors.website}
          disabled={disabled}
          maxLength={300}
          type="url"
        />
        <Select
          id={id('relationship')}
          label="Relationship"
          data={RELATIONSHIP_OPTIONS}
          value={values.relationship}
          onChange={(v) => v && onChange({ relationship: v as AccountFormValues['relationship'] })}
          error={errors.relationship}
          disabled={disabled}
          allowDeselect={false}
        />
        <OwnerSelect
          id={id('ownerId')}
          value={values.ownerId}
          onChange={(ownerId) => onChange({ ownerId })}
          error={errors.ownerId}
          disabled={disabled}
          keepOwnerId={keepOwnerId}
        />
      </SimpleGrid>
    </Stack>
  );
}

import { Button, Group, Text } from '@mantine/core';

type FormFooterProps = {
  isDirty: boolean;
  isSaving: boolean;
  disabled?: boolean;
  disabledReason?: string;
  onDiscard(): void;
  blocked?: boolean;
};

/** Save and discard at the foot of an edit form, with what state the form is in. */
export function FormFooter({
  isDirty,
  isSaving,
  disabled = false,
  disabledReason,
  onDiscard,
  blocked = false,
}: FormFooterProps) {
  return (
    <Group justify="space-between" mt="xl" pt="md" style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }}>
      <Text size="sm" c="dimmed" aria-live="polite">
        {disabled ? disabledReason : isDirty ? 'You have unsaved changes.' : 'All changes saved.'}
      </Text>
      <Group gap="sm">
        <Button variant="default" onClick={onDiscard} disabled={!isDirty || disabled || isSaving}>
          Discard changes
        </Button>
        <Button type="submit" loading={isSaving} disabled={!isDirty || disabled || blocked}>
          Save changes
        </Button>
      </Group>
    </Group>
  );
}

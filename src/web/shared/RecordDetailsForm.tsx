import { Alert, Paper } from '@mantine/core';
import type { ReactNode } from 'react';
import { ConflictAlert, conflictRows } from './ConflictAlert.tsx';
import { FormFooter } from './FormFooter.tsx';
import type { RecordForm } from './useRecordForm.ts';

type Saved = { id: string; version: number; updatedBy: string; updatedAt: string };

type RecordDetailsFormProps<R extends Saved, V, F extends Record<string, unknown>> = {
  /** "account": names the form, the conflict and why a deleted record cannot be edited */
  noun: string;
  form: RecordForm<R, V, F>;
  fieldsOf(record: R): F;
  order: readonly (keyof F & string)[];
  /** a field's name and a value in words, for the table of a conflict */
  words: { label(field: string): string; show(field: string, value: unknown, side: 'theirs' | 'mine'): string };
  nameOf(userId: string): string | undefined;
  disabled: boolean;
  /** the fields */
  children: ReactNode;
};

/**
 * A record's Details tab around its fields: someone else's newer version (with theirs next to
 * mine), a save that failed, and save / discard at the foot. The fields and their rules are the
 * record's own; `useRecordForm` does the saving.
 */
export function RecordDetailsForm<R extends Saved, V, F extends Record<string, unknown>>({
  noun,
  form,
  fieldsOf,
  order,
  words,
  nameOf,
  disabled,
  children,
}: RecordDetailsFormProps<R, V, F>) {
  const conflict = form.conflict;
  return (
    <form
      onSubmit={(e) => void form.submit(e)}
      noValidate
      aria-label={`${noun.charAt(0).toUpperCase()}${noun.slice(1)} details`}
    >
      <Paper p={{ base: 'md', sm: 'xl' }}>
        {conflict ? (
          <ConflictAlert
            noun={noun}
            editorName={nameOf(conflict.current.updatedBy) ?? 'Someone'}
            savedAt={conflict.current.updatedAt}
            rows={conflictRows({
              before: fieldsOf(form.base),
              theirs: fieldsOf(conflict.current),
              mine: conflict.mine,
              order,
              label: words.label,
              show: words.show,
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
        {children}
        <FormFooter
          isDirty={form.isDirty}
          isSaving={form.isSaving}
          disabled={disabled}
          disabledReason={`Restore the ${noun} to edit it.`}
          onDiscard={form.discard}
          blocked={conflict !== null}
        />
      </Paper>
    </form>
  );
}

import { notifications } from '@mantine/notifications';
import { useEffect, useState, type FormEvent } from 'react';
import { isApiError } from '../app/api.ts';
import { splitSaveError, useFocusFirstError, type FieldErrors } from './form.ts';

type Versioned = { id: string; version: number };

export type FormRead<F> = { ok: true; fields: F } | { ok: false; errors: FieldErrors };

export type RecordFormSpec<R extends Versioned, V, F extends Record<string, unknown>> = {
  formId: string;
  /** the record as the server has it now */
  record: R;
  /** API field names in the order the form shows them */
  fieldOrder: readonly (keyof F & string)[];
  toValues(record: R): V;
  /** the form as API fields, or errors worth showing before sending */
  read(values: V): FormRead<F>;
  fieldsOf(record: R): F;
  /** maps an input's key to the API field it edits, when they differ (amount -> amountMinor) */
  fieldOfInput?: (key: string) => string;
  save(body: Partial<F> & { version: number }): Promise<R>;
  /** a newer version was saved: tell the caches */
  onSaved(record: R): void;
  /** what the person changed applied over someone else's newer version, as form values */
  reapply?: (current: R, mine: Partial<F>, values: V) => V;
};

export type Conflict<R, F> = { current: R; mine: Partial<F>; values: unknown };

export type RecordForm<R extends Versioned, V, F extends Record<string, unknown>> = ReturnType<
  typeof useRecordForm<R, V, F>
>;

/**
 * Editing a versioned record: the form starts from the version opened, sends only what changed
 * together with that version, shows field errors under their fields and, when someone else saved
 * first (409), keeps the person's edits and offers to load the newer version or re-apply them.
 */
export function useRecordForm<R extends Versioned, V, F extends Record<string, unknown>>(
  spec: RecordFormSpec<R, V, F>,
) {
  const { record, toValues, read, fieldsOf, fieldOrder } = spec;
  const [base, setBase] = useState(record);
  const [values, setValues] = useState(() => toValues(record));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [conflict, setConflict] = useState<Conflict<R, F> | null>(null);
  const [isSaving, setSaving] = useState(false);
  useFocusFirstError(spec.formId, errors, fieldOrder);

  const result = read(values);
  const pending = result.ok ? changedFields(fieldsOf(base), result.fields, fieldOrder) : null;
  const isDirty = pending === null || Object.keys(pending).length > 0;

  // Closing or reloading the tab with unsaved edits asks first.
  useEffect(() => {
    if (!isDirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [isDirty]);

  // A newer version arriving from the server replaces an untouched form.
  useEffect(() => {
    if (record.version === base.version || isDirty || conflict) return;
    setBase(record);
    setValues(toValues(record));
  }, [record, base.version, isDirty, conflict, toValues]);

  const startFrom = (version: R, formValues: V) => {
    spec.onSaved(version);
    setBase(version);
    setValues(formValues);
    setErrors({});
    setGeneral(null);
    setConflict(null);
  };

  const change = (patch: Partial<V>) => {
    setValues((v) => ({ ...v, ...patch }));
    const touched = Object.keys(patch).map((k) => spec.fieldOfInput?.(k) ?? k);
    if (touched.some((k) => errors[k]))
      setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !touched.includes(k))));
  };

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    setGeneral(null);
    if (!result.ok) {
      setErrors(result.errors);
      return;
    }
    if (!pending || Object.keys(pending).length === 0) return;
    setSaving(true);
    try {
      const saved = await spec.save({ ...pending, version: base.version });
      startFrom(saved, toValues(saved));
      notifications.show({ color: 'teal', title: 'Saved', message: 'Your changes are saved.' });
    } catch (error) {
      if (isApiError(error, 'version-conflict') && error.current) {
        setConflict({ current: error.current as R, mine: pending, values });
      } else {
        const split = splitSaveError(error, fieldOrder);
        setErrors(split.fields);
        setGeneral(split.general);
      }
    } finally {
      setSaving(false);
    }
  };

  const loadTheirs = () => {
    if (conflict) startFrom(conflict.current, toValues(conflict.current));
  };

  const reapplyMine = () => {
    if (!conflict) return;
    const merged = spec.reapply
      ? spec.reapply(conflict.current, conflict.mine, values)
      : toValues({ ...conflict.current, ...conflict.mine });
    startFrom(conflict.current, merged);
    notifications.show({
      color: 'orange',
      title: 'Your changes are back in the form',
      message: 'They now sit on top of the newer version. Review them and save.',
    });
  };

  return {
    base,
    values,
    change,
    errors,
    general,
    conflict,
    isDirty,
    isSaving,
    submit,
    discard: () => startFrom(base, toValues(base)),
    loadTheirs,
    reapplyMine,
  };
}

function changedFields<F extends Record<string, unknown>>(
  before: F,
  after: F,
  order: readonly (keyof F & string)[],
): Partial<F> {
  const changes: Partial<F> = {};
  for (const field of order) if (before[field] !== after[field]) changes[field] = after[field];
  return changes;
}

import { useEffect } from 'react';
import { isApiError, messageOf } from '../app/api.ts';

export type FieldErrors = Record<string, string>;

/**
 * Splits a failed save into messages under named fields (the API names them on 400 and 422)
 * and one general message for the rest.
 */
export function splitSaveError(
  error: unknown,
  knownFields: readonly string[],
): { fields: FieldErrors; general: string | null } {
  if (!isApiError(error)) return { fields: {}, general: messageOf(error) };
  const fields: FieldErrors = {};
  const unknown: string[] = [];
  for (const [field, message] of Object.entries(error.fields)) {
    if (knownFields.includes(field)) fields[field] = message;
    else unknown.push(`${field}: ${message}`);
  }
  const named = Object.keys(fields).length > 0;
  const general = unknown.length > 0 ? `${error.message} (${unknown.join('; ')})` : named ? null : error.message;
  return { fields, general };
}

/** The DOM id of a form field, so errors can move the focus to it. */
export const fieldId = (formId: string, field: string) => `${formId}-${field}`;

/** After a failed save, puts the keyboard focus on the first field at fault. */
export function useFocusFirstError(formId: string, errors: FieldErrors, order: readonly string[]): void {
  useEffect(() => {
    const first = order.find((field) => errors[field]);
    if (first) document.getElementById(fieldId(formId, first))?.focus();
    // `order` is a constant per form: only a new set of errors should move the focus.
  }, [errors, formId]);
}

/** Empty text means "no value" to the API. */
export function textOrNull(value: string): string | null {
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

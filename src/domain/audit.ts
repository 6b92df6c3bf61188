export type FieldChange = { field: string; from: unknown; to: unknown };

/**
 * The fields whose value differs between two versions of a record, in the order of `fields`.
 * Used to write the audit trail: only what really changed is recorded.
 */
export function diffFields<T extends Record<string, unknown>>(
  before: T,
  after: T,
  fields: readonly (keyof T & string)[],
): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of fields) {
    const from = before[field] ?? null;
    const to = after[field] ?? null;
    if (!sameValue(from, to)) changes.push({ field, from, to });
  }
  return changes;
}

/** A creation recorded as every non-empty field going from nothing to its value. */
export function creationChanges<T extends Record<string, unknown>>(
  record: T,
  fields: readonly (keyof T & string)[],
): FieldChange[] {
  return fields
    .filter((field) => record[field] !== null && record[field] !== undefined)
    .map((field) => ({ field, from: null, to: record[field] }));
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a === 'object' && typeof b === 'object') return JSON.stringify(a) === JSON.stringify(b);
  return false;
}

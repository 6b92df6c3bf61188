import { Alert, Button, Text } from '@mantine/core';
import { IconRefresh, IconUsers } from '@tabler/icons-react';
import { isApiError, messageOf } from '../../app/api.ts';
import type { FieldErrors } from '../../shared/form.ts';

export type WriteFailure = { fields: FieldErrors; general: string | null; isConflict: boolean };

export const NO_FAILURE: WriteFailure = { fields: {}, general: null, isConflict: false };

/**
 * A failed knowledge write: messages under the fields the API named, one general message for
 * the rest, or the news that someone else recorded knowledge first (409).
 */
export function readWriteError(
  error: unknown,
  knownFields: readonly string[],
  rename: Record<string, string> = {},
): WriteFailure {
  if (isApiError(error, 'version-conflict')) return { fields: {}, general: null, isConflict: true };
  if (!isApiError(error)) return { fields: {}, general: messageOf(error), isConflict: false };
  const fields: FieldErrors = {};
  const unplaced: string[] = [];
  for (const [named, message] of Object.entries(error.fields)) {
    const field = rename[named] ?? named;
    if (knownFields.includes(field)) fields[field] ??= message;
    else unplaced.push(`${named}: ${message}`);
  }
  const general =
    unplaced.length > 0
      ? `${error.message} (${unplaced.join('; ')})`
      : Object.keys(fields).length > 0
        ? null
        : error.message;
  return { fields, general, isConflict: false };
}

/** What went wrong, above the form; on a conflict, a way to load the newer knowledge and save again. */
export function WriteAlert({
  failure,
  onReload,
  reloading,
  action = 'saved',
}: {
  failure: WriteFailure;
  onReload(): void;
  reloading: boolean;
  action?: string;
}) {
  if (failure.isConflict) {
    return (
      <Alert
        color="orange"
        variant="light"
        icon={<IconUsers size={18} />}
        title="Someone else added knowledge meanwhile"
        role="alert"
        data-testid="knowledge-conflict"
      >
        <Text size="sm" mb="sm">
          Another person recorded something on this opportunity after you opened it, so nothing was {action}. Load what
          they learned; your entry stays here, ready to save again.
        </Text>
        <Button size="xs" color="orange" leftSection={<IconRefresh size={14} />} onClick={onReload} loading={reloading}>
          Load their changes
        </Button>
      </Alert>
    );
  }
  if (!failure.general) return null;
  return (
    <Alert color="red" variant="light" title={`Not ${action}`} role="alert">
      {failure.general}
    </Alert>
  );
}

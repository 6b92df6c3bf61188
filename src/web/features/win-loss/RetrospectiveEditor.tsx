import { Alert, Button, Group, Stack, Text, Textarea } from '@mantine/core';
import { IconAlertCircle, IconPencil, IconPlus } from '@tabler/icons-react';
import { useRef, useState, type KeyboardEvent } from 'react';
import { isApiError, messageOf } from '../../app/api.ts';
import { RETROSPECTIVE_MAX, type Retrospective } from '../../../contract/win-loss.ts';
import { formatDateTime } from '../../shared/format.ts';
import { useSaveRetrospective } from './queries.ts';

type Conflict = Retrospective | null;

/**
 * A closed deal's retrospective, written in place: shown as text, opened for editing with a button,
 * saved with the button or Ctrl+Enter, left with Escape. Someone else's change in the meantime is
 * shown beside one's own text, which is then saved over theirs or dropped for theirs.
 */
export function RetrospectiveEditor({
  opportunityId,
  retrospective,
  mine,
}: {
  opportunityId: string;
  retrospective: Retrospective | null;
  /** the reader owns the deal: the retrospective is theirs to write */
  mine: boolean;
}) {
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState('');
  // the version the next save is made over: the one shown, or theirs after a conflict
  const [base, setBase] = useState<Retrospective | null>(retrospective);
  const [conflict, setConflict] = useState<{ theirs: Conflict } | null>(null);
  const save = useSaveRetrospective(opportunityId);
  const opener = useRef<HTMLButtonElement>(null);

  const open = () => {
    setText(retrospective?.text ?? '');
    setBase(retrospective);
    setConflict(null);
    save.reset();
    setEditing(true);
  };
  const close = () => {
    setEditing(false);
    setConflict(null);
    // back to the button that opened it, so the keyboard stays where it was
    requestAnimationFrame(() => opener.current?.focus());
  };
  const submit = () => {
    save.mutate(
      { text, ...(base ? { version: base.version } : {}) },
      {
        onSuccess: close,
        onError: (error) => {
          if (isApiError(error, 'version-conflict')) {
            const theirs = (error.current as Retrospective | null | undefined) ?? null;
            setConflict({ theirs });
            setBase(theirs);
          }
        },
      },
    );
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      submit();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      close();
    }
  };

  if (!editing) {
    return (
      <Stack gap={4} data-testid="retrospective">
        {retrospective ? (
          <>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="retrospective-text">
              {retrospective.text}
            </Text>
            <Group gap="xs">
              <Text size="xs" c="dimmed">
                {retrospective.updatedByName}, {formatDateTime(retrospective.updatedAt)}
              </Text>
              <Button
                ref={opener}
                size="compact-xs"
                variant="subtle"
                leftSection={<IconPencil size={12} />}
                onClick={open}
                aria-label="Edit the retrospective"
              >
                Edit
              </Button>
            </Group>
          </>
        ) : (
          <Group gap="xs">
            <Text size="sm" c="dimmed">
              No retrospective yet.
            </Text>
            <Button ref={opener} size="compact-sm" variant="light" leftSection={<IconPlus size={14} />} onClick={open}>
              {mine ? 'Add your retrospective' : 'Add a retrospective'}
            </Button>
          </Group>
        )}
      </Stack>
    );
  }

  const fieldError = isApiError(save.error) ? save.error.fields.text : undefined;
  const otherError =
    save.error && !fieldError && !isApiError(save.error, 'version-conflict') ? messageOf(save.error) : null;
  return (
    <Stack gap="xs" data-testid="retrospective-editor">
      {conflict ? (
        <Alert color="orange" variant="light" icon={<IconAlertCircle size={18} />} title="Changed in the meantime">
          {conflict.theirs ? (
            <>
              <Text size="sm">{conflict.theirs.updatedByName} saved this while you were writing:</Text>
              <Text size="sm" fs="italic" style={{ whiteSpace: 'pre-wrap' }}>
                {conflict.theirs.text}
              </Text>
              <Group gap="xs" mt="xs">
                <Button size="compact-sm" variant="default" onClick={() => setText(conflict.theirs!.text)}>
                  Take theirs
                </Button>
                <Text size="xs" c="dimmed">
                  or save yours over it.
                </Text>
              </Group>
            </>
          ) : (
            <Text size="sm">The retrospective you had open is gone; save yours as the first.</Text>
          )}
        </Alert>
      ) : null}
      <Textarea
        label="Retrospective"
        description="What would you do differently, in a few lines. Ctrl+Enter saves, Escape cancels."
        value={text}
        onChange={(event) => setText(event.currentTarget.value)}
        onKeyDown={onKeyDown}
        autosize
        minRows={3}
        maxRows={10}
        maxLength={RETROSPECTIVE_MAX}
        error={fieldError}
        data-autofocus
        autoFocus
      />
      <Group justify="space-between" gap="xs">
        <Text size="xs" c="dimmed" className="tabular" aria-live="polite">
          {text.length} / {RETROSPECTIVE_MAX}
        </Text>
        <Group gap="xs">
          <Button size="compact-sm" variant="default" onClick={close}>
            Cancel
          </Button>
          <Button size="compact-sm" onClick={submit} loading={save.isPending} disabled={text.trim() === ''}>
            Save
          </Button>
        </Group>
      </Group>
      {otherError ? (
        <Text size="sm" c="red.8" role="alert">
          {otherError}
        </Text>
      ) : null}
    </Stack>
  );
}

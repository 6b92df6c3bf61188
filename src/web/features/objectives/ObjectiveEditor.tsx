import {
  ActionIcon,
  Alert,
  Anchor,
  Button,
  Group,
  Modal,
  NumberInput,
  Stack,
  Text,
  Textarea,
  Tooltip,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowDown, IconArrowUp, IconGitMerge, IconPlus, IconTrash } from '@tabler/icons-react';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { isApiError } from '../../app/api.ts';
import { splitSaveError, useFocusFirstError, type FieldErrors } from '../../shared/form.ts';
import { formatDateTime } from '../../shared/format.ts';
import { ChangesView } from './Changes.tsx';
import { compareVersions } from './compare.ts';
import {
  changesFrom,
  draftOf,
  QUESTION_LIMIT,
  readDraft,
  reapplyDraft,
  weightShares,
  WEIGHT_RANGE,
  type ObjectiveDraft,
} from './objective-form.ts';
import { useUpdateObjective, type Objective } from './queries.ts';
import { TEXT_LIMITS } from '../../../domain/text.ts';

const FORM_ID = 'objective-form';

/** The API's field names in the order the form shows them, so the first one at fault takes the focus. */
const fieldOrder = (questions: number) => [
  'definition',
  'whyItMatters',
  ...Array.from({ length: questions }, (_, i) => `questions.${i}`),
  'questions',
  'weight',
];

type Question = { id: number; text: string };
let nextQuestionId = 0;
const asQuestions = (texts: readonly string[]): Question[] => texts.map((text) => ({ id: ++nextQuestionId, text }));

/**
 * Rewording one objective and changing its weight. Sends only what changed, with the version
 * opened. When someone else saved first, the form moves onto their version with this person's
 * changes on top, and shows what the other person changed.
 */
export function ObjectiveEditor({
  objective,
  objectives,
  onClose,
}: {
  objective: Objective;
  objectives: readonly Objective[];
  onClose(): void;
}) {
  const update = useUpdateObjective();
  const [base, setBase] = useState(objective);
  const [text, setText] = useState(() => draftOf(objective));
  const [questions, setQuestions] = useState(() => asQuestions(objective.questions));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [conflict, setConflict] = useState<{ opened: Objective; theirs: Objective } | null>(null);
  const [focusQuestion, setFocusQuestion] = useState<number | null>(null);
  const order = fieldOrder(questions.length);
  useFocusFirstError(FORM_ID, errors, order);
  const lastAdded = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    if (focusQuestion !== null) lastAdded.current?.focus();
  }, [focusQuestion]);

  const draft: ObjectiveDraft = { ...text, questions: questions.map((q) => q.text) };
  const read = readDraft(draft);
  const changes = read.ok ? changesFrom(base, read.values) : null;
  const hasChanges = changes === null || Object.keys(changes).length > 0;
  const previewWeight = read.ok ? read.values.weight : Number(text.weight);
  const shareNow = weightShares(objectives).find((o) => o.key === base.key)?.share ?? 0;
  const shareThen =
    Number.isFinite(previewWeight) && previewWeight > 0
      ? (weightShares(objectives, { key: base.key, weight: previewWeight }).find((o) => o.key === base.key)?.share ?? 0)
      : null;

  const clear = (...keys: string[]) => {
    if (keys.some((k) => errors[k]))
      setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !keys.includes(k))));
  };
  const clearQuestionErrors = () =>
    setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !k.startsWith('questions'))));

  const startFrom = (next: Objective, values: ObjectiveDraft) => {
    setBase(next);
    setText(values);
    setQuestions(asQuestions(values.questions));
    setErrors({});
  };

  const move = (index: number, by: -1 | 1) => {
    setQuestions((list) => {
      const next = [...list];
      const [taken] = next.splice(index, 1);
      next.splice(index + by, 0, taken!);
      return next;
    });
    clearQuestionErrors();
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setGeneral(null);
    if (!read.ok) {
      setErrors(read.errors);
      return;
    }
    if (!changes || Object.keys(changes).length === 0) {
      onClose();
      return;
    }
    update.mutate(
      { key: base.key, ...changes, version: base.version },
      {
        onSuccess: (saved) => {
          notifications.show({
            color: 'teal',
            title: `${saved.name} saved`,
            message: `Version ${saved.version}. Every deal’s Knowledge tab and coverage index now use it.`,
          });
          onClose();
        },
        onError: (error) => {
          if (isApiError(error, 'version-conflict') && error.current) {
            const theirs = error.current as Objective;
            setConflict({ opened: base, theirs });
            startFrom(theirs, reapplyDraft(base, theirs, draft));
            return;
          }
          const split = splitSaveError(error, order);
          setErrors(split.fields);
          setGeneral(split.general);
        },
      },
    );
  };

  return (
    <Modal opened onClose={onClose} title={`Edit ${base.number}. ${base.name}`} size="xl" yOffset="4vh">
      <form onSubmit={submit} noValidate aria-label={`Edit ${base.name}`}>
        <Stack gap="md">
          <Text size="sm" c="dimmed">
            The name and the place in the list stay as they are. Saving makes version {base.version + 1}; the versions
            before it stay in the history.
          </Text>
          {conflict ? (
            <Alert
              color="orange"
              variant="light"
              icon={<IconGitMerge size={20} />}
              title="Someone else changed this objective while you were editing"
              role="alert"
              data-testid="objective-conflict"
            >
              <Text size="sm" mb="sm">
                {conflict.theirs.changedByName ?? 'Someone'} saved version {conflict.theirs.version}
                {conflict.theirs.changedAt ? ` at ${formatDateTime(conflict.theirs.changedAt)}` : ''}. The form now
                holds their version with your changes on top: nothing you typed is lost. Check it and save, or{' '}
                <Anchor
                  component="button"
                  type="button"
                  size="sm"
                  onClick={() => {
                    startFrom(conflict.theirs, draftOf(conflict.theirs));
                    setConflict(null);
                  }}
                >
                  drop yours and keep theirs
                </Anchor>
                .
              </Text>
              <Text size="sm" fw={650} mb={4}>
                What they changed:
              </Text>
              <ChangesView changes={compareVersions(conflict.opened, conflict.theirs)} />
            </Alert>
          ) : null}
          {general ? (
            <Alert color="red" variant="light" title="Not saved" role="alert">
              {general}
            </Alert>
          ) : null}
          <Textarea
            maxLength={TEXT_LIMITS.objectiveText}
            id={`${FORM_ID}-definition`}
            label="Definition"
            description="What a seller must find out, in a sentence or two."
            autosize
            minRows={2}
            maxRows={8}
            value={text.definition}
            onChange={(e) => {
              const value = e.currentTarget.value;
              setText((t) => ({ ...t, definition: value }));
              clear('definition');
            }}
            error={errors.definition}
            required
          />
          <Textarea
            maxLength={TEXT_LIMITS.objectiveText}
            id={`${FORM_ID}-whyItMatters`}
            label="Why it matters"
            description="Shown under the definition on every deal’s Knowledge tab."
            autosize
            minRows={2}
            maxRows={8}
            value={text.whyItMatters}
            onChange={(e) => {
              const value = e.currentTarget.value;
              setText((t) => ({ ...t, whyItMatters: value }));
              clear('whyItMatters');
            }}
            error={errors.whyItMatters}
            required
          />
          <div role="group" aria-labelledby={`${FORM_ID}-questions-label`}>
            <Text size="sm" fw={500} id={`${FORM_ID}-questions-label`}>
              Discovery questions
            </Text>
            <Text size="xs" c="dimmed" mb={6}>
              The questions that find it out, in the order to ask them: at least one, at most {QUESTION_LIMIT}.
            </Text>
            <Stack gap={6} data-testid="question-editor">
              {questions.map((q, i) => (
                <Group key={q.id} gap={4} wrap="nowrap" align="flex-start" data-testid="question-row">
                  <Text size="sm" c="dimmed" w={20} ta="right" mt={7} className="tabular" aria-hidden>
                    {i + 1}.
                  </Text>
                  <Textarea
                    maxLength={TEXT_LIMITS.objectiveQuestion}
                    ref={i === questions.length - 1 ? lastAdded : undefined}
                    id={`${FORM_ID}-questions.${i}`}
                    aria-label={`Question ${i + 1}`}
                    autosize
                    minRows={1}
                    maxRows={4}
                    value={q.text}
                    onChange={(e) => {
                      const value = e.currentTarget.value;
                      setQuestions((list) => list.map((x) => (x.id === q.id ? { ...x, text: value } : x)));
                      clear(`questions.${i}`);
                    }}
                    error={errors[`questions.${i}`]}
                    style={{ flex: 1, minWidth: 0 }}
                  />
                  <Group gap={0} wrap="nowrap" mt={4}>
                    <Tooltip label="Move up">
                      <ActionIcon
                        variant="subtle"
                        color="gray"
                        disabled={i === 0}
                        onClick={() => move(i, -1)}
                        aria-label={`Move question ${i + 1} up`}
                      >
                        <IconArrowUp size={16} />
                      </ActionIcon>
                    </Tooltip>
                    <Tooltip label="Move down">
                      <ActionIcon
                        variant="subtle"
                        color="gray"
                        disabled={i === questions.length - 1}
                        onClick={() => move(i, 1)}
                        aria-label={`Move question ${i + 1} down`}
                      >
                        <IconArrowDown size={16} />
                      </ActionIcon>
                    </Tooltip>
                    <Tooltip label={questions.length === 1 ? 'Keep at least one question' : 'Remove'}>
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        disabled={questions.length === 1}
                        onClick={() => {
                          setQuestions((list) => list.filter((x) => x.id !== q.id));
                          clearQuestionErrors();
                        }}
                        aria-label={`Remove question ${i + 1}`}
                      >
                        <IconTrash size={16} />
                      </ActionIcon>
                    </Tooltip>
                  </Group>
                </Group>
              ))}
              {errors.questions ? (
                <Text size="xs" c="red.8" role="alert">
                  {errors.questions}
                </Text>
              ) : null}
              <Group>
                <Button
                  variant="light"
                  size="xs"
                  leftSection={<IconPlus size={14} />}
                  disabled={questions.length >= QUESTION_LIMIT}
                  onClick={() => {
                    setQuestions((list) => [...list, ...asQuestions([''])]);
                    setFocusQuestion(nextQuestionId);
                    clear('questions');
                  }}
                >
                  Add a question
                </Button>
              </Group>
            </Stack>
          </div>
          <NumberInput
            id={`${FORM_ID}-weight`}
            label="Weight in the Knowledge Coverage Index"
            description={
              shareThen !== null && Math.round(shareThen * 100) !== Math.round(shareNow * 100)
                ? `From ${WEIGHT_RANGE.min} to ${WEIGHT_RANGE.max}. Now ${Math.round(shareNow * 100)} % of the index; with ${previewWeight} it would be ${Math.round(shareThen * 100)} %.`
                : `From ${WEIGHT_RANGE.min} to ${WEIGHT_RANGE.max}. Now ${Math.round(shareNow * 100)} % of the index.`
            }
            value={text.weight}
            onChange={(value) => {
              setText((t) => ({ ...t, weight: String(value) }));
              clear('weight');
            }}
            min={WEIGHT_RANGE.min}
            max={WEIGHT_RANGE.max}
            step={0.1}
            decimalScale={2}
            clampBehavior="none"
            error={errors.weight}
            maw={360}
            data-testid="weight-input"
          />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={update.isPending} disabled={!hasChanges}>
              Save version {base.version + 1}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

import {
  Alert,
  Button,
  Group,
  Modal,
  MultiSelect,
  NumberInput,
  Select,
  Stack,
  Switch,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { CATALOG_LIMITS, type CatalogItem } from '../../../contract/coaching.ts';
import type { LearningType } from '../../../domain/coaching/root-cause-guide.ts';
import type { RootCauseId } from '../../../domain/coaching/root-causes.ts';
import { isApiError, messageOf } from '../../app/api.ts';
import { fieldId, useFocusFirstError } from '../../shared/form.ts';
import { bodyOf, draftOf, draftProblems, type ItemDraft } from './item-form.ts';
import { ROOT_CAUSE_OPTIONS, TYPE_OPTIONS } from './labels.ts';
import { useCreateCatalogItem, useUpdateCatalogItem } from './queries.ts';
import { QuizEditor } from './QuizEditor.tsx';

const FORM_ID = 'catalog-item';
const FIELD_ORDER = ['title', 'type', 'summary', 'minutes', 'rootCauses', 'content', 'externalUrl'] as const;

/** Adds a learning item (`item` null) or edits one. */
export function CatalogItemModal({
  opened,
  item,
  onClose,
}: {
  opened: boolean;
  item: CatalogItem | null;
  onClose(): void;
}) {
  const title = item ? `Edit ${item.title}` : 'Add a learning item';
  return (
    <Modal opened={opened} onClose={onClose} title={title} size="xl">
      {opened ? <CatalogItemForm key={item?.id ?? 'new'} item={item} onClose={onClose} /> : null}
    </Modal>
  );
}

function CatalogItemForm({ item, onClose }: { item: CatalogItem | null; onClose(): void }) {
  const create = useCreateCatalogItem();
  const update = useUpdateCatalogItem();
  const [draft, setDraft] = useState<ItemDraft>(() => draftOf(item));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string | null>(null);
  useFocusFirstError(FORM_ID, errors, FIELD_ORDER);
  const set = <K extends keyof ItemDraft>(key: K, value: ItemDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setGeneral(null);
    const problems = draftProblems(draft);
    setErrors(problems);
    if (Object.keys(problems).length > 0) return;
    const onError = (error: unknown) => {
      if (isApiError(error) && Object.keys(error.fields).length > 0) {
        setErrors(error.fields);
        setGeneral(error.message);
      } else if (isApiError(error, 'version-conflict')) {
        setGeneral('Someone else changed this item meanwhile. Close this window and try again on the latest version.');
      } else {
        setGeneral(messageOf(error));
      }
    };
    const body = bodyOf(draft);
    if (item) update.mutate({ id: item.id, version: item.version, ...body }, { onSuccess: onClose, onError });
    else create.mutate(body, { onSuccess: onClose, onError });
  };

  return (
    <form onSubmit={submit} noValidate aria-label={item ? 'Edit learning item' : 'Add a learning item'}>
      <Stack gap="md">
        {general ? (
          <Alert color="red" role="alert">
            {general}
          </Alert>
        ) : null}
        <TextInput
          id={fieldId(FORM_ID, 'title')}
          label="Title"
          value={draft.title}
          onChange={(e) => set('title', e.currentTarget.value)}
          error={errors.title}
          maxLength={CATALOG_LIMITS.title}
          data-autofocus
        />
        <Group grow align="flex-start">
          <Select
            id={fieldId(FORM_ID, 'type')}
            label="Type"
            data={TYPE_OPTIONS}
            value={draft.type}
            onChange={(value) => set('type', value as LearningType | null)}
            error={errors.type}
            allowDeselect={false}
          />
          <NumberInput
            id={fieldId(FORM_ID, 'minutes')}
            label="Expected time"
            value={draft.minutes}
            onChange={(value) => set('minutes', value)}
            error={errors.minutes}
            min={1}
            max={CATALOG_LIMITS.minutes}
            clampBehavior="strict"
            allowDecimal={false}
            allowNegative={false}
            suffix=" min"
          />
        </Group>
        <TextInput
          id={fieldId(FORM_ID, 'summary')}
          label="Summary"
          description="One or two sentences: what it is and what the seller gets from it"
          value={draft.summary}
          onChange={(e) => set('summary', e.currentTarget.value)}
          error={errors.summary}
          maxLength={CATALOG_LIMITS.summary}
        />
        <MultiSelect
          id={fieldId(FORM_ID, 'rootCauses')}
          label="Root causes it addresses"
          data={ROOT_CAUSE_OPTIONS}
          value={draft.rootCauses}
          onChange={(value) => set('rootCauses', value as RootCauseId[])}
          error={errors.rootCauses}
          searchable
          maxValues={CATALOG_LIMITS.rootCauses}
        />
        <Textarea
          id={fieldId(FORM_ID, 'content')}
          label="Content"
          description="Headings with #, lists with - or 1., **bold**, _italic_ and [links](https://...)"
          value={draft.content}
          onChange={(e) => set('content', e.currentTarget.value)}
          error={errors.content}
          maxLength={CATALOG_LIMITS.content}
          autosize
          minRows={6}
          maxRows={16}
        />
        <TextInput
          id={fieldId(FORM_ID, 'externalUrl')}
          label="External link"
          description="Optional: material kept elsewhere (http:// or https://)"
          value={draft.externalUrl}
          onChange={(e) => set('externalUrl', e.currentTarget.value)}
          error={errors.externalUrl}
          maxLength={CATALOG_LIMITS.externalUrl}
        />
        <Switch label="Has a quiz" checked={draft.hasQuiz} onChange={(e) => set('hasQuiz', e.currentTarget.checked)} />
        {draft.hasQuiz ? (
          <QuizEditor
            passMark={draft.passMark}
            questions={draft.questions}
            errors={errors}
            onPassMark={(value) => set('passMark', value)}
            onQuestions={(questions) => set('questions', questions)}
          />
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={create.isPending || update.isPending}>
            {item ? 'Save' : 'Add item'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

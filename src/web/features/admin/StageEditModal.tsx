import { Alert, Button, Group, Modal, NumberInput, Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import type { Stage } from '../../../contract/stages.ts';
import { isApiError } from '../../app/api.ts';
import { splitSaveError, type FieldErrors } from '../../shared/form.ts';
import { useUpdateStage } from './queries.ts';

export function StageEditModal({ stage, onClose }: { stage: Stage | null; onClose(): void }) {
  return (
    <Modal opened={stage !== null} onClose={onClose} title={stage ? `Edit ${stage.name}` : ''}>
      {stage ? <StageEditForm stage={stage} onClose={onClose} /> : null}
    </Modal>
  );
}

function StageEditForm({ stage, onClose }: { stage: Stage; onClose(): void }) {
  const update = useUpdateStage();
  const [name, setName] = useState(stage.name);
  const [probability, setProbability] = useState<number | string>(stage.probability);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setGeneral(null);
    if (!name.trim() || probability === '') {
      setErrors({
        ...(name.trim() ? {} : { name: 'Name the stage' }),
        ...(probability === '' ? { probability: 'Enter a percentage' } : {}),
      });
      return;
    }
    update.mutate(
      { id: stage.id, version: stage.version, name: name.trim(), probability: Number(probability) },
      {
        onSuccess: onClose,
        onError: (error) => {
          const split = splitSaveError(error, ['name', 'probability']);
          setErrors(split.fields);
          setGeneral(
            isApiError(error, 'version-conflict')
              ? 'Someone else changed this stage meanwhile. Close this window and try again on the latest version.'
              : split.general,
          );
        },
      },
    );
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Edit stage">
      <Stack gap="md">
        {general ? (
          <Alert color="red" role="alert">
            {general}
          </Alert>
        ) : null}
        <TextInput
          label="Name"
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={errors.name}
          maxLength={80}
          data-autofocus
        />
        <NumberInput
          label="Probability"
          description="The traditional win rate of deals at this stage"
          value={probability}
          onChange={setProbability}
          error={errors.probability}
          min={0}
          max={100}
          clampBehavior="strict"
          allowDecimal={false}
          allowNegative={false}
          suffix="%"
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={update.isPending}>
            Save
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

import { Alert, Button, Group, NumberInput, Paper, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { splitSaveError, type FieldErrors } from '../../shared/form.ts';
import { useCreateStage } from './queries.ts';

/** A new stage goes last; the administrator moves it into place afterwards. */
export function AddStageForm() {
  const create = useCreateStage();
  const [name, setName] = useState('');
  const [probability, setProbability] = useState<number | string>('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setGeneral(null);
    const missing: FieldErrors = {};
    if (!name.trim()) missing.name = 'Name the stage';
    if (probability === '') missing.probability = 'Enter a percentage';
    if (Object.keys(missing).length > 0) {
      setErrors(missing);
      document.getElementById(missing.name ? 'new-stage-name' : 'new-stage-probability')?.focus();
      return;
    }
    create.mutate(
      { name: name.trim(), probability: Number(probability) },
      {
        onSuccess: (stage) => {
          notifications.show({ color: 'teal', title: 'Stage added', message: `${stage.name} is now the last stage.` });
          setName('');
          setProbability('');
          setErrors({});
        },
        onError: (error) => {
          const split = splitSaveError(error, ['name', 'probability']);
          setErrors(split.fields);
          setGeneral(split.general);
          document
            .getElementById(split.fields.probability && !split.fields.name ? 'new-stage-probability' : 'new-stage-name')
            ?.focus();
        },
      },
    );
  };

  return (
    <Paper p="lg" mt="lg" maw={900}>
      <Title order={2} fz="md" mb="sm">
        Add a stage
      </Title>
      {general ? (
        <Alert color="red" mb="sm" role="alert">
          {general}
        </Alert>
      ) : null}
      <form onSubmit={submit} noValidate aria-label="Add a stage">
        <Group align="flex-start" gap="sm">
          <TextInput
            id="new-stage-name"
            label="Name"
            placeholder="e.g. Security review"
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={errors.name}
            maxLength={80}
            style={{ flex: '1 1 240px' }}
          />
          <NumberInput
            id="new-stage-probability"
            label="Probability"
            placeholder="0–100"
            value={probability}
            onChange={setProbability}
            error={errors.probability}
            min={0}
            max={100}
            clampBehavior="strict"
            allowDecimal={false}
            allowNegative={false}
            suffix="%"
            w={140}
          />
          <Button type="submit" mt={25} leftSection={<IconPlus size={16} />} loading={create.isPending}>
            Add stage
          </Button>
        </Group>
      </form>
    </Paper>
  );
}

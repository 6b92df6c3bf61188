import { Alert, Anchor, Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { isApiError, messageOf } from '../../app/api.ts';
import { type RuleView, useUpdateRule } from './queries.ts';
import { readThresholds, showThreshold, thresholdMeta, toInput, unitWords } from './thresholds.ts';

const inputsOf = (thresholds: Record<string, number>) => Object.fromEntries(Object.entries(thresholds).map(([k, v]) => [k, toInput(k, v)]));

/**
 * Tuning one rule's thresholds. Saves against the version opened; when someone else saved first,
 * the person's values stay in the form, their version shows, and saving again puts these on top.
 */
export function ThresholdsModal({ rule, onClose }: { rule: RuleView; onClose(): void }) {
  const update = useUpdateRule();
  const [inputs, setInputs] = useState(() => inputsOf(rule.thresholds));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string | null>(null);
  // the version these edits started from, moved on when the person chooses to save over a newer one
  const [baseVersion, setBaseVersion] = useState(rule.version);
  const isStale = rule.version !== baseVersion;
  const keys = Object.keys(rule.defaultThresholds);

  const change = (key: string, value: string) => {
    setInputs((current) => ({ ...current, [key]: value }));
    if (errors[key]) setErrors(({ [key]: _gone, ...rest }) => rest);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setGeneral(null);
    const read = readThresholds(inputs);
    if (!read.ok) {
      setErrors(read.errors);
      document.getElementById(`threshold-${Object.keys(read.errors)[0]}`)?.focus();
      return;
    }
    update.mutate(
      { id: rule.id, thresholds: read.values, version: rule.version },
      {
        onSuccess: onClose,
        onError: (error) => {
          if (isApiError(error, 'version-conflict')) return;
          const fields = isApiError(error) ? error.fields : {};
          const byKey = Object.fromEntries(Object.entries(fields).flatMap(([path, message]) => (path.startsWith('thresholds.') ? [[path.slice('thresholds.'.length), message]] : [])));
          setErrors(byKey);
          if (Object.keys(byKey).length === 0) setGeneral(messageOf(error));
        },
      },
    );
  };

  const conflict = isApiError(update.error, 'version-conflict');
  return (
    <Modal opened onClose={onClose} title={`Tune ${rule.id} · ${rule.name}`} size="lg">
      <form onSubmit={submit} noValidate aria-label={`Thresholds of ${rule.id}`}>
        <Stack gap="md">
          {conflict || isStale ? (
            <Alert color="orange" variant="light" icon={<IconAlertTriangle size={20} />} title="Someone else changed this rule while you were editing" data-testid="rule-conflict">
              <Text size="sm">
                It now {rule.enabled ? 'is on' : 'is off'} with{' '}
                {keys.map((k) => `${thresholdMeta(k).label.toLowerCase()} ${showThreshold(k, rule.thresholds[k]!)}`).join(', ')}. Your values are still below: save to put them over theirs, or{' '}
                <Anchor
                  component="button"
                  type="button"
                  size="sm"
                  onClick={() => {
                    setInputs(inputsOf(rule.thresholds));
                    setErrors({});
                    setBaseVersion(rule.version);
                    update.reset();
                  }}
                >
                  take their values
                </Anchor>
                .
              </Text>
            </Alert>
          ) : null}
          {general ? (
            <Alert color="red" variant="light" title="Not saved" role="alert">
              {general}
            </Alert>
          ) : null}
          {keys.map((key) => {
            const meta = thresholdMeta(key);
            const fallback = rule.defaultThresholds[key]!;
            const isDefault = inputs[key] === toInput(key, fallback);
            return (
              <Group key={key} align="flex-start" gap="sm" wrap="nowrap">
                <TextInput
                  id={`threshold-${key}`}
                  label={meta.label}
                  description={`${meta.help}${meta.help ? '. ' : ''}Default ${showThreshold(key, fallback)}.`}
                  value={inputs[key] ?? ''}
                  onChange={(event) => change(key, event.currentTarget.value)}
                  error={errors[key]}
                  inputMode="decimal"
                  rightSection={
                    unitWords(key) ? (
                      <Text size="xs" c="dimmed">
                        {unitWords(key)}
                      </Text>
                    ) : null
                  }
                  rightSectionWidth={48}
                  style={{ flex: 1 }}
                />
                <Button variant="subtle" size="compact-sm" mt={44} disabled={isDefault} onClick={() => change(key, toInput(key, fallback))} aria-label={`Reset ${meta.label} to the default`}>
                  Reset
                </Button>
              </Group>
            );
          })}
          <Group justify="space-between" mt="sm">
            <Button variant="subtle" onClick={() => setInputs(inputsOf(rule.defaultThresholds))} disabled={keys.every((k) => inputs[k] === toInput(k, rule.defaultThresholds[k]!))}>
              Reset all to defaults
            </Button>
            <Group gap="sm">
              <Button variant="default" onClick={onClose}>
                Cancel
              </Button>
              <Button type="submit" loading={update.isPending}>
                {conflict || isStale ? 'Save mine over theirs' : 'Save thresholds'}
              </Button>
            </Group>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

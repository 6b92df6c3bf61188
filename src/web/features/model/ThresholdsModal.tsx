import { Alert, Anchor, Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useEffect, useState, type FormEvent } from 'react';
import { isApiError, messageOf } from '../../app/api.ts';
import { type RuleView, useUpdateRule } from './queries.ts';
import { readThresholds, showThreshold, thresholdMeta, toInput, unitWords } from './thresholds.ts';

const inputsOf = (thresholds: Record<string, number>) =>
  Object.fromEntries(Object.entries(thresholds).map(([k, v]) => [k, toInput(k, v)]));

/**
 * Tuning one rule's thresholds. Sends only the thresholds the person changed, against the version
 * they opened. When someone else saved first, the form moves onto their version with the person's
 * own changes on top, says so, and the next save applies just those changes.
 */
export function ThresholdsModal({ rule, onClose }: { rule: RuleView; onClose(): void }) {
  const update = useUpdateRule();
  // the values as the version being edited has them, and that version
  const [base, setBase] = useState(() => ({ version: rule.version, inputs: inputsOf(rule.thresholds) }));
  const [inputs, setInputs] = useState(base.inputs);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [theirs, setTheirs] = useState(false);
  const keys = Object.keys(rule.defaultThresholds);
  const changedKeys = keys.filter((k) => inputs[k] !== base.inputs[k]);

  // A newer version arrived (after a 409, or simply refetched): their values, my changes on top.
  useEffect(() => {
    if (rule.version === base.version) return;
    const next = inputsOf(rule.thresholds);
    setInputs((current) => ({
      ...next,
      ...Object.fromEntries(keys.filter((k) => current[k] !== base.inputs[k]).map((k) => [k, current[k]!])),
    }));
    setBase({ version: rule.version, inputs: next });
    setTheirs(true);
    // only a new version matters here; the rest is read as it is at that moment
  }, [rule.version]);

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
    if (changedKeys.length === 0) {
      onClose();
      return;
    }
    update.mutate(
      {
        id: rule.id,
        thresholds: Object.fromEntries(changedKeys.map((k) => [k, read.values[k]!])),
        version: base.version,
      },
      {
        onSuccess: onClose,
        onError: (error) => {
          if (isApiError(error, 'version-conflict')) return;
          const fields = isApiError(error) ? error.fields : {};
          const byKey = Object.fromEntries(
            Object.entries(fields).flatMap(([path, message]) =>
              path.startsWith('thresholds.') ? [[path.slice('thresholds.'.length), message]] : [],
            ),
          );
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
          {conflict || theirs ? (
            <Alert
              color="orange"
              variant="light"
              icon={<IconAlertTriangle size={20} />}
              title="Someone else changed this rule while you were editing"
              data-testid="rule-conflict"
            >
              <Text size="sm">
                The form now holds their version ({rule.enabled ? 'on' : 'off'},{' '}
                {keys
                  .map((k) => `${thresholdMeta(k).label.toLowerCase()} ${showThreshold(k, rule.thresholds[k]!)}`)
                  .join(', ')}
                ){changedKeys.length > 0 ? ' with your changes on top. Check them and save, or ' : '. '}
                {changedKeys.length > 0 ? (
                  <Anchor
                    component="button"
                    type="button"
                    size="sm"
                    onClick={() => {
                      setInputs(base.inputs);
                      setErrors({});
                    }}
                  >
                    drop yours and keep theirs
                  </Anchor>
                ) : null}
                {changedKeys.length > 0 ? '.' : null}
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
                <Button
                  variant="subtle"
                  size="compact-sm"
                  mt={44}
                  disabled={isDefault}
                  onClick={() => change(key, toInput(key, fallback))}
                  aria-label={`Reset ${meta.label} to the default`}
                >
                  Reset
                </Button>
              </Group>
            );
          })}
          <Group justify="space-between" mt="sm">
            <Button
              variant="subtle"
              onClick={() => setInputs(inputsOf(rule.defaultThresholds))}
              disabled={keys.every((k) => inputs[k] === toInput(k, rule.defaultThresholds[k]!))}
            >
              Reset all to defaults
            </Button>
            <Group gap="sm">
              <Button variant="default" onClick={onClose}>
                Cancel
              </Button>
              <Button type="submit" loading={update.isPending}>
                Save thresholds
              </Button>
            </Group>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

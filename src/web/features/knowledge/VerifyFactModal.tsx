import { Alert, Button, Group, Modal, Paper, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCalendarCheck, IconRefresh } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import type { KnowledgeFactView } from '../../../contract/knowledge.ts';
import { isApiError } from '../../app/api.ts';
import { useFocusFirstError, type FieldErrors } from '../../shared/form.ts';
import { formatDate, todayLocal } from '../../shared/format.ts';
import { useWorkspace } from './context.tsx';
import { EvidenceMeta, EvidenceQuote } from './Evidence.tsx';
import { FactQuality } from './levels.tsx';
import { useVerifyFact } from './queries.ts';
import { valueInWords } from './schema-model.ts';
import { checkVerifiedOn } from './reconfirm.ts';
import { NO_FAILURE, readWriteError, WriteAlert, type WriteFailure } from './WriteAlert.tsx';

const FORM_ID = 'verify-fact';
const FIELDS = ['verifiedOn'] as const;

/** "A buyer confirmed it again": the day they did, and the fact is fresh from then on. */
export function VerifyFactModal({ fact, onClose }: { fact: KnowledgeFactView | null; onClose(): void }) {
  return (
    <Modal
      opened={fact !== null}
      onClose={onClose}
      title="Buyer confirmed it again"
      size="md"
      centered={false}
      yOffset="10vh"
    >
      {fact ? <VerifyForm fact={fact} onClose={onClose} /> : null}
    </Modal>
  );
}

function VerifyForm({ fact, onClose }: { fact: KnowledgeFactView; onClose(): void }) {
  const ws = useWorkspace();
  const verify = useVerifyFact(ws.opportunityId);
  const today = todayLocal();
  const [day, setDay] = useState(today);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<WriteFailure>(NO_FAILURE);
  const [isGone, setGone] = useState(false);
  useFocusFirstError(FORM_ID, errors, FIELDS);
  const label = fact.qualifierLabel ? `${fact.label} · ${fact.qualifierLabel}` : fact.label;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problem = checkVerifiedOn(day, fact.evidence.observedAt, today);
    if (problem) {
      setErrors({ verifiedOn: problem });
      return;
    }
    setFailure(NO_FAILURE);
    setGone(false);
    verify.mutate(
      { factId: fact.id, version: ws.knowledge.opportunityVersion, verifiedOn: day },
      {
        onSuccess: () => {
          notifications.show({
            color: 'teal',
            title: 'Re-confirmed',
            message: `${label}${fact.itemLabel !== fact.label ? ` of ${fact.itemLabel}` : ''}, on ${formatDate(day)}`,
          });
          onClose();
        },
        onError: (error) => {
          if (isApiError(error, 'not-found')) {
            setGone(true);
            return;
          }
          const read = readWriteError(error, FIELDS);
          setErrors(read.fields);
          setFailure(read);
        },
      },
    );
  };

  const reload = () => void ws.reload().then(() => setFailure(NO_FAILURE));

  return (
    <form onSubmit={submit} noValidate aria-label="Buyer confirmed it again">
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          A buyer told you again that this still holds. It keeps its original evidence and counts as fresh from the day
          they confirmed it. If it no longer holds, change it instead.
        </Text>
        <Paper p="sm" bg="gray.0" withBorder={false} data-testid="verify-fact-subject">
          <Stack gap={4}>
            <Group gap={8} wrap="wrap">
              <Text size="sm" c="dimmed">
                {label}
                {fact.itemLabel !== fact.label ? ` · ${fact.itemLabel}` : ''}
              </Text>
              <Text size="sm" fw={650}>
                {valueInWords(ws.schema, fact)}
              </Text>
              <FactQuality fact={fact} />
            </Group>
            <EvidenceQuote text={fact.evidence.text} lineClamp={2} />
            <EvidenceMeta
              evidence={fact.evidence}
              verifiedAt={fact.lastVerifiedAt}
              ageDays={fact.ageDays}
              withRecorder={false}
            />
          </Stack>
        </Paper>
        {isGone ? (
          <Alert
            color="orange"
            variant="light"
            title="This fact changed meanwhile"
            role="alert"
            data-testid="verify-gone"
          >
            <Text size="sm" mb="sm">
              Someone recorded a new value for it, or retired it, after you opened it: there is nothing to re-confirm.
              Load what is known now and check it again.
            </Text>
            <Button
              size="xs"
              color="orange"
              leftSection={<IconRefresh size={14} />}
              loading={ws.isReloading}
              onClick={() => void ws.reload().then(onClose)}
            >
              Load what is known now
            </Button>
          </Alert>
        ) : null}
        <WriteAlert failure={failure} onReload={reload} reloading={ws.isReloading} action="re-confirmed" />
        <TextInput
          id={`${FORM_ID}-verifiedOn`}
          label="When did they confirm it?"
          description={`From ${formatDate(fact.evidence.observedAt)}, when it was first observed, to today`}
          type="date"
          min={fact.evidence.observedAt}
          max={today}
          value={day}
          onChange={(e) => {
            setDay(e.currentTarget.value);
            if (errors.verifiedOn) setErrors({});
          }}
          error={errors.verifiedOn}
          required
          leftSection={<IconCalendarCheck size={16} />}
        />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={verify.isPending} disabled={isGone}>
            Record re-confirmation
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

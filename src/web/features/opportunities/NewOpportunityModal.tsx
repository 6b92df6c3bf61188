import { Alert, Button, Group, Modal } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { useCurrentUser } from '../../app/auth.tsx';
import { splitSaveError, useFocusFirstError, type FieldErrors } from '../../shared/form.ts';
import { useStages } from '../stages/queries.ts';
import { blankFormValues, OPPORTUNITY_FIELD_ORDER, readForm, type OpportunityFormValues } from './form-model.ts';
import { OpportunityFields } from './OpportunityFields.tsx';
import { useCreateOpportunity } from './queries.ts';

const FORM_ID = 'new-opportunity';

type NewOpportunityModalProps = {
  opened: boolean;
  onClose(): void;
  /** start with this account chosen (creating from an account's page) */
  account?: { id: string; name: string };
};

export function NewOpportunityModal({ opened, onClose, account }: NewOpportunityModalProps) {
  return (
    <Modal opened={opened} onClose={onClose} title="New opportunity" size="xl" centered={false} yOffset="5vh">
      {/* mounted only while open, so every opening starts from a blank form */}
      {opened ? <NewOpportunityForm onClose={onClose} account={account} /> : null}
    </Modal>
  );
}

function NewOpportunityForm({ onClose, account }: { onClose(): void; account: NewOpportunityModalProps['account'] }) {
  const me = useCurrentUser();
  const stages = useStages();
  // under BrowserRouter navigate is synchronous: the Promise in its type is for data routers, hence `void`
  const navigate = useNavigate();
  const create = useCreateOpportunity();
  const firstStage = stages.data?.find((s) => s.isActive)?.id ?? null;
  const [values, setValues] = useState<OpportunityFormValues>(() =>
    blankFormValues({
      ownerId: me.id,
      stageId: firstStage,
      accountId: account?.id ?? null,
      accountName: account?.name ?? null,
    }),
  );
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<string | null>(null);
  useFocusFirstError(FORM_ID, errors, OPPORTUNITY_FIELD_ORDER);

  // the stages may arrive after the form opened
  const shown = values.stageId === null && firstStage ? { ...values, stageId: firstStage } : values;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setGeneral(null);
    const read = readForm(shown);
    if (!read.ok) {
      setErrors(read.errors);
      return;
    }
    create.mutate(read.fields, {
      onSuccess: (created) => {
        notifications.show({ color: 'teal', title: 'Opportunity created', message: created.name });
        onClose();
        void navigate(`/opportunities/${created.id}`);
      },
      onError: (error) => {
        const split = splitSaveError(error, [...OPPORTUNITY_FIELD_ORDER]);
        setErrors(split.fields);
        setGeneral(split.general);
      },
    });
  };

  return (
    <form onSubmit={submit} noValidate aria-label="New opportunity">
      {general ? (
        <Alert color="red" title="Not created" mb="md" role="alert">
          {general}
        </Alert>
      ) : null}
      <OpportunityFields
        formId={FORM_ID}
        values={shown}
        onChange={(patch) => setValues((v) => ({ ...v, stageId: v.stageId ?? firstStage, ...patch }))}
        errors={errors}
        isNew
      />
      <Group justify="flex-end" mt="xl">
        <Button variant="default" onClick={onClose}>
          Cancel
        </Button>
        <Button type="submit" loading={create.isPending}>
          Create opportunity
        </Button>
      </Group>
    </form>
  );
}

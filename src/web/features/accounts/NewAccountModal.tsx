import { Alert, Button, Group, Modal } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { useCurrentUser } from '../../app/auth.tsx';
import { splitSaveError, useFocusFirstError, type FieldErrors } from '../../shared/form.ts';
import { AccountFields } from './AccountFields.tsx';
import { ACCOUNT_FIELD_ORDER, blankAccountValues, readAccountForm } from './form-model.ts';
import { useCreateAccount } from './queries.ts';

const FORM_ID = 'new-account';

export function NewAccountModal({ opened, onClose }: { opened: boolean; onClose(): void }) {
  return (
    <Modal opened={opened} onClose={onClose} title="New account" size="lg">
      {opened ? <NewAccountForm onClose={onClose} /> : null}
    </Modal>
  );
}

function NewAccountForm({ onClose }: { onClose(): void }) {
  const me = useCurrentUser();
  // under BrowserRouter navigate is synchronous: the Promise in its type is for data routers, hence `void`
  const navigate = useNavigate();
  const create = useCreateAccount();
  const [values, setValues] = useState(() => blankAccountValues(me.id));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<string | null>(null);
  useFocusFirstError(FORM_ID, errors, ACCOUNT_FIELD_ORDER);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setGeneral(null);
    const read = readAccountForm(values);
    if (!read.ok) {
      setErrors(read.errors);
      return;
    }
    create.mutate(read.fields, {
      onSuccess: (created) => {
        notifications.show({ color: 'teal', title: 'Account created', message: created.name });
        onClose();
        void navigate(`/accounts/${created.id}`);
      },
      onError: (error) => {
        const split = splitSaveError(error, ACCOUNT_FIELD_ORDER);
        setErrors(split.fields);
        setGeneral(split.general);
      },
    });
  };

  return (
    <form onSubmit={submit} noValidate aria-label="New account">
      {general ? (
        <Alert color="red" title="Not created" mb="md" role="alert">
          {general}
        </Alert>
      ) : null}
      <AccountFields
        formId={FORM_ID}
        values={values}
        onChange={(patch) => setValues((v) => ({ ...v, ...patch }))}
        errors={errors}
      />
      <Group justify="flex-end" mt="xl">
        <Button variant="default" onClick={onClose}>
          Cancel
        </Button>
        <Button type="submit" loading={create.isPending}>
          Create account
        </Button>
      </Group>
    </form>
  );
}

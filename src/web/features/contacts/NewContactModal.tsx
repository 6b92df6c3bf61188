import { Alert, Button, Group, Modal } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { splitSaveError, useFocusFirstError, type FieldErrors } from '../../shared/form.ts';
import { ContactFields } from './ContactFields.tsx';
import { blankContactValues, CONTACT_FIELD_ORDER, readContactForm } from './form-model.ts';
import { useCreateContact } from './queries.ts';

const FORM_ID = 'new-contact';

type NewContactModalProps = {
  opened: boolean;
  onClose(): void;
  /** start with this account chosen, and stay on the page after creating */
  account?: { id: string; name: string };
};

export function NewContactModal({ opened, onClose, account }: NewContactModalProps) {
  return (
    <Modal opened={opened} onClose={onClose} title="New contact" size="lg">
      {opened ? <NewContactForm onClose={onClose} account={account} /> : null}
    </Modal>
  );
}

function NewContactForm({ onClose, account }: { onClose(): void; account: NewContactModalProps['account'] }) {
  // under BrowserRouter navigate is synchronous: the Promise in its type is for data routers, hence `void`
  const navigate = useNavigate();
  const create = useCreateContact();
  const [values, setValues] = useState(() => blankContactValues(account));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<string | null>(null);
  useFocusFirstError(FORM_ID, errors, CONTACT_FIELD_ORDER);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setGeneral(null);
    const read = readContactForm(values);
    if (!read.ok) {
      setErrors(read.errors);
      return;
    }
    create.mutate(read.fields, {
      onSuccess: (created) => {
        notifications.show({
          color: 'teal',
          title: 'Contact added',
          message: `${created.name} at ${created.accountName}`,
        });
        onClose();
        if (!account) void navigate(`/contacts/${created.id}`);
      },
      onError: (error) => {
        const split = splitSaveError(error, CONTACT_FIELD_ORDER);
        setErrors(split.fields);
        setGeneral(split.general);
      },
    });
  };

  return (
    <form onSubmit={submit} noValidate aria-label="New contact">
      {general ? (
        <Alert color="red" title="Not created" mb="md" role="alert">
          {general}
        </Alert>
      ) : null}
      <ContactFields
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
          Add contact
        </Button>
      </Group>
    </form>
  );
}

import { Alert, Button, Group, Modal, Text } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { messageOf } from '../app/api.ts';

type ConfirmDialogProps = {
  opened: boolean;
  title: string;
  message: ReactNode;
  confirmLabel: string;
  color?: string;
  onConfirm(): Promise<unknown>;
  onClose(): void;
};

/** Asks before a consequential action; shows why it failed if it does. */
export function ConfirmDialog({
  opened,
  title,
  message,
  confirmLabel,
  color = 'red',
  onConfirm,
  onClose,
}: ConfirmDialogProps) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const close = () => {
    setError(null);
    onClose();
  };
  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await onConfirm();
      close();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal opened={opened} onClose={close} title={<Text fw={600}>{title}</Text>} centered>
      <Text size="sm">{message}</Text>
      {error ? (
        <Alert color="red" mt="md" title="That did not work">
          {messageOf(error)}
        </Alert>
      ) : null}
      <Group justify="flex-end" mt="lg">
        <Button variant="default" onClick={close}>
          Cancel
        </Button>
        <Button color={color} loading={busy} onClick={() => void confirm()} data-autofocus>
          {confirmLabel}
        </Button>
      </Group>
    </Modal>
  );
}

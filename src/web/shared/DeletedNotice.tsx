import { Alert, Button } from '@mantine/core';
import { IconRestore } from '@tabler/icons-react';

/** Shown on a record just deleted: it is kept with its history and can come back. */
export function DeletedNotice({ noun, onRestore, restoring }: { noun: string; onRestore(): void; restoring: boolean }) {
  return (
    <Alert
      color="gray"
      variant="light"
      title={`This ${noun} is deleted`}
      mb="lg"
      role="status"
      data-testid="deleted-notice"
    >
      It no longer appears in lists. Its history is kept, and you can bring it back.
      <Button
        mt="sm"
        size="xs"
        variant="default"
        leftSection={<IconRestore size={14} />}
        onClick={onRestore}
        loading={restoring}
        display="block"
      >
        Restore {noun}
      </Button>
    </Alert>
  );
}

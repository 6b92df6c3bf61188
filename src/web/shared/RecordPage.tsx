import { Button } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconTrash } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { isApiError, messageOf } from '../app/api.ts';
import { BackLink } from './BackLink.tsx';
import { ConfirmDialog } from './ConfirmDialog.tsx';
import { DeletedNotice } from './DeletedNotice.tsx';
import { PageHeader } from './PageHeader.tsx';
import { ErrorState, FormSkeleton, NotFoundState } from './states.tsx';

type NotFound = { title: string; description: string; backTo: string; backLabel: string };

/** A record page while its record loads, or when it cannot: not there (or not visible), or an error. */
export function RecordFallback({
  query,
  notFound,
}: {
  query: { isPending: boolean; error: unknown; refetch(): unknown };
  notFound: NotFound;
}) {
  if (query.isPending) return <FormSkeleton />;
  if (isApiError(query.error, 'not-found')) return <NotFoundState {...notFound} />;
  return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
}

type RecordPageHeaderProps = {
  back: { to: string; label: string };
  title: string;
  description?: ReactNode;
  /** "account": for the buttons and the notices */
  noun: string;
  /** what deleting does, asked before it happens */
  confirmMessage: string;
  remove(): Promise<unknown>;
  restore(): Promise<unknown>;
  /** said once restored; nothing is said when left out */
  restoredMessage?: string;
  isDeleted: boolean;
  onDeletedChange(isDeleted: boolean): void;
};

/**
 * A record page's title with the way back to its list, and deleting it: asked first, then said on
 * the page with a way to restore it (a deleted record stays, with its history).
 */
export function RecordPageHeader({
  back,
  title,
  description,
  noun,
  confirmMessage,
  remove,
  restore,
  restoredMessage,
  isDeleted,
  onDeletedChange,
}: RecordPageHeaderProps) {
  const [confirming, setConfirming] = useState(false);
  const [restoring, setRestoring] = useState(false);
  const handleRestore = () => {
    setRestoring(true);
    restore()
      .then(() => {
        onDeletedChange(false);
        if (restoredMessage) notifications.show({ color: 'teal', title: 'Restored', message: restoredMessage });
      })
      .catch((error: unknown) =>
        notifications.show({ color: 'red', title: 'Could not restore', message: messageOf(error) }),
      )
      .finally(() => setRestoring(false));
  };
  return (
    <>
      <PageHeader
        eyebrow={<BackLink to={back.to} label={back.label} />}
        title={title}
        description={description}
        actions={
          isDeleted ? null : (
            <Button
              variant="default"
              color="red"
              leftSection={<IconTrash size={16} />}
              onClick={() => setConfirming(true)}
            >
              Delete
            </Button>
          )
        }
      />
      {isDeleted ? <DeletedNotice noun={noun} onRestore={handleRestore} restoring={restoring} /> : null}
      <ConfirmDialog
        opened={confirming}
        title={`Delete this ${noun}?`}
        message={confirmMessage}
        confirmLabel={`Delete ${noun}`}
        onConfirm={() => remove().then(() => onDeletedChange(true))}
        onClose={() => setConfirming(false)}
      />
    </>
  );
}

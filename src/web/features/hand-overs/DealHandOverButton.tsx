import { Alert, Button, Group, Modal, Select, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconTransfer } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import type { Opportunity } from '../../../contract/opportunities.ts';
import { useCurrentUser } from '../../app/auth.tsx';
import { splitSaveError } from '../../shared/form.ts';
import { ownerOptions, useUsers } from '../users/queries.ts';
import { useHandOverDeal } from './queries.ts';

/**
 * "Hand over" beside a deal's owner, for a manager of its team or an administrator: the deal moves
 * to another active seller with a brief, and the previous owner stays. Not shown to sellers, nor on
 * a closed deal.
 */
export function DealHandOverButton({ opportunity }: { opportunity: Opportunity }) {
  const me = useCurrentUser();
  const [open, setOpen] = useState(false);
  if (me.role === 'seller' || opportunity.status !== 'open') return null;
  return (
    <>
      <Button
        variant="subtle"
        size="compact-xs"
        leftSection={<IconTransfer size={12} />}
        onClick={() => setOpen(true)}
        aria-label={`Hand over ${opportunity.name}`}
      >
        Hand over
      </Button>
      <Modal opened={open} onClose={() => setOpen(false)} title={`Hand over ${opportunity.name}`}>
        {open ? <DealHandOverForm opportunity={opportunity} onClose={() => setOpen(false)} /> : null}
      </Modal>
    </>
  );
}

function DealHandOverForm({ opportunity, onClose }: { opportunity: Opportunity; onClose(): void }) {
  const me = useCurrentUser();
  const users = useUsers().data ?? [];
  const handOver = useHandOverDeal(opportunity.id);
  const [toUserId, setToUserId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [general, setGeneral] = useState<string | null>(null);
  const options = ownerOptions(me, users).filter((o) => o.value !== opportunity.ownerId);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!toUserId) {
      setError('Choose who takes it over');
      document.getElementById('deal-hand-over-to')?.focus();
      return;
    }
    handOver.mutate(
      { toUserId, version: opportunity.version },
      {
        onSuccess: (h) => {
          notifications.show({
            color: 'teal',
            title: 'Handed over',
            message: `${h.toName} has the deal and its brief in their inbox.`,
          });
          onClose();
        },
        onError: (failure) => {
          const split = splitSaveError(failure, ['toUserId']);
          setError(split.fields.toUserId ?? null);
          setGeneral(split.general);
        },
      },
    );
  };
  return (
    <form onSubmit={submit} noValidate aria-label="Hand over this deal">
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          {opportunity.ownerName}'s figure for the deal stays in its history; the new owner starts without one and gets
          a brief of what is known, unknown and agreed, to acknowledge.
        </Text>
        {general ? (
          <Alert color="red" role="alert">
            {general}
          </Alert>
        ) : null}
        <Select
          id="deal-hand-over-to"
          label="Hand it to"
          data={options}
          value={toUserId}
          onChange={(v) => {
            setToUserId(v);
            setError(null);
          }}
          error={error}
          searchable
          nothingFoundMessage="Nobody else in your team"
          data-autofocus
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={handOver.isPending}>
            Hand over
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

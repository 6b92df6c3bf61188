import { Button, Center, Grid, Group, Paper, SegmentedControl, Table, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconSearch, IconUserPlus } from '@tabler/icons-react';
import { useState } from 'react';
import type { User } from '../../../contract/users.ts';
import { useCurrentUser } from '../../app/auth.tsx';
import { ConfirmDialog } from '../../shared/ConfirmDialog.tsx';
import { ErrorState, TableSkeletonRows } from '../../shared/states.tsx';
import { useUsers } from '../users/queries.ts';
import { ManagerTree } from './ManagerTree.tsx';
import { PasswordModal } from './PasswordModal.tsx';
import { useUpdateUser } from './queries.ts';
import { ReassignModal } from './ReassignModal.tsx';
import { HandOverModal } from '../hand-overs/HandOverModal.tsx';
import { UserFormModal } from './UserFormModal.tsx';
import { UserHistoryModal } from './UserHistoryModal.tsx';
import { UserTokensModal } from './UserTokensModal.tsx';
import { UsersTable, type UserAction } from './UsersTable.tsx';
import { TEXT_LIMITS } from '../../../domain/text.ts';

type Show = 'active' | 'deactivated' | 'all';

export function UsersPanel() {
  const me = useCurrentUser();
  const users = useUsers();
  const update = useUpdateUser();
  const [search, setSearch] = useState('');
  const [show, setShow] = useState<Show>('active');
  const [editing, setEditing] = useState<User | null>(null);
  const [adding, setAdding] = useState(false);
  const [passwordFor, setPasswordFor] = useState<User | null>(null);
  const [reassigning, setReassigning] = useState<User | null>(null);
  const [handingOver, setHandingOver] = useState<User | null>(null);
  const [historyOf, setHistoryOf] = useState<User | null>(null);
  const [tokensOf, setTokensOf] = useState<User | null>(null);
  const [deactivating, setDeactivating] = useState<User | null>(null);

  if (users.isError)
    return <ErrorState error={users.error} onRetry={() => void users.refetch()} title="People could not be loaded" />;
  const all = users.data ?? [];
  const needle = search.trim().toLowerCase();
  const shown = all
    .filter((u) => (show === 'all' ? true : show === 'active' ? u.isActive : !u.isActive))
    .filter((u) => !needle || u.name.toLowerCase().includes(needle) || u.email.includes(needle))
    .sort((a, b) => a.name.localeCompare(b.name));

  const act = (action: UserAction, user: User) => {
    if (action === 'edit') setEditing(user);
    if (action === 'password') setPasswordFor(user);
    if (action === 'reassign') setReassigning(user);
    if (action === 'handOver') setHandingOver(user);
    if (action === 'history') setHistoryOf(user);
    if (action === 'tokens') setTokensOf(user);
    if (action === 'deactivate') setDeactivating(user);
    if (action === 'reactivate') {
      update.mutate(
        { id: user.id, version: user.version, isActive: true },
        {
          onSuccess: () =>
            notifications.show({
              color: 'teal',
              title: 'Reactivated',
              message: `${user.name} can sign in again; the API tokens they had stay revoked.`,
            }),
          onError: (error) =>
            notifications.show({ color: 'red', title: 'Could not reactivate', message: error.message }),
        },
      );
    }
  };

  return (
    <Grid gap="lg">
      <Grid.Col span={{ base: 12, lg: 8 }}>
        <Group justify="space-between" mb="md" gap="sm">
          <Group gap="sm">
            <TextInput
              maxLength={TEXT_LIMITS.search}
              aria-label="Find a person"
              placeholder="Find by name or email"
              leftSection={<IconSearch size={16} />}
              value={search}
              onChange={(e) => setSearch(e.currentTarget.value)}
              w={240}
            />
            <SegmentedControl
              aria-label="Show"
              value={show}
              onChange={(v) => setShow(v as Show)}
              data={[
                { value: 'active', label: 'Active' },
                { value: 'deactivated', label: 'Deactivated' },
                { value: 'all', label: 'All' },
              ]}
            />
          </Group>
          <Button leftSection={<IconUserPlus size={16} />} onClick={() => setAdding(true)}>
            Add person
          </Button>
        </Group>
        <Paper p={0} style={{ overflow: 'hidden' }}>
          {users.isPending ? (
            <Table>
              <Table.Tbody>
                <TableSkeletonRows columns={4} />
              </Table.Tbody>
            </Table>
          ) : shown.length === 0 ? (
            <Center py="xl">
              <Text c="dimmed" size="sm">
                {needle
                  ? `Nobody matches “${search.trim()}”.`
                  : show === 'deactivated'
                    ? 'Nobody is deactivated.'
                    : 'Nobody here yet.'}
              </Text>
            </Center>
          ) : (
            <UsersTable users={shown} meId={me.id} onAction={act} />
          )}
        </Paper>
        <Text size="xs" c="dimmed" mt="sm">
          {all.filter((u) => u.isActive).length} active, {all.filter((u) => !u.isActive).length} deactivated.
        </Text>
      </Grid.Col>
      <Grid.Col span={{ base: 12, lg: 4 }}>
        {users.data ? <ManagerTree users={all.filter((u) => u.isActive || show !== 'active')} /> : null}
      </Grid.Col>

      <UserFormModal user={null} users={all} opened={adding} onClose={() => setAdding(false)} />
      <UserFormModal user={editing} users={all} opened={editing !== null} onClose={() => setEditing(null)} />
      <PasswordModal user={passwordFor} onClose={() => setPasswordFor(null)} />
      <ReassignModal user={reassigning} users={all} onClose={() => setReassigning(null)} />
      <HandOverModal user={handingOver} users={all} onClose={() => setHandingOver(null)} />
      <UserHistoryModal user={historyOf} onClose={() => setHistoryOf(null)} />
      <UserTokensModal user={tokensOf} onClose={() => setTokensOf(null)} />
      <ConfirmDialog
        opened={deactivating !== null}
        title={deactivating ? `Deactivate ${deactivating.name}?` : ''}
        message="They are signed out, their API tokens are revoked, and they can no longer sign in. Their records stay where they are; you can hand them to someone else next."
        confirmLabel="Deactivate"
        onConfirm={async () => {
          const user = deactivating!;
          await update.mutateAsync({ id: user.id, version: user.version, isActive: false });
          notifications.show({ color: 'gray', title: 'Deactivated', message: `${user.name} can no longer sign in.` });
          setReassigning({ ...user, isActive: false });
        }}
        onClose={() => setDeactivating(null)}
      />
    </Grid>
  );
}

import { Modal } from '@mantine/core';
import type { User } from '../../../contract/users.ts';
import { USER_FIELDS } from '../history/fields.ts';
import { HistoryList } from '../history/HistoryList.tsx';

export function UserHistoryModal({ user, onClose }: { user: User | null; onClose(): void }) {
  return (
    <Modal opened={user !== null} onClose={onClose} title={user ? `History of ${user.name}` : ''} size="lg">
      {user ? <HistoryList entity="users" id={user.id} noun="person" fields={USER_FIELDS} /> : null}
    </Modal>
  );
}

import { Select } from '@mantine/core';
import { useCurrentUser } from '../../app/auth.tsx';
import { ownerOptions, useUsers } from './queries.ts';

type OwnerSelectProps = {
  id: string;
  value: string | null;
  onChange(ownerId: string | null): void;
  error: string | undefined;
  disabled: boolean;
  /** the owner the record has now, listed even if no longer assignable */
  keepOwnerId?: string | undefined;
};

/** Who owns a record: the people the reader may give it to. */
export function OwnerSelect({ id, value, onChange, error, disabled, keepOwnerId }: OwnerSelectProps) {
  const me = useCurrentUser();
  const users = useUsers();
  const owners = ownerOptions(me, users.data ?? [], keepOwnerId);
  return (
    <Select
      id={id}
      label="Owner"
      required
      searchable={owners.length > 1}
      data={owners}
      value={value}
      onChange={onChange}
      error={error}
      disabled={disabled || users.isPending}
      // a seller owns their own records: nobody else to choose
      readOnly={owners.length === 1 && owners[0]?.value === value}
      allowDeselect={false}
    />
  );
}

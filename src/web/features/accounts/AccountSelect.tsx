import { Loader, Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useAccountOptions } from './queries.ts';

type AccountSelectProps = {
  id: string;
  label: string;
  value: string | null;
  /** the chosen account's name, shown before the list has loaded */
  valueLabel: string | null;
  onChange(id: string | null, name: string | null): void;
  error?: string | undefined;
  required?: boolean;
  description?: string;
  disabled?: boolean;
};

/** Pick one of the accounts you can see; typing searches them on the server. */
export function AccountSelect({
  id,
  label,
  value,
  valueLabel,
  onChange,
  error,
  required,
  description,
  disabled,
}: AccountSelectProps) {
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  // Once an account is chosen the box shows its name: that is not a search.
  const q = debounced === valueLabel ? '' : debounced.trim();
  const options = useAccountOptions(q);

  const data = (options.data?.items ?? []).map((a) => ({ value: a.id, label: a.name }));
  if (value && valueLabel && !data.some((o) => o.value === value)) data.unshift({ value, label: valueLabel });

  return (
    <Select
      id={id}
      label={label}
      description={description}
      required={required}
      placeholder="Search accounts"
      searchable
      data={data}
      value={value}
      onChange={(next, option) => onChange(next, option?.label ?? null)}
      searchValue={search}
      onSearchChange={setSearch}
      // the server has already filtered by the search
      filter={({ options: all }) => all}
      nothingFoundMessage={options.isFetching ? 'Searching…' : 'No account you can see matches'}
      rightSection={options.isFetching ? <Loader size={14} /> : undefined}
      error={error}
      allowDeselect={false}
      disabled={disabled}
      maxDropdownHeight={280}
    />
  );
}

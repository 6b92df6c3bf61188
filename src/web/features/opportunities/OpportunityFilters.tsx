import { Button, Group, Select } from '@mantine/core';
import { IconFilterOff } from '@tabler/icons-react';
import { useCurrentUser } from '../../app/auth.tsx';
import { FORECAST_OPTIONS, STATUS_OPTIONS } from '../../shared/labels.ts';
import { SearchInput } from '../../shared/SearchInput.tsx';
import type { ParamPatch } from '../../shared/useListParams.ts';
import { useStages } from '../stages/queries.ts';
import { useUsers, visiblePeople } from '../users/queries.ts';
import { ANY_STATUS, DEFAULT_STATUS, hasFilters } from './list-params.ts';
import type { OpportunityListParams } from './queries.ts';

type OpportunityFiltersProps = {
  list: OpportunityListParams;
  onChange(patch: ParamPatch, options?: { replace?: boolean }): void;
  onReset(): void;
};

export function OpportunityFilters({ list, onChange, onReset }: OpportunityFiltersProps) {
  const me = useCurrentUser();
  const users = useUsers();
  const stages = useStages();
  const people = visiblePeople(me, users.data ?? []);
  const ownerData = [
    { value: 'me', label: 'My opportunities' },
    ...people
      .filter((u) => u.id !== me.id)
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((u) => ({ value: u.id, label: u.isActive ? u.name : `${u.name} (deactivated)` })),
  ];
  const select = {
    clearable: true,
    w: { base: '100%', xs: 180 },
    comboboxProps: { width: 'target' as const, shadow: 'md' },
  };

  return (
    <Group gap="sm" mb="md" align="flex-end" wrap="wrap">
      <SearchInput
        label="Search opportunities"
        placeholder="Search by opportunity or account"
        value={list.q ?? ''}
        onSearch={(q) => onChange({ q }, { replace: true })}
      />
      <Select
        {...select}
        clearable={false}
        allowDeselect={false}
        aria-label="Status"
        data={[...STATUS_OPTIONS, { value: ANY_STATUS, label: 'Any status' }]}
        value={list.status ?? ANY_STATUS}
        // open is the usual view and needs no mark in the address
        onChange={(status) => onChange({ status: status === DEFAULT_STATUS ? null : status })}
      />
      <Select
        {...select}
        aria-label="Stage"
        placeholder="Any stage"
        data={(stages.data ?? []).map((s) => ({
          value: s.id,
          label: s.isActive ? s.name : `${s.name} (switched off)`,
        }))}
        value={list.stageId ?? null}
        onChange={(stageId) => onChange({ stageId })}
      />
      {people.length > 1 ? (
        <Select
          {...select}
          aria-label="Owner"
          placeholder="Any owner"
          searchable
          data={ownerData}
          value={list.owner ?? null}
          onChange={(owner) => onChange({ owner })}
        />
      ) : null}
      <Select
        {...select}
        aria-label="Forecast category"
        placeholder="Any forecast"
        data={FORECAST_OPTIONS}
        value={list.forecastCategory ?? null}
        onChange={(forecastCategory) => onChange({ forecastCategory })}
      />
      {hasFilters(list) ? (
        <Button variant="subtle" color="gray" leftSection={<IconFilterOff size={16} />} onClick={onReset}>
          Clear filters
        </Button>
      ) : null}
    </Group>
  );
}

import { Group, Select } from '@mantine/core';
import type { ReactNode } from 'react';
import type { RootCauseId } from '../../../domain/coaching/root-causes.ts';
import type { LearningType } from '../../../domain/coaching/root-cause-guide.ts';
import { ROOT_CAUSE_OPTIONS, TYPE_OPTIONS } from './labels.ts';
import type { CatalogFilter } from './queries.ts';

/** Type and root-cause pickers for the catalog, each clearable back to "all". */
export function CatalogFilters({
  filter,
  onChange,
  children,
}: {
  filter: CatalogFilter;
  onChange(next: CatalogFilter): void;
  children?: ReactNode;
}) {
  return (
    <Group gap="sm" mb="md" align="flex-end" wrap="wrap">
      <Select
        label="Type"
        placeholder="All types"
        data={TYPE_OPTIONS}
        value={filter.type ?? null}
        onChange={(value) => onChange({ ...filter, type: (value as LearningType | null) ?? undefined })}
        clearable
        w={240}
      />
      <Select
        label="Root cause"
        placeholder="All root causes"
        data={ROOT_CAUSE_OPTIONS}
        value={filter.rootCause ?? null}
        onChange={(value) => onChange({ ...filter, rootCause: (value as RootCauseId | null) ?? undefined })}
        clearable
        searchable
        w={360}
      />
      {children}
    </Group>
  );
}

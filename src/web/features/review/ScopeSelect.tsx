import { Select } from '@mantine/core';
import type { ParamPatch } from '../../shared/useListParams.ts';
import type { useScopeChoices } from './useScopeChoices.ts';

/** "Whose deals": the scope a pipeline page covers, chosen among those useScopeChoices offers. */
export function ScopeSelect({
  scope,
  update,
  testId,
}: {
  scope: ReturnType<typeof useScopeChoices>;
  update: (patch: ParamPatch) => void;
  testId: string;
}) {
  return (
    <Select
      label="Whose deals"
      data={scope.choices}
      value={scope.value}
      onChange={(choice) => update(scope.patchFor(choice))}
      allowDeselect={false}
      w={{ base: '100%', xs: 240 }}
      data-testid={testId}
    />
  );
}

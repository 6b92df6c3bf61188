import { ActionIcon, Badge, Group, Paper, Switch, Table, Text, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowDown, IconArrowUp, IconPencil, IconTrash } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import type { Stage } from '../../../contract/stages.ts';
import { messageOf } from '../../app/api.ts';
import { ConfirmDialog } from '../../shared/ConfirmDialog.tsx';
import { ErrorState, TableSkeletonRows } from '../../shared/states.tsx';
import { useStages } from '../stages/queries.ts';
import { useDeleteStage, useReorderStages, useUpdateStage } from './queries.ts';
import { AddStageForm } from './AddStageForm.tsx';
import { StageEditModal } from './StageEditModal.tsx';

export function StagesPanel() {
  const stages = useStages();
  const reorder = useReorderStages();
  const update = useUpdateStage();
  const remove = useDeleteStage();
  const [editing, setEditing] = useState<Stage | null>(null);
  const [deleting, setDeleting] = useState<Stage | null>(null);
  // after a move, keep the keyboard focus on the button that moved the stage
  const refocus = useRef<string | null>(null);
  useEffect(() => {
    if (!refocus.current) return;
    const target = document.getElementById(refocus.current) as HTMLButtonElement | null;
    if (target && !target.disabled) target.focus();
    else
      document.getElementById(refocus.current.replace(/-(up|down)$/, (m) => (m === '-up' ? '-down' : '-up')))?.focus();
    refocus.current = null;
  });

  if (stages.isError)
    return <ErrorState error={stages.error} onRetry={() => void stages.refetch()} title="Stages could not be loaded" />;
  const list = stages.data ?? [];

  const move = (index: number, by: -1 | 1) => {
    // one move at a time: the next one starts from the order the server confirmed
    if (reorder.isPending) return;
    const ids = list.map((s) => s.id);
    const [moved] = ids.splice(index, 1);
    ids.splice(index + by, 0, moved!);
    refocus.current = `stage-${moved}-${by < 0 ? 'up' : 'down'}`;
    reorder.mutate(ids, {
      onError: (error) => notifications.show({ color: 'red', title: 'Could not reorder', message: messageOf(error) }),
    });
  };

  const toggle = (stage: Stage, isActive: boolean) =>
    update.mutate(
      { id: stage.id, version: stage.version, isActive },
      {
        onError: (error) =>
          notifications.show({
            color: 'red',
            title: `Could not switch ${stage.name} ${isActive ? 'on' : 'off'}`,
            message: messageOf(error),
          }),
      },
    );

  return (
    <>
      <Paper p={0} style={{ overflow: 'hidden' }} maw={900}>
        <Table.ScrollContainer minWidth={620}>
          <Table verticalSpacing="sm" horizontalSpacing="md" data-testid="stages-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={48}>#</Table.Th>
                <Table.Th>Stage</Table.Th>
                <Table.Th w={150}>Probability</Table.Th>
                <Table.Th w={120}>In use</Table.Th>
                <Table.Th w={200} style={{ textAlign: 'right' }}>
                  Order and actions
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {stages.isPending ? (
                <TableSkeletonRows columns={5} rows={6} />
              ) : (
                list.map((stage, index) => (
                  <Table.Tr key={stage.id} opacity={stage.isActive ? 1 : 0.65}>
                    <Table.Td className="tabular" c="dimmed">
                      {index + 1}
                    </Table.Td>
                    <Table.Td>
                      <Group gap="xs">
                        <Text size="sm" fw={600}>
                          {stage.name}
                        </Text>
                        {stage.isActive ? null : (
                          <Badge size="xs" color="gray" variant="outline">
                            Switched off
                          </Badge>
                        )}
                      </Group>
                    </Table.Td>
                    <Table.Td className="tabular">
                      <Text size="sm">{stage.probability}%</Text>
                    </Table.Td>
                    <Table.Td>
                      <Switch
                        checked={stage.isActive}
                        onChange={(e) => toggle(stage, e.currentTarget.checked)}
                        aria-label={`${stage.name} is available for deals`}
                        size="sm"
                      />
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4} justify="flex-end" wrap="nowrap">
                        <Tooltip label="Move up">
                          <ActionIcon
                            id={`stage-${stage.id}-up`}
                            variant="subtle"
                            color="gray"
                            aria-label={`Move ${stage.name} up`}
                            disabled={index === 0}
                            onClick={() => move(index, -1)}
                          >
                            <IconArrowUp size={17} />
                          </ActionIcon>
                        </Tooltip>
                        <Tooltip label="Move down">
                          <ActionIcon
                            id={`stage-${stage.id}-down`}
                            variant="subtle"
                            color="gray"
                            aria-label={`Move ${stage.name} down`}
                            disabled={index === list.length - 1}
                            onClick={() => move(index, 1)}
                          >
                            <IconArrowDown size={17} />
                          </ActionIcon>
                        </Tooltip>
                        <Tooltip label="Rename or change probability">
                          <ActionIcon
                            variant="subtle"
                            color="gray"
                            aria-label={`Edit ${stage.name}`}
                            onClick={() => setEditing(stage)}
                          >
                            <IconPencil size={17} />
                          </ActionIcon>
                        </Tooltip>
                        <Tooltip label="Delete (only if no deal ever used it)">
                          <ActionIcon
                            variant="subtle"
                            color="red"
                            aria-label={`Delete ${stage.name}`}
                            onClick={() => setDeleting(stage)}
                          >
                            <IconTrash size={17} />
                          </ActionIcon>
                        </Tooltip>
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))
              )}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Paper>
      <Text size="xs" c="dimmed" mt="sm" maw={900}>
        The probability is the stage's traditional win rate, kept to compare with evidence-based forecasts. Switching a
        stage off keeps it on existing deals but hides it when choosing a stage.
      </Text>
      <AddStageForm />
      <StageEditModal stage={editing} onClose={() => setEditing(null)} />
      <ConfirmDialog
        opened={deleting !== null}
        title={deleting ? `Delete the stage “${deleting.name}”?` : ''}
        message="Only a stage no opportunity has ever been in can be deleted. A stage in use can be switched off instead."
        confirmLabel="Delete stage"
        onConfirm={() => remove.mutateAsync(deleting!.id)}
        onClose={() => setDeleting(null)}
      />
    </>
  );
}

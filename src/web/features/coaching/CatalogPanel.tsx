import { ActionIcon, Badge, Button, Group, Paper, SegmentedControl, Table, Text, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArchive, IconArchiveOff, IconPencil, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import type { CatalogItem, CatalogListQuery } from '../../../contract/coaching.ts';
import { LEARNING_TYPE_LABELS } from '../../../domain/coaching/root-cause-guide.ts';
import { messageOf } from '../../app/api.ts';
import { ErrorState, TableSkeletonRows } from '../../shared/states.tsx';
import { CatalogFilters } from './CatalogFilters.tsx';
import { CatalogItemModal } from './CatalogItemModal.tsx';
import { formatMinutes, rootCauseName } from './labels.ts';
import { useCatalog, useUpdateCatalogItem, type CatalogFilter } from './queries.ts';

/** The administrator's view of the learning catalog: filter, add, edit, archive and bring back. */
export function CatalogPanel() {
  const [filter, setFilter] = useState<CatalogFilter>({ archived: 'exclude' });
  const catalog = useCatalog(filter);
  const update = useUpdateCatalogItem();
  const [editing, setEditing] = useState<CatalogItem | null>(null);
  const [adding, setAdding] = useState(false);

  const archive = (item: CatalogItem, isArchived: boolean) =>
    update.mutate(
      { id: item.id, version: item.version, isArchived },
      {
        onSuccess: () =>
          notifications.show({ message: `${item.title} ${isArchived ? 'archived' : 'is on offer again'}` }),
        onError: (error) =>
          notifications.show({
            color: 'red',
            title: `Could not ${isArchived ? 'archive' : 'bring back'} ${item.title}`,
            message: messageOf(error),
          }),
      },
    );

  return (
    <>
      <CatalogFilters filter={filter} onChange={setFilter}>
        <SegmentedControl
          aria-label="Which items"
          value={filter.archived ?? 'exclude'}
          onChange={(value) => setFilter({ ...filter, archived: value as CatalogListQuery['archived'] })}
          data={[
            { value: 'exclude', label: 'On offer' },
            { value: 'only', label: 'Archived' },
            { value: 'include', label: 'All' },
          ]}
        />
        <Button leftSection={<IconPlus size={16} />} onClick={() => setAdding(true)} ml="auto">
          Add learning item
        </Button>
      </CatalogFilters>
      {catalog.isError ? (
        <ErrorState
          error={catalog.error}
          onRetry={() => void catalog.refetch()}
          title="The catalog could not be loaded"
        />
      ) : (
        <Paper p={0} style={{ overflow: 'hidden' }}>
          <Table.ScrollContainer minWidth={760}>
            <Table
              verticalSpacing="sm"
              horizontalSpacing="md"
              data-testid="catalog-table"
              aria-busy={catalog.isFetching}
            >
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Title</Table.Th>
                  <Table.Th w={200}>Type</Table.Th>
                  <Table.Th w={100}>Time</Table.Th>
                  <Table.Th w={200}>Root causes</Table.Th>
                  <Table.Th w={110} style={{ textAlign: 'right' }}>
                    Actions
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {catalog.isPending ? (
                  <TableSkeletonRows columns={5} rows={6} />
                ) : catalog.data.length === 0 ? (
                  <Table.Tr>
                    <Table.Td colSpan={5}>
                      <Text size="sm" c="dimmed" ta="center" py="md" data-testid="catalog-empty">
                        No learning items match. Clear a filter, or add one.
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ) : (
                  catalog.data.map((item) => (
                    <Table.Tr key={item.id} opacity={item.isArchived ? 0.65 : 1}>
                      <Table.Td>
                        <Group gap="xs">
                          <Text size="sm" fw={600}>
                            {item.title}
                          </Text>
                          {item.quiz ? (
                            <Badge size="xs" variant="light">
                              Quiz · {item.quiz.questions.length}
                            </Badge>
                          ) : null}
                          {item.isArchived ? (
                            <Badge size="xs" color="gray" variant="outline">
                              Archived
                            </Badge>
                          ) : null}
                        </Group>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{LEARNING_TYPE_LABELS[item.type]}</Text>
                      </Table.Td>
                      <Table.Td className="tabular">
                        <Text size="sm">{formatMinutes(item.minutes)}</Text>
                      </Table.Td>
                      <Table.Td>
                        <Group gap={4}>
                          {item.rootCauses.map((id) => (
                            <Tooltip key={id} label={rootCauseName(id)}>
                              <Badge size="sm" variant="dot" color="gray">
                                {id}
                              </Badge>
                            </Tooltip>
                          ))}
                        </Group>
                      </Table.Td>
                      <Table.Td>
                        <Group gap={4} justify="flex-end" wrap="nowrap">
                          <Tooltip label="Edit">
                            <ActionIcon
                              variant="subtle"
                              color="gray"
                              aria-label={`Edit ${item.title}`}
                              onClick={() => setEditing(item)}
                            >
                              <IconPencil size={17} />
                            </ActionIcon>
                          </Tooltip>
                          <Tooltip label={item.isArchived ? 'Offer it again' : 'Archive'}>
                            <ActionIcon
                              variant="subtle"
                              color="gray"
                              aria-label={`${item.isArchived ? 'Bring back' : 'Archive'} ${item.title}`}
                              onClick={() => archive(item, !item.isArchived)}
                            >
                              {item.isArchived ? <IconArchiveOff size={17} /> : <IconArchive size={17} />}
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
      )}
      <Text size="xs" c="dimmed" mt="sm">
        Everyone in your organization reads the catalog on the Learning page; quiz answers are shown to administrators
        only. Archived items leave the page but stay for the assignments that name them.
      </Text>
      <CatalogItemModal
        opened={adding || editing !== null}
        item={editing}
        onClose={() => {
          setAdding(false);
          setEditing(null);
        }}
      />
    </>
  );
}

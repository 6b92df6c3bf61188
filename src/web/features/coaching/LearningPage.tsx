import { Accordion, Paper, Skeleton, Stack, Text } from '@mantine/core';
import { IconBooks } from '@tabler/icons-react';
import { useState } from 'react';
import { PageHeader } from '../../shared/PageHeader.tsx';
import { StateMessage } from '../../shared/StateMessage.tsx';
import { ErrorState } from '../../shared/states.tsx';
import { CatalogFilters } from './CatalogFilters.tsx';
import { CatalogItemBadges, CatalogItemBody } from './CatalogItemView.tsx';
import { useCatalog, type CatalogFilter } from './queries.ts';

/** The learning catalog as everyone reads it: what is on offer, for which root cause, and how long it takes. */
export function LearningPage() {
  const [filter, setFilter] = useState<CatalogFilter>({});
  const catalog = useCatalog(filter);
  const isFiltered = filter.type !== undefined || filter.rootCause !== undefined;

  return (
    <>
      <PageHeader
        title="Learning"
        description="Modules, job aids, practice and on-the-job assignments your organization offers, each aimed at a root cause your manager may see in your deals."
      />
      <CatalogFilters filter={filter} onChange={setFilter} />
      {catalog.isError ? (
        <ErrorState
          error={catalog.error}
          onRetry={() => void catalog.refetch()}
          title="The catalog could not be loaded"
        />
      ) : catalog.isPending ? (
        <Stack gap="sm" aria-label="Loading the catalog">
          {Array.from({ length: 4 }, (_, i) => (
            <Skeleton key={i} height={72} radius="md" />
          ))}
        </Stack>
      ) : catalog.data.length === 0 ? (
        <Paper p="xl">
          <StateMessage
            icon={<IconBooks size={26} />}
            title={isFiltered ? 'Nothing matches these filters' : 'The catalog is empty'}
            description={
              isFiltered
                ? 'Clear a filter to see more of the catalog.'
                : 'Your administrators have not added any learning yet.'
            }
            testId="catalog-empty"
          />
        </Paper>
      ) : (
        <Accordion variant="separated" multiple chevronPosition="left" aria-busy={catalog.isFetching}>
          {catalog.data.map((item) => (
            <Accordion.Item key={item.id} value={item.id} data-testid="learning-item">
              <Accordion.Control>
                <Stack gap={6}>
                  <Text fw={600}>{item.title}</Text>
                  <Text size="sm" c="dimmed">
                    {item.summary}
                  </Text>
                  <CatalogItemBadges item={item} />
                </Stack>
              </Accordion.Control>
              <Accordion.Panel>
                <CatalogItemBody item={item} />
              </Accordion.Panel>
            </Accordion.Item>
          ))}
        </Accordion>
      )}
    </>
  );
}

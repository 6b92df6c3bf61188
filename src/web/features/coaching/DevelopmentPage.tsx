import { Paper, Skeleton, Stack } from '@mantine/core';
import { IconSchool } from '@tabler/icons-react';
import { PageHeader } from '../../shared/PageHeader.tsx';
import { StateMessage } from '../../shared/StateMessage.tsx';
import { ErrorState } from '../../shared/states.tsx';
import { useAssignments } from './assignment-queries.ts';
import { AssignmentTable } from './AssignmentList.tsx';

/** Everyone's own learning: what their manager assigned, due when, and where each stands. */
export function DevelopmentPage() {
  const assignments = useAssignments();
  const open = assignments.data?.filter((a) => a.status === 'assigned' || a.status === 'in_progress') ?? [];
  const rest = assignments.data?.filter((a) => !open.includes(a)) ?? [];
  return (
    <>
      <PageHeader
        title="My development"
        description="The learning your manager assigned you: read it, take the quiz, say what you will change, and practise it on a live deal, where the app sees for itself when it is done."
      />
      {assignments.isError ? (
        <ErrorState
          error={assignments.error}
          onRetry={() => void assignments.refetch()}
          title="Your assignments could not be loaded"
        />
      ) : assignments.isPending ? (
        <Stack gap="sm" aria-label="Loading your assignments">
          <Skeleton height={60} radius="md" />
          <Skeleton height={60} radius="md" />
        </Stack>
      ) : assignments.data.length === 0 ? (
        <Paper p="xl">
          <StateMessage
            icon={<IconSchool size={26} />}
            title="Nothing assigned to you"
            description="When your manager assigns you learning from the catalog, it appears here with its due date."
            testId="development-empty"
          />
        </Paper>
      ) : (
        <Stack gap="md">
          <Paper p={{ base: 'md', sm: 'lg' }} data-testid="development-open">
            <PageSection title={`To do (${open.length})`} />
            {open.length > 0 ? <AssignmentTable items={open} /> : <EmptyLine text="Nothing open: well done." />}
          </Paper>
          {rest.length > 0 ? (
            <Paper p={{ base: 'md', sm: 'lg' }} data-testid="development-done">
              <PageSection title={`Done and in review (${rest.length})`} />
              <AssignmentTable items={rest} />
            </Paper>
          ) : null}
        </Stack>
      )}
    </>
  );
}

function PageSection({ title }: { title: string }) {
  return <h2 style={{ margin: '0 0 var(--mantine-spacing-sm)', fontSize: 'var(--mantine-h4-font-size)' }}>{title}</h2>;
}

function EmptyLine({ text }: { text: string }) {
  return (
    <p style={{ margin: 0, color: 'var(--mantine-color-dimmed)', fontSize: 'var(--mantine-font-size-sm)' }}>{text}</p>
  );
}

import { ScopeSelect } from '../review/ScopeSelect.tsx';
import {
  Badge,
  Button,
  Group,
  Paper,
  SegmentedControl,
  Select,
  SimpleGrid,
  Skeleton,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { IconTrophy } from '@tabler/icons-react';
import { useEffect, useState, type ReactNode } from 'react';
import { useCurrentUser } from '../../app/auth.tsx';
import { WIN_LOSS_PAGE, type WinLoss, type WinLossFigures } from '../../../contract/win-loss.ts';
import { LESSON_KINDS } from '../../../domain/review/win-loss.ts';
import { parsePeriod } from '../../../domain/periods.ts';
import { formatWholeMoney, todayLocal } from '../../shared/format.ts';
import { PageHeader } from '../../shared/PageHeader.tsx';
import { useListParams } from '../../shared/useListParams.ts';
import { formatPercent } from '../assessment/labels.ts';
import { useScopeChoices } from '../review/useScopeChoices.ts';
import { LESSON_COLORS, LESSON_LABELS, LESSON_NOTES } from './lesson-words.ts';
import { ExportButton } from '../../shared/ExportButton.tsx';
import { useWinLoss, winLossCsvUrl } from './queries.ts';
import { UnknownsChart } from './UnknownsChart.tsx';
import { WinLossDealCard } from './WinLossDealCard.tsx';
import { PipelineLoadError } from '../../shared/PipelineLoadError.tsx';
import {
  DEAL_FILTER_LABELS,
  DEAL_FILTERS,
  lastQuarterOf,
  winLossParamsFrom,
  winLossPeriodChoices,
  type DealFilter,
} from './win-loss-params.ts';

/**
 * The win/loss review: the deals closed in a period, what was known at each close against how it
 * ended, the lessons, what the losses had in common, per seller and team, and each retrospective.
 */
export function WinLossPage() {
  const me = useCurrentUser();
  const today = todayLocal();
  const { params, update } = useListParams();
  const { show, ...query } = winLossParamsFrom(params, today);
  // the deals come 50 at a time, up to the 500 a page holds; the export has them all
  const [limit, setLimit] = useState(WIN_LOSS_PAGE);
  useEffect(() => setLimit(WIN_LOSS_PAGE), [show, query.period, query.team, query.owner]);
  const listed = { ...query, show: show === 'all' ? undefined : show };
  const result = useWinLoss({ ...listed, limit: limit === WIN_LOSS_PAGE ? undefined : limit });
  const scope = useScopeChoices(query);
  const periods = winLossPeriodChoices(today);
  if (!periods.some((p) => p.value === query.period))
    periods.push({ value: query.period, label: parsePeriod(query.period)!.label });
  const data = result.data;

  return (
    <>
      <PageHeader
        title="Win/loss review"
        description="What we knew at each close against how it ended: the lessons of the deals closed in a period, and what the losses had in common."
        actions={<ExportButton href={winLossCsvUrl(listed)} noun="closed deal of this review" />}
      />
      <Group gap="sm" mb="md" align="flex-end" wrap="wrap">
        {scope.worthShowing ? <ScopeSelect scope={scope} update={update} testId="win-loss-scope" /> : null}
        <Select
          label="Closed in"
          data={periods}
          value={query.period}
          onChange={(period) => update({ period: period === lastQuarterOf(today) ? null : period })}
          allowDeselect={false}
          w={{ base: '100%', xs: 260 }}
          data-testid="win-loss-period"
        />
      </Group>
      {result.isError && !data ? (
        <PipelineLoadError
          error={result.error}
          onRetry={() => void result.refetch()}
          title="The win/loss review could not be loaded"
        />
      ) : !data ? (
        <WinLossSkeleton />
      ) : (
        <Stack
          gap="md"
          style={{ opacity: result.isPlaceholderData ? 0.6 : 1, transition: 'opacity 150ms' }}
          aria-busy={result.isPlaceholderData}
        >
          <Summary data={data} />
          {data.summary.deals === 0 ? (
            <Paper p="xl" ta="center" data-testid="win-loss-empty">
              <IconTrophy size={28} color="var(--mantine-color-dimmed)" />
              <Text fw={600} mt="xs">
                No deals closed here in {data.period.label}
              </Text>
              <Text size="sm" c="dimmed">
                Nobody in this scope won, lost or ended a deal without a decision in this period. Choose another period
                or scope.
              </Text>
            </Paper>
          ) : (
            <>
              <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
                <LossUnknowns figures={data.summary} />
                <LessonCounts figures={data.summary} />
              </SimpleGrid>
              <People data={data} />
              <Deals
                data={data}
                show={show}
                myId={me.id}
                onShow={(next) => update({ show: next === 'all' ? null : next }, { replace: true })}
                onMore={() => setLimit((n) => Math.min(n + WIN_LOSS_PAGE, WIN_LOSS_MAX))}
                loadingMore={result.isFetching && limit > data.deals.length}
              />
            </>
          )}
        </Stack>
      )}
    </>
  );
}

function Summary({ data }: { data: WinLoss }) {
  const s = data.summary;
  return (
    <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="md" data-testid="win-loss-summary">
      <Figure
        label={data.scope.name}
        value={`${s.deals} closed`}
        note={`${s.won} won · ${s.lost} lost · ${s.noDecision} no decision, ${data.period.label}`}
      />
      <Figure
        label="Win rate"
        value={s.winRate === null ? '—' : formatPercent(s.winRate)}
        note="Won of all closed, deals without a decision included"
      />
      <Figure
        label="Value won"
        value={formatWholeMoney(s.value.won.amountMinor, s.value.won.currency)}
        note={`In ${data.reportingCurrency}, at each close date’s rate`}
      />
      <Figure
        label="Value lost"
        value={formatWholeMoney(s.value.lost.amountMinor, s.value.lost.currency)}
        note={`And ${formatWholeMoney(s.value.noDecision.amountMinor, s.value.noDecision.currency)} without a decision`}
      />
    </SimpleGrid>
  );
}

function Figure({ label, value, note }: { label: string; value: string; note: string }) {
  return (
    <Paper p="md">
      <Text size="xs" c="dimmed" fw={700} tt="uppercase" style={{ letterSpacing: 0.5 }}>
        {label}
      </Text>
      <Text fz="xl" fw={700} className="tabular">
        {value}
      </Text>
      <Text size="xs" c="dimmed">
        {note}
      </Text>
    </Paper>
  );
}

function Section({
  title,
  note,
  children,
  testId,
}: {
  title: string;
  note?: string;
  children: ReactNode;
  testId: string;
}) {
  return (
    <Paper p={{ base: 'md', sm: 'lg' }} data-testid={testId} component="section" aria-label={title}>
      <Title order={2} fz="md" mb={note ? 2 : 'sm'}>
        {title}
      </Title>
      {note ? (
        <Text size="xs" c="dimmed" mb="sm">
          {note}
        </Text>
      ) : null}
      {children}
    </Paper>
  );
}

function LossUnknowns({ figures }: { figures: WinLossFigures }) {
  const top = figures.unknowns[0];
  return (
    <Section
      title="What the losses had in common"
      note="What was unknown at the close of the lost deals, against the won deals: the unknowns that set losses apart first."
      testId="loss-unknowns"
    >
      {figures.lost === 0 ? (
        <Text size="sm" c="dimmed">
          No deal was lost in this period.
        </Text>
      ) : figures.unknowns.length === 0 ? (
        <Text size="sm" c="dimmed">
          Nothing was unknown at the close of the lost deals.
        </Text>
      ) : (
        <>
          <UnknownsChart figures={figures} />
          {top ? (
            <Text size="sm" mt="xs" data-testid="top-unknown">
              Most telling: <strong>{top.label}</strong>, unknown at the close of {top.lost} of {figures.lost} lost
              deals{figures.won > 0 ? ` and ${top.won} of ${figures.won} won ones` : ''}.
            </Text>
          ) : null}
        </>
      )}
    </Section>
  );
}

function LessonCounts({ figures }: { figures: WinLossFigures }) {
  return (
    <Section title="Lessons" note="How many deals teach each lesson." testId="lesson-counts">
      <Stack gap="sm">
        {LESSON_KINDS.map((kind) => (
          <Group key={kind} gap="sm" wrap="nowrap" align="flex-start" data-lesson={kind}>
            <Text fz="xl" fw={700} ta="right" className="tabular" lh={1.2} style={{ flex: '0 0 36px' }}>
              {figures.lessons[kind]}
            </Text>
            <Stack gap={0}>
              <Badge color={LESSON_COLORS[kind]} variant="light" style={{ alignSelf: 'flex-start' }}>
                {LESSON_LABELS[kind]}
              </Badge>
              <Text size="xs" c="dimmed">
                {kind === 'surprise'
                  ? `${figures.surprises.wonAgainstOdds} won against the odds, ${figures.surprises.lostAgainstOdds} not won against them`
                  : LESSON_NOTES[kind]}
              </Text>
            </Stack>
          </Group>
        ))}
      </Stack>
    </Section>
  );
}

function People({ data }: { data: WinLoss }) {
  const rows = (list: WinLoss['sellers'], testId: string) =>
    list.map((p) => (
      <Table.Tr key={p.id} data-testid={testId}>
        <Table.Td fw={600}>{p.name}</Table.Td>
        <Table.Td className="tabular">{p.deals}</Table.Td>
        <Table.Td className="tabular">{p.won}</Table.Td>
        <Table.Td className="tabular">{p.lost}</Table.Td>
        <Table.Td className="tabular">{p.noDecision}</Table.Td>
        <Table.Td className="tabular">{p.winRate === null ? '—' : formatPercent(p.winRate)}</Table.Td>
        <Table.Td className="tabular">{p.surprises.wonAgainstOdds + p.surprises.lostAgainstOdds}</Table.Td>
        <Table.Td>{p.unknowns[0]?.label ?? '—'}</Table.Td>
      </Table.Tr>
    ));
  const table = (label: string, list: WinLoss['sellers'], testId: string) => (
    <Table.ScrollContainer minWidth={720}>
      <Table verticalSpacing="xs" aria-label={label}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{label}</Table.Th>
            <Table.Th>Closed</Table.Th>
            <Table.Th>Won</Table.Th>
            <Table.Th>Lost</Table.Th>
            <Table.Th>No decision</Table.Th>
            <Table.Th>Win rate</Table.Th>
            <Table.Th>Surprises</Table.Th>
            <Table.Th>Unknown before losses most</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>{rows(list, testId)}</Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
  return (
    <Section title="By seller and team" testId="by-seller">
      {data.teams.length > 1 ? table('Team', data.teams, 'team-row') : null}
      {table('Seller', data.sellers, 'seller-row')}
    </Section>
  );
}

/** The most deals one answer lists. */
const WIN_LOSS_MAX = 500;

function Deals({
  data,
  show,
  myId,
  onShow,
  onMore,
  loadingMore,
}: {
  data: WinLoss;
  show: DealFilter;
  myId: string;
  onShow: (show: DealFilter) => void;
  onMore: () => void;
  loadingMore: boolean;
}) {
  // while another list loads, the last one stays on screen, faded with the rest of the page
  const shown = data.deals;
  const total = data.dealsShown.total;
  return (
    <Stack gap="sm" component="section" aria-label="The deals">
      <Group justify="space-between" align="flex-end" wrap="wrap" gap="sm">
        <Title order={2} fz="md">
          The deals, latest close first
        </Title>
        <SegmentedControl
          size="xs"
          value={show}
          onChange={(value) => onShow(value as DealFilter)}
          data={DEAL_FILTERS.map((f) => ({ value: f, label: `${DEAL_FILTER_LABELS[f]} (${data.dealCounts[f]})` }))}
          aria-label="Which deals"
          data-testid="deal-filter"
        />
      </Group>
      {shown.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid="deals-none">
          {NONE_SHOWN[show]}
        </Text>
      ) : (
        shown.map((deal) => (
          <WinLossDealCard key={deal.opportunity.id} deal={deal} mine={deal.opportunity.ownerId === myId} />
        ))
      )}
      {shown.length > 0 && shown.length < total ? (
        <Group justify="space-between" wrap="wrap" data-testid="deals-more">
          <Text size="sm" c="dimmed">
            {shown.length} of {total} deals listed
            {shown.length >= WIN_LOSS_MAX ? ': the export holds them all' : ''}
          </Text>
          {shown.length < WIN_LOSS_MAX ? (
            <Button variant="default" size="xs" onClick={onMore} loading={loadingMore}>
              Show {Math.min(WIN_LOSS_PAGE, total - shown.length)} more
            </Button>
          ) : null}
        </Group>
      ) : null}
    </Stack>
  );
}

const NONE_SHOWN: Record<DealFilter, string> = {
  all: 'No deals closed here.',
  lost: 'No deal was lost here.',
  won: 'No deal was won here.',
  no_decision: 'Every deal here ended with a decision.',
  lessons: 'No deal here teaches a lesson.',
};

function WinLossSkeleton() {
  return (
    <Stack gap="md" aria-label="Loading the win/loss review" aria-busy>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="md">
        {[0, 1, 2, 3].map((k) => (
          <Skeleton key={k} height={84} radius="md" />
        ))}
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
        <Skeleton height={320} radius="md" />
        <Skeleton height={320} radius="md" />
      </SimpleGrid>
      {[0, 1].map((k) => (
        <Skeleton key={k} height={200} radius="md" />
      ))}
    </Stack>
  );
}

import { Anchor, Badge, Group, Paper, Skeleton, Stack, Table, Text, Tooltip } from '@mantine/core';
import { IconUserCheck } from '@tabler/icons-react';
import { Link, Navigate } from 'react-router';
import { useCurrentUser } from '../../app/auth.tsx';
import type { TeamCoaching } from '../../../contract/scorecard.ts';
import { INDICATOR_DEFS, type IndicatorKey } from '../../../domain/coaching/indicators.ts';
import { formatDate } from '../../shared/format.ts';
import { PageHeader } from '../../shared/PageHeader.tsx';
import { PipelineLoadError } from '../../shared/PipelineLoadError.tsx';
import { formatIndicator, isWorse, LEVEL_COLORS, LEVEL_LABELS } from './indicator-format.ts';
import { useTeamCoaching } from './scorecard-queries.ts';
import { EffectivenessPanel } from './EffectivenessPanel.tsx';

/** The columns of the team view: the behaviours first, then the results. */
const COLUMNS: readonly IndicatorKey[] = [
  'knowledgeCoverage',
  'economicBuyerAccess',
  'multiThreading',
  'championTested',
  'freshKnowledge',
  'forecastBias',
  'pipelineCreated',
  'winRate',
];

/**
 * Coaching: a manager sees every seller of their team at a glance, who shows which gap and on which
 * level of the pyramid, before the quarter's results say so; a seller goes to their own scorecard.
 */
export function CoachingPage() {
  const me = useCurrentUser();
  const isSeller = me.role === 'seller';
  const team = useTeamCoaching(undefined, !isSeller);
  if (isSeller) return <Navigate to={`/coaching/sellers/${me.id}`} replace />;
  const data = team.data;
  return (
    <>
      <PageHeader
        title="Coaching"
        description="Each seller’s leading indicators against the team’s usual, and the gaps worth a conversation before results suffer. Open a seller for their scorecard."
      />
      {team.isError && !data ? (
        <PipelineLoadError
          error={team.error}
          onRetry={() => void team.refetch()}
          title="The team could not be loaded"
        />
      ) : !data ? (
        <Skeleton height={320} radius="md" />
      ) : data.sellers.length === 0 ? (
        <Paper p="xl" ta="center">
          <IconUserCheck size={28} color="var(--mantine-color-dimmed)" />
          <Text fw={600} mt="xs">
            Nobody to coach yet
          </Text>
          <Text size="sm" c="dimmed">
            Once the people reporting to you have deals, their scorecards show here.
          </Text>
        </Paper>
      ) : (
        <TeamTable data={data} />
      )}
      <EffectivenessPanel />
    </>
  );
}

function TeamTable({ data }: { data: TeamCoaching }) {
  return (
    <Paper p={0} style={{ overflowX: 'auto' }} data-testid="coaching-team">
      <Table verticalSpacing="sm" horizontalSpacing="md" striped highlightOnHover miw={1000}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Seller</Table.Th>
            <Table.Th>Gaps</Table.Th>
            {COLUMNS.map((key) => (
              <Table.Th key={key} ta="right">
                <Tooltip label={INDICATOR_DEFS.get(key)!.meaning} multiline w={260} withArrow>
                  <span>{INDICATOR_DEFS.get(key)!.label}</span>
                </Tooltip>
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          <Table.Tr>
            <Table.Td>
              <Text size="sm" c="dimmed">
                Team’s usual (median)
              </Text>
            </Table.Td>
            <Table.Td />
            {COLUMNS.map((key) => (
              <Table.Td key={key} ta="right" className="tabular">
                <Text size="sm" c="dimmed">
                  {formatIndicator(
                    data.peerMedians[key] ?? null,
                    INDICATOR_DEFS.get(key)!.unit,
                    data.reportingCurrency,
                  )}
                </Text>
              </Table.Td>
            ))}
          </Table.Tr>
          {data.sellers.map((s) => (
            <Table.Tr key={s.id} data-testid="coaching-seller" data-seller={s.id}>
              <Table.Td>
                <Anchor component={Link} to={`/coaching/sellers/${s.id}`} fw={600} size="sm">
                  {s.name}
                </Anchor>
                <Text size="xs" c="dimmed">
                  {s.openDeals} open deals
                </Text>
              </Table.Td>
              <Table.Td miw={260} maw={380}>
                {s.flags.length === 0 ? (
                  <Text size="sm" c="dimmed">
                    none
                  </Text>
                ) : (
                  <Stack gap={4}>
                    {s.flags.slice(0, 3).map((f) => (
                      <Group key={f.rule + (f.zoneId ?? '')} gap={6} wrap="nowrap" align="flex-start">
                        <Tooltip label={LEVEL_LABELS[f.level]} withArrow>
                          <Badge size="xs" variant="light" color={LEVEL_COLORS[f.level]} style={{ flexShrink: 0 }}>
                            {f.rootCauses[0]!.id}
                          </Badge>
                        </Tooltip>
                        <Text size="xs" lh={1.35}>
                          {f.text}
                          {f.since ? (
                            <Text span size="xs" c="dimmed">
                              {' '}
                              · since {formatDate(f.since)}
                            </Text>
                          ) : null}
                        </Text>
                      </Group>
                    ))}
                    {s.flags.length > 3 ? (
                      <Text size="xs" c="dimmed">
                        and {s.flags.length - 3} more
                      </Text>
                    ) : null}
                  </Stack>
                )}
              </Table.Td>
              {COLUMNS.map((key) => {
                const def = INDICATOR_DEFS.get(key)!;
                const value = s.values[key] ?? null;
                const worse = isWorse(def.better, value, data.peerMedians[key] ?? null);
                return (
                  <Table.Td key={key} ta="right" className="tabular">
                    <Text size="sm" c={worse ? 'red.8' : undefined} fw={worse ? 600 : 400}>
                      {formatIndicator(value, def.unit, data.reportingCurrency)}
                    </Text>
                  </Table.Td>
                );
              })}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}

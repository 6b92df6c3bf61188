import { Badge, Box, Group, Progress, Stack, Table, Text, Tooltip } from '@mantine/core';
import { IconCheck, IconCrownFilled } from '@tabler/icons-react';
import type { EvaluatorMatrixView } from '../../../contract/knowledge.ts';
import { EVIDENCE_SOURCE_LABELS, type EvidenceSource } from '../../../domain/knowledge/evidence.ts';
import { US } from '../../../domain/knowledge/schema.ts';
import { useWorkspace } from './context.tsx';
import classes from './knowledge.module.css';
import { alternativeColor, optionLabel } from './labels.ts';

const ASSUMED_SOURCES = new Set(['buyer_secondhand', 'third_party', 'seller_inference']);

const percent = (share: number) => `${Math.round(share * 100)} %`;

type Column = EvaluatorMatrixView['alternatives'][number] & { color: string };

function columnsOf(matrix: EvaluatorMatrixView): Column[] {
  return matrix.alternatives.map((a, i) => ({ ...a, color: alternativeColor(a.id, a.kind, i) }));
}

/** Who favours which option, weighted by influence, and the share of the buying group behind each. */
export function EvaluatorMatrix() {
  const { knowledge } = useWorkspace();
  const matrix = knowledge.evaluatorMatrix;
  const columns = columnsOf(matrix);
  const shareOf = (id: string) => matrix.shares.find((s) => s.alternativeId === id)?.share ?? 0;
  const totalWeight = matrix.rows.reduce((sum, r) => sum + r.weight, 0);
  return (
    <Stack gap="md" data-testid="evaluator-matrix">
      <PreferenceBar matrix={matrix} columns={columns} />
      <Table.ScrollContainer minWidth={560}>
        <Table verticalSpacing={8} horizontalSpacing="sm" withRowBorders highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Evaluator</Table.Th>
              <Table.Th>
                <Tooltip
                  label="Influence high 3, medium 2, low 1 (1 when not known); ×1.5 for the economic buyer or an approver; ×0.5 when their preference is only assumed"
                  multiline
                  w={300}
                >
                  <Text span size="sm" fw={600} style={{ textDecoration: 'underline dotted', cursor: 'help' }}>
                    Weight
                  </Text>
                </Tooltip>
              </Table.Th>
              {columns.map((c) => (
                <Table.Th key={c.id} ta="center" miw={120}>
                  <Stack gap={0} align="center">
                    <Text size="sm" fw={650} c={c.id === US ? 'brand.7' : undefined}>
                      {c.name}
                    </Text>
                    {c.id === US ? null : (
                      <Text size="xs" c="dimmed">
                        {optionLabel(c.kind)}
                      </Text>
                    )}
                  </Stack>
                </Table.Th>
              ))}
              <Table.Th ta="center" miw={100}>
                <Text size="sm" fw={650} c="dimmed">
                  Not known
                </Text>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {matrix.rows.map((row) => {
              const assumed = row.stanceSource !== null && ASSUMED_SOURCES.has(row.stanceSource);
              return (
                <Table.Tr key={row.evaluatorId} data-testid="matrix-row" data-evaluator={row.name}>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      <Text size="sm" fw={600}>
                        {row.name}
                      </Text>
                      {row.isEconomicBuyer ? (
                        <IconCrownFilled size={13} color="var(--mantine-color-yellow-6)" aria-label="Economic buyer" />
                      ) : null}
                    </Group>
                    <Text size="xs" c="dimmed">
                      {row.title ?? ''}
                      {row.influence ? `${row.title ? ' · ' : ''}${optionLabel(row.influence)} influence` : ''}
                    </Text>
                  </Table.Td>
                  <Table.Td className="tabular">
                    <Text size="sm">{row.weight.toLocaleString('en-US', { maximumFractionDigits: 2 })}</Text>
                    <Text size="xs" c="dimmed">
                      {totalWeight > 0 ? percent(row.weight / totalWeight) : ''}
                    </Text>
                  </Table.Td>
                  {columns.map((c) => (
                    <Table.Td key={c.id} ta="center" p={4}>
                      {row.favours === c.id ? (
                        <FavouredCell color={c.color} assumed={assumed} source={row.stanceSource} />
                      ) : null}
                    </Table.Td>
                  ))}
                  <Table.Td ta="center" p={4}>
                    {row.favours === null ? (
                      <Tooltip label="We do not know which option this person favours">
                        <Box
                          className={classes.unknownStripes}
                          h={30}
                          style={{ borderRadius: 6 }}
                          data-testid="matrix-unknown"
                        >
                          <Text size="sm" fw={700} c="gray.7" lh="30px">
                            ?
                          </Text>
                        </Box>
                      </Tooltip>
                    ) : null}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
          <Table.Tfoot>
            <Table.Tr>
              <Table.Th colSpan={2}>
                <Text size="sm" fw={650}>
                  Share of influence
                </Text>
              </Table.Th>
              {columns.map((c) => (
                <Table.Th key={c.id} ta="center" className="tabular" data-testid={`share-${c.id === US ? US : c.name}`}>
                  <Text
                    size="sm"
                    fw={700}
                    c={shareOf(c.id) > 0 ? `${c.color === 'dark' ? 'dark.5' : `${c.color}.7`}` : 'dimmed'}
                  >
                    {percent(shareOf(c.id))}
                  </Text>
                </Table.Th>
              ))}
              <Table.Th ta="center" className="tabular" data-testid="share-unknown">
                <Text size="sm" fw={700} c="dimmed">
                  {percent(matrix.unknownShare)}
                </Text>
              </Table.Th>
            </Table.Tr>
          </Table.Tfoot>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}

function FavouredCell({ color, assumed, source }: { color: string; assumed: boolean; source: string | null }) {
  const how = source ? EVIDENCE_SOURCE_LABELS[source as EvidenceSource] : null;
  return (
    <Tooltip
      label={
        assumed
          ? `Favoured, but only assumed (${how ?? 'no buyer evidence'}): it counts half`
          : `Favoured (${how ?? 'recorded'})`
      }
    >
      <Box
        h={30}
        data-testid="matrix-favoured"
        style={{
          borderRadius: 6,
          background: `var(--mantine-color-${color}-${assumed ? 0 : 1})`,
          border: `2px ${assumed ? 'dashed' : 'solid'} var(--mantine-color-${color}-${assumed ? 4 : 6})`,
          color: `var(--mantine-color-${color}-8)`,
          display: 'flex',
          alignItems: 'center',
          justifyContent: 'center',
          gap: 4,
        }}
      >
        <IconCheck size={16} stroke={2.5} />
        <Text size="xs" fw={700}>
          {assumed ? 'Assumed' : 'Favours'}
        </Text>
      </Box>
    </Tooltip>
  );
}

/** One bar: the buying group's influence split between us, each alternative and "not known". */
export function PreferenceBar({
  matrix,
  columns = columnsOf(matrix),
}: {
  matrix: EvaluatorMatrixView;
  columns?: Column[];
}) {
  const segments = [
    ...columns.map((c) => ({
      key: c.id,
      name: c.name,
      color: c.color,
      share: matrix.shares.find((s) => s.alternativeId === c.id)?.share ?? 0,
      unknown: false,
    })),
    { key: 'unknown', name: 'Not known', color: 'gray', share: matrix.unknownShare, unknown: true },
  ];
  const visible = segments.filter((s) => s.share > 0);
  return (
    <Stack gap={6} data-testid="preference-bar">
      <Text size="sm" fw={600}>
        Where the buying group&apos;s influence leans
      </Text>
      {visible.length === 0 ? (
        <Text size="sm" c="dimmed">
          No evaluators yet.
        </Text>
      ) : (
        <Progress.Root size={26} radius="md" aria-label="Share of influence per option">
          {visible.map((s) => (
            <Tooltip key={s.key} label={`${s.name}: ${percent(s.share)}`}>
              <Progress.Section
                value={s.share * 100}
                color={s.unknown ? 'gray.3' : s.color === 'dark' ? 'dark.3' : `${s.color}.6`}
                className={s.unknown ? classes.unknownStripes : undefined}
                aria-label={`${s.name} ${percent(s.share)}`}
              >
                {s.share >= 0.09 ? (
                  <Progress.Label c={s.unknown ? 'gray.8' : 'white'} fz="xs">
                    {s.name} {percent(s.share)}
                  </Progress.Label>
                ) : null}
              </Progress.Section>
            </Tooltip>
          ))}
        </Progress.Root>
      )}
      <Group gap="md" wrap="wrap">
        {segments.map((s) => (
          <Group key={s.key} gap={6} wrap="nowrap" data-testid="preference-legend">
            <Box
              w={10}
              h={10}
              className={s.unknown ? classes.unknownStripes : undefined}
              style={{
                borderRadius: 3,
                background: s.unknown
                  ? undefined
                  : s.color === 'dark'
                    ? 'var(--mantine-color-dark-3)'
                    : `var(--mantine-color-${s.color}-6)`,
              }}
            />
            <Text size="xs" c="dimmed">
              {s.name}{' '}
              <Text span size="xs" fw={700} c="dark">
                {percent(s.share)}
              </Text>
            </Text>
          </Group>
        ))}
        {matrix.rows.length > 0 ? (
          <Badge variant="default" size="sm" fw={500}>
            {matrix.rows.length} evaluator{matrix.rows.length === 1 ? '' : 's'}
          </Badge>
        ) : null}
      </Group>
    </Stack>
  );
}

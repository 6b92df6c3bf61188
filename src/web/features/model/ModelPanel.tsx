import {
  Alert,
  Badge,
  Button,
  Collapse,
  Grid,
  Group,
  Paper,
  Progress,
  SimpleGrid,
  Skeleton,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle, IconRefresh } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { isApiError, messageOf } from '../../app/api.ts';
import { DivergingBar } from '../../shared/DivergingBar.tsx';
import { formatDateTime } from '../../shared/format.ts';
import { ErrorState } from '../../shared/states.tsx';
import { POINTS_PER_DOUBLING, pointsOfLogOdds } from '../../../domain/assessment/assess.ts';
import { featureLabel, formatPercent, formatPoints, isContextFeature } from '../assessment/labels.ts';
import { type ModelCard, type ModelView, useModel, useRefitModel } from './queries.ts';
import { calibrationInWords } from './calibration-words.ts';
import { LearnedTerms } from './LearnedTerms.tsx';
import { curveInWords, LearningCurveChart } from './LearningCurveChart.tsx';
import { ReliabilityChart } from './ReliabilityChart.tsx';

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/** The win-probability model: which version is in use, how well it did on past deals, and a refit. */
export function ModelPanel() {
  const model = useModel();
  if (model.isError)
    return (
      <ErrorState error={model.error} onRetry={() => void model.refetch()} title="The model could not be loaded" />
    );
  if (!model.data) return <ModelSkeleton />;
  const m = model.data;
  return (
    <Stack gap="md" data-testid="model-panel">
      <CurrentModel model={m} />
      {m.card ? <CardDetails card={m.card} quietDaysWon={m.quietDaysWon} /> : <NoCard model={m} />}
      <History model={m} />
      <Weights model={m} />
      <LearnedTerms model={m} />
    </Stack>
  );
}

function CurrentModel({ model: m }: { model: ModelView }) {
  const refit = useRefitModel();

  const run = () =>
    refit.mutate(undefined, {
      onSuccess: (next) =>
        notifications.show({
          color: 'teal',
          title: `Model ${next.version} is in use`,
          message: 'Every open deal has been re-assessed with it.',
        }),
    });
  const tooThin = isApiError(refit.error, 'unprocessable');
  return (
    <Paper p={{ base: 'md', sm: 'lg' }} data-testid="current-model">
      <Group justify="space-between" align="flex-start" gap="md">
        <Stack gap={4}>
          <Text size="xs" c="dimmed" fw={700} tt="uppercase" style={{ letterSpacing: 0.5 }}>
            Model in use
          </Text>
          <Group gap="sm" align="center">
            <Title order={2} size="h3" ff="monospace" data-testid="model-version">
              {m.version}
            </Title>
            <Badge color={m.kind === 'fitted' ? 'teal' : 'gray'} variant="light" data-testid="model-kind">
              {m.kind === 'fitted' ? 'Fitted on your deals' : 'Expert prior'}
            </Badge>
          </Group>
          <Text size="sm" c="dimmed" maw={560}>
            {m.kind === 'fitted'
              ? `Weights learned from your closed deals, shrunk toward the experts’ priors${m.shapes.length + m.pairs.length > 0 ? ', with shapes and pairs learned on top of them (below)' : ''}. Base rate ${formatPercent(sigmoid(m.intercept))}.`
              : `The experts’ weights on top of your own win rate (base rate ${formatPercent(sigmoid(m.intercept))}), until a refit learns from your closed deals.`}{' '}
            {m.closedDeals === 1 ? '1 closed deal' : `${m.closedDeals} closed deals`} to learn from.
          </Text>
        </Stack>
        <Button leftSection={<IconRefresh size={16} />} onClick={run} loading={refit.isPending} data-testid="refit">
          Refit now
        </Button>
      </Group>
      {refit.isPending ? (
        <Stack gap={6} mt="md" data-testid="refit-progress" aria-live="polite">
          <Progress value={100} striped animated size="sm" aria-label="Refitting" />
          <Text size="sm" c="dimmed">
            Fitting on {m.closedDeals} closed deals, checking it on five folds of them, then re-assessing every open
            deal… <Elapsed />
          </Text>
        </Stack>
      ) : null}
      {refit.isError ? (
        <Alert
          mt="md"
          color={tooThin ? 'orange' : 'red'}
          variant="light"
          icon={<IconAlertCircle size={20} />}
          title={tooThin ? 'Not enough history to fit a model yet' : 'The refit failed'}
          role="alert"
          data-testid="refit-error"
        >
          {messageOf(refit.error)}
          {tooThin ? '. The current model stays in use; deals that close add to the history.' : ''}
        </Alert>
      ) : null}
    </Paper>
  );
}

/** Seconds since it appeared, counting up: a long refit shows it is still going. */
function Elapsed() {
  const [seconds, setSeconds] = useState(0);
  useEffect(() => {
    const timer = window.setInterval(() => setSeconds((s) => s + 1), 1000);
    return () => window.clearInterval(timer);
  }, []);
  return seconds > 0 ? <span className="tabular">{seconds} s</span> : null;
}

function NoCard({ model: m }: { model: ModelView }) {
  return (
    <Paper p={{ base: 'md', sm: 'lg' }} data-testid="no-model-card">
      <Title order={3} size="h4" mb={4}>
        No model card yet
      </Title>
      <Text size="sm" c="dimmed">
        The expert prior has not been tested against your deals. A refit measures how well the model ranks and
        calibrates your {m.closedDeals} closed deals, and compares it with the stage figures and the sellers’ own.
      </Text>
    </Paper>
  );
}

const pct = (x: number | null | undefined) => (x === null || x === undefined ? '—' : `${Math.round(x * 100)} %`);
const fixed = (x: number | null | undefined) => (x === null || x === undefined ? '—' : x.toFixed(3));

/** How far the fit moved from the experts' weights, as chosen on the latest closed deals. */
function shrinkageInWords(precision: number): string {
  const chosen = 'chosen by testing each setting on the latest fifth of the closed deals, fitted on the ones before';
  if (precision >= 4096)
    return `The weights stay with the expert priors: the deals so far do not yet show them wrong (${chosen}).`;
  if (precision >= 64) return `The weights move a little from the expert priors toward this history (${chosen}).`;
  return `The weights follow this organization's history more than the expert priors (${chosen}).`;
}

function CardDetails({ card, quietDaysWon }: { card: ModelCard; quietDaysWon: number | null }) {
  const cv = card.crossValidated;
  const [showBins, bins] = useDisclosure(false);
  const stage = card.comparison?.stage ?? null;
  const seller = card.comparison?.seller ?? null;
  const rows = [
    {
      who: 'This model (cross-validated)',
      auc: cv?.auc ?? null,
      brier: cv?.brier ?? null,
      note: cv ? `${cv.folds} folds` : 'not cross-validated',
    },
    { who: 'Stage figures', auc: stage?.auc ?? null, brier: stage?.brier ?? null, note: 'the stage’s probability' },
    {
      who: 'Sellers’ own figures',
      auc: seller?.auc ?? null,
      brier: seller?.brier ?? null,
      note: seller ? `${seller.count} deals with a figure` : 'none given',
    },
  ];
  const bestAuc = Math.max(...rows.map((r) => r.auc ?? -1));
  const bestBrier = Math.min(...rows.map((r) => r.brier ?? Number.POSITIVE_INFINITY));
  return (
    <Paper p={{ base: 'md', sm: 'lg' }} data-testid="model-card">
      <Title order={3} size="h4" mb="md">
        Model card
      </Title>
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="md" mb="lg">
        <Stat
          label="Trained on"
          value={`${card.trainingSize} deals`}
          note={`${card.wonCount} won, ${card.trainingSize - card.wonCount} lost`}
          testId="card-training-size"
        />
        <Stat label="Trained" value={formatDateTime(card.trainedAt)} note="on the deals closed by then" />
        <Stat
          label="AUC"
          value={fixed(cv?.auc)}
          note="ranks a won deal above a lost one this often (1 is perfect, 0.5 a coin)"
          testId="card-auc"
        />
        <Stat
          label="Brier score"
          value={fixed(cv?.brier)}
          note={`lower is better · log loss ${fixed(cv?.logLoss)} · calibration error ${pct(cv?.ece)}`}
          testId="card-brier"
        />
      </SimpleGrid>
      {card.shrinkage !== undefined ? (
        <Text size="sm" c="dimmed" mb="md" data-testid="card-shrinkage">
          {shrinkageInWords(card.shrinkage)}
        </Text>
      ) : null}
      {quietDaysWon !== null ? (
        <Text size="sm" c="dimmed" mb="md" data-testid="card-quiet-days">
          Three in four won deals never went more than {quietDaysWon} days without anything new learned: an open deal
          quieter than that is flagged as stalled.
        </Text>
      ) : null}
      {card.curve ? (
        <Stack gap={4} mb="lg" data-testid="card-curve">
          <Text size="sm" fw={600}>
            Learning as the deals closed: fitted on the first deals, tested on the next
          </Text>
          <Text size="sm">{curveInWords(card.curve)}</Text>
          {card.curve.length > 0 ? <LearningCurveChart curve={card.curve} /> : null}
        </Stack>
      ) : null}
      <Grid gap="xl">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Text size="sm" fw={600} mb={4}>
            Reliability: predicted against what happened
          </Text>
          {cv ? (
            <Stack gap={2} mb="xs" data-testid="calibration-words">
              {calibrationInWords(cv.ece, card.reliability).map((line) => (
                <Text key={line} size="sm">
                  {line}
                </Text>
              ))}
            </Stack>
          ) : null}
          <ReliabilityChart reliability={card.reliability} />
          <Button variant="subtle" size="compact-sm" onClick={bins.toggle} aria-expanded={showBins}>
            {showBins ? 'Hide the numbers' : 'Show the numbers'}
          </Button>
          <Collapse expanded={showBins}>
            <Table mt="xs" fz="sm" striped withTableBorder data-testid="reliability-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Predicted</Table.Th>
                  <Table.Th ta="right">Deals</Table.Th>
                  <Table.Th ta="right">Mean predicted</Table.Th>
                  <Table.Th ta="right">Won</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {card.reliability.map((b) => (
                  <Table.Tr key={b.from}>
                    <Table.Td>
                      {Math.round(b.from * 100)}–{Math.round(b.to * 100)} %
                    </Table.Td>
                    <Table.Td ta="right" className="tabular">
                      {b.count}
                    </Table.Td>
                    <Table.Td ta="right" className="tabular">
                      {b.count ? pct(b.meanPredicted) : '—'}
                    </Table.Td>
                    <Table.Td ta="right" className="tabular">
                      {b.count ? pct(b.observedRate) : '—'}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Collapse>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Text size="sm" fw={600} mb={4}>
            Against the other figures, on the same closed deals
          </Text>
          <Table fz="sm" verticalSpacing="xs" data-testid="model-comparison">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Figure</Table.Th>
                <Table.Th ta="right">AUC ↑</Table.Th>
                <Table.Th ta="right">Brier ↓</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r) => (
                <Table.Tr key={r.who}>
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {r.who}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {r.note}
                    </Text>
                  </Table.Td>
                  <Table.Td ta="right" className="tabular" fw={r.auc !== null && r.auc === bestAuc ? 700 : 400}>
                    {fixed(r.auc)}
                  </Table.Td>
                  <Table.Td ta="right" className="tabular" fw={r.brier !== null && r.brier === bestBrier ? 700 : 400}>
                    {fixed(r.brier)}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {cv?.auc !== null && cv?.auc !== undefined ? (
            <Text size="sm" mt="sm" data-testid="comparison-summary">
              The model put a won deal above a lost one {pct(cv.auc)} of the time
              {stage?.auc != null ? `, the stage figures ${pct(stage.auc)}` : ''}
              {seller?.auc != null ? ` and the sellers’ own figures ${pct(seller.auc)}` : ''}.
            </Text>
          ) : null}
        </Grid.Col>
      </Grid>
    </Paper>
  );
}

function Stat({ label, value, note, testId }: { label: string; value: string; note: string; testId?: string }) {
  return (
    <Stack gap={2} data-testid={testId}>
      <Text size="xs" c="dimmed" fw={700} tt="uppercase" style={{ letterSpacing: 0.5 }}>
        {label}
      </Text>
      <Text fz="lg" fw={700} className="tabular">
        {value}
      </Text>
      <Text size="xs" c="dimmed">
        {note}
      </Text>
    </Stack>
  );
}

function Weights({ model: m }: { model: ModelView }) {
  // a weight worth less than half a point shows as 0: counted in a sentence, not drawn as a wall of zeros
  const weighs = ([, w]: [string, number]) => Math.round(pointsOfLogOdds(w)) !== 0;
  const all = Object.entries(m.weights);
  const entries = all.filter(weighs);
  const negligible = { known: 0, context: 0 };
  for (const entry of all) if (!weighs(entry)) negligible[isContextFeature(entry[0]) ? 'context' : 'known'] += 1;
  const largest = Math.max(0.01, ...entries.map(([, w]) => Math.abs(w)));
  const groups = [
    {
      title: 'What we know about the deal',
      note: null,
      items: entries.filter(([k]) => !isContextFeature(k)),
      negligible: negligible.known,
    },
    {
      title: 'The deal itself',
      note: 'Deal size bands run from the smallest deals (1) to the largest.',
      items: entries.filter(([k]) => isContextFeature(k)),
      negligible: negligible.context,
    },
  ].filter((g) => g.items.length > 0 || g.negligible > 0);
  return (
    <Paper p={{ base: 'md', sm: 'lg' }} data-testid="model-weights">
      <Title order={3} size="h4">
        Weights
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        The points each feature gives a deal, for it to the right and against it to the left: the same scorecard points
        as each deal’s “Why” (per unit of the feature; {POINTS_PER_DOUBLING} points double the odds of winning).
      </Text>
      <SimpleGrid cols={{ base: 1, lg: groups.length }} spacing="xl">
        {groups.map((group) => (
          <div key={group.title}>
            <Text size="xs" fw={700} tt="uppercase" c="dimmed" mb={4} style={{ letterSpacing: 0.5 }}>
              {group.title}
            </Text>
            {group.note && entries.some(([k]) => k.startsWith('amountBand:')) ? (
              <Text size="xs" c="dimmed" mb={6}>
                {group.note}
              </Text>
            ) : null}
            <Stack gap={4} component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
              {[...group.items]
                .sort((a, b) => b[1] - a[1])
                .map(([key, weight]) => (
                  <li
                    key={key}
                    style={{
                      display: 'grid',
                      gridTemplateColumns: 'minmax(150px, 5fr) 6fr',
                      gap: 12,
                      alignItems: 'center',
                    }}
                    aria-label={`${featureLabel(key, { numberBands: true })}: ${formatPoints(pointsOfLogOdds(weight), ' points')}`}
                  >
                    <Text size="sm" lh={1.3}>
                      {featureLabel(key, { numberBands: true })}
                    </Text>
                    <DivergingBar value={weight} largest={largest} label={formatPoints(pointsOfLogOdds(weight))} />
                  </li>
                ))}
            </Stack>
            {group.negligible > 0 ? (
              <Text size="sm" c="dimmed" mt={group.items.length > 0 ? 'xs' : 0} data-testid="negligible-weights">
                {group.items.length > 0 ? `${group.negligible} more` : `All ${group.negligible}`}{' '}
                {group.negligible === 1 ? 'weighs' : 'weigh'} less than a point: your closed deals have not yet shown{' '}
                {group.negligible === 1 ? 'it' : 'them'} to matter.
              </Text>
            ) : null}
          </div>
        ))}
      </SimpleGrid>
    </Paper>
  );
}

function History({ model: m }: { model: ModelView }) {
  return (
    <Paper p={{ base: 'md', sm: 'lg' }} data-testid="model-history">
      <Title order={3} size="h4" mb="sm">
        Versions
      </Title>
      {m.history.length === 0 ? (
        <Text size="sm" c="dimmed">
          Only the expert prior so far. Each refit adds a version here; the newest is used.
        </Text>
      ) : (
        <Table fz="sm" verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Version</Table.Th>
              <Table.Th>Made</Table.Th>
              <Table.Th>By</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {m.history.map((h) => (
              <Table.Tr key={h.version} data-testid="model-history-row">
                <Table.Td>
                  <Group gap={6} wrap="nowrap">
                    <Text size="sm" ff="monospace" style={{ whiteSpace: 'nowrap' }}>
                      {h.version}
                    </Text>
                    {h.isCurrent ? (
                      <Badge size="xs" color="teal">
                        in use
                      </Badge>
                    ) : null}
                  </Group>
                </Table.Td>
                <Table.Td className="tabular" style={{ whiteSpace: 'nowrap' }}>
                  {formatDateTime(h.createdAt)}
                </Table.Td>
                <Table.Td>{h.createdByName ?? 'Nightly refit'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}

function ModelSkeleton() {
  return (
    <Stack gap="md" aria-label="Loading the model" aria-busy>
      <Paper p="lg">
        <Skeleton height={14} width={120} mb="xs" />
        <Skeleton height={28} width={220} mb="xs" />
        <Skeleton height={14} width="60%" />
      </Paper>
      <Paper p="lg">
        <Skeleton height={300} />
      </Paper>
    </Stack>
  );
}

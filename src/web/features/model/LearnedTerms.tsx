import { Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { DivergingBar } from '../../shared/DivergingBar.tsx';
import { pointsOfLogOdds } from '../../../domain/assessment/assess.ts';
import { featureLabel, formatPoints } from '../assessment/labels.ts';
import { bandLabels, pairBars } from './learned-terms.ts';
import type { ModelView } from './queries.ts';

// What boosting learned on top of the weights: a feature that weighs differently at different values
// (its shape) and two features that weigh differently together than apart (a pair). Each bar is the
// points added on top of the feature's weight, the same points a deal's "Why" shows.

export function LearnedTerms({ model: m }: { model: ModelView }) {
  const boosting = m.card?.boosting;
  if (m.kind !== 'fitted' || !boosting) return null;
  const shapes = m.shapes
    .map((shape) => ({
      key: shape.feature,
      title: featureLabel(shape.feature),
      bars: bandLabels(shape.edges).map((label, k) => ({ key: String(k), label, logOdds: shape.logOdds[k]! })),
    }))
    .filter((term) => term.bars.some((bar) => Math.round(pointsOfLogOdds(bar.logOdds)) !== 0));
  const pairs = m.pairs
    .map((pair) => ({
      key: `${pair.a}+${pair.b}`,
      title: featureLabel(`${pair.a}+${pair.b}`),
      bars: pairBars(pair),
    }))
    .filter((term) => term.bars.length > 0);
  const terms = [...shapes, ...pairs];
  const largest = Math.max(0.01, ...terms.flatMap((t) => t.bars.map((b) => Math.abs(b.logOdds))));
  return (
    <Paper p={{ base: 'md', sm: 'lg' }} data-testid="learned-terms">
      <Title order={3} size="h4">
        Beyond the weights
      </Title>
      {terms.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid="learned-none">
          Your closed deals show nothing a single weight per feature misses: shapes (a feature weighing differently at
          different values) and pairs (two features weighing differently together than apart) were tried on top of the
          weights and did not forecast the latest deals better, so none is used.
        </Text>
      ) : (
        <>
          <Text size="sm" c="dimmed" mb="md">
            Learned from your closed deals on top of the weights, and kept because they forecast the latest fifth of the
            deals better (learned on the deals before) and did not lose on the fifth before that. Points are added to
            the feature’s weight; a deal’s “Why” shows them within the feature, and a pair as a reason of its own.
          </Text>
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="xl">
            {terms.map((term) => (
              <div key={term.key} data-testid="learned-term" data-term={term.key}>
                <Text size="sm" fw={600} mb={4}>
                  {term.title}
                </Text>
                <Stack gap={4} component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
                  {term.bars.map((bar) => (
                    <li
                      key={bar.key}
                      style={{
                        display: 'grid',
                        gridTemplateColumns: 'minmax(120px, 4fr) 6fr',
                        gap: 12,
                        alignItems: 'center',
                      }}
                      aria-label={`${term.title}, ${bar.label}: ${formatPoints(pointsOfLogOdds(bar.logOdds), ' points')}`}
                    >
                      <Text size="sm" lh={1.3} c="dimmed">
                        {bar.label}
                      </Text>
                      {Math.round(pointsOfLogOdds(bar.logOdds)) === 0 ? (
                        <Text size="xs" c="dimmed" ta="center">
                          0 pts
                        </Text>
                      ) : (
                        <DivergingBar
                          value={bar.logOdds}
                          largest={largest}
                          label={formatPoints(pointsOfLogOdds(bar.logOdds))}
                        />
                      )}
                    </li>
                  ))}
                </Stack>
              </div>
            ))}
          </SimpleGrid>
        </>
      )}
    </Paper>
  );
}

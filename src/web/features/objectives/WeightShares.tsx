import { Group, Paper, SimpleGrid, Text, Title, Tooltip } from '@mantine/core';
import classes from './objectives.module.css';
import { weightShares } from './objective-form.ts';
import type { Objective } from './queries.ts';

const percent = (share: number) => `${Math.round(share * 100)} %`;

/**
 * How the weights make the Knowledge Coverage Index: each objective's share of the total weight is
 * what knowing it fully adds to the index, in a bar and in words.
 */
export function WeightShares({ objectives }: { objectives: readonly Objective[] }) {
  const shares = weightShares(objectives);
  const total = objectives.reduce((sum, o) => sum + o.weight, 0);
  return (
    <Paper p={{ base: 'md', sm: 'lg' }} data-testid="weight-shares">
      <Title order={3} size="h5">
        How the weights shape the Knowledge Coverage Index
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        The index is each objective’s knowledge level (K0 to K4) weighted by its weight: an objective known fully (K4)
        adds its share of the total weight (now {Math.round(total * 100) / 100}), and each level a quarter of that
        share. Raising one weight lowers every other share.
      </Text>
      <div
        className={classes.shares}
        role="img"
        aria-label={shares.map((o) => `${o.number}. ${o.name}: ${percent(o.share)}`).join('; ')}
      >
        {shares.map((o) => (
          <Tooltip key={o.key} label={`${o.number}. ${o.name}: weight ${o.weight}, ${percent(o.share)} of the index`}>
            <div className={classes.share} style={{ flexGrow: o.weight, flexBasis: 0 }}>
              {o.share >= 0.06 ? o.number : ''}
            </div>
          </Tooltip>
        ))}
      </div>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing={6} verticalSpacing={4} mt="sm">
        {shares.map((o) => (
          <Group key={o.key} gap={6} wrap="nowrap" data-testid="weight-share" data-objective={o.key}>
            <Text size="xs" fw={700} w={14} ta="right" c="dimmed" className="tabular">
              {o.number}
            </Text>
            <Text size="xs" truncate style={{ flex: 1, minWidth: 0 }}>
              {o.name}
            </Text>
            <Text size="xs" c="dimmed" className="tabular" style={{ whiteSpace: 'nowrap' }}>
              × {o.weight}
            </Text>
            <Text size="xs" fw={700} w={38} ta="right" className="tabular" data-testid="weight-share-value">
              {percent(o.share)}
            </Text>
          </Group>
        ))}
      </SimpleGrid>
    </Paper>
  );
}

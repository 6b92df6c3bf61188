import { Group, Progress, Text, Tooltip } from '@mantine/core';
import type { Opportunity } from '../../contract/opportunities.ts';
import { STATUS_COLORS, STATUS_LABELS } from './labels.ts';

/**
 * The evidence-based win probability: "62%", with a small bar in tables. A closed deal has no
 * chance left to estimate: it shows its outcome instead.
 */
export function WinProbability({
  opportunity: o,
  size = 'sm',
}: {
  opportunity: Pick<Opportunity, 'winProbability' | 'status'>;
  size?: 'sm' | 'lg';
}) {
  if (o.status !== 'open') {
    return size === 'lg' ? (
      <Text fz="lg" fw={700} c={STATUS_COLORS[o.status]}>
        {STATUS_LABELS[o.status]}
      </Text>
    ) : (
      <Tooltip label={`${STATUS_LABELS[o.status]}: the outcome is known`}>
        <Text size="sm" c="dimmed" aria-label={`Closed, ${STATUS_LABELS[o.status].toLowerCase()}`}>
          —
        </Text>
      </Tooltip>
    );
  }
  if (o.winProbability === null) {
    return (
      <Tooltip label="Not assessed yet">
        <Text size="sm" c="dimmed">
          —
        </Text>
      </Tooltip>
    );
  }
  const percent = Math.round(o.winProbability * 100);
  if (size === 'lg') {
    return (
      <Text fz="lg" fw={700} className="tabular">
        {percent}%
      </Text>
    );
  }
  return (
    <Group gap={6} wrap="nowrap">
      <Text size="sm" fw={500} className="tabular" w={36} ta="right">
        {percent}%
      </Text>
      <Progress
        value={percent}
        w={36}
        size={6}
        color={percent >= 60 ? 'teal' : percent >= 30 ? 'brand' : 'gray'}
        aria-hidden
      />
    </Group>
  );
}

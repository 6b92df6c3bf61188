import { Group, Progress, Stack, Text, Tooltip } from '@mantine/core';
import type { RuleWithUsage } from './queries.ts';

type Usage = RuleWithUsage['usage'];

const percent = (x: number) => `${Math.round(x * 100)} %`;

/** How many open deals the zone flags: a zone on most deals is noise, not a warning. */
export function ZoneFiring({ usage }: { usage: Usage }) {
  const { firing, total } = usage.open;
  const share = total === 0 ? 0 : firing / total;
  return (
    <Stack gap={4} data-testid="zone-firing">
      <Text size="xs" className="tabular" style={{ whiteSpace: 'nowrap' }}>
        {firing} of {total} open
      </Text>
      <Progress
        value={share * 100}
        size={5}
        w={80}
        color={share > 0.5 ? 'orange' : 'brand'}
        aria-label={`Flags ${percent(share)} of open deals`}
      />
    </Stack>
  );
}

/**
 * The win rate of closed deals flagged with the zone at closing, against those without it, with
 * the 95 % intervals behind a tooltip. Only a gap the intervals agree on is called a difference.
 */
export function ZoneEffect({ usage }: { usage: Usage }) {
  const { wonWith: w, wonWithout: wo } = usage;
  if (w.total === 0) {
    return (
      <Text size="xs" c="dimmed" data-testid="zone-effect">
        Never flagged on a closed deal
      </Text>
    );
  }
  const rate = w.count / w.total;
  const baseline = wo.total === 0 ? null : wo.count / wo.total;
  const lower = baseline !== null && w.high < wo.low;
  const higher = baseline !== null && w.low > wo.high;
  const verdict = lower ? 'wins less often' : higher ? 'wins more often' : 'no clear difference yet';
  return (
    <Tooltip
      multiline
      w={280}
      label={`Won ${w.count} of ${w.total} flagged (likely ${percent(w.low)}–${percent(w.high)})${
        baseline === null ? '' : `, against ${wo.count} of ${wo.total} without (${percent(wo.low)}–${percent(wo.high)})`
      }.`}
    >
      <Stack gap={0} data-testid="zone-effect" style={{ cursor: 'help' }}>
        <Group gap={4} wrap="nowrap">
          <Text size="xs" fw={650} c={lower ? 'red.8' : higher ? 'teal.8' : undefined} className="tabular">
            {percent(rate)}
          </Text>
          <Text size="xs" c="dimmed" className="tabular" style={{ whiteSpace: 'nowrap' }}>
            won of {w.total}
            {baseline === null ? '' : ` vs ${percent(baseline)} without`}
          </Text>
        </Group>
        <Text size="xs" c="dimmed">
          {verdict}
        </Text>
      </Stack>
    </Tooltip>
  );
}

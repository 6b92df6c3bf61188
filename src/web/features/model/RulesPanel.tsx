import { Badge, Button, Group, Loader, Paper, Stack, Switch, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAdjustmentsHorizontal } from '@tabler/icons-react';
import { useState } from 'react';
import { isApiError, messageOf } from '../../app/api.ts';
import { ErrorState, TableSkeletonRows } from '../../shared/states.tsx';
import { OBJECTIVE_KEYS } from '../../../domain/knowledge/objectives.ts';
import { objectiveName, SEVERITY_COLORS, SEVERITY_LABELS } from '../assessment/labels.ts';
import { type RuleView, useRules, useUpdateRule } from './queries.ts';
import { showThreshold, thresholdMeta } from './thresholds.ts';
import { ThresholdsModal } from './ThresholdsModal.tsx';
import { ZoneEffect, ZoneFiring } from './ZoneUsage.tsx';

const OBJECTIVE_COUNT = OBJECTIVE_KEYS.length;

/** The danger-zone rules: switch one off for the whole organization, or tune its thresholds. */
export function RulesPanel() {
  const rules = useRules();
  const update = useUpdateRule();
  const [switching, setSwitching] = useState<string | null>(null);
  const [tuning, setTuning] = useState<string | null>(null);

  if (rules.isError)
    return (
      <ErrorState
        error={rules.error}
        onRetry={() => void rules.refetch()}
        title="The danger-zone rules could not be loaded"
      />
    );
  const items = rules.data?.items;
  const enabledCount = items?.filter((r) => r.enabled).length ?? 0;

  const toggle = (rule: RuleView, enabled: boolean) => {
    setSwitching(rule.id);
    update.mutate(
      { id: rule.id, enabled, version: rule.version },
      {
        onSuccess: () =>
          notifications.show({
            color: 'teal',
            title: `${rule.id} switched ${enabled ? 'on' : 'off'}`,
            message: `${rule.name}: every open deal has been re-assessed.`,
          }),
        onError: (error) =>
          notifications.show({
            color: isApiError(error, 'version-conflict') ? 'orange' : 'red',
            title: isApiError(error, 'version-conflict')
              ? `Someone else just changed ${rule.id}`
              : `${rule.id} was not changed`,
            message: isApiError(error, 'version-conflict')
              ? 'The list now shows their version. Switch it again if you still want to.'
              : messageOf(error),
          }),
        onSettled: () => setSwitching(null),
      },
    );
  };

  const tuned = items?.find((r) => r.id === tuning) ?? null;
  return (
    <Paper p={{ base: 'md', sm: 'lg' }} data-testid="rules-panel">
      <Group justify="space-between" align="flex-end" mb="md">
        <div>
          <Title order={2} size="h4">
            Danger-zone rules
          </Title>
          <Text size="sm" c="dimmed">
            Patterns of lost deals the assessment looks for. A rule switched off no longer flags any deal; thresholds
            decide when a rule fires. Every change re-assesses the open deals. Beside each rule: how many open deals it
            flags, and how your closed deals flagged with it ended against those without it.
          </Text>
        </div>
        {items ? (
          <Text size="sm" c="dimmed" data-testid="rules-enabled-count">
            {enabledCount} of {items.length} on
          </Text>
        ) : null}
      </Group>
      <Table.ScrollContainer minWidth={900}>
        <Table verticalSpacing="sm" highlightOnHover aria-busy={!items} data-testid="rules-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={70}>On</Table.Th>
              <Table.Th>Rule</Table.Th>
              <Table.Th w={110}>Severity</Table.Th>
              <Table.Th w={110}>Fires on</Table.Th>
              <Table.Th w={170}>Closed deals flagged</Table.Th>
              <Table.Th>Thresholds</Table.Th>
              <Table.Th w={100}>
                <VisuallyHidden>Actions</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {!items ? (
              <TableSkeletonRows columns={7} rows={10} />
            ) : (
              items.map((rule) => {
                const keys = Object.keys(rule.thresholds);
                const changed = keys.filter((k) => rule.thresholds[k] !== rule.defaultThresholds[k]);
                return (
                  <Table.Tr
                    key={rule.id}
                    data-testid="rule-row"
                    data-rule={rule.id}
                    style={{ opacity: rule.enabled ? 1 : 0.6 }}
                  >
                    <Table.Td>
                      <Group gap={6} wrap="nowrap">
                        <Switch
                          checked={rule.enabled}
                          onChange={(event) => toggle(rule, event.currentTarget.checked)}
                          disabled={switching === rule.id}
                          aria-label={`${rule.id} ${rule.name}`}
                        />
                        {switching === rule.id ? <Loader size={14} aria-label="Saving" /> : null}
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <Group gap={8} wrap="nowrap" align="baseline">
                        <Text size="xs" c="dimmed" ff="monospace" style={{ flexShrink: 0, whiteSpace: 'nowrap' }}>
                          {rule.id}
                        </Text>
                        <div>
                          <Text size="sm" fw={600}>
                            {rule.name}
                          </Text>
                          <Text size="xs" c="dimmed">
                            {rule.objectives.length >= OBJECTIVE_COUNT
                              ? 'All nine objectives'
                              : rule.objectives.map(objectiveName).join(' · ')}
                          </Text>
                        </div>
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <Badge
                        color={SEVERITY_COLORS[rule.severity]}
                        variant={rule.severity === 'critical' ? 'filled' : 'light'}
                      >
                        {SEVERITY_LABELS[rule.severity]}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <ZoneFiring usage={rule.usage} />
                    </Table.Td>
                    <Table.Td>
                      <ZoneEffect usage={rule.usage} />
                    </Table.Td>
                    <Table.Td>
                      {keys.length === 0 ? (
                        <Text size="xs" c="dimmed">
                          None to tune
                        </Text>
                      ) : (
                        <Stack gap={2} data-testid="rule-thresholds">
                          {keys.map((k) => {
                            const isChanged = changed.includes(k);
                            return (
                              <Text key={k} size="xs">
                                {thresholdMeta(k).label}:{' '}
                                <Text
                                  span
                                  size="xs"
                                  fw={isChanged ? 700 : 500}
                                  c={isChanged ? 'brand.8' : undefined}
                                  className="tabular"
                                  style={{ whiteSpace: 'nowrap' }}
                                >
                                  {showThreshold(k, rule.thresholds[k]!)}
                                </Text>
                                {isChanged ? (
                                  <Text span size="xs" c="dimmed">
                                    {' '}
                                    (default {showThreshold(k, rule.defaultThresholds[k]!)})
                                  </Text>
                                ) : null}
                              </Text>
                            );
                          })}
                        </Stack>
                      )}
                    </Table.Td>
                    <Table.Td>
                      {keys.length > 0 ? (
                        <Button
                          size="compact-sm"
                          variant="default"
                          leftSection={<IconAdjustmentsHorizontal size={14} />}
                          onClick={() => setTuning(rule.id)}
                          aria-label={`Tune ${rule.id} ${rule.name}`}
                        >
                          Tune
                        </Button>
                      ) : null}
                    </Table.Td>
                  </Table.Tr>
                );
              })
            )}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {tuned ? <ThresholdsModal key={tuned.id} rule={tuned} onClose={() => setTuning(null)} /> : null}
    </Paper>
  );
}

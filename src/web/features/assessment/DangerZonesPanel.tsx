import { Accordion, Badge, Group, List, Paper, SimpleGrid, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconAlertTriangle, IconShieldCheck } from '@tabler/icons-react';
import {
  describeCondition,
  objectiveName,
  SEVERITY_COLORS,
  SEVERITY_LABELS,
  SEVERITY_MEANINGS,
  SEVERITY_ORDER,
} from './labels.ts';
import type { DangerZoneView } from './queries.ts';

/** The danger zones the deal is in, most severe first: what matched, what to do and what to ask. */
export function DangerZonesPanel({ zones }: { zones: readonly DangerZoneView[] }) {
  const groups = SEVERITY_ORDER.map((severity) => ({
    severity,
    zones: zones.filter((z) => z.severity === severity),
  })).filter((g) => g.zones.length > 0);
  return (
    <Paper p={{ base: 'md', sm: 'lg' }} data-testid="danger-zones">
      <Group justify="space-between" align="baseline" mb="sm">
        <Title order={2} size="h4">
          Danger zones
        </Title>
        <Text size="sm" c="dimmed">
          {zones.length === 0 ? 'None' : zones.length === 1 ? '1 zone' : `${zones.length} zones`}
        </Text>
      </Group>
      {zones.length === 0 ? (
        <Group gap="sm" wrap="nowrap" data-testid="no-danger-zones">
          <ThemeIcon color="teal" variant="light" radius="xl" size="lg">
            <IconShieldCheck size={20} />
          </ThemeIcon>
          <Text size="sm" c="dimmed">
            No known pattern of lost deals matches this one. Keep the knowledge fresh: the rules run again with every
            change.
          </Text>
        </Group>
      ) : (
        <Stack gap="lg">
          {groups.map((group) => (
            <section
              key={group.severity}
              aria-label={`${SEVERITY_LABELS[group.severity]} danger zones`}
              data-testid="severity-group"
              data-severity={group.severity}
            >
              <Group gap="xs" mb={6}>
                <Badge
                  color={SEVERITY_COLORS[group.severity]}
                  variant={group.severity === 'critical' ? 'filled' : 'light'}
                  leftSection={<IconAlertTriangle size={12} />}
                >
                  {SEVERITY_LABELS[group.severity]} · {group.zones.length}
                </Badge>
                <Text size="xs" c="dimmed">
                  {SEVERITY_MEANINGS[group.severity]}
                </Text>
              </Group>
              <Accordion
                multiple
                variant="separated"
                radius="md"
                defaultValue={group.severity === 'critical' ? group.zones.map((z) => z.id) : []}
                chevronPosition="left"
              >
                {group.zones.map((zone) => (
                  <ZoneItem key={zone.id} zone={zone} />
                ))}
              </Accordion>
            </section>
          ))}
        </Stack>
      )}
    </Paper>
  );
}

function ZoneItem({ zone }: { zone: DangerZoneView }) {
  return (
    <Accordion.Item value={zone.id} data-testid="danger-zone" data-zone={zone.id}>
      <Accordion.Control>
        <Text size="sm" fw={600}>
          {zone.name}
        </Text>
      </Accordion.Control>
      <Accordion.Panel>
        <Stack gap="sm">
          <Text size="xs" c="dimmed">
            {zone.objectives.map(objectiveName).join(' · ')}
          </Text>
          <div>
            <Text size="xs" fw={700} tt="uppercase" c="dimmed" mb={4} style={{ letterSpacing: 0.5 }}>
              What matched
            </Text>
            <List size="sm" spacing={2} data-testid="zone-matched">
              {zone.matched.map((m) => {
                const condition = describeCondition(m);
                return (
                  <List.Item key={`${m.signal} ${m.op}`}>
                    {condition.label}: <strong>{condition.actual}</strong>
                    {condition.rule ? <Text span c="dimmed" size="xs">{` (rule: ${condition.rule})`}</Text> : null}
                  </List.Item>
                );
              })}
            </List>
          </div>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <div>
              <Text size="xs" fw={700} tt="uppercase" c="dimmed" mb={4} style={{ letterSpacing: 0.5 }}>
                Actions
              </Text>
              <List size="sm" spacing={4} data-testid="zone-actions">
                {zone.actions.map((action) => (
                  <List.Item key={action}>{action}</List.Item>
                ))}
              </List>
            </div>
            <div>
              <Text size="xs" fw={700} tt="uppercase" c="dimmed" mb={4} style={{ letterSpacing: 0.5 }}>
                Questions to ask
              </Text>
              <List size="sm" spacing={4} data-testid="zone-questions">
                {zone.questions.map((question) => (
                  <List.Item key={question}>“{question}”</List.Item>
                ))}
              </List>
            </div>
          </SimpleGrid>
        </Stack>
      </Accordion.Panel>
    </Accordion.Item>
  );
}

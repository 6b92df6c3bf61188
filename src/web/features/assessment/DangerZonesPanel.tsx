import { Accordion, Alert, Badge, Group, List, Paper, SimpleGrid, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconAlertTriangle, IconShieldCheck } from '@tabler/icons-react';
import { UNKNOWNS_ZONE } from '../../../domain/assessment/headline.ts';
import { formatDateTime } from '../../shared/format.ts';
import { describeCondition, objectiveName, SEVERITY_COLORS, SEVERITY_LABELS, SEVERITY_MEANINGS } from './labels.ts';
import type { CommitOverrideView, DangerZoneView, ZoneGroupView, ZoneSummaryView } from './queries.ts';

/**
 * The danger zones the deal is in: at most three lead (most severe, then what they cost), the
 * "we don't know" zones gathered into one list of what is missing, the rest folded beneath.
 */
export function DangerZonesPanel({
  zones,
  summary,
  override,
}: {
  zones: readonly DangerZoneView[];
  summary: ZoneSummaryView;
  override: CommitOverrideView | null;
}) {
  const byId = new Map(zones.map((z) => [z.id, z]));
  const count = summary.headline.length + summary.more.length;
  const groupCard = (group: ZoneGroupView) => (
    <ZoneGroupCard key={group.id} group={group} zones={group.zoneIds.flatMap((id) => byId.get(id) ?? [])} />
  );
  return (
    <Paper p={{ base: 'md', sm: 'lg' }} data-testid="danger-zones">
      <Group justify="space-between" align="baseline" mb="sm">
        <Title order={2} size="h4">
          Danger zones
        </Title>
        <Text size="sm" c="dimmed">
          {count === 0 ? 'None' : count === 1 ? '1 zone' : `${count} zones`}
        </Text>
      </Group>
      {override ? (
        <Alert
          color="blue"
          variant="light"
          mb="sm"
          data-testid="commit-override"
          title="In commit on a manager's override"
        >
          <Text size="sm">
            {override.byName} committed this deal on {formatDateTime(override.at)} despite{' '}
            {override.zoneIds
              .map((id) => zones.find((z) => z.id === id)?.name.toLowerCase() ?? 'a zone since resolved')
              .join('; ')}
            : “{override.reason}”
          </Text>
        </Alert>
      ) : null}
      {count === 0 ? (
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
        <Stack gap="sm">
          <Stack gap="sm" data-testid="headline-zones">
            {summary.headline.map(groupCard)}
          </Stack>
          {summary.more.length > 0 ? (
            <Accordion variant="contained" radius="md" chevronPosition="left">
              <Accordion.Item value="more" data-testid="more-zones">
                <Accordion.Control>
                  <Text size="sm">
                    {summary.more.length} more, less pressing:{' '}
                    <Text span c="dimmed" size="sm">
                      {summary.more.map((g) => g.name).join(' · ')}
                    </Text>
                  </Text>
                </Accordion.Control>
                <Accordion.Panel>
                  <Stack gap="sm">{summary.more.map(groupCard)}</Stack>
                </Accordion.Panel>
              </Accordion.Item>
            </Accordion>
          ) : null}
        </Stack>
      )}
    </Paper>
  );
}

/** One zone as the page shows it: its severity, name and cost; for the unknowns, the list of what is missing. */
function ZoneGroupCard({ group, zones }: { group: ZoneGroupView; zones: readonly DangerZoneView[] }) {
  const gathered = group.id === UNKNOWNS_ZONE;
  return (
    <Paper withBorder radius="md" p="sm" data-testid="zone-group" data-group={group.id} data-severity={group.severity}>
      <Group gap="xs" wrap="nowrap" align="flex-start">
        <Badge
          color={SEVERITY_COLORS[group.severity]}
          variant={group.severity === 'critical' ? 'filled' : 'light'}
          leftSection={<IconAlertTriangle size={12} />}
          title={SEVERITY_MEANINGS[group.severity]}
          style={{ flexShrink: 0 }}
        >
          {SEVERITY_LABELS[group.severity]}
        </Badge>
        <div style={{ flex: 1, minWidth: 0 }}>
          <Text size="sm" fw={600}>
            {group.name}
          </Text>
          {group.cost >= 0.5 ? (
            <Text size="xs" c="dimmed" data-testid="zone-cost">
              What lies behind it costs this deal about {Math.round(group.cost)} points
            </Text>
          ) : null}
        </div>
      </Group>
      {gathered ? (
        <List size="sm" spacing={2} mt="xs" data-testid="zone-unknowns">
          {group.unknowns.map((unknown) => (
            <List.Item key={unknown}>{unknown}</List.Item>
          ))}
        </List>
      ) : null}
      <Accordion multiple variant="default" chevronPosition="left" mt={4}>
        {zones.map((zone) => (
          <ZoneItem key={zone.id} zone={zone} label={gathered ? zone.name : 'What matched, what to do, what to ask'} />
        ))}
      </Accordion>
    </Paper>
  );
}

function ZoneItem({ zone, label }: { zone: DangerZoneView; label: string }) {
  return (
    <Accordion.Item value={zone.id} data-testid="danger-zone" data-zone={zone.id}>
      <Accordion.Control>
        <Text size="sm" c="dimmed">
          {label}
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

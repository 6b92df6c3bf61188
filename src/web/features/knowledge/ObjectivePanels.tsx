import { Accordion, Badge, Box, Button, Grid, Group, List, Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconArrowUpRight, IconCheck, IconCompass, IconPlus, IconPoint } from '@tabler/icons-react';
import type { ObjectiveKnowledge } from '../../../contract/knowledge.ts';
import { useWorkspace, type Workspace } from './context.tsx';
import { FactGroupCard, UnrecordedFields } from './FactList.tsx';
import { LEVEL_WORDS, levelOf, POSITION_COLORS, positionOf } from './labels.ts';
import { useObjectives } from '../objectives/queries.ts';
import { QuestionRow } from './QuestionRow.tsx';
import { KnowledgeMeter, ObjectiveNumber, PositionChip } from './levels.tsx';
import { addableKinds, fieldsIn, groupFacts, itemsOfKind, kindOf, kindsAbout } from './schema-model.ts';

type ObjectivePanelsProps = {
  opened: string[];
  onOpened(keys: string[]): void;
};

/** The nine objectives, numbered, each with how well it is known, how it stands for us, and the evidence. */
export function ObjectivePanels({ opened, onOpened }: ObjectivePanelsProps) {
  const { knowledge } = useWorkspace();
  return (
    <Accordion
      multiple
      value={opened}
      onChange={onOpened}
      variant="separated"
      radius="md"
      chevronPosition="right"
      styles={{
        item: { background: 'var(--mantine-color-body)', border: '1px solid var(--mantine-color-gray-3)' },
        control: { paddingBlock: 0 },
      }}
      data-testid="objective-panels"
    >
      {knowledge.objectives.map((objective) => (
        <Accordion.Item
          key={objective.key}
          value={objective.key}
          id={`objective-${objective.key}`}
          data-testid="objective-panel"
          data-objective={objective.key}
          data-explored={objective.explored}
          style={objective.explored ? undefined : { borderStyle: 'dashed', background: 'var(--mantine-color-gray-0)' }}
        >
          <Accordion.Control
            aria-label={`${objective.number}. ${objective.name}: ${objective.explored ? `K${objective.knowledgeLevel} ${LEVEL_WORDS[levelOf(objective.knowledgeLevel)]}` : 'not yet explored'}`}
          >
            <ObjectiveHeading objective={objective} />
          </Accordion.Control>
          <Accordion.Panel>
            {opened.includes(objective.key) ? <ObjectiveBody objective={objective} /> : null}
          </Accordion.Panel>
        </Accordion.Item>
      ))}
    </Accordion>
  );
}

function summaryOf(o: ObjectiveKnowledge): string {
  if (!o.explored) return 'Nothing recorded yet';
  const parts = [o.facts.length === 0 ? 'No facts yet' : o.facts.length === 1 ? '1 fact' : `${o.facts.length} facts`];
  if (o.items.length > 0) parts.push(o.items.length === 1 ? '1 item' : `${o.items.length} items`);
  const stale = o.facts.filter((f) => !f.fresh && !f.isUnknown).length;
  const unknown = o.facts.filter((f) => f.isUnknown).length;
  if (unknown > 0) parts.push(`${unknown} unknown`);
  if (stale > 0) parts.push(`${stale} stale`);
  if (o.openQuestions.length > 0)
    parts.push(o.openQuestions.length === 1 ? '1 open question' : `${o.openQuestions.length} open questions`);
  return parts.join(' · ');
}

function ObjectiveHeading({ objective: o }: { objective: ObjectiveKnowledge }) {
  return (
    <Group justify="space-between" gap="sm" wrap="wrap" pr="xs" py={4}>
      <Group gap="sm" wrap="nowrap" style={{ minWidth: 0, flex: '1 1 260px' }}>
        <ObjectiveNumber number={o.number} level={o.knowledgeLevel} explored={o.explored} />
        <Stack gap={0} style={{ minWidth: 0 }}>
          <Text fw={650} size="sm" truncate>
            {o.name}
          </Text>
          <Text size="xs" c="dimmed" truncate>
            {summaryOf(o)}
          </Text>
        </Stack>
      </Group>
      <Group gap="md" wrap="wrap" ml={{ base: 40, sm: 0 }}>
        <Box w={{ base: 'auto', sm: 180 }}>
          {o.explored ? (
            <KnowledgeMeter level={o.knowledgeLevel} />
          ) : (
            <Badge
              color="gray"
              variant="outline"
              style={{ borderStyle: 'dashed' }}
              leftSection={<IconCompass size={12} />}
              data-testid="not-explored"
            >
              Not yet explored
            </Badge>
          )}
        </Box>
        <Box w={{ base: 'auto', sm: 220 }} style={{ display: 'flex', justifyContent: 'flex-end' }}>
          <PositionChip position={o.position} />
        </Box>
      </Group>
    </Group>
  );
}

function ObjectiveBody({ objective }: { objective: ObjectiveKnowledge }) {
  const ws = useWorkspace();
  const catalog = useObjectives();
  const whyItMatters = catalog.data?.items.find((o) => o.key === objective.key)?.whyItMatters;
  const groups = groupFacts(objective);
  const present = new Set(groups.map((g) => g.itemId));
  const presentKinds = new Set(groups.map((g) => g.kind));
  const singletons = kindsAbout(ws.schema, objective.key).filter((k) => k.singleton && !presentKinds.has(k.kind));
  // Stance and champion fields are about evaluators added under the buying group: name those not covered yet.
  const evaluatorFields = fieldsIn(kindOf(ws.schema, 'evaluator'), objective.key);
  const uncoveredEvaluators =
    objective.key === 'buying_group' || evaluatorFields.length === 0
      ? []
      : itemsOfKind(ws.knowledge, 'evaluator').filter((e) => !present.has(e.id));
  const addable = addableKinds(ws.schema, objective.key);

  return (
    <Stack gap="md" pt={4}>
      <Stack gap={4} maw={860}>
        <Text size="sm" c="dimmed">
          {objective.definition}
        </Text>
        {whyItMatters ? (
          <Text size="sm" c="dimmed">
            <Text span size="sm" fw={600} c="dark.3">
              Why it matters:
            </Text>{' '}
            {whyItMatters}
          </Text>
        ) : null}
      </Stack>
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 7, lg: 8 }}>
          <Stack gap="sm">
            <SectionTitle>What we know</SectionTitle>
            {objective.explored ? null : <NotExplored />}
            {groups.map((group) => (
              <FactGroupCard key={group.key} group={group} objective={objective.key} />
            ))}
            {singletons.map((kind) => (
              <Paper key={kind.kind} p="sm" radius="md" style={{ borderStyle: 'dashed' }} data-testid="empty-group">
                <Text fw={650} size="sm" mb={6}>
                  {kind.label}
                </Text>
                <UnrecordedFields
                  fields={fieldsIn(kind, objective.key)}
                  onRecord={(field) =>
                    ws.openFact({
                      objective: objective.key,
                      target: { kind: kind.kind, itemId: null },
                      field: field.key,
                    })
                  }
                />
              </Paper>
            ))}
            {uncoveredEvaluators.length > 0 ? (
              <Paper p="sm" radius="md" style={{ borderStyle: 'dashed' }}>
                <Text size="sm" fw={600} mb={6}>
                  Nothing recorded yet for
                </Text>
                <Group gap={6}>
                  {uncoveredEvaluators.map((e) =>
                    ws.readOnly ? (
                      <Badge key={e.id} color="gray" variant="outline">
                        {e.label}
                      </Badge>
                    ) : (
                      <Button
                        key={e.id}
                        size="compact-sm"
                        variant="default"
                        leftSection={<IconPlus size={12} />}
                        onClick={() =>
                          ws.openFact({ objective: objective.key, target: { kind: 'evaluator', itemId: e.id } })
                        }
                      >
                        {e.label}
                      </Button>
                    ),
                  )}
                </Group>
              </Paper>
            ) : null}
            {objective.key !== 'buying_group' &&
            evaluatorFields.length > 0 &&
            itemsOfKind(ws.knowledge, 'evaluator').length === 0 ? (
              <Text size="sm" c="dimmed">
                Add the evaluators under 3. Buying group first; then record each one&apos;s{' '}
                {objective.key === 'evaluator_stance' ? 'stance' : 'champion tests'} here.
              </Text>
            ) : null}
            {ws.readOnly ? null : (
              <Group gap="sm" mt={4}>
                {addable.map((kind) => (
                  <Button
                    key={kind.kind}
                    size="xs"
                    variant="light"
                    leftSection={<IconPlus size={14} />}
                    onClick={() => ws.openItem(kind.kind)}
                  >
                    Add {kind.label.toLowerCase()}
                  </Button>
                ))}
                <Button
                  size="xs"
                  variant="default"
                  leftSection={<IconPlus size={14} />}
                  onClick={() => ws.openFact({ objective: objective.key })}
                >
                  Record a fact
                </Button>
              </Group>
            )}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5, lg: 4 }}>
          <Stack gap="lg">
            <Reasons objective={objective} />
            <OpenQuestions objective={objective} workspace={ws} />
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

function SectionTitle({ children }: { children: string }) {
  return (
    <Title order={3} size="xs" c="dimmed" tt="uppercase" fw={700} style={{ letterSpacing: 0.5 }}>
      {children}
    </Title>
  );
}

function NotExplored() {
  return (
    <Paper p="md" radius="md" bg="gray.0" style={{ borderStyle: 'dashed' }} data-testid="not-explored-notice">
      <Group gap="sm" wrap="nowrap" align="flex-start">
        <ThemeIcon variant="light" color="gray" radius="xl">
          <IconCompass size={18} />
        </ThemeIcon>
        <Stack gap={2}>
          <Text size="sm" fw={600}>
            Not yet explored
          </Text>
          <Text size="sm" c="dimmed">
            Nobody has recorded anything here, not even an unknown. The questions on the right are a good way to start.
          </Text>
        </Stack>
      </Group>
    </Paper>
  );
}

/** Why the objective sits at its level, what the next level needs, and why the position is what it is. */
function Reasons({ objective }: { objective: ObjectiveKnowledge }) {
  const k = levelOf(objective.knowledgeLevel);
  const met = objective.knowledgeReasons.filter((r) => !r.startsWith('Next level'));
  const next = objective.knowledgeReasons.filter((r) => r.startsWith('Next level'));
  return (
    <Stack gap="xs" data-testid="reasons">
      <SectionTitle>{`Why K${k} ${LEVEL_WORDS[k]}`}</SectionTitle>
      {met.length === 0 && next.length === 0 ? (
        <Text size="sm" c="dimmed">
          Nothing is known yet.
        </Text>
      ) : null}
      <List spacing={4} size="sm" center={false} listStyleType="none" styles={{ root: { paddingInlineStart: 0 } }}>
        {met.map((reason) => (
          <List.Item
            key={reason}
            icon={
              k === 0 ? (
                <IconPoint size={14} color="var(--mantine-color-gray-5)" style={{ marginTop: 3 }} />
              ) : (
                <IconCheck size={14} color="var(--mantine-color-teal-6)" style={{ marginTop: 3 }} />
              )
            }
          >
            {capitalize(reason)}
          </List.Item>
        ))}
        {next.map((reason) => (
          <List.Item
            key={reason}
            icon={<IconArrowUpRight size={14} color="var(--mantine-color-brand-6)" style={{ marginTop: 3 }} />}
          >
            <Text span size="sm" fw={600} c="brand.8">
              Next level:
            </Text>{' '}
            {reason.replace(/^Next level:\s*/, '')}
          </List.Item>
        ))}
      </List>
      {objective.position !== null && objective.positionReasons.length > 0 ? (
        <>
          <SectionTitle>Position</SectionTitle>
          <List spacing={4} size="sm" center={false} listStyleType="none" styles={{ root: { paddingInlineStart: 0 } }}>
            {objective.positionReasons.map((reason) => (
              <List.Item
                key={reason}
                icon={
                  <IconPoint
                    size={14}
                    fill={`var(--mantine-color-${POSITION_COLORS[positionOf(objective.position ?? 0)].color}-6)`}
                    color={`var(--mantine-color-${POSITION_COLORS[positionOf(objective.position ?? 0)].color}-6)`}
                    style={{ marginTop: 3 }}
                  />
                }
              >
                {capitalize(reason)}
              </List.Item>
            ))}
          </List>
        </>
      ) : null}
    </Stack>
  );
}

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** The questions that would raise the level, and whom to ask. */
function OpenQuestions({ objective, workspace: ws }: { objective: ObjectiveKnowledge; workspace: Workspace }) {
  return (
    <Stack gap="xs" data-testid="open-questions">
      <SectionTitle>{objective.explored ? 'Open questions' : 'Questions to start with'}</SectionTitle>
      {objective.openQuestions.length === 0 ? (
        <Text size="sm" c="dimmed">
          Nothing unknown, assumed or stale here.
        </Text>
      ) : (
        <Stack gap="sm">
          {objective.openQuestions.map((gap, i) => (
            <QuestionRow
              key={`${gap.kind}-${gap.itemId ?? ''}-${gap.field ?? ''}-${i}`}
              gap={gap}
              workspace={ws}
              showKind={objective.explored}
            />
          ))}
        </Stack>
      )}
    </Stack>
  );
}

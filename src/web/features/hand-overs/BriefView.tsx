import { Badge, Blockquote, Button, Group, List, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { HandOverBrief } from '../../../contract/hand-overs.ts';
import { EVIDENCE_SOURCE_LABELS } from '../../../domain/knowledge/evidence.ts';
import { formatDate, formatMoney } from '../../shared/format.ts';
import { SEVERITY_COLORS, SEVERITY_LABELS } from '../assessment/labels.ts';

type Evidence = HandOverBrief['known'][number]['facts'][number]['evidence'];

const TIMELINE_FIRST = 8;

function EvidenceLine({ evidence }: { evidence: Evidence }) {
  return (
    <Text size="xs" c="dimmed">
      {evidence.text ? <q>{evidence.text}</q> : null}
      {evidence.text ? ' — ' : ''}
      {evidence.contactName ? `${evidence.contactName}, ` : ''}
      {EVIDENCE_SOURCE_LABELS[evidence.source].toLowerCase()}, {formatDate(evidence.observedAt)}; recorded by{' '}
      {evidence.recordedByName}
    </Text>
  );
}

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <Stack gap={6} component="section" aria-label={title}>
      <Title order={4} size="h6">
        {title}
      </Title>
      {children}
    </Stack>
  );
}

const None = ({ children }: { children: React.ReactNode }) => (
  <Text size="sm" c="dimmed">
    {children}
  </Text>
);

const FACTS_FIRST = 4;

/** One objective's known facts with their evidence: the first few, the rest on request. */
function KnownObjective({ objective: o }: { objective: HandOverBrief['known'][number] }) {
  const [all, setAll] = useState(false);
  const shown = all ? o.facts : o.facts.slice(0, FACTS_FIRST);
  return (
    <Stack gap={4}>
      <Text size="sm" fw={600}>
        {o.name}{' '}
        <Text span size="xs" c="dimmed" fw={400}>
          level {o.knowledgeLevel} of 4 · {o.facts.length} {o.facts.length === 1 ? 'thing' : 'things'} known
        </Text>
      </Text>
      <List size="sm" spacing={4}>
        {shown.map((f, k) => (
          <List.Item key={k}>
            <Text size="sm">
              {f.subject}: <strong>{f.value}</strong>
            </Text>
            <EvidenceLine evidence={f.evidence} />
          </List.Item>
        ))}
      </List>
      {o.facts.length > FACTS_FIRST ? (
        <Button variant="subtle" size="compact-xs" w="fit-content" onClick={() => setAll((v) => !v)}>
          {all ? 'Show fewer' : `Show ${o.facts.length - FACTS_FIRST} more`}
        </Button>
      ) : null}
    </Stack>
  );
}

/** The brief as it was written at hand-over time, section by section. */
export function BriefView({ brief }: { brief: HandOverBrief }) {
  const [allTimeline, setAllTimeline] = useState(false);
  const timeline = allTimeline ? brief.timeline : brief.timeline.slice(0, TIMELINE_FIRST);
  const d = brief.deal;
  return (
    <Stack gap="lg" data-testid="hand-over-brief">
      <Text size="sm" c="dimmed">
        Then: {d.stageName} · {formatMoney(d.amount.amountMinor, d.amount.currency)} · closing{' '}
        {formatDate(d.expectedCloseDate)}
        {d.winProbability === null ? '' : ` · win probability ${Math.round(d.winProbability * 100)} %`}
      </Text>

      <Section title="What we know">
        {brief.known.length === 0 ? <None>Nothing had been recorded about this deal.</None> : null}
        {brief.known.map((o) => (
          <KnownObjective key={o.objective} objective={o} />
        ))}
      </Section>

      <Section title="What we don't know">
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Stack gap={4}>
            <Text size="sm" fw={600}>
              Asked, answered “unknown”
            </Text>
            {brief.unknown.length === 0 ? <None>None.</None> : null}
            <List size="sm" spacing={2}>
              {brief.unknown.map((g, k) => (
                <List.Item key={k}>
                  {g.label}{' '}
                  <Text span size="xs" c="dimmed">
                    ({g.objectiveName}) — {g.question}
                  </Text>
                </List.Item>
              ))}
            </List>
          </Stack>
          <Stack gap={4}>
            <Text size="sm" fw={600}>
              Not yet explored
            </Text>
            {brief.notExplored.length === 0 ? <None>Every objective had been explored.</None> : null}
            <List size="sm" spacing={2}>
              {brief.notExplored.map((g, k) => (
                <List.Item key={k}>
                  {g.label}{' '}
                  <Text span size="xs" c="dimmed">
                    — {g.question}
                  </Text>
                </List.Item>
              ))}
            </List>
          </Stack>
        </SimpleGrid>
      </Section>

      <Section title="The buying group">
        {brief.people.length === 0 ? (
          <None>No one of the buying group had been recorded.</None>
        ) : (
          <Table.ScrollContainer minWidth={560}>
            <Table withTableBorder>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Person</Table.Th>
                  <Table.Th>Roles</Table.Th>
                  <Table.Th>Influence</Table.Th>
                  <Table.Th>Attitude</Table.Th>
                  <Table.Th>Favours</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {brief.people.map((p, k) => (
                  <Table.Tr key={k}>
                    <Table.Td>
                      {p.name}
                      {p.title ? (
                        <Text size="xs" c="dimmed">
                          {p.title}
                        </Text>
                      ) : null}
                      {p.isEconomicBuyer ? (
                        <Badge size="xs" variant="light" mt={2}>
                          Economic buyer
                        </Badge>
                      ) : null}
                    </Table.Td>
                    <Table.Td>{p.roles.join(', ') || '—'}</Table.Td>
                    <Table.Td>{p.influence ?? 'Unknown'}</Table.Td>
                    <Table.Td>{p.attitude ?? 'Unknown'}</Table.Td>
                    <Table.Td>{p.favours ?? 'Unknown'}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Section>

      <Section title="Danger zones">
        {brief.zones.length === 0 ? <None>The deal was in no danger zone.</None> : null}
        {brief.zones.map((z, k) => (
          <Group key={k} gap="xs" wrap="nowrap" align="flex-start">
            <Badge color={SEVERITY_COLORS[z.severity]} variant="light" miw={72}>
              {SEVERITY_LABELS[z.severity]}
            </Badge>
            <Text size="sm">
              {z.name}
              {z.unknowns.length > 0 ? (
                <Text span size="xs" c="dimmed">
                  {' '}
                  — {z.unknowns.join('; ')}
                </Text>
              ) : null}
            </Text>
          </Group>
        ))}
      </Section>

      <Section title="Agreed actions">
        {brief.actions.length === 0 ? <None>No open actions.</None> : null}
        <List size="sm" spacing={2}>
          {brief.actions.map((a, k) => (
            <List.Item key={k}>
              {a.text}{' '}
              <Text span size="xs" c={a.isOverdue ? 'red' : 'dimmed'}>
                — {a.ownerName}, due {formatDate(a.dueDate)}
                {a.isOverdue ? ' (overdue)' : ''}
              </Text>
            </List.Item>
          ))}
        </List>
      </Section>

      <Section title="Timeline of what was learned">
        {brief.timeline.length === 0 ? <None>Nothing had been learned yet.</None> : null}
        <Stack gap={6}>
          {timeline.map((t, k) => (
            <Blockquote key={k} p="xs" color="gray" styles={{ root: { borderInlineStartWidth: 2 } }}>
              <Text size="sm">
                <Text span size="xs" c="dimmed">
                  {formatDate(t.at.slice(0, 10))} · {t.byName} · {t.action}
                </Text>{' '}
                {t.what}
                {t.value ? `: ${t.value}` : ''}
              </Text>
              {t.evidence ? <EvidenceLine evidence={t.evidence} /> : null}
            </Blockquote>
          ))}
        </Stack>
        {brief.timeline.length > TIMELINE_FIRST ? (
          <Button variant="subtle" size="xs" onClick={() => setAllTimeline((v) => !v)} w="fit-content">
            {allTimeline ? 'Show the latest only' : `Show all ${brief.timeline.length}`}
          </Button>
        ) : null}
        {brief.timelineTotal > brief.timeline.length ? (
          <Text size="xs" c="dimmed">
            The brief kept the {brief.timeline.length} latest of {brief.timelineTotal}; the deal's history has them all.
          </Text>
        ) : null}
      </Section>
    </Stack>
  );
}

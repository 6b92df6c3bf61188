import { Badge, Collapse, Group, Paper, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import { IconChevronRight, IconQuote } from '@tabler/icons-react';
import { useId, useState } from 'react';
import { EVIDENCE_SOURCE_LABELS, type EvidenceSource } from '../../../domain/knowledge/evidence.ts';
import { DivergingBar } from '../../shared/DivergingBar.tsx';
import { formatDate } from '../../shared/format.ts';
import { EvidenceQuote } from '../knowledge/Evidence.tsx';
import classes from './assessment.module.css';
import { featureLabel, formatPercent, formatPoints, isContextFeature } from './labels.ts';
import type { AssessmentView, Contribution, ContributionEvidence } from './queries.ts';

/**
 * Why the probability is what it is: every reason as a bar in probability points, for the deal to
 * the right and against it to the left, starting from the organization's base rate. Each reason
 * opens to the customer's own words behind it.
 */
export function WhyPanel({ assessment: a }: { assessment: AssessmentView }) {
  const [open, setOpen] = useState<string[]>([]);
  const total = a.contributions.reduce((sum, c) => sum + c.points, 0);
  const baseRate = a.winProbability - total / 100;
  const largest = Math.max(1, ...a.contributions.map((c) => Math.abs(c.points)));
  const toggle = (feature: string) => setOpen((keys) => (keys.includes(feature) ? keys.filter((k) => k !== feature) : [...keys, feature]));
  return (
    <Paper p={{ base: 'md', sm: 'lg' }} data-testid="why-panel">
      <Title order={2} size="h4">
        Why {formatPercent(a.winProbability)}
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        Deals like this start at the base rate of {formatPercent(baseRate)}, the share of your organization’s closed deals that were won. Each reason below adds or removes
        points; together they make {formatPercent(a.winProbability)}. Open a reason to see the evidence.
      </Text>
      {a.contributions.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid="why-empty">
          Nothing known about this deal moves it away from the base rate yet. Log what the customer says on the Knowledge tab.
        </Text>
      ) : (
        <>
          <Group justify="space-between" className={classes.reason} style={{ paddingBlock: 0 }} aria-hidden>
            <span />
            <Group justify="space-between" wrap="nowrap">
              <Text size="xs" c="red.8" fw={600}>
                ← against
              </Text>
              <Text size="xs" c="teal.8" fw={600}>
                for →
              </Text>
            </Group>
          </Group>
          <Stack gap={2} component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
            {a.contributions.map((c) => (
              <ReasonRow key={c.feature} contribution={c} largest={largest} isOpen={open.includes(c.feature)} onToggle={() => toggle(c.feature)} />
            ))}
          </Stack>
        </>
      )}
    </Paper>
  );
}

function ReasonRow({ contribution: c, largest, isOpen, onToggle }: { contribution: Contribution; largest: number; isOpen: boolean; onToggle(): void }) {
  const panelId = useId();
  const isCap = c.feature.startsWith('cap:');
  return (
    <li data-testid="contribution" data-feature={c.feature}>
      <UnstyledButton className={classes.reason} onClick={onToggle} aria-expanded={isOpen} aria-controls={panelId} aria-label={`${featureLabel(c.feature)}: ${formatPoints(c.points, ' points')}${c.evidence.length > 0 ? `, ${c.evidence.length === 1 ? '1 piece' : `${c.evidence.length} pieces`} of evidence` : ''}`}>
        <Group gap={6} wrap="nowrap" style={{ minWidth: 0 }}>
          <IconChevronRight size={14} style={{ flexShrink: 0, transition: 'transform 150ms', transform: isOpen ? 'rotate(90deg)' : undefined }} aria-hidden />
          <Text size="sm" fw={550} lh={1.3}>
            {featureLabel(c.feature)}
            {c.evidence.length > 0 ? (
              <Badge size="xs" variant="light" color="gray" ml={6} style={{ verticalAlign: 1 }} leftSection={<IconQuote size={10} />}>
                {c.evidence.length}
              </Badge>
            ) : null}
          </Text>
        </Group>
        <DivergingBar value={c.points} largest={largest} label={formatPoints(c.points)} hatched={isCap} />
      </UnstyledButton>
      <Collapse expanded={isOpen} id={panelId} keepMounted={false}>
        <Stack gap="xs" pl={30} pr="sm" pb="sm" pt={4} data-testid="contribution-detail">
          <Text size="sm">{c.reason}.</Text>
          {c.evidence.length > 0 ? (
            c.evidence.map((e, i) => <EvidenceItem key={i} evidence={e} />)
          ) : (
            <Text size="sm" c="dimmed" fs="italic" data-testid="no-evidence">
              {isContextFeature(c.feature) || ['upsell', 'newLogo', 'closeDatePushes'].includes(c.feature)
                ? 'This comes from the deal itself (its type, the customer, its dates), not from anything a buyer said.'
                : isCap
                  ? 'The cap follows from the reasons above.'
                  : 'Nothing has been recorded here yet: this reason counts what we do not know.'}
            </Text>
          )}
        </Stack>
      </Collapse>
    </li>
  );
}

function sourceLabel(source: string): string {
  return EVIDENCE_SOURCE_LABELS[source as EvidenceSource] ?? source;
}

function EvidenceItem({ evidence: e }: { evidence: ContributionEvidence }) {
  return (
    <div className={classes.evidence} data-testid="evidence">
      <Text size="xs" fw={600}>
        {e.about} — {e.statement}
      </Text>
      <EvidenceQuote text={e.quote} />
      <Text size="xs" c="dimmed" data-testid="evidence-meta">
        {[e.contactName ? `Said by ${e.contactName}` : null, sourceLabel(e.source), formatDate(e.observedAt)].filter(Boolean).join(' · ')}
      </Text>
    </div>
  );
}

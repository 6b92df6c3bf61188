import {
  Alert,
  Anchor,
  Badge,
  Collapse,
  Group,
  Paper,
  Stack,
  Text,
  Title,
  Tooltip,
  UnstyledButton,
} from '@mantine/core';
import {
  IconArrowUpRight,
  IconChevronRight,
  IconHistory,
  IconLock,
  IconQuote,
  IconShieldCheck,
} from '@tabler/icons-react';
import { useId, useState } from 'react';
import { Link } from 'react-router';
import { EVIDENCE_SOURCE_LABELS, type EvidenceSource } from '../../../domain/knowledge/evidence.ts';
import { DivergingBar } from '../../shared/DivergingBar.tsx';
import { formatDate } from '../../shared/format.ts';
import { EvidenceQuote } from '../knowledge/Evidence.tsx';
import { knowledgeLink } from '../knowledge/focus.ts';
import classes from './assessment.module.css';
import { featureLabel, formatPercent, formatPoints, guardrailLabel, wholePointsAddingUp } from './labels.ts';
import { ScoreCurve } from './ScoreCurve.tsx';
import { useModel, type ModelView } from '../model/queries.ts';
import type { AssessmentView, Contribution, ContributionEvidence } from './queries.ts';

type Kind = Contribution['kind'];

const GROUPS: ReadonlyArray<{ kind: Kind; title: string | null; note: string | null }> = [
  { kind: 'knowledge', title: 'From what we know', note: null },
  {
    kind: 'context',
    title: 'From your history of similar deals',
    note: 'How deals of this type, customer and size have gone for your organization: nothing a buyer said.',
  },
];

/**
 * Where every deal starts, in words that agree with the model card: the expert prior starts from
 * the organization's own win rate; a fitted model from its learned starting point, which is not the
 * win rate, so the win record is given beside it rather than passed off as the same figure.
 */
function startingPoint(a: AssessmentView, model: ModelView | undefined): string {
  const start = formatPercent(a.baseRate);
  const card = model?.version === a.modelVersion ? model.card : null;
  if (!card) {
    return model?.kind === 'fitted'
      ? `Deals start at ${start}, the starting point of the model learned from your closed deals.`
      : `Deals start at ${start}, your organization’s win rate on closed deals.`;
  }
  return `Deals start at ${start}, the starting point of the model learned from your ${card.trainingSize} closed deals (${card.wonCount} of them won, ${formatPercent(card.wonCount / card.trainingSize)}).`;
}

/**
 * Why the probability is what it is, as a scorecard: the deal starts at the base rate (0 points);
 * every reason adds or removes points ({pointsPerDoubling} points double the odds), for the deal to
 * the right and against it to the left, and a reason's points depend on that reason alone. The
 * points add up to a total, one curve turns the total into a probability, and a guardrail may hold
 * it, said in words. Reasons from what we know come first and open to the customer's own words
 * behind them; reasons from the deal's context (how similar deals went) come apart, in a softer colour.
 */
export function WhyPanel({ assessment: a }: { assessment: AssessmentView }) {
  const model = useModel();
  const [open, setOpen] = useState<string[]>([]);
  const { shown, total } = wholePointsAddingUp(a.contributions.map((c) => c.points));
  const shownOf = new Map(a.contributions.map((c, i) => [c.feature, shown[i]!]));
  const largest = Math.max(1, ...shown.map((p) => Math.abs(p)), Math.abs(total));
  const toggle = (feature: string) =>
    setOpen((keys) => (keys.includes(feature) ? keys.filter((k) => k !== feature) : [...keys, feature]));
  const groups = GROUPS.map((g) => ({ ...g, items: a.contributions.filter((c) => c.kind === g.kind) })).filter(
    (g) => g.items.length > 0,
  );
  return (
    <Paper p={{ base: 'md', sm: 'lg' }} data-testid="why-panel">
      <Title order={2} size="h4">
        Why {formatPercent(a.winProbability)}
      </Title>
      <Text size="sm" c="dimmed" mb="md" data-testid="base-rate">
        {startingPoint(a, model.data)} That is 0 points. Each reason below adds or removes points, and{' '}
        {a.pointsPerDoubling} points double the odds of winning, so a reason counts the same whatever else is known.
        Open a reason to see the evidence.
      </Text>
      {a.contributions.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid="why-empty">
          Nothing known about this deal moves it away from the base rate yet. Log what the customer says on the
          Knowledge tab.
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
          <Stack gap="sm">
            {groups.map((group) => (
              <section
                key={group.kind}
                aria-label={group.title ?? undefined}
                data-testid="reason-group"
                data-kind={group.kind}
              >
                {groups.length > 1 && group.title ? (
                  <Group gap={6} px={8} mb={2} wrap="nowrap" align="baseline">
                    {group.kind === 'context' ? (
                      <IconHistory
                        size={14}
                        color="var(--mantine-color-dimmed)"
                        style={{ flexShrink: 0, alignSelf: 'center' }}
                        aria-hidden
                      />
                    ) : null}
                    <Text size="xs" fw={700} tt="uppercase" c="dimmed" style={{ letterSpacing: 0.5 }}>
                      {group.title}
                    </Text>
                  </Group>
                ) : null}
                {group.note && groups.length > 1 ? (
                  <Text size="xs" c="dimmed" px={8} mb={4}>
                    {group.note}
                  </Text>
                ) : null}
                <Stack gap={2} component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
                  {group.items.map((c) => (
                    <ReasonRow
                      key={c.feature}
                      contribution={c}
                      shownPoints={shownOf.get(c.feature) ?? 0}
                      largest={largest}
                      isOpen={open.includes(c.feature)}
                      onToggle={() => toggle(c.feature)}
                    />
                  ))}
                </Stack>
              </section>
            ))}
          </Stack>
          <div
            className={classes.reason}
            data-testid="total-points"
            style={{ borderTop: '1px solid var(--mantine-color-gray-3)', borderRadius: 0, marginTop: 6 }}
          >
            <Text size="sm" fw={750}>
              Total: {formatPoints(total, ' points')}
            </Text>
            <DivergingBar value={total} largest={largest} label={formatPoints(total)} />
          </div>
        </>
      )}
      <Outcome assessment={a} totalShown={total} />
    </Paper>
  );
}

/**
 * From the total to the figure: the curve the points follow, and the guardrail when one holds the
 * figure (a cap above it, or the floor under a deal nothing rules out), in words.
 */
function Outcome({ assessment: a, totalShown }: { assessment: AssessmentView; totalShown: number }) {
  const limit = a.cap ?? a.floor;
  return (
    <Stack gap="xs" mt="md">
      <Text size="sm" data-testid="points-to-probability">
        {formatPoints(totalShown, ' points')} from {formatPercent(a.baseRate)} give{' '}
        <Text span fw={700}>
          {formatPercent(a.uncappedProbability)}
        </Text>{' '}
        on the curve below
        {limit ? '; a guardrail then holds it.' : ': the win probability.'}
      </Text>
      <ScoreCurve
        baseRate={a.baseRate}
        totalPoints={a.totalPoints}
        pointsPerDoubling={a.pointsPerDoubling}
        winProbability={a.winProbability}
      />
      {a.cap ? (
        <Alert
          color="red"
          variant="light"
          icon={<IconLock size={18} />}
          title={`${guardrailLabel(a.cap.key)}: held at ${formatPercent(a.cap.limit)}`}
          data-testid="guardrail"
          data-key={a.cap.key}
        >
          <Text size="sm">
            {a.cap.reason}. Whatever the points say, the probability stays at {formatPercent(a.cap.limit)} or below
            until this changes.
          </Text>
        </Alert>
      ) : null}
      {a.floor ? (
        <Alert
          color="gray"
          variant="light"
          icon={<IconShieldCheck size={18} />}
          title={`${guardrailLabel(a.floor.key)}: held at ${formatPercent(a.floor.limit)}`}
          data-testid="guardrail"
          data-key={a.floor.key}
        >
          <Text size="sm">
            {a.floor.reason}. Only a disqualifier (taken off the shortlist, or failing a must-have) takes a deal lower.
          </Text>
        </Alert>
      ) : null}
    </Stack>
  );
}

const LOOKS: Record<Kind, 'solid' | 'soft'> = { knowledge: 'solid', context: 'soft' };

function ReasonRow({
  contribution: c,
  shownPoints,
  largest,
  isOpen,
  onToggle,
}: {
  contribution: Contribution;
  /** its points as shown: whole, and adding up to the total shown */
  shownPoints: number;
  largest: number;
  isOpen: boolean;
  onToggle(): void;
}) {
  const panelId = useId();
  const pieces = c.evidence.length === 1 ? '1 piece' : `${c.evidence.length} pieces`;
  return (
    <li data-testid="contribution" data-feature={c.feature} data-kind={c.kind}>
      <UnstyledButton
        className={classes.reason}
        onClick={onToggle}
        aria-expanded={isOpen}
        aria-controls={panelId}
        aria-label={`${featureLabel(c.feature)}${c.kind === 'context' ? ' (from your history of similar deals)' : ''}: ${formatPoints(shownPoints, ' points')}${c.evidence.length > 0 ? `, ${pieces} of evidence` : ''}`}
      >
        <Group gap={6} wrap="nowrap" style={{ minWidth: 0 }}>
          <IconChevronRight
            size={14}
            style={{ flexShrink: 0, transition: 'transform 150ms', transform: isOpen ? 'rotate(90deg)' : undefined }}
            aria-hidden
          />
          <Text size="sm" fw={550} lh={1.3} c={c.kind === 'context' ? 'dark.4' : undefined}>
            {featureLabel(c.feature)}
            {c.evidence.length > 0 ? (
              <Badge
                size="xs"
                variant="light"
                color="gray"
                ml={6}
                style={{ verticalAlign: 1 }}
                leftSection={<IconQuote size={10} />}
              >
                {c.evidence.length}
              </Badge>
            ) : null}
          </Text>
        </Group>
        <DivergingBar value={shownPoints} largest={largest} label={formatPoints(shownPoints)} look={LOOKS[c.kind]} />
      </UnstyledButton>
      <Collapse expanded={isOpen} id={panelId} keepMounted={false}>
        <Stack gap="xs" pl={30} pr="sm" pb="sm" pt={4} data-testid="contribution-detail">
          <Text size="sm">{c.reason}.</Text>
          {c.evidence.length > 0 ? (
            c.evidence.map((e, i) => <EvidenceItem key={`${e.factId ?? e.itemId}-${i}`} evidence={e} />)
          ) : (
            <Text size="sm" c="dimmed" fs="italic" data-testid="no-evidence">
              {c.kind === 'context'
                ? 'This comes from the deal itself (its type, the customer, its size, its dates) and how similar deals went, not from anything a buyer said.'
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
      <Group gap="xs" justify="space-between" wrap="nowrap" align="flex-start">
        <Text size="xs" fw={600}>
          {e.about} — {e.statement}
        </Text>
        <Tooltip label="Open it on the Knowledge tab">
          <Anchor
            component={Link}
            to={knowledgeLink(e.factId ? { factId: e.factId } : { itemId: e.itemId })}
            size="xs"
            style={{ flexShrink: 0, whiteSpace: 'nowrap' }}
            data-testid="evidence-link"
            aria-label={`Open “${e.about} — ${e.statement}” on the Knowledge tab`}
          >
            On Knowledge
            <IconArrowUpRight size={12} style={{ verticalAlign: -1 }} aria-hidden />
          </Anchor>
        </Tooltip>
      </Group>
      <EvidenceQuote text={e.quote} />
      <Text size="xs" c="dimmed" data-testid="evidence-meta">
        {[e.contactName ? `Said by ${e.contactName}` : null, sourceLabel(e.source), formatDate(e.observedAt)]
          .filter(Boolean)
          .join(' · ')}
      </Text>
    </div>
  );
}

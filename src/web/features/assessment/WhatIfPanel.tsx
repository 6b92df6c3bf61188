import {
  Alert,
  Badge,
  Button,
  Grid,
  Group,
  Loader,
  Paper,
  Select,
  Skeleton,
  Stack,
  Switch,
  Text,
  Title,
} from '@mantine/core';
import { IconFlask, IconInfoCircle } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import type { Opportunity } from '../../../contract/opportunities.ts';
import { isApiError, messageOf } from '../../app/api.ts';
import { useKnowledge, useKnowledgeSchema } from '../knowledge/queries.ts';
import { formatPercent, formatPoints } from './labels.ts';
import { useWhatIf, type AssessmentView, type WhatIfResult } from './queries.ts';
import {
  buildWhatIf,
  errorsBySource,
  factsSetByMoves,
  openFacts,
  whatIfMoves,
  type OpenFact,
  type WhatIfMove,
} from './what-if-model.ts';

/**
 * Try the recommended moves and the open facts before anyone makes a call: the probability and
 * the danger zones as they would be. Nothing is written; the toggles reset on leaving the page.
 */
export function WhatIfPanel({ opportunity, assessment }: { opportunity: Opportunity; assessment: AssessmentView }) {
  const schema = useKnowledgeSchema();
  const knowledge = useKnowledge(opportunity.id, null);
  const [on, setOn] = useState<ReadonlySet<string>>(new Set());
  const [chosen, setChosen] = useState<Record<string, string>>({});

  const controls = useMemo(() => {
    if (!schema.data || !knowledge.data) return null;
    const input = { schema: schema.data, knowledge: knowledge.data, recommendations: assessment.recommendations };
    return { moves: whatIfMoves(input), open: openFacts(input) };
  }, [schema.data, knowledge.data, assessment.recommendations]);

  const request = controls ? buildWhatIf(controls.moves, on, controls.open, chosen) : null;
  const whatIf = useWhatIf(opportunity.id, request ? request.body : null);
  const fieldErrors = request && isApiError(whatIf.error) ? errorsBySource(whatIf.error.fields, request) : {};
  const decidedByMoves = controls ? factsSetByMoves(controls.moves, on) : new Set<string>();

  const reset = () => {
    setOn(new Set());
    setChosen({});
  };
  const toggle = (id: string, checked: boolean) =>
    setOn((current) => {
      const next = new Set(current);
      if (checked) next.add(id);
      else next.delete(id);
      return next;
    });
  const choose = (key: string, value: string | null) =>
    setChosen((current) => {
      const { [key]: _dropped, ...rest } = current;
      return value === null ? rest : { ...rest, [key]: value };
    });

  return (
    <Paper p={{ base: 'md', sm: 'lg' }} data-testid="what-if">
      <Group justify="space-between" align="flex-start" mb={4}>
        <Group gap={8}>
          <IconFlask size={20} color="var(--mantine-color-brand-6)" aria-hidden />
          <Title order={2} size="h4">
            What if…
          </Title>
        </Group>
        {request ? (
          <Button size="compact-sm" variant="subtle" onClick={reset}>
            Reset
          </Button>
        ) : null}
      </Group>
      <Text size="sm" c="dimmed" mb="md">
        Switch on a move or pick what an open fact might turn out to be, and see the probability as it would be.
      </Text>

      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 4 }}>
          <div style={{ position: 'sticky', top: 76 }}>
            <WhatIfResultBox
              hasRequest={request !== null}
              result={request ? whatIf.data : undefined}
              isFetching={whatIf.isFetching}
              error={whatIf.error}
              zones={assessment.dangerZones}
            />
            <Group gap={6} mt={8} wrap="nowrap" align="flex-start" data-testid="what-if-note">
              <IconInfoCircle
                size={14}
                color="var(--mantine-color-dimmed)"
                style={{ flexShrink: 0, marginTop: 2 }}
                aria-hidden
              />
              <Text size="xs" c="dimmed">
                Nothing is saved: this is a simulation only. To change the deal, log what the customer actually says on
                the Knowledge tab.
              </Text>
            </Group>
          </div>
        </Grid.Col>
        {!controls ? (
          <Grid.Col span={{ base: 12, md: 8 }}>
            {schema.isError || knowledge.isError ? (
              <Alert color="red" variant="light" title="The open facts could not be loaded">
                {messageOf(schema.error ?? knowledge.error)}
              </Alert>
            ) : (
              <Stack gap="sm" aria-label="Loading" aria-busy>
                <Skeleton height={24} />
                <Skeleton height={24} />
                <Skeleton height={36} />
              </Stack>
            )}
          </Grid.Col>
        ) : (
          <>
            <Grid.Col span={{ base: 12, sm: 6, md: 4 }}>
              <MoveSwitches
                moves={controls.moves}
                recommended={assessment.recommendations.length}
                on={on}
                onToggle={toggle}
                errors={fieldErrors}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6, md: 4 }}>
              <OpenFactSelects
                facts={controls.open}
                chosen={chosen}
                decided={decidedByMoves}
                onChoose={choose}
                errors={fieldErrors}
              />
            </Grid.Col>
          </>
        )}
      </Grid>
    </Paper>
  );
}

function SectionLabel({ children }: { children: string }) {
  return (
    <Text size="xs" fw={700} tt="uppercase" c="dimmed" mb={8} style={{ letterSpacing: 0.5 }}>
      {children}
    </Text>
  );
}

type MoveSwitchesProps = {
  moves: readonly WhatIfMove[];
  recommended: number;
  on: ReadonlySet<string>;
  onToggle(id: string, checked: boolean): void;
  errors: Record<string, string>;
};

function MoveSwitches({ moves, recommended, on, onToggle, errors }: MoveSwitchesProps) {
  return (
    <div>
      <SectionLabel>If a recommended move succeeds</SectionLabel>
      {moves.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid="no-what-if-moves">
          {recommended === 0
            ? 'No move is recommended now. Pick values for the open facts instead.'
            : 'None of the recommended moves can be tried here: they need someone nobody has named yet. Pick values for the open facts instead.'}
        </Text>
      ) : null}
      <Stack gap="sm">
        {moves.map((move) => (
          <Switch
            key={move.id}
            checked={on.has(move.id)}
            onChange={(event) => onToggle(move.id, event.currentTarget.checked)}
            label={move.action}
            description={`Assumes ${move.words.join('; ')}`}
            error={errors[move.id]}
            data-testid="what-if-move"
            data-move={move.id}
          />
        ))}
      </Stack>
    </div>
  );
}

function OpenFactSelects({
  facts,
  chosen,
  decided,
  onChoose,
  errors,
}: {
  facts: readonly OpenFact[];
  chosen: Record<string, string>;
  decided: ReadonlySet<string>;
  onChoose(key: string, value: string | null): void;
  errors: Record<string, string>;
}) {
  return (
    <div>
      <SectionLabel>If an open fact turns out to be</SectionLabel>
      {facts.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid="no-open-facts">
          The decisive facts are all recorded. Use the moves above, or change a fact on the Knowledge tab.
        </Text>
      ) : (
        <Stack gap="sm">
          {facts.map((fact) => {
            const isDecided = decided.has(fact.key);
            return (
              <Select
                key={fact.key}
                label={fact.about && fact.target.itemId ? `${fact.label} · ${fact.about}` : fact.label}
                description={isDecided ? 'Set by a move switched on' : `Now: ${fact.current}`}
                placeholder="As it is"
                data={fact.options}
                value={isDecided ? null : (chosen[fact.key] ?? null)}
                onChange={(value) => onChoose(fact.key, value)}
                clearable
                disabled={isDecided}
                error={errors[fact.key]}
                comboboxProps={{ shadow: 'md' }}
                data-testid="what-if-fact"
                data-field={fact.field}
              />
            );
          })}
        </Stack>
      )}
    </div>
  );
}

type ResultProps = {
  hasRequest: boolean;
  result: WhatIfResult | undefined;
  isFetching: boolean;
  error: unknown;
  zones: AssessmentView['dangerZones'];
};

function WhatIfResultBox({ hasRequest, result, isFetching, error, zones }: ResultProps) {
  const body = (() => {
    if (!hasRequest) {
      return (
        <Text size="sm" c="dimmed">
          Nothing switched on: the deal as it stands.
        </Text>
      );
    }
    if (error && !isApiError(error, 'unprocessable') && !isApiError(error, 'invalid-input')) {
      return (
        <Text size="sm" c="red.8" role="alert">
          {messageOf(error)}
        </Text>
      );
    }
    if (error) {
      return (
        <Text size="sm" c="red.8" role="alert">
          One of the values cannot be tried: see the message beside it.
        </Text>
      );
    }
    if (!result) {
      return (
        <Group gap="xs">
          <Loader size="xs" />
          <Text size="sm" c="dimmed">
            Recomputing…
          </Text>
        </Group>
      );
    }
    const before = result.baseline.winProbability;
    const after = result.winProbability;
    const afterIds = new Set(result.dangerZones.map((z) => z.id));
    const cleared = result.baseline.dangerZones.filter((id) => !afterIds.has(id));
    const added = result.dangerZones.filter((z) => !result.baseline.dangerZones.includes(z.id));
    const name = (id: string) => zones.find((z) => z.id === id)?.name ?? id;
    const delta = (after - before) * 100;
    return (
      <Stack gap={6} style={{ opacity: isFetching ? 0.6 : 1, transition: 'opacity 120ms' }}>
        <Group gap="sm" align="center" wrap="wrap">
          <Text fz={28} fw={750} lh={1} className="tabular" data-testid="what-if-change">
            {formatPercent(before)}
            <Text span inherit c="dimmed" fw={400}>
              {' → '}
            </Text>
            <Text span inherit c={delta > 0.5 ? 'teal.8' : delta < -0.5 ? 'red.8' : undefined}>
              {formatPercent(after)}
            </Text>
          </Text>
          <Badge color={delta > 0.5 ? 'teal' : delta < -0.5 ? 'red' : 'gray'} variant="light" size="lg">
            {Math.abs(delta) < 0.5 ? 'no change' : formatPoints(delta)}
          </Badge>
          {isFetching ? <Loader size="xs" aria-label="Recomputing" /> : null}
        </Group>
        <Text size="xs" c="dimmed">
          Likely between {formatPercent(result.band[0])} and {formatPercent(result.band[1])}
          {result.cap ? ` · still capped at ${formatPercent(result.cap.limit)}: ${result.cap.reason}` : ''}
        </Text>
        {cleared.length > 0 ? (
          <Text size="sm" data-testid="what-if-cleared">
            <Text span fw={600} c="teal.8">
              Would clear:
            </Text>{' '}
            {cleared.map((id) => `${name(id)} (${id})`).join(', ')}
          </Text>
        ) : (
          <Text size="sm" c="dimmed">
            No danger zone would clear.
          </Text>
        )}
        {added.length > 0 ? (
          <Text size="sm" data-testid="what-if-added">
            <Text span fw={600} c="red.8">
              Would newly match:
            </Text>{' '}
            {added.map((z) => `${z.name} (${z.id})`).join(', ')}
          </Text>
        ) : null}
      </Stack>
    );
  })();
  return (
    <Paper bg="gray.0" p="md" withBorder={false} radius="md" data-testid="what-if-result" aria-live="polite">
      {body}
    </Paper>
  );
}

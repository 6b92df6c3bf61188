import {
  Alert,
  Anchor,
  Badge,
  Button,
  Grid,
  Group,
  Paper,
  Radio,
  Select,
  Skeleton,
  Stack,
  Stepper,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useMemo, useState, type Dispatch, type SetStateAction } from 'react';
import { Link, useParams } from 'react-router';
import { DIAGNOSIS_LIMITS, type Diagnosis } from '../../../contract/diagnoses.ts';
import type { Scorecard } from '../../../contract/scorecard.ts';
import {
  adviseDiagnosis,
  DIAGNOSIS_FLOW,
  DIAGNOSIS_STEPS,
  FIX_LABELS,
  FIX_TYPES,
  fixOfCause,
  isWellbeing,
  levelOfCause,
  questionsOf,
  WELLBEING_CAUTION,
  type DiagnosisQuestion,
  type DiagnosisStep,
  type FixType,
} from '../../../domain/coaching/diagnosis.ts';
import type { RootCauseId } from '../../../domain/coaching/root-causes.ts';
import { isApiError, messageOf } from '../../app/api.ts';
import { useCurrentUser } from '../../app/auth.tsx';
import { ConfirmDialog } from '../../shared/ConfirmDialog.tsx';
import { formatDate, formatDateTime } from '../../shared/format.ts';
import { PageHeader } from '../../shared/PageHeader.tsx';
import { PipelineLoadError } from '../../shared/PipelineLoadError.tsx';
import { AssignModal } from './AssignModal.tsx';
import { StatusBadge } from './AssignmentList.tsx';
import { answersWithDraft, draftOf, isStepDirty, stepBody, type DiagnosisDraft } from './diagnosis-draft.ts';
import { useAbandonDiagnosis, useConcludeDiagnosis, useDiagnosis, useSaveDiagnosisStep } from './diagnosis-queries.ts';
import { STATUS_COLORS, STATUS_LABELS } from './diagnosis-labels.ts';
import { LEVEL_COLORS, LEVEL_LABELS } from './indicator-format.ts';
import { ROOT_CAUSE_OPTIONS, rootCauseName } from './labels.ts';

/** A diagnosis walked step by step: the gap, each step's questions, the suggestion, the conclusion. */
export function DiagnosisPage() {
  const { id = '' } = useParams();
  const query = useDiagnosis(id);
  const d = query.data;
  // a reload after a conflict starts the draft afresh from what is saved
  const [generation, setGeneration] = useState(0);
  const reload = () => void query.refetch().then(() => setGeneration((g) => g + 1));
  return query.isError && !d ? (
    <>
      <PageHeader title="Diagnosis" />
      <PipelineLoadError
        error={query.error}
        onRetry={() => void query.refetch()}
        title="The diagnosis could not be loaded"
      />
    </>
  ) : !d ? (
    <>
      <PageHeader title="Diagnosis" />
      <Stack gap="md">
        <Skeleton height={120} radius="md" />
        <Skeleton height={360} radius="md" />
      </Stack>
    </>
  ) : (
    <DiagnosisView key={`${d.id}:${generation}`} diagnosis={d} onReload={reload} />
  );
}

function DiagnosisView({ diagnosis: d, onReload }: { diagnosis: Diagnosis; onReload(): void }) {
  const me = useCurrentUser();
  const own = me.id === d.seller.id;
  const [step, setStep] = useState<DiagnosisStep>(d.canEdit ? (d.advice.nextStep ?? 'prescribe') : 'gap');
  const [draft, setDraft] = useState<DiagnosisDraft>(() => draftOf(d));
  const [abandoning, setAbandoning] = useState(false);
  const abandon = useAbandonDiagnosis(d.id);
  const advice = useMemo(
    () => adviseDiagnosis({ suspected: d.suspected, answers: answersWithDraft(d, step, draft) }),
    [d, step, draft],
  );
  const index = DIAGNOSIS_STEPS.indexOf(step);
  return (
    <>
      <PageHeader
        title={own ? 'Your diagnosis' : `Diagnosis: ${d.seller.name}`}
        description={`Started by ${d.startedBy.name} on ${formatDate(d.startedAt.slice(0, 10))}${
          d.closedAt ? `, ${STATUS_LABELS[d.status].toLowerCase()} on ${formatDate(d.closedAt.slice(0, 10))}` : ''
        }.`}
        eyebrow={
          <Group gap="xs">
            <Anchor component={Link} to={`/coaching/sellers/${d.seller.id}`} size="sm">
              {own ? 'Back to my scorecard' : `Back to ${d.seller.name}’s scorecard`}
            </Anchor>
            <Badge color={STATUS_COLORS[d.status]} variant="light" data-testid="diagnosis-status">
              {STATUS_LABELS[d.status]}
            </Badge>
          </Group>
        }
        actions={
          d.canEdit ? (
            <Button variant="default" color="red" onClick={() => setAbandoning(true)}>
              Abandon
            </Button>
          ) : null
        }
      />
      <ConfirmDialog
        opened={abandoning}
        title="Abandon this diagnosis?"
        message="It stays in the list as abandoned, and the seller never sees it. Nothing more can be answered."
        confirmLabel="Abandon"
        onConfirm={() => abandon.mutateAsync({ version: d.version })}
        onClose={() => setAbandoning(false)}
      />
      <Stack gap="md">
        {d.status === 'concluded' ? <Conclusion d={d} own={own} /> : null}
        <Gap d={d} />
        <Grid gap="md">
          <Grid.Col span={{ base: 12, md: 8 }}>
            <Paper p={{ base: 'md', sm: 'lg' }}>
              <Stepper
                active={index}
                onStepClick={(i) => setStep(DIAGNOSIS_STEPS[i]!)}
                allowNextStepsSelect
                size="xs"
                orientation="horizontal"
                wrap
                mb="md"
              >
                {DIAGNOSIS_FLOW.map((s, i) => {
                  const found = advice.findings.some((f) => f.step === s.id);
                  const settled = advice.settledSteps.includes(s.id);
                  return (
                    <Stepper.Step
                      key={s.id}
                      label={s.title}
                      description={found ? 'Found a cause' : settled ? 'Answered' : undefined}
                      // a step passed without answers keeps its number, greyed: only answered ones are ticked
                      completedIcon={settled || found ? undefined : i + 1}
                      color={found ? 'orange' : settled ? undefined : 'gray'}
                      data-testid={`diagnosis-step-${s.id}`}
                    />
                  );
                })}
              </Stepper>
              <StepPanel
                key={step}
                d={d}
                step={step}
                draft={draft}
                setDraft={setDraft}
                onSaved={(next) => setStep(next)}
                onReload={onReload}
                suggestion={advice.suggestion}
              />
            </Paper>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 4 }}>
            <Suggestion advice={advice} />
          </Grid.Col>
        </Grid>
      </Stack>
    </>
  );
}

function Gap({ d }: { d: Diagnosis }) {
  return (
    <Paper p={{ base: 'md', sm: 'lg' }} data-testid="diagnosis-gap">
      <Title order={2} size="h4" mb={4}>
        {d.source === 'flag' ? 'The gap the scorecard flagged' : 'What the manager saw'}
      </Title>
      <Text fw={600}>{d.gap}</Text>
      {d.deals.length > 0 ? (
        <Text size="sm" mt={4}>
          Seen on{' '}
          {d.deals.map((deal, k) => (
            <span key={deal.id}>
              {k > 0 ? ', ' : ''}
              <Anchor component={Link} to={`/opportunities/${deal.id}`} size="sm">
                {deal.name}
              </Anchor>
            </span>
          ))}
          <Text span size="xs" c="dimmed">
            {' '}
            (as on {formatDate(d.startedAt.slice(0, 10))})
          </Text>
        </Text>
      ) : null}
      {d.suspected.length > 0 ? (
        <Group gap={6} mt="xs">
          <Text size="sm" c="dimmed">
            Suspected:
          </Text>
          {d.suspected.map((id) => (
            <Badge key={id} variant="outline" color={LEVEL_COLORS[levelOfCause(id)]} tt="none">
              {id} · {rootCauseName(id)}
            </Badge>
          ))}
        </Group>
      ) : null}
    </Paper>
  );
}

function Conclusion({ d, own }: { d: Diagnosis; own: boolean }) {
  const [assigning, setAssigning] = useState(false);
  return (
    <Paper p={{ base: 'md', sm: 'lg' }} withBorder data-testid="diagnosis-conclusion">
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <Stack gap={4}>
          <Title order={2} size="h4">
            Conclusion
          </Title>
          {d.rootCause ? (
            <Group gap={8}>
              <Badge color={LEVEL_COLORS[levelOfCause(d.rootCause)]} variant="light" tt="none">
                {LEVEL_LABELS[levelOfCause(d.rootCause)]}
              </Badge>
              <Text fw={700}>
                {d.rootCause} · {rootCauseName(d.rootCause)}
              </Text>
            </Group>
          ) : null}
          {d.fix ? <Text size="sm">Fix: {FIX_LABELS[d.fix]}</Text> : null}
          {d.conclusion ? (
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {d.conclusion}
            </Text>
          ) : null}
          <Text size="xs" c="dimmed">
            {d.closedBy ? `Concluded by ${d.closedBy.name}` : 'Concluded'}
            {d.closedAt ? ` on ${formatDateTime(d.closedAt)}` : ''}
          </Text>
        </Stack>
        {own || !d.rootCause || d.rootCause === 'C8' ? null : (
          <Button variant="light" onClick={() => setAssigning(true)}>
            Assign learning
          </Button>
        )}
      </Group>
      {d.assignments.length > 0 ? (
        <Stack gap={6} mt="md" data-testid="diagnosis-assignments">
          <Text size="sm" fw={600}>
            Learning assigned from this diagnosis
          </Text>
          {d.assignments.map((a) => (
            <Group key={a.id} gap="xs" wrap="wrap">
              <Anchor component={Link} to={`/development/${a.id}`} size="sm">
                {a.title}
              </Anchor>
              <StatusBadge status={a.status} testId="diagnosis-assignment-status" />
              <Text size="xs" c="dimmed">
                due {formatDate(a.dueDate)}
              </Text>
            </Group>
          ))}
        </Stack>
      ) : null}
      {own || !d.rootCause ? null : (
        <AssignModal
          seller={d.seller}
          flag={assigning ? flagOf(d, d.rootCause) : null}
          diagnosisId={d.id}
          onClose={() => setAssigning(false)}
        />
      )}
    </Paper>
  );
}

/** The gap the diagnosis started from, narrowed to the root cause it found: what the assign form starts from. */
function flagOf(d: Diagnosis, rootCause: RootCauseId): Scorecard['flags'][number] {
  return {
    rule: d.flag?.rule ?? '',
    indicator: d.flag?.indicator ?? null,
    zoneId: d.flag?.zoneId ?? null,
    level: levelOfCause(rootCause),
    rootCauses: [{ id: rootCause, name: rootCauseName(rootCause) }],
    text: d.gap,
    severity: 0,
    since: null,
    deals: d.deals,
  };
}

type Advice = ReturnType<typeof adviseDiagnosis>;

function Suggestion({ advice }: { advice: Advice }) {
  const next = advice.nextStep ? DIAGNOSIS_FLOW.find((s) => s.id === advice.nextStep)!.title : null;
  return (
    <Paper p={{ base: 'md', sm: 'lg' }} data-testid="diagnosis-suggestion" aria-live="polite">
      <Title order={2} size="h4" mb="xs">
        What the answers point to
      </Title>
      {advice.notWorthSolving ? (
        <Text size="sm">Not worth solving now: abandon the diagnosis and keep an eye on the indicator.</Text>
      ) : advice.suggestion ? (
        <Stack gap={6}>
          <Badge color={LEVEL_COLORS[advice.suggestion.level]} variant="light" tt="none">
            {LEVEL_LABELS[advice.suggestion.level]}
          </Badge>
          {advice.suggestion.rootCauses.length > 0 ? (
            advice.suggestion.rootCauses.map((id) => (
              <Text key={id} fw={600} size="sm" data-testid="diagnosis-suggested-cause">
                {id} · {rootCauseName(id)}
              </Text>
            ))
          ) : (
            <Text size="sm" fw={600}>
              A skill or knowledge gap: choose which one in the conclusion.
            </Text>
          )}
          <Text size="sm">Fix: {FIX_LABELS[advice.suggestion.fix]}</Text>
          <Text size="sm" c="dimmed">
            {advice.suggestion.reason}
          </Text>
        </Stack>
      ) : (
        <Text size="sm" c="dimmed">
          Nothing yet: answer the steps in order, the environment before the person.
        </Text>
      )}
      {advice.ruledOut.length > 0 ? (
        <Text size="xs" c="dimmed" mt="xs">
          Ruled out: {advice.ruledOut.join(', ')}
        </Text>
      ) : null}
      {next ? (
        <Text size="sm" mt="sm">
          Next: <b>{next}</b>
        </Text>
      ) : null}
    </Paper>
  );
}

type StepPanelProps = {
  d: Diagnosis;
  step: DiagnosisStep;
  draft: DiagnosisDraft;
  setDraft: Dispatch<SetStateAction<DiagnosisDraft>>;
  onSaved(next: DiagnosisStep): void;
  onReload(): void;
  suggestion: Advice['suggestion'];
};

function StepPanel({ d, step, draft, setDraft, onSaved, onReload, suggestion }: StepPanelProps) {
  const save = useSaveDiagnosisStep(d.id);
  const def = DIAGNOSIS_FLOW.find((s) => s.id === step)!;
  const questions = questionsOf(step, d.suspected);
  const flow = questions.filter((q) => !q.rootCause);
  const guide = questions.filter((q) => q.rootCause);
  const dirty = isStepDirty(d, step, draft);
  const fieldErrors = isApiError(save.error) ? save.error.fields : {};
  const body = stepBody(d, step, draft);
  const errorOf = (q: DiagnosisQuestion) => {
    const i = body.findIndex((a) => a.question === q.id);
    return i < 0 ? undefined : (fieldErrors[`answers.${i}.note`] ?? fieldErrors[`answers.${i}.answer`]);
  };
  const submit = (andContinue: boolean) =>
    save.mutate(
      { step, answers: body, version: d.version },
      {
        onSuccess: (saved) => {
          if (!andContinue) return;
          const following = DIAGNOSIS_STEPS[DIAGNOSIS_STEPS.indexOf(step) + 1];
          onSaved(saved.advice.nextStep ?? following ?? step);
        },
      },
    );
  const editable = d.canEdit;
  return (
    <Stack gap="md" data-testid="diagnosis-step" data-step={step}>
      <div>
        <Title order={3} size="h5">
          {def.title}
        </Title>
        <Text size="sm" c="dimmed">
          {def.purpose}
        </Text>
      </div>
      {flow.map((q) => (
        <QuestionField
          key={q.id}
          question={q}
          value={draft[q.id]}
          editable={editable}
          error={errorOf(q)}
          onChange={(v) => setDraft((all) => ({ ...all, [q.id]: v }))}
        />
      ))}
      {guide.length > 0 ? (
        <Stack gap="sm">
          <Text size="sm" fw={700}>
            Questions for the suspected causes
          </Text>
          {guide.map((q) => (
            <QuestionField
              key={q.id}
              question={q}
              value={draft[q.id]}
              editable={editable}
              error={errorOf(q)}
              onChange={(v) => setDraft((all) => ({ ...all, [q.id]: v }))}
            />
          ))}
        </Stack>
      ) : null}
      {editable ? (
        <>
          {save.isError ? (
            isApiError(save.error, 'version-conflict') ? (
              <Alert color="yellow" title="Changed elsewhere">
                {messageOf(save.error)}{' '}
                <Anchor component="button" type="button" onClick={onReload}>
                  Reload
                </Anchor>
              </Alert>
            ) : (
              <Alert color="red">{messageOf(save.error)}</Alert>
            )
          ) : null}
          <Group justify="space-between">
            <Text size="sm" c={dirty ? 'orange.8' : 'dimmed'} data-testid="diagnosis-save-state">
              {save.isPending ? 'Saving…' : dirty ? 'Unsaved answers' : 'Saved'}
            </Text>
            <Group gap="xs">
              <Button variant="default" onClick={() => submit(false)} loading={save.isPending} disabled={!dirty}>
                Save step
              </Button>
              {step !== 'prescribe' ? (
                <Button onClick={() => submit(true)} loading={save.isPending}>
                  Save and continue
                </Button>
              ) : null}
            </Group>
          </Group>
          {step === 'prescribe' ? <ConcludeForm d={d} suggestion={suggestion} dirty={dirty} /> : null}
        </>
      ) : null}
    </Stack>
  );
}

function QuestionField({
  question: q,
  value,
  editable,
  error,
  onChange,
}: {
  question: DiagnosisQuestion;
  value: { answer: string; note: string } | undefined;
  editable: boolean;
  error: string | undefined;
  onChange(v: { answer: string; note: string }): void;
}) {
  const choice = q.choices.find((c) => c.id === value?.answer);
  const wellbeing = q.rootCause === 'C8' || (choice ? isWellbeing(q, choice) : false);
  if (!editable)
    return (
      <div data-testid="diagnosis-answer" data-question={q.id}>
        <Text size="sm" fw={600}>
          {q.rootCause ? `${q.rootCause}: ` : ''}
          {q.text}
        </Text>
        <Text size="sm">{choice ? choice.label : <i>Not answered</i>}</Text>
        {value?.note ? (
          <Text size="sm" c="dimmed" style={{ whiteSpace: 'pre-wrap' }}>
            {value.note}
          </Text>
        ) : null}
      </div>
    );
  return (
    <Stack gap={6}>
      <Radio.Group
        label={`${q.rootCause ? `${q.rootCause}: ` : ''}${q.text}`}
        description={q.hint}
        value={value?.answer ?? null}
        onChange={(answer) =>
          onChange({
            answer,
            note: isWellbeing(
              q,
              q.choices.find((c) => c.id === answer)!,
            )
              ? ''
              : (value?.note ?? ''),
          })
        }
        data-question={q.id}
      >
        <Group gap="md" mt={6}>
          {q.choices.map((c) => (
            <Radio key={c.id} value={c.id} label={c.label} />
          ))}
        </Group>
      </Radio.Group>
      {wellbeing ? (
        <Alert color="blue" variant="light" p="xs" data-testid="wellbeing-caution">
          <Text size="sm">{WELLBEING_CAUTION}</Text>
        </Alert>
      ) : (
        <Textarea
          aria-label={`Note: ${q.text}`}
          placeholder="Note (what was said or seen)"
          autosize
          minRows={1}
          maxLength={DIAGNOSIS_LIMITS.note}
          value={value?.note ?? ''}
          error={error}
          disabled={!value?.answer}
          onChange={(e) => onChange({ answer: value?.answer ?? '', note: e.currentTarget.value })}
        />
      )}
      {wellbeing && error ? (
        <Text size="sm" c="red">
          {error}
        </Text>
      ) : null}
    </Stack>
  );
}

function ConcludeForm({ d, suggestion, dirty }: { d: Diagnosis; suggestion: Advice['suggestion']; dirty: boolean }) {
  const conclude = useConcludeDiagnosis(d.id);
  // follows the suggestion until the manager chooses
  const [chosen, setRootCause] = useState<RootCauseId | null | undefined>(undefined);
  const rootCause = chosen !== undefined ? chosen : (suggestion?.rootCauses[0] ?? null);
  const [fix, setFix] = useState<FixType | null>(null);
  const [note, setNote] = useState('');
  const wellbeing = rootCause === 'C8';
  const fields = isApiError(conclude.error) ? conclude.error.fields : {};
  const chosenFix = fix ?? (rootCause ? fixOfCause(rootCause) : null);
  return (
    <Paper withBorder p="md" data-testid="diagnosis-conclude">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!rootCause) return;
          conclude.mutate({
            rootCause,
            ...(chosenFix ? { fix: chosenFix } : {}),
            ...(!wellbeing && note.trim() ? { note: note.trim() } : {}),
            version: d.version,
          });
        }}
      >
        <Stack gap="sm">
          <Title order={3} size="h5">
            Conclude
          </Title>
          <Select
            label="Root cause"
            placeholder="Choose the root cause"
            data={ROOT_CAUSE_OPTIONS}
            searchable
            value={rootCause}
            onChange={(v) => {
              setRootCause(v as RootCauseId | null);
              setFix(null);
            }}
            error={fields.rootCause}
            required
          />
          {rootCause ? (
            <Group gap={8}>
              <Text size="sm" c="dimmed">
                Level:
              </Text>
              <Badge color={LEVEL_COLORS[levelOfCause(rootCause)]} variant="light" tt="none">
                {LEVEL_LABELS[levelOfCause(rootCause)]}
              </Badge>
            </Group>
          ) : null}
          <Select
            label="Fix"
            data={FIX_TYPES.map((f) => ({ value: f, label: FIX_LABELS[f] }))}
            value={chosenFix}
            onChange={(v) => setFix(v as FixType | null)}
            error={fields.fix}
            allowDeselect={false}
          />
          {wellbeing ? (
            <Alert color="blue" variant="light">
              {WELLBEING_CAUTION} Only the referral is recorded.
            </Alert>
          ) : (
            <Textarea
              label="Conclusion note"
              description="What you agreed, the task on a live deal and the indicator that should move"
              autosize
              minRows={3}
              maxLength={DIAGNOSIS_LIMITS.conclusion}
              value={note}
              onChange={(e) => setNote(e.currentTarget.value)}
              error={fields.note}
            />
          )}
          {conclude.isError && Object.keys(fields).length === 0 ? (
            <Alert color="red">{messageOf(conclude.error)}</Alert>
          ) : null}
          {dirty ? (
            <Text size="sm" c="orange.8">
              Save the step’s answers first: concluding keeps only what is saved.
            </Text>
          ) : null}
          <Group justify="flex-end">
            <Button type="submit" disabled={!rootCause || dirty} loading={conclude.isPending}>
              Conclude the diagnosis
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

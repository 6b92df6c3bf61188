import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  List,
  Paper,
  Radio,
  Skeleton,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import type { AssignmentDetail, CompletionResult } from '../../../contract/assignments.ts';
import { describeCondition } from '../../../domain/coaching/success-conditions.ts';
import { EVIDENCE_SOURCE_LABELS } from '../../../domain/knowledge/evidence.ts';
import { messageOf } from '../../app/api.ts';
import { useCurrentUser } from '../../app/auth.tsx';
import { BackLink } from '../../shared/BackLink.tsx';
import { fieldId, splitSaveError, type FieldErrors } from '../../shared/form.ts';
import { formatDate, formatDateTime } from '../../shared/format.ts';
import { PageHeader } from '../../shared/PageHeader.tsx';
import { ErrorState } from '../../shared/states.tsx';
import { useAssignment, useAssignmentAction, useCompleteAssignment } from './assignment-queries.ts';
import { StatusBadge } from './AssignmentList.tsx';
import { CatalogItemBadges, CatalogItemBody } from './CatalogItemView.tsx';
import { ImpactPanel } from './ImpactPanel.tsx';

/** One assignment: the learning to read, the quiz, the reflection, and on-the-job work checked live on its deal. */
export function AssignmentPage() {
  const { id = '' } = useParams();
  const me = useCurrentUser();
  const query = useAssignment(id);
  const a = query.data;
  const own = a?.seller.id === me.id;
  return (
    <>
      <BackLink
        to={own || !a ? '/development' : `/coaching/sellers/${a.seller.id}`}
        label={own || !a ? 'My development' : `${a.seller.name}’s scorecard`}
      />
      <PageHeader
        title={a ? a.item.title : 'Assignment'}
        description={
          a
            ? `${own ? 'Assigned to you' : `Assigned to ${a.seller.name}`} by ${a.assignedBy.name} on ${formatDate(a.assignedAt.slice(0, 10))}, due ${formatDate(a.dueDate)}. For ${a.rootCause.id}: ${a.rootCause.name.toLowerCase()}.`
            : undefined
        }
        actions={a ? <StatusBadge status={a.status} testId="assignment-page-status" /> : null}
      />
      {query.isError ? (
        <ErrorState
          error={query.error}
          onRetry={() => void query.refetch()}
          title="The assignment could not be loaded"
        />
      ) : !a ? (
        <Stack gap="md" aria-label="Loading the assignment">
          <Skeleton height={120} radius="md" />
          <Skeleton height={240} radius="md" />
        </Stack>
      ) : (
        <Stack gap="md">
          {a.diagnosis ? (
            <Text size="sm" data-testid="assignment-diagnosis">
              Assigned from the diagnosis of{' '}
              <Anchor component={Link} to={`/coaching/diagnoses/${a.diagnosis.id}`}>
                {a.diagnosis.gap}
              </Anchor>
            </Text>
          ) : null}
          {a.managerNote ? (
            <Alert color="blue" title="Note from the manager">
              {a.managerNote}
            </Alert>
          ) : null}
          {a.successCondition ? <OnTheDeal a={a} /> : null}
          <Paper p={{ base: 'md', sm: 'lg' }}>
            <Title order={2} size="h4" mb="xs">
              What to learn
            </Title>
            <Stack gap="sm">
              <CatalogItemBadges item={a.content} />
              <Text size="sm" c="dimmed">
                {a.content.summary}
              </Text>
              <CatalogItemBody item={{ ...a.content, quiz: null }} />
            </Stack>
          </Paper>
          {a.can.start ? <StartWork id={a.id} /> : null}
          {a.can.complete ? <CompleteForm a={a} /> : <Completion a={a} />}
          {a.can.verify || a.can.reopen || a.can.abandon ? <CoachActions a={a} /> : null}
          <ImpactPanel assignmentId={a.id} />
        </Stack>
      )}
    </>
  );
}

function OnTheDeal({ a }: { a: AssignmentDetail }) {
  const c = a.successCondition!;
  const now = c.now;
  return (
    <Paper p={{ base: 'md', sm: 'lg' }} data-testid="assignment-condition">
      <Title order={2} size="h4" mb="xs">
        On the deal
      </Title>
      <Stack gap="xs">
        {a.deal ? (
          <Text size="sm">
            Practise on{' '}
            <Anchor component={Link} to={`/opportunities/${a.deal.id}`} fw={600}>
              {a.deal.name}
            </Anchor>
            {a.deal.status !== 'open' ? ` (now ${a.deal.status.replace('_', ' ')})` : ''}
          </Text>
        ) : (
          <Text size="sm" c="dimmed">
            The deal is no longer there.
          </Text>
        )}
        <Text size="sm">
          <Text span fw={600}>
            Done when:
          </Text>{' '}
          {describeCondition(c.id, c.params)}
        </Text>
        <Text size="xs" c="dimmed">
          {c.description} The app checks it on the deal’s knowledge each time it changes.
        </Text>
        {a.appliedAt ? (
          <Alert
            color="teal"
            title={`Applied on ${formatDate(a.appliedAt.slice(0, 10))}`}
            data-testid="condition-applied"
          >
            <Evidence items={a.applicationEvidence} />
          </Alert>
        ) : now ? (
          now.met ? (
            <Alert color="teal" title="Met now" data-testid="condition-met">
              <Evidence items={now.evidence} />
            </Alert>
          ) : (
            <Alert color="yellow" title="Not met yet: still missing" data-testid="condition-missing">
              <List size="sm">
                {now.missing.map((m) => (
                  <List.Item key={m}>{m}</List.Item>
                ))}
              </List>
              {now.evidence.length > 0 ? (
                <>
                  <Text size="sm" mt="xs" fw={600}>
                    Already there
                  </Text>
                  <Evidence items={now.evidence} />
                </>
              ) : null}
            </Alert>
          )
        ) : null}
      </Stack>
    </Paper>
  );
}

function Evidence({ items }: { items: AssignmentDetail['applicationEvidence'] }) {
  if (items.length === 0) return <Text size="sm">The deal no longer shows what was asked to change.</Text>;
  return (
    <List size="sm" spacing={4}>
      {items.map((e, i) => (
        <List.Item key={i}>
          {e.what}
          {e.quote ? ` — “${e.quote}”` : ''}{' '}
          <Text span size="xs" c="dimmed">
            ({EVIDENCE_SOURCE_LABELS[e.source]}, {formatDate(e.observedAt.slice(0, 10))})
          </Text>
        </List.Item>
      ))}
    </List>
  );
}

function StartWork({ id }: { id: string }) {
  const act = useAssignmentAction(id);
  return (
    <Group>
      <Button variant="light" onClick={() => act.mutate({ action: 'start' })} loading={act.isPending}>
        Start
      </Button>
      {act.isError ? (
        <Text size="sm" c="red.8" role="alert">
          {messageOf(act.error)}
        </Text>
      ) : null}
    </Group>
  );
}

const FORM_ID = 'complete';

function CompleteForm({ a }: { a: AssignmentDetail }) {
  const complete = useCompleteAssignment(a.id);
  const quiz = a.content.quiz;
  const [answers, setAnswers] = useState<Array<number | null>>(() => quiz?.questions.map(() => null) ?? []);
  const [reflection, setReflection] = useState(a.reflection ?? '');
  const [evidenceNote, setEvidenceNote] = useState(a.evidenceNote ?? '');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [grade, setGrade] = useState<CompletionResult['grade']>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setGeneral(null);
    const problems: FieldErrors = {};
    if (quiz && answers.some((x) => x === null)) problems.answers = 'Answer every question';
    if (!reflection.trim()) problems.reflection = 'Say what you learned and what you will do differently';
    setErrors(problems);
    if (Object.keys(problems).length > 0) {
      document.getElementById(fieldId(FORM_ID, Object.keys(problems)[0]!))?.focus();
      return;
    }
    complete.mutate(
      {
        ...(quiz ? { answers: answers as number[] } : {}),
        reflection,
        ...(evidenceNote.trim() ? { evidenceNote } : {}),
      },
      {
        onSuccess: (result) => setGrade(result.grade),
        onError: (error) => {
          const split = splitSaveError(error, ['answers', 'reflection', 'evidenceNote']);
          setErrors(split.fields);
          setGeneral(split.general);
        },
      },
    );
  };

  return (
    <Paper
      p={{ base: 'md', sm: 'lg' }}
      component="form"
      onSubmit={submit}
      noValidate
      id={FORM_ID}
      data-testid="complete-form"
    >
      <Title order={2} size="h4" mb="sm">
        Complete it
      </Title>
      <Stack gap="md">
        {quiz ? (
          <Stack gap="sm" id={fieldId(FORM_ID, 'answers')} tabIndex={-1}>
            <Text size="sm" fw={600}>
              Quiz: pass mark {quiz.passMark}%{a.quiz?.attempts ? ` · last attempt ${a.quiz.score ?? 0}%` : ''}
            </Text>
            {quiz.questions.map((q, i) => (
              <Radio.Group
                key={i}
                label={`${i + 1}. ${q.prompt}`}
                value={answers[i] === null ? null : String(answers[i])}
                onChange={(v) => setAnswers((xs) => xs.map((x, k) => (k === i ? Number(v) : x)))}
                error={grade && !grade.passed && !grade.correct[i] ? 'Not right: think again' : undefined}
              >
                <Stack gap={4} mt={4}>
                  {q.choices.map((choice, c) => (
                    <Radio key={c} value={String(c)} label={choice} />
                  ))}
                </Stack>
              </Radio.Group>
            ))}
            {errors.answers ? (
              <Text size="sm" c="red.8">
                {errors.answers}
              </Text>
            ) : null}
            {grade && !grade.passed ? (
              <Alert color="orange" role="status" data-testid="quiz-failed">
                You scored {grade.score}%: the pass mark is {grade.passMark}%. Look again at the questions marked and
                try once more.
              </Alert>
            ) : null}
          </Stack>
        ) : null}
        <Textarea
          id={fieldId(FORM_ID, 'reflection')}
          label="Your reflection"
          description="What did you learn, and what will you do differently on your deals?"
          autosize
          minRows={3}
          value={reflection}
          onChange={(e) => setReflection(e.currentTarget.value)}
          error={errors.reflection}
          required
        />
        <Textarea
          id={fieldId(FORM_ID, 'evidenceNote')}
          label="Evidence (optional)"
          description="Where your manager can see it: a meeting, an e-mail, a document."
          autosize
          minRows={2}
          value={evidenceNote}
          onChange={(e) => setEvidenceNote(e.currentTarget.value)}
          error={errors.evidenceNote}
        />
        {general ? (
          <Alert color="red" role="alert">
            {general}
          </Alert>
        ) : null}
        <Group justify="flex-end">
          <Button type="submit" loading={complete.isPending}>
            Mark complete
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

function Completion({ a }: { a: AssignmentDetail }) {
  if (!a.completedAt && !a.reflection) return null;
  return (
    <Paper p={{ base: 'md', sm: 'lg' }} data-testid="assignment-completion">
      <Title order={2} size="h4" mb="xs">
        {a.completedAt ? `Completed on ${formatDateTime(a.completedAt)}` : 'Work so far'}
      </Title>
      <Stack gap="xs">
        {a.quiz && a.quiz.score !== null ? (
          <Group gap="xs">
            <Text size="sm">Quiz score {a.quiz.score}%</Text>
            <Badge color={a.quiz.passed ? 'green' : 'orange'} variant="light">
              {a.quiz.passed ? 'passed' : 'not passed'}
            </Badge>
            <Text size="xs" c="dimmed">
              {a.quiz.attempts} attempt{a.quiz.attempts === 1 ? '' : 's'}
            </Text>
          </Group>
        ) : null}
        {a.reflection ? (
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {a.reflection}
          </Text>
        ) : null}
        {a.evidenceNote ? (
          <Text size="sm" c="dimmed" style={{ whiteSpace: 'pre-wrap' }}>
            Evidence: {a.evidenceNote}
          </Text>
        ) : null}
        {a.verifiedAt ? (
          <Text size="sm" c="green.8">
            Verified by {a.verifiedBy?.name} on {formatDate(a.verifiedAt.slice(0, 10))}
          </Text>
        ) : null}
      </Stack>
    </Paper>
  );
}

function CoachActions({ a }: { a: AssignmentDetail }) {
  const act = useAssignmentAction(a.id);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const run = (action: 'verify' | 'reopen' | 'abandon') => {
    setError(null);
    if (action === 'reopen' && !note.trim()) {
      setError('Say what is still to do before reopening it');
      document.getElementById(fieldId('coach', 'note'))?.focus();
      return;
    }
    act.mutate(
      { action, note: note.trim() || undefined },
      { onError: (e) => setError(messageOf(e)), onSuccess: () => setNote('') },
    );
  };
  return (
    <Paper p={{ base: 'md', sm: 'lg' }} data-testid="coach-actions">
      <Title order={2} size="h4" mb="xs">
        Your review
      </Title>
      <Stack gap="sm">
        <Textarea
          id={fieldId('coach', 'note')}
          label="Note to the seller"
          autosize
          minRows={2}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          error={error}
        />
        <Group>
          {a.can.verify ? (
            <Button onClick={() => run('verify')} loading={act.isPending && act.variables?.action === 'verify'}>
              Confirm it is applied
            </Button>
          ) : null}
          {a.can.reopen ? (
            <Button variant="default" onClick={() => run('reopen')}>
              Reopen
            </Button>
          ) : null}
          {a.can.abandon ? (
            <Button variant="subtle" color="gray" onClick={() => run('abandon')}>
              Drop it
            </Button>
          ) : null}
        </Group>
      </Stack>
    </Paper>
  );
}

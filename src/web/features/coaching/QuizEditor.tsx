import { ActionIcon, Button, Group, NumberInput, Paper, Radio, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { CATALOG_LIMITS } from '../../../contract/coaching.ts';
import { emptyQuestion, type QuestionDraft } from './item-form.ts';

type Props = {
  passMark: number | string;
  questions: QuestionDraft[];
  errors: Record<string, string>;
  onPassMark(value: number | string): void;
  onQuestions(questions: QuestionDraft[]): void;
};

/** Questions with two to five choices each, the right one marked with a radio button, and the pass mark. */
export function QuizEditor({ passMark, questions, errors, onPassMark, onQuestions }: Props) {
  const change = (index: number, next: QuestionDraft) => onQuestions(questions.map((q, i) => (i === index ? next : q)));
  const remove = (index: number) => onQuestions(questions.filter((_, i) => i !== index));

  return (
    <Stack gap="sm" role="group" aria-label="Quiz">
      <NumberInput
        label="Pass mark"
        description="The share of right answers that passes"
        value={passMark}
        onChange={onPassMark}
        error={errors['quiz.passMark']}
        min={1}
        max={100}
        clampBehavior="strict"
        allowDecimal={false}
        allowNegative={false}
        suffix="%"
        w={200}
      />
      {questions.map((question, q) => {
        const at = `quiz.questions.${q}`;
        const name = `Question ${q + 1}`;
        return (
          <Paper key={q} withBorder p="sm" radius="md" role="group" aria-label={name}>
            <Stack gap="xs">
              <Group justify="space-between" align="flex-start" wrap="nowrap">
                <Textarea
                  label={name}
                  value={question.prompt}
                  onChange={(e) => change(q, { ...question, prompt: e.currentTarget.value })}
                  error={errors[`${at}.prompt`]}
                  maxLength={CATALOG_LIMITS.prompt}
                  autosize
                  minRows={1}
                  style={{ flex: 1 }}
                />
                <ActionIcon
                  variant="subtle"
                  color="red"
                  mt={24}
                  aria-label={`Remove question ${q + 1}`}
                  disabled={questions.length === 1}
                  onClick={() => remove(q)}
                >
                  <IconTrash size={16} />
                </ActionIcon>
              </Group>
              <Radio.Group
                value={question.answerIndex === null ? null : String(question.answerIndex)}
                onChange={(value) => change(q, { ...question, answerIndex: Number(value) })}
                label="Choices: mark the right one"
                error={errors[`${at}.answerIndex`] ?? errors[`${at}.choices`]}
              >
                <Stack gap={6} mt={4}>
                  {question.choices.map((choice, c) => (
                    <Group key={c} gap="xs" wrap="nowrap">
                      <Radio value={String(c)} aria-label={`Choice ${c + 1} of question ${q + 1} is the right one`} />
                      <TextInput
                        aria-label={`Choice ${c + 1} of question ${q + 1}`}
                        value={choice}
                        onChange={(e) =>
                          change(q, {
                            ...question,
                            choices: question.choices.map((x, k) => (k === c ? e.currentTarget.value : x)),
                          })
                        }
                        error={errors[`${at}.choices.${c}`]}
                        maxLength={CATALOG_LIMITS.choice}
                        style={{ flex: 1 }}
                      />
                      <ActionIcon
                        variant="subtle"
                        color="gray"
                        aria-label={`Remove choice ${c + 1} of question ${q + 1}`}
                        disabled={question.choices.length <= CATALOG_LIMITS.choicesMin}
                        onClick={() =>
                          change(q, {
                            ...question,
                            choices: question.choices.filter((_, k) => k !== c),
                            answerIndex:
                              question.answerIndex === null || question.answerIndex === c
                                ? null
                                : question.answerIndex > c
                                  ? question.answerIndex - 1
                                  : question.answerIndex,
                          })
                        }
                      >
                        <IconTrash size={16} />
                      </ActionIcon>
                    </Group>
                  ))}
                </Stack>
              </Radio.Group>
              <Group>
                <Button
                  variant="subtle"
                  size="xs"
                  leftSection={<IconPlus size={14} />}
                  disabled={question.choices.length >= CATALOG_LIMITS.choicesMax}
                  onClick={() => change(q, { ...question, choices: [...question.choices, ''] })}
                >
                  Add a choice to question {q + 1}
                </Button>
              </Group>
            </Stack>
          </Paper>
        );
      })}
      <Group>
        <Button
          variant="default"
          size="xs"
          leftSection={<IconPlus size={14} />}
          disabled={questions.length >= CATALOG_LIMITS.questions}
          onClick={() => onQuestions([...questions, emptyQuestion()])}
        >
          Add a question
        </Button>
        {errors['quiz.questions'] ? (
          <Text size="xs" c="red">
            {errors['quiz.questions']}
          </Text>
        ) : null}
      </Group>
    </Stack>
  );
}

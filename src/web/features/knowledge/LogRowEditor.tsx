import {
  ActionIcon,
  Anchor,
  Checkbox,
  Grid,
  Group,
  Paper,
  Select,
  Stack,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import type { KnowledgeResponse } from '../../../contract/knowledge.ts';
import { FieldValueInput } from './FieldValueInput.tsx';
import { optionLabel } from './labels.ts';
import { targetKind, targetOptions, withTarget, type LogRow, type RowErrors } from './log-model.ts';
import type { KnowledgeSchema } from './queries.ts';
import { alternativeOptions, fieldsIn, kindOf, type ObjectiveKey, type Option } from './schema-model.ts';
import { TEXT_LIMITS } from '../../../domain/text.ts';

export type LogRowEditorProps = {
  index: number;
  row: LogRow;
  rows: LogRow[];
  errors: RowErrors;
  knowledge: KnowledgeResponse;
  schema: KnowledgeSchema;
  contactOptions: Option[];
  contactName(id: string): string | undefined;
  onChange(change: (row: LogRow) => LogRow, clears?: Array<keyof RowErrors>): void;
  onRemove(): void;
  onAddContact(): void;
  accountName: string;
  /** the one-line summary stands in for rows without words of their own */
  hasSummary: boolean;
};

/** One row of the meeting log: objective, then what it is about (or a new item), then the field, its value and their words. */
export function LogRowEditor({
  index,
  row,
  rows,
  errors,
  knowledge,
  schema,
  contactOptions,
  contactName,
  onChange,
  onRemove,
  onAddContact,
  accountName,
  hasSummary,
}: LogRowEditorProps) {
  const id = (part: string) => `${row.id}-${part}`;
  const kind = targetKind(knowledge, rows, row);
  const kindDef = kind ? kindOf(schema, kind) : null;
  const fields = kindDef && row.objective ? fieldsIn(kindDef, row.objective) : [];
  const field = fields.find((f) => f.key === row.field) ?? null;
  const targets = targetOptions(schema, knowledge, rows, row, contactName);
  const takenContacts = new Set([
    ...knowledge.objectives
      .flatMap((o) => o.items)
      .filter((i) => i.kind === 'evaluator')
      .map((i) => i.contactId),
    ...rows.filter((r) => r.id !== row.id && r.newItem?.kind === 'evaluator').map((r) => r.newItem?.contactId),
  ]);

  const chooseObjective = (objective: ObjectiveKey | null) =>
    onChange(
      (r) => {
        const next = withTarget({ ...r, objective }, null);
        // one-per-opportunity objectives (the compelling event, funding) have nothing else to choose
        const only = targetOptions(schema, knowledge, rows, next, contactName).flatMap((g) => g.items);
        return only.length === 1 && !only[0]!.value.startsWith('new:') ? withTarget(next, only[0]!.value) : next;
      },
      ['objective', 'target', 'field'],
    );

  return (
    <Paper p="sm" radius="md" data-row={row.id} data-testid="log-row" aria-label={`What we learned, row ${index + 1}`}>
      <Group gap="xs" align="flex-start" wrap="nowrap">
        <Text size="xs" c="dimmed" fw={700} w={18} pt={30} ta="right" aria-hidden>
          {index + 1}
        </Text>
        <Stack gap="xs" style={{ flex: 1, minWidth: 0 }}>
          <Grid gap="xs">
            <Grid.Col span={{ base: 12, sm: 4 }}>
              <Select
                id={id('objective')}
                label="Objective"
                placeholder="Choose"
                size="sm"
                data={knowledge.objectives.map((o) => ({ value: o.key, label: `${o.number}. ${o.name}` }))}
                value={row.objective}
                onChange={(v) => chooseObjective(v as ObjectiveKey | null)}
                searchable
                selectFirstOptionOnChange
                selectFirstOptionOnDropdownOpen
                error={errors.objective}
                comboboxProps={{ withinPortal: true }}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 4 }}>
              <Select
                id={id('target')}
                label="About"
                placeholder={row.objective ? 'Choose' : '—'}
                size="sm"
                data={targets}
                value={row.target}
                onChange={(v) =>
                  onChange(
                    (r) => {
                      const next = withTarget(r, v);
                      const nextKind = targetKind(knowledge, rows, next);
                      const nextFields =
                        nextKind && next.objective ? fieldsIn(kindOf(schema, nextKind), next.objective) : [];
                      return nextFields.length === 1 && !next.newItem ? { ...next, field: nextFields[0]!.key } : next;
                    },
                    ['target', 'field', 'contactId', 'title', 'category'],
                  )
                }
                disabled={!row.objective}
                searchable
                selectFirstOptionOnChange
                selectFirstOptionOnDropdownOpen
                error={errors.target}
                nothingFoundMessage="Nothing by that name"
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 4 }}>
              <Select
                id={id('field')}
                label="What"
                placeholder={row.newItem ? 'Nothing more (just add it)' : kind ? 'Choose' : '—'}
                size="sm"
                data={fields.map((f) => ({ value: f.key, label: f.label }))}
                value={row.field}
                onChange={(v) =>
                  onChange(
                    (r) => ({ ...r, field: v, qualifier: null, isUnknown: false }),
                    ['field', 'value', 'qualifier'],
                  )
                }
                disabled={!kind}
                searchable
                selectFirstOptionOnChange
                selectFirstOptionOnDropdownOpen
                clearable={row.newItem !== null}
                error={errors.field}
              />
            </Grid.Col>
          </Grid>
          {row.newItem && kindDef ? (
            <Grid gap="xs">
              {kindDef.identity.contact ? (
                <Grid.Col span={{ base: 12, sm: 8 }}>
                  <Select
                    id={id('contactId')}
                    label={`New ${kindDef.label.toLowerCase()}`}
                    placeholder="Choose the contact"
                    size="sm"
                    data={contactOptions.map((c) => ({ ...c, disabled: takenContacts.has(c.value) }))}
                    value={row.newItem.contactId}
                    onChange={(contactId) =>
                      onChange(
                        (r) => ({ ...r, newItem: r.newItem ? { ...r.newItem, contactId } : null }),
                        ['contactId'],
                      )
                    }
                    searchable
                    selectFirstOptionOnChange
                    selectFirstOptionOnDropdownOpen
                    error={errors.contactId}
                    nothingFoundMessage="No contact by that name"
                  />
                  <Anchor component="button" type="button" size="xs" mt={4} onClick={onAddContact}>
                    Not a contact yet? Add one to {accountName}
                  </Anchor>
                </Grid.Col>
              ) : null}
              {kindDef.identity.title ? (
                <Grid.Col span={{ base: 12, sm: kindDef.identity.category ? 8 : 12 }}>
                  <TextInput
                    maxLength={TEXT_LIMITS.itemTitle}
                    id={id('title')}
                    label={kindDef.identity.title}
                    size="sm"
                    value={row.newItem.title}
                    onChange={(e) => {
                      const title = e.currentTarget.value;
                      onChange((r) => ({ ...r, newItem: r.newItem ? { ...r.newItem, title } : null }), ['title']);
                    }}
                    error={errors.title}
                  />
                </Grid.Col>
              ) : null}
              {kindDef.identity.category ? (
                <Grid.Col span={{ base: 12, sm: 4 }}>
                  <Select
                    id={id('category')}
                    label={kindDef.identity.category.label}
                    placeholder="Choose"
                    size="sm"
                    data={kindDef.identity.category.options.map((o) => ({ value: o, label: optionLabel(o) }))}
                    value={row.newItem.category}
                    onChange={(category) =>
                      onChange((r) => ({ ...r, newItem: r.newItem ? { ...r.newItem, category } : null }), ['category'])
                    }
                    error={errors.category}
                  />
                </Grid.Col>
              ) : null}
            </Grid>
          ) : null}
          {field?.perAlternative ? (
            <Select
              id={id('qualifier')}
              label="For which option"
              size="sm"
              data={alternativeOptions(knowledge)}
              value={row.qualifier}
              onChange={(qualifier) => onChange((r) => ({ ...r, qualifier }), ['qualifier'])}
              error={errors.qualifier}
              maw={320}
            />
          ) : null}
          {field ? (
            <Grid gap="xs" align="flex-end">
              <Grid.Col span={{ base: 12, sm: 7 }}>
                {row.isUnknown ? (
                  <TextInput
                    id={id('value')}
                    label={field.label}
                    size="sm"
                    value="Unknown: we asked, nobody knows yet"
                    readOnly
                    disabled
                  />
                ) : (
                  <FieldValueInput
                    id={id('value')}
                    field={field}
                    draft={row.draft}
                    onChange={(patch) => onChange((r) => ({ ...r, draft: { ...r.draft, ...patch } }), ['value'])}
                    error={errors.value}
                    knowledge={knowledge}
                  />
                )}
                <Checkbox
                  mt={6}
                  size="xs"
                  label="Unknown (asked, nobody knows yet)"
                  checked={row.isUnknown}
                  onChange={(e) => {
                    const isUnknown = e.currentTarget.checked;
                    onChange((r) => ({ ...r, isUnknown }), ['value', 'said']);
                  }}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 5 }}>
                <TextInput
                  maxLength={TEXT_LIMITS.evidence}
                  id={id('said')}
                  label="Their words"
                  placeholder={hasSummary ? 'Optional: the summary stands in' : 'What they said or did'}
                  size="sm"
                  value={row.said}
                  onChange={(e) => {
                    const said = e.currentTarget.value;
                    onChange((r) => ({ ...r, said }), ['said']);
                  }}
                  error={errors.said}
                  mb={errors.value ? 0 : 28}
                />
              </Grid.Col>
            </Grid>
          ) : row.newItem ? (
            <TextInput
              maxLength={TEXT_LIMITS.evidence}
              id={id('said')}
              label="Their words"
              placeholder={hasSummary ? 'Optional: the summary stands in' : 'What they said or did'}
              size="sm"
              value={row.said}
              onChange={(e) => {
                const said = e.currentTarget.value;
                onChange((r) => ({ ...r, said }), ['said']);
              }}
              error={errors.said}
            />
          ) : null}
          {field ? (
            <Text size="xs" c="dimmed" fs="italic">
              Ask: “{field.question}”
            </Text>
          ) : null}
        </Stack>
        <Tooltip label="Remove this row">
          <ActionIcon variant="subtle" color="gray" mt={26} onClick={onRemove} aria-label={`Remove row ${index + 1}`}>
            <IconTrash size={16} />
          </ActionIcon>
        </Tooltip>
      </Group>
    </Paper>
  );
}

import type { KnowledgeResponse } from '../../../contract/knowledge.ts';
import type { EvidenceSource } from '../../../domain/knowledge/evidence.ts';
import type { ItemKind } from '../../../domain/knowledge/schema.ts';
import type { KindDef, KnowledgeSchema, LogBody } from './queries.ts';
import { fieldsIn, kindOf, targetsAbout, type ObjectiveKey, type Option } from './schema-model.ts';
import { blankDraft, readDraft, type ValueDraft } from './value-draft.ts';

// The meeting log as a pure model: rows of "what we learned", the options each row offers, the
// one request they become, and the API's errors (facts.2.value) placed back on their rows.

export type NewItemDraft = { kind: ItemKind; contactId: string | null; title: string; category: string | null };

export type LogRow = {
  id: string;
  objective: ObjectiveKey | null;
  /** an existing item's id, "kind:<kind>" for one-per-opportunity kinds, "ref:<rowId>" for an item new in this meeting, or "new:<kind>" to add one in this row */
  target: string | null;
  /** set when this row adds a new item */
  newItem: NewItemDraft | null;
  /** null on a row that only adds an item */
  field: string | null;
  qualifier: string | null;
  isUnknown: boolean;
  draft: ValueDraft;
  /** their words for this entry; the summary stands in when empty */
  said: string;
};

export type LogHeader = {
  observedAt: string;
  source: Exclude<EvidenceSource, 'imported'>;
  contactId: string | null;
  summary: string;
};

let rowCounter = 0;

export function blankRow(currency: string): LogRow {
  rowCounter += 1;
  return {
    id: `r${Date.now().toString(36)}${rowCounter}`,
    objective: null,
    target: null,
    newItem: null,
    field: null,
    qualifier: null,
    isUnknown: false,
    draft: blankDraft(currency),
    said: '',
  };
}

export const isBlankRow = (row: LogRow) => row.objective === null;

const NEW = 'new:';
const REF = 'ref:';
const KIND = 'kind:';

/** Kinds a row under this objective can add: evaluators for the stance, alternatives for the alternatives ... */
export function creatableKinds(schema: KnowledgeSchema, objective: ObjectiveKey): KindDef[] {
  return schema.kinds.filter(
    (k) => !k.singleton && k.fields.some((f) => f.objective === objective || k.objective === objective),
  );
}

/** What the new item of a row is called, for the rows after it: the contact's name or the title. */
export function newItemLabel(
  item: NewItemDraft,
  def: KindDef,
  contactName: (id: string) => string | undefined,
): string {
  const name = def.identity.contact ? (item.contactId ? contactName(item.contactId) : undefined) : item.title.trim();
  return name ? name : `the new ${def.label.toLowerCase()}`;
}

export type TargetGroup = { group: string; items: Option[] };

/** What a row can be about: existing items, items new in this meeting (from earlier rows), or a new one. */
export function targetOptions(
  schema: KnowledgeSchema,
  knowledge: KnowledgeResponse,
  rows: readonly LogRow[],
  row: LogRow,
  contactName: (id: string) => string | undefined,
): TargetGroup[] {
  if (!row.objective) return [];
  const objective = row.objective;
  const groups: TargetGroup[] = [];
  const existing = targetsAbout(schema, knowledge, objective);
  const wholeDeal = existing.filter((t) => t.itemId === null);
  const items = existing.filter((t) => t.itemId !== null);
  if (wholeDeal.length > 0)
    groups.push({
      group: 'For the whole opportunity',
      items: wholeDeal.map((t) => ({ value: t.key, label: t.label })),
    });
  if (items.length > 0)
    groups.push({
      group: 'Already known',
      items: items.map((t) => ({ value: t.key, label: `${t.label} (${t.kindLabel.toLowerCase()})` })),
    });
  const earlier = rows.slice(
    0,
    rows.findIndex((r) => r.id === row.id),
  );
  const fresh = earlier.filter((r) => r.newItem && fieldsIn(kindOf(schema, r.newItem.kind), objective).length > 0);
  if (fresh.length > 0) {
    groups.push({
      group: 'New in this meeting',
      items: fresh.map((r) => ({
        value: `${REF}${r.id}`,
        label: newItemLabel(r.newItem!, kindOf(schema, r.newItem!.kind), contactName),
      })),
    });
  }
  const creatable = creatableKinds(schema, objective);
  if (creatable.length > 0)
    groups.push({
      group: 'Add',
      items: creatable.map((k) => ({ value: `${NEW}${k.kind}`, label: `New ${k.label.toLowerCase()}…` })),
    });
  return groups;
}

/** The kind of item a row's target is, whatever form the target takes. */
export function targetKind(knowledge: KnowledgeResponse, rows: readonly LogRow[], row: LogRow): ItemKind | null {
  const target = row.target;
  if (!target) return null;
  if (target.startsWith(NEW)) return target.slice(NEW.length) as ItemKind;
  if (target.startsWith(KIND)) return target.slice(KIND.length) as ItemKind;
  if (target.startsWith(REF)) return rows.find((r) => r.id === target.slice(REF.length))?.newItem?.kind ?? null;
  return knowledge.objectives.flatMap((o) => o.items).find((i) => i.id === target)?.kind ?? null;
}

/** A row's target changed: a "new:" target makes the row add an item; anything else stops it doing so. */
export function withTarget(row: LogRow, target: string | null): LogRow {
  const newItem = target?.startsWith(NEW)
    ? { kind: target.slice(NEW.length) as ItemKind, contactId: null, title: '', category: null }
    : null;
  return { ...row, target, newItem, field: null, qualifier: null };
}

export type RowErrors = Partial<
  Record<'objective' | 'target' | 'field' | 'qualifier' | 'value' | 'said' | 'contactId' | 'title' | 'category', string>
>;

export type BuiltLog =
  | { ok: true; body: LogBody; itemRows: string[]; factRows: string[] }
  | { ok: false; rowErrors: Record<string, RowErrors>; general: string | null };

/** The one request a meeting becomes, or what must be fixed first, row by row. */
export function buildLog(
  schema: KnowledgeSchema,
  knowledge: KnowledgeResponse,
  header: LogHeader,
  rows: readonly LogRow[],
): BuiltLog {
  const filled = rows.filter((r) => !isBlankRow(r));
  const rowErrors: Record<string, RowErrors> = {};
  const summary = header.summary.trim();
  const facts: NonNullable<LogBody['facts']> = [];
  const itemRows: string[] = [];
  const factRows: string[] = [];
  const itemList: NonNullable<LogBody['items']> = [];

  for (const row of filled) {
    const errors: RowErrors = {};
    const kind = targetKind(knowledge, rows, row);
    const said = row.said.trim();
    if (!row.target || !kind) errors.target = 'Choose what this is about';
    if (row.newItem) {
      const def = kindOf(schema, row.newItem.kind);
      if (def.identity.contact && !row.newItem.contactId) errors.contactId = 'Choose the contact';
      if (def.identity.title && !row.newItem.title.trim()) errors.title = 'Required';
      if (def.identity.category && !row.newItem.category) errors.category = 'Choose one';
      itemList.push({
        ref: row.id,
        kind: row.newItem.kind,
        ...(def.identity.contact && row.newItem.contactId ? { contactId: row.newItem.contactId } : {}),
        ...(def.identity.title ? { title: row.newItem.title.trim() } : {}),
        ...(def.identity.category && row.newItem.category ? { category: row.newItem.category } : {}),
        ...(said ? { said } : {}),
      });
      itemRows.push(row.id);
    } else if (row.target && !row.field) {
      errors.field = 'Choose what you learned';
    }
    if (row.field && kind) {
      const field = kindOf(schema, kind).fields.find((f) => f.key === row.field);
      if (!field) errors.field = 'Choose what you learned';
      else {
        if (field.perAlternative && !row.qualifier) errors.qualifier = 'Which option?';
        const value = row.isUnknown ? null : readDraft(field, row.draft);
        if (value && !value.ok) errors.value = value.error;
        if (!row.isUnknown && !said && !summary) errors.said = 'Their words, or a summary above';
        const target = row.target ?? '';
        facts.push({
          ...(target.startsWith(REF) || target.startsWith(NEW)
            ? { itemRef: target.startsWith(REF) ? target.slice(REF.length) : row.id }
            : target.startsWith(KIND)
              ? { kind }
              : { itemId: target }),
          field: field.key,
          ...(field.perAlternative ? { qualifier: row.qualifier } : {}),
          ...(row.isUnknown ? { unknown: true } : { value: value?.ok ? value.value : undefined }),
          ...(said ? { said } : {}),
        });
        factRows.push(row.id);
      }
    }
    if (row.newItem && !said && !summary) errors.said = 'Their words, or a summary above';
    if (Object.keys(errors).length > 0) rowErrors[row.id] = errors;
  }
  if (Object.keys(rowErrors).length > 0) return { ok: false, rowErrors, general: null };
  if (itemList.length === 0 && facts.length === 0)
    return { ok: false, rowErrors: {}, general: 'Add at least one thing you learned.' };
  return {
    ok: true,
    body: {
      version: knowledge.opportunityVersion,
      ...(summary ? { summary } : {}),
      source: header.source,
      contactId: header.contactId,
      observedAt: header.observedAt,
      items: itemList,
      facts,
    },
    itemRows,
    factRows,
  };
}

const ROW_PARTS: Record<string, keyof RowErrors> = {
  value: 'value',
  field: 'field',
  qualifier: 'qualifier',
  itemId: 'target',
  itemRef: 'target',
  kind: 'target',
  ref: 'target',
  text: 'said',
  said: 'said',
  contactId: 'contactId',
  title: 'title',
  category: 'category',
};

export type PlacedErrors = {
  rowErrors: Record<string, RowErrors>;
  header: Partial<Record<keyof LogHeader, string>>;
  unplaced: string[];
};

/** The API names fields by position (facts.2.value, items.0.contactId): put each message on its row. */
export function placeLogErrors(
  fields: Record<string, string>,
  built: { itemRows: string[]; factRows: string[] },
): PlacedErrors {
  const placed: PlacedErrors = { rowErrors: {}, header: {}, unplaced: [] };
  for (const [name, message] of Object.entries(fields)) {
    const match = /^(items|facts)\.(\d+)\.(\w+)$/.exec(name);
    const rowId = match ? (match[1] === 'items' ? built.itemRows : built.factRows)[Number(match[2])] : undefined;
    const part = match ? ROW_PARTS[match[3]!] : undefined;
    if (rowId && part) {
      placed.rowErrors[rowId] = { ...placed.rowErrors[rowId], [part]: placed.rowErrors[rowId]?.[part] ?? message };
      continue;
    }
    const top = name.replace(/^\./, '');
    if (top === 'observedAt' || top === 'source' || top === 'contactId' || top === 'summary')
      placed.header[top] = message;
    else placed.unplaced.push(`${name}: ${message}`);
  }
  return placed;
}

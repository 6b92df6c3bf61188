import { addDays } from '../dates.ts';
import { toMinorUnits, isCurrencyCode } from '../currency.ts';
import {
  DEAL_TYPES,
  LEAD_SOURCES,
  OPPORTUNITY_STATUSES,
  SIZE_BANDS,
  type DealType,
  type LeadSource,
  type OpportunityStatus,
  type SizeBand,
} from '../enums.ts';
import { DECISION_ROLES, fieldDef, valueSchema, type ItemKind } from '../knowledge/schema.ts';
import type { ImportTarget, Mapping, Source } from './mapping.ts';
import { readAmount, readDate, readFlag, readPercentage } from './values.ts';

// One CSV row read through a mapping: the records it describes, or every problem it has, each
// with its line and the column it came from.

export type RowProblem = { line: number; column: string | null; message: string };

export type ImportedKnowledge =
  | { kind: 'fact'; itemKind: ItemKind; field: string; value: unknown; isUnknown: boolean; column: string }
  | { kind: 'economic_buyer'; name: string; column: string }
  | { kind: 'competitor'; name: string; column: string };

export type ImportedRow = {
  line: number;
  opportunity: {
    externalId: string | null;
    name: string;
    amountMinor: number;
    currency: string;
    status: OpportunityStatus;
    /** one of the organization's stages (its name as stored); null: the first stage */
    stage: string | null;
    closeDate: string;
    createdDate: string;
    sellerProbability: number | null;
    dealType: DealType;
    source: LeadSource | null;
    closeReason: string | null;
  };
  owner: { name: string | null; email: string | null } | null;
  account: {
    externalId: string | null;
    name: string;
    industry: string | null;
    sizeBand: SizeBand | null;
    website: string | null;
  };
  contact: {
    externalId: string | null;
    name: string;
    email: string | null;
    title: string | null;
    phone: string | null;
    role: (typeof DECISION_ROLES)[number] | null;
  } | null;
  knowledge: ImportedKnowledge[];
};

export type RowContext = {
  /** the organization's stage names by lower-case name */
  stages: ReadonlyMap<string, string>;
  reportingCurrency: string;
  today: string;
};

const OUTCOME_WORDS: Record<string, OpportunityStatus> = {
  won: 'won',
  win: 'won',
  'closed won': 'won',
  lost: 'lost',
  loss: 'lost',
  'closed lost': 'lost',
  'no decision': 'no_decision',
  no_decision: 'no_decision',
  'closed no decision': 'no_decision',
  open: 'open',
  '': 'open',
};

const LIMITS = { name: 200, text: 200, reason: 1000 } as const;

/** The header's position of each column, by its name as written and trimmed. */
export function headerIndex(header: readonly string[]): Map<string, number> {
  const index = new Map<string, number>();
  header.forEach((h, i) => {
    const name = h.trim();
    if (!index.has(name)) index.set(name, i);
  });
  return index;
}

export type RowResult = { row: ImportedRow; problems: [] } | { row: null; problems: RowProblem[] };

/** Reads one row's target: its text and the column to blame when it is wrong. */
export type Reader = (cells: readonly string[]) => { text: string; column: string | null };

/** A mapping made ready for a file's header once, then applied to each row. */
export function createRowMapper(
  columns: ReadonlyMap<string, number>,
  mapping: Mapping,
  ctx: RowContext,
): (cells: readonly string[], line: number) => RowResult {
  const readers = new Map<ImportTarget, Reader>();
  for (const [target, source] of Object.entries(mapping.fields) as Array<[ImportTarget, Source]>) {
    readers.set(target, readerOf(source, columns));
  }
  const tables = new Map<ImportTarget, Map<string, string>>();
  for (const [target, table] of Object.entries(mapping.values) as Array<[ImportTarget, Record<string, string>]>) {
    tables.set(target, lowerKeys(table));
  }
  const stages = lowerKeys(mapping.stages);
  const unknown = new Set(mapping.unknown.map((u) => u.toLowerCase()));
  const knowledge = mapping.knowledge.map((k) => ({ ...k, index: columns.get(k.column) ?? -1 }));
  return (cells, line) => mapRow(cells, line, { readers, tables, stages, unknown, knowledge }, mapping, ctx);
}

/** A stage cell: one of the organization's stages, how the deal ended, or what is wrong with it. */
export function stageOf(
  text: string,
  stages: ReadonlyMap<string, string>,
  ctx: Pick<RowContext, 'stages'>,
): { stage: string } | { status: Exclude<OpportunityStatus, 'open'> } | { problem: string } {
  const mapped = stages.get(text) ?? stages.get(text.toLowerCase()) ?? text;
  const asStatus = OUTCOME_WORDS[mapped.toLowerCase()];
  if (asStatus && asStatus !== 'open') return { status: asStatus };
  const stage = ctx.stages.get(mapped.toLowerCase());
  if (stage) return { stage };
  return {
    problem: `unknown stage "${text}"; map it under "stages" to one of ${[...ctx.stages.values()].join(', ')}, or to won, lost or no_decision`,
  };
}

export function lowerKeys(table: Record<string, string>): Map<string, string> {
  const map = new Map<string, string>();
  for (const [from, to] of Object.entries(table)) {
    map.set(from, to);
    if (!map.has(from.toLowerCase())) map.set(from.toLowerCase(), to);
  }
  return map;
}

export function readerOf(source: Source, columns: ReadonlyMap<string, number>): Reader {
  const at = (column: string) => columns.get(column) ?? -1;
  if (typeof source === 'string') {
    const i = at(source);
    return (cells) => ({ text: (cells[i] ?? '').trim(), column: source });
  }
  if ('column' in source) {
    const i = at(source.column);
    const fallback = source.default ?? '';
    return (cells) => {
      const cell = (cells[i] ?? '').trim();
      return { text: cell === '' ? fallback : cell, column: source.column };
    };
  }
  if ('value' in source) {
    const fixed = { text: source.value, column: null };
    return () => fixed;
  }
  // "Client {Number}": literal parts and column positions, alternating
  const parts = source.template.split(/\{([^}]+)\}/);
  const positions = parts.map((p, i) => (i % 2 === 1 ? at(p) : -1));
  return (cells) => {
    let text = '';
    for (let i = 0; i < parts.length; i++) text += i % 2 === 1 ? (cells[positions[i]!] ?? '').trim() : parts[i];
    return { text: text.trim(), column: null };
  };
}

type Prepared = {
  readers: ReadonlyMap<ImportTarget, Reader>;
  tables: ReadonlyMap<ImportTarget, ReadonlyMap<string, string>>;
  stages: ReadonlyMap<string, string>;
  unknown: ReadonlySet<string>;
  knowledge: ReadonlyArray<Mapping['knowledge'][number] & { index: number }>;
};

function mapRow(
  cells: readonly string[],
  line: number,
  prepared: Prepared,
  mapping: Mapping,
  ctx: RowContext,
): RowResult {
  const problems: RowProblem[] = [];
  const problem = (column: string | null, message: string) => problems.push({ line, column, message });
  const { unknown } = prepared;

  const read = (target: ImportTarget): { text: string; column: string | null } | null => {
    const reader = prepared.readers.get(target);
    return reader ? reader(cells) : null;
  };
  const text = (target: ImportTarget, max: number = LIMITS.text): string | null => {
    const got = read(target);
    if (!got || got.text === '') return null;
    if (got.text.length > max) {
      problem(got.column, `${target}: at most ${max} characters`);
      return null;
    }
    // control characters never come in
    return got.text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, ' ');
  };
  /** a value translated through the mapping's table for the target, then checked against ours */
  const translated = <T extends string>(target: ImportTarget, allowed: readonly T[], strict = true): T | null => {
    const got = read(target);
    if (!got || got.text === '') return null;
    const table = prepared.tables.get(target);
    const hit =
      table?.get(got.text) ?? table?.get(got.text.toLowerCase()) ?? got.text.toLowerCase().replace(/[\s-]+/g, '_');
    if ((allowed as readonly string[]).includes(hit)) return hit as T;
    if (!strict) return null;
    problem(
      got.column,
      `"${got.text}" is not a known ${target.split('.')[1]}; map it under values.${target} to one of ${allowed.join(', ')}`,
    );
    return null;
  };
  const date = (target: ImportTarget): string | null => {
    const got = read(target);
    if (!got || got.text === '') return null;
    const parsed = readDate(got.text, mapping.dateOrder);
    if (parsed.ok) return parsed.value;
    problem(got.column, `${target}: ${parsed.message}`);
    return null;
  };

  // how the deal ended: an outcome column, Salesforce's Won/Closed flags, or the stage's meaning
  let status: OpportunityStatus | null = null;
  let stage: string | null = null;
  const stageCell = read('opportunity.stage');
  if (stageCell && stageCell.text !== '') {
    const found = stageOf(stageCell.text, prepared.stages, ctx);
    if ('status' in found) status = found.status;
    else if ('stage' in found) stage = found.stage;
    else problem(stageCell.column, found.problem);
  }
  const outcome = read('opportunity.outcome');
  if (outcome) {
    const table = prepared.tables.get('opportunity.outcome');
    const word = (table?.get(outcome.text) ?? table?.get(outcome.text.toLowerCase()) ?? outcome.text).toLowerCase();
    const found = OUTCOME_WORDS[word] ?? (OPPORTUNITY_STATUSES as readonly string[]).find((s) => s === word);
    if (found) status = found as OpportunityStatus;
    else {
      problem(
        outcome.column,
        `unknown outcome "${outcome.text}"; accepted: won, lost, no decision, open (or map it under values.opportunity.outcome)`,
      );
    }
  }
  const closedFlag = read('opportunity.isClosed');
  const wonFlag = read('opportunity.isWon');
  if (closedFlag && !outcome) {
    const closed = readFlag(closedFlag.text);
    const won = wonFlag ? readFlag(wonFlag.text) : { ok: true as const, value: false };
    if (!closed.ok) problem(closedFlag.column, `opportunity.isClosed: ${closed.message}`);
    else if (!won.ok) problem(wonFlag!.column, `opportunity.isWon: ${won.message}`);
    else if (!closed.value) status = 'open';
    else status = won.value ? 'won' : status === 'no_decision' ? 'no_decision' : 'lost';
  }
  status ??= 'open';

  const currencyText = text('opportunity.currency');
  const currency = currencyText?.toUpperCase() ?? mapping.currency ?? ctx.reportingCurrency;
  if (currencyText && !isCurrencyCode(currency)) {
    problem(read('opportunity.currency')!.column, `"${currencyText}" is not a currency code such as USD or EUR`);
  }
  let amountMinor = 0;
  const amount = read('opportunity.amount');
  if (amount && amount.text !== '') {
    const parsed = readAmount(amount.text, mapping.decimal);
    if (parsed.ok) amountMinor = toMinorUnits(parsed.value, isCurrencyCode(currency) ? currency : 'USD');
    else problem(amount.column, `opportunity.amount: ${parsed.message}`);
  }

  const closeDate = date('opportunity.closeDate');
  if (closeDate === null && problems.length === 0) {
    problem(read('opportunity.closeDate')?.column ?? null, 'opportunity.closeDate: a close date is required');
  }
  let createdDate = date('opportunity.createdDate');
  const days = read('opportunity.createdDaysBeforeClose');
  if (createdDate === null && days && days.text !== '' && closeDate) {
    const n = Number(days.text);
    if (Number.isInteger(n) && n >= 0 && n < 36500) createdDate = addDays(closeDate, -n);
    else problem(days.column, `opportunity.createdDaysBeforeClose: "${days.text}" is not a whole number of days`);
  }
  if (closeDate) {
    createdDate ??= status === 'open' ? (closeDate < ctx.today ? closeDate : ctx.today) : closeDate;
    if (createdDate > closeDate && status !== 'open') {
      problem(
        read('opportunity.createdDate')?.column ?? null,
        `created ${createdDate}, after it closed on ${closeDate}`,
      );
    }
    if (status !== 'open' && closeDate > ctx.today) {
      problem(read('opportunity.closeDate')?.column ?? null, `closed on ${closeDate}, which is in the future`);
    }
    if (createdDate > ctx.today) {
      problem(read('opportunity.createdDate')?.column ?? null, `created on ${createdDate}, which is in the future`);
    }
  }

  let sellerProbability: number | null = null;
  const probability = read('opportunity.probability');
  if (probability && probability.text !== '') {
    const parsed = readPercentage(probability.text);
    if (parsed.ok) sellerProbability = parsed.value;
    else problem(probability.column, `opportunity.probability: ${parsed.message}`);
  }

  const externalId = text('opportunity.externalId', 64);
  const accountExternalId = text('account.externalId', 64);
  const accountName = text('account.name', LIMITS.name) ?? accountExternalId;
  if (!accountName) problem(read('account.name')?.column ?? null, 'account.name: the account has no name');
  const name = text('opportunity.name', LIMITS.name) ?? externalId ?? '';
  if (!name) problem(read('opportunity.name')?.column ?? null, 'opportunity.name: the opportunity has no name');

  let ownerName = text('owner.name');
  let ownerEmail = text('owner.email')?.toLowerCase() ?? null;
  // an owner column holding an e-mail address is read as one
  if (ownerName && !ownerEmail && ownerName.includes('@')) [ownerName, ownerEmail] = [null, ownerName.toLowerCase()];
  if (ownerEmail && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(ownerEmail)) {
    problem(read('owner.email')!.column, `owner.email: "${ownerEmail}" is not an e-mail address`);
  }

  const contactName = text('contact.name', LIMITS.name);
  const contactRoleCell = read('contact.role');
  let contactRole: (typeof DECISION_ROLES)[number] | null = null;
  if (contactRoleCell && contactRoleCell.text !== '' && !unknown.has(contactRoleCell.text.toLowerCase())) {
    contactRole = translated('contact.role', DECISION_ROLES);
  }

  const knowledge: ImportedKnowledge[] = [];
  for (const k of prepared.knowledge) {
    const cell = (cells[k.index] ?? '').trim();
    if (cell === '') continue;
    const isUnknown = unknown.has(cell.toLowerCase());
    if (k.fact === 'alternative.competitor') {
      // "unknown" competitors: nothing is known, so nothing is recorded
      if (isUnknown) continue;
      const names = (k.split ? cell.split(k.split) : [cell]).map((n) => n.trim()).filter(Boolean);
      for (const n of names) {
        const mapped = k.values?.[n];
        if (mapped === null || mapped === false) continue;
        knowledge.push({
          kind: 'competitor',
          name: (typeof mapped === 'string' ? mapped : n).slice(0, 64),
          column: k.column,
        });
      }
      continue;
    }
    const [itemKind, field] = k.fact.split('.') as [ItemKind, string];
    const def = fieldDef(itemKind, field)!;
    if (isUnknown) {
      knowledge.push({ kind: 'fact', itemKind, field, value: null, isUnknown: true, column: k.column });
      continue;
    }
    if (def.kind === 'evaluator') {
      knowledge.push({ kind: 'economic_buyer', name: cell.slice(0, LIMITS.name), column: k.column });
      continue;
    }
    const raw: unknown =
      k.values && Object.hasOwn(k.values, cell)
        ? k.values[cell]
        : def.kind === 'boolean'
          ? (() => {
              const f = readFlag(cell);
              return f.ok ? f.value : cell;
            })()
          : def.kind === 'percentage' || def.kind === 'threat'
            ? Number(cell)
            : def.kind === 'date'
              ? (() => {
                  const d = readDate(cell, mapping.dateOrder);
                  return d.ok ? d.value : cell;
                })()
              : def.kind === 'enumList'
                ? cell.split(/[;,]/).map((v) =>
                    v
                      .trim()
                      .toLowerCase()
                      .replace(/[\s-]+/g, '_'),
                  )
                : def.kind === 'enum'
                  ? cell.toLowerCase().replace(/[\s-]+/g, '_')
                  : cell;
    const checked = valueSchema(def).safeParse(raw);
    if (checked.success) {
      knowledge.push({ kind: 'fact', itemKind, field, value: checked.data, isUnknown: false, column: k.column });
    } else {
      const allowed = def.options ? `; accepted: ${def.options.join(', ')} (or map values)` : '';
      problem(k.column, `${k.fact}: "${cell}" is not a ${def.label.toLowerCase()} value${allowed}`);
    }
  }

  const dealType = translated('opportunity.type', DEAL_TYPES) ?? 'new_logo';
  // a lead source the mapping does not know is left blank rather than refused
  const source = translated('opportunity.source', LEAD_SOURCES, false);
  const sizeBand = translated('account.sizeBand', SIZE_BANDS);
  if (problems.length > 0) return { row: null, problems };
  return {
    row: {
      line,
      opportunity: {
        externalId,
        name,
        amountMinor,
        currency,
        status,
        stage,
        closeDate: closeDate!,
        createdDate: createdDate!,
        sellerProbability,
        dealType,
        source,
        closeReason: text('opportunity.closeReason', LIMITS.reason),
      },
      owner: ownerName || ownerEmail ? { name: ownerName, email: ownerEmail } : null,
      account: {
        externalId: accountExternalId,
        name: accountName!,
        industry: text('account.industry'),
        sizeBand,
        website: text('account.website'),
      },
      contact: contactName
        ? {
            externalId: text('contact.externalId', 64),
            name: contactName,
            email: text('contact.email'),
            title: text('contact.title'),
            phone: text('contact.phone', 50),
            role: contactRole,
          }
        : null,
      knowledge,
    },
    problems: [],
  };
}

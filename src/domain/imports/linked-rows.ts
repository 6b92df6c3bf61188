import { SIZE_BANDS, type OpportunityStatus, type SizeBand } from '../enums.ts';
import { DECISION_ROLES } from '../knowledge/schema.ts';
import type { ImportKind, ImportTarget, Mapping, Source } from './mapping.ts';
import { lowerKeys, readerOf, stageOf, type Reader, type RowContext, type RowProblem } from './rows.ts';
import { readAmount, readDate } from './values.ts';

// A row of a file that is not an opportunity report: an account, a contact, a person's role on a
// deal, or one change of a deal's stage. Each names the records it links to by the other CRM's ids;
// whether those are here is for the caller to check (it reads the database), not for this function.

export type DecisionRole = (typeof DECISION_ROLES)[number];

export type LinkedContact = {
  externalId: string | null;
  name: string | null;
  email: string | null;
  title: string | null;
  phone: string | null;
};

export type LinkedRow =
  | {
      kind: 'account';
      line: number;
      account: {
        externalId: string | null;
        name: string;
        industry: string | null;
        sizeBand: SizeBand | null;
        website: string | null;
      };
      owner: { name: string | null; email: string | null } | null;
    }
  | {
      kind: 'contact';
      line: number;
      contact: LinkedContact & { name: string };
      /** the account it works at: by id, else by name (made when neither is here) */
      account: { externalId: string | null; name: string | null };
    }
  | {
      kind: 'contactRole';
      line: number;
      opportunityExternalId: string;
      /** one, or several from a cell listing ids ("101;102", as HubSpot writes associations) */
      contacts: LinkedContact[];
      role: DecisionRole | null;
      /** the deal's company, when the file says (HubSpot's deal-to-company association) */
      accountExternalId: string | null;
    }
  | {
      kind: 'stageHistory';
      line: number;
      opportunityExternalId: string;
      date: string;
      /** one of the organization's stages, or null when the change closed the deal */
      stage: string | null;
      status: Exclude<OpportunityStatus, 'open'> | null;
      /** the deal's amount at that moment, in major units of its currency (the caller knows which), when the file says */
      amount: number | null;
      /** its expected close date at that moment, when the file says */
      closeDate: string | null;
    };

export type LinkedResult = { row: LinkedRow; problems: [] } | { row: null; problems: RowProblem[] };

const LIMITS = { name: 200, text: 200, id: 64, phone: 50 } as const;

/** "250", "1,200": an employee count read as our size band. */
export function sizeBandOfCount(text: string): SizeBand | null {
  if (!/^\d{1,3}(,\d{3})*$|^\d+$/.test(text)) return null;
  const n = Number(text.replace(/,/g, ''));
  const limits = [50, 250, 1000, 5000];
  const index = limits.findIndex((limit) => n < limit);
  return SIZE_BANDS[index === -1 ? SIZE_BANDS.length - 1 : index]!;
}

/** Several ids in one cell, as HubSpot lists associations: "101;102" or "101, 102". */
const idsIn = (text: string) =>
  text
    .split(/[;,]/)
    .map((id) => id.trim())
    .filter(Boolean);

/** A mapping of a kind other than opportunity made ready for a file's header once, then applied to each row. */
export function createLinkedRowMapper(
  columns: ReadonlyMap<string, number>,
  mapping: Mapping & { kind: Exclude<ImportKind, 'opportunity'> },
  ctx: RowContext,
): (cells: readonly string[], line: number) => LinkedResult {
  const readers = new Map<ImportTarget, Reader>();
  for (const [target, source] of Object.entries(mapping.fields) as Array<[ImportTarget, Source]>) {
    readers.set(target, readerOf(source, columns));
  }
  const stages = lowerKeys(mapping.stages);
  const roles = lowerKeys(mapping.values['contact.role'] ?? {});
  const sizes = lowerKeys(mapping.values['account.sizeBand'] ?? {});
  const unknown = new Set(mapping.unknown.map((u) => u.toLowerCase()));

  return (cells, line) => {
    const problems: RowProblem[] = [];
    const problem = (column: string | null, message: string) => problems.push({ line, column, message });
    const read = (target: ImportTarget) => readers.get(target)?.(cells) ?? null;
    const text = (target: ImportTarget, max: number = LIMITS.text): string | null => {
      const got = read(target);
      if (!got || got.text === '') return null;
      if (got.text.length > max) {
        problem(got.column, `${target}: at most ${max} characters`);
        return null;
      }
      return got.text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, ' ');
    };
    const required = (target: ImportTarget, what: string): string | null => {
      const value = text(target, LIMITS.id);
      if (value === null && !problems.some((p) => p.message.startsWith(`${target}:`))) {
        problem(read(target)?.column ?? null, `${target}: ${what} is empty`);
      }
      return value;
    };
    const firstId = (target: ImportTarget): string | null => {
      const got = text(target, 2000);
      const id = got === null ? null : (idsIn(got)[0] ?? null);
      if (id !== null && id.length > LIMITS.id)
        problem(read(target)!.column, `${target}: at most ${LIMITS.id} characters`);
      return id;
    };
    const contact = (withId = true): LinkedContact => ({
      externalId: withId ? text('contact.externalId', LIMITS.id) : null,
      name: text('contact.name', LIMITS.name),
      email: text('contact.email')?.toLowerCase() ?? null,
      title: text('contact.title'),
      phone: text('contact.phone', LIMITS.phone),
    });
    const done = (row: LinkedRow): LinkedResult =>
      problems.length > 0 ? { row: null, problems } : { row, problems: [] };

    switch (mapping.kind) {
      case 'account': {
        const name = text('account.name', LIMITS.name);
        if (!name) problem(read('account.name')?.column ?? null, 'account.name: the account has no name');
        let sizeBand: SizeBand | null = null;
        const size = read('account.sizeBand');
        if (size && size.text !== '' && !unknown.has(size.text.toLowerCase())) {
          const mapped = sizes.get(size.text) ?? sizes.get(size.text.toLowerCase()) ?? size.text;
          sizeBand = (SIZE_BANDS as readonly string[]).includes(mapped)
            ? (mapped as SizeBand)
            : sizeBandOfCount(mapped);
          if (sizeBand === null) {
            problem(
              size.column,
              `account.sizeBand: "${size.text}" is neither a number of employees nor one of ${SIZE_BANDS.join(', ')}`,
            );
          }
        }
        let ownerName = text('owner.name');
        let ownerEmail = text('owner.email')?.toLowerCase() ?? null;
        if (ownerName && !ownerEmail && ownerName.includes('@'))
          [ownerName, ownerEmail] = [null, ownerName.toLowerCase()];
        return done({
          kind: 'account',
          line,
          account: {
            externalId: text('account.externalId', LIMITS.id),
            name: name ?? '',
            industry: text('account.industry'),
            sizeBand,
            website: text('account.website'),
          },
          owner: ownerName || ownerEmail ? { name: ownerName, email: ownerEmail } : null,
        });
      }
      case 'contact': {
        const person = contact();
        if (!person.name) problem(read('contact.name')?.column ?? null, 'contact.name: the contact has no name');
        const account = { externalId: firstId('account.externalId'), name: text('account.name', LIMITS.name) };
        if (!account.externalId && !account.name) {
          const column = read('account.externalId')?.column ?? read('account.name')?.column ?? null;
          problem(column, 'the contact names no account (neither its id nor its name)');
        }
        return done({ kind: 'contact', line, contact: { ...person, name: person.name ?? '' }, account });
      }
      case 'contactRole': {
        const opportunityExternalId = required('opportunity.externalId', "the opportunity's id");
        const person = contact(false);
        const idCell = read('contact.externalId');
        const ids = idCell ? idsIn(idCell.text) : [];
        if (ids.some((id) => id.length > LIMITS.id)) {
          problem(idCell!.column, `contact.externalId: an id of at most ${LIMITS.id} characters`);
        }
        let role: DecisionRole | null = null;
        const roleCell = read('contact.role');
        if (roleCell && roleCell.text !== '' && !unknown.has(roleCell.text.toLowerCase())) {
          const mapped =
            roles.get(roleCell.text) ??
            roles.get(roleCell.text.toLowerCase()) ??
            roleCell.text.toLowerCase().replace(/[\s-]+/g, '_');
          if ((DECISION_ROLES as readonly string[]).includes(mapped)) role = mapped as DecisionRole;
          else if (mapped !== '') {
            problem(
              roleCell.column,
              `"${roleCell.text}" is not a known role; map it under values.contact.role to one of ${DECISION_ROLES.join(', ')}, or to "" for none`,
            );
          }
        }
        const accountExternalId = firstId('account.externalId');
        const named = ids.length > 0 || person.name !== null;
        // a deal listed with its company and no contact links only the company
        if (!named && accountExternalId === null) {
          problem(read('contact.externalId')?.column ?? null, "contact.externalId: the contact's id is empty");
        }
        const contacts = !named
          ? []
          : ids.length > 1
            ? ids.map((externalId) => ({ ...emptyContact, externalId }))
            : [{ ...person, externalId: ids[0] ?? null }];
        return done({
          kind: 'contactRole',
          line,
          opportunityExternalId: opportunityExternalId ?? '',
          contacts,
          role,
          accountExternalId,
        });
      }
      case 'stageHistory': {
        const opportunityExternalId = required('opportunity.externalId', "the opportunity's id");
        let date: string | null = null;
        const dateCell = read('history.date');
        if (!dateCell || dateCell.text === '') problem(dateCell?.column ?? null, 'history.date: the date is empty');
        else {
          const parsed = readDate(dateCell.text, mapping.dateOrder);
          if (!parsed.ok) problem(dateCell.column, `history.date: ${parsed.message}`);
          else if (parsed.value > ctx.today)
            problem(dateCell.column, `changed on ${parsed.value}, which is in the future`);
          else date = parsed.value;
        }
        let stage: string | null = null;
        let status: Exclude<OpportunityStatus, 'open'> | null = null;
        const stageCell = read('history.stage');
        if (!stageCell || stageCell.text === '')
          problem(stageCell?.column ?? null, 'history.stage: the stage is empty');
        else {
          const found = stageOf(stageCell.text, stages, ctx);
          if ('stage' in found) stage = found.stage;
          else if ('status' in found) status = found.status;
          else problem(stageCell.column, found.problem);
        }
        // an empty cell says nothing of the moment: the deal's amount or date stays as the rows before left it
        let amount: number | null = null;
        const amountCell = read('history.amount');
        if (amountCell && amountCell.text !== '') {
          const parsed = readAmount(amountCell.text, mapping.decimal);
          if (parsed.ok) amount = parsed.value;
          else problem(amountCell.column, `history.amount: ${parsed.message}`);
        }
        let closeDate: string | null = null;
        const closeCell = read('history.closeDate');
        if (closeCell && closeCell.text !== '') {
          const parsed = readDate(closeCell.text, mapping.dateOrder);
          if (parsed.ok) closeDate = parsed.value;
          else problem(closeCell.column, `history.closeDate: ${parsed.message}`);
        }
        return done({
          kind: 'stageHistory',
          line,
          opportunityExternalId: opportunityExternalId ?? '',
          date: date ?? '',
          stage,
          status,
          amount,
          closeDate,
        });
      }
    }
  };
}

const emptyContact: LinkedContact = { externalId: null, name: null, email: null, title: null, phone: null };

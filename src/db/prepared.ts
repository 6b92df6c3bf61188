import { createQueryId, type Compilable, type CompiledQuery } from 'kysely';
import type { Db } from './database.ts';

// Building and compiling a query with Kysely costs more than running most of ours on SQLite. The
// lookups every request makes (its session, the record it names) are always the same statement,
// so they are built once per database and run with each call's values.

export type BoundValue = string | number | null;
export type PreparedArgs = Record<string, BoundValue | readonly BoundValue[]>;

type Slot = { constant: unknown } | { arg: string; index: number | null };
type Template = { compiled: CompiledQuery; slots: Slot[] };

// a bound value no caller could send: NUL, the argument's name, and its position in a list
const MARK = '\u0000prepared\u0000';

/**
 * A query compiled once per database (and per length of each list argument) and run with each
 * call's arguments. `build` must use its arguments only as bound values, never to choose the shape
 * of the query: it is called with placeholders standing in for them.
 */
export function preparedQuery<A extends PreparedArgs, Row>(build: (db: Db, args: A) => Compilable<Row>) {
  const templates = new WeakMap<Db, Map<string, Template>>();
  return async (db: Db, args: A): Promise<Row[]> => {
    const shape = Object.entries(args)
      .map(([name, value]) => (Array.isArray(value) ? `${name}[${value.length}]` : name))
      .join(',');
    let byShape = templates.get(db);
    if (!byShape) templates.set(db, (byShape = new Map()));
    let template = byShape.get(shape);
    if (!template) {
      template = compileTemplate(db, args, build);
      byShape.set(shape, template);
    }
    const parameters = template.slots.map((slot) => {
      if ('constant' in slot) return slot.constant;
      const value = args[slot.arg];
      return slot.index === null ? value : (value as readonly BoundValue[])[slot.index];
    });
    const result = await db.executeQuery<Row>({ ...template.compiled, parameters, queryId: createQueryId() });
    return result.rows;
  };
}

function compileTemplate<A extends PreparedArgs, Row>(
  db: Db,
  args: A,
  build: (db: Db, args: A) => Compilable<Row>,
): Template {
  const placeholders = Object.fromEntries(
    Object.entries(args).map(([name, value]) => [
      name,
      Array.isArray(value) ? value.map((_, index) => `${MARK}${name}\u0000${index}`) : `${MARK}${name}`,
    ]),
  ) as unknown as A;
  const compiled = build(db, placeholders).compile();
  const used = new Set<string>();
  const slots = compiled.parameters.map((parameter): Slot => {
    if (typeof parameter !== 'string' || !parameter.startsWith(MARK)) return { constant: parameter };
    const [arg, index] = parameter.slice(MARK.length).split('\u0000') as [string, string | undefined];
    used.add(arg);
    return { arg, index: index === undefined ? null : Number(index) };
  });
  // an argument that never reached the parameters was used to shape the query (or not at all)
  for (const [name, value] of Object.entries(args)) {
    if (!used.has(name) && !(Array.isArray(value) && value.length === 0)) {
      throw new Error(`preparedQuery: argument '${name}' is not a bound value of the query`);
    }
  }
  return { compiled, slots };
}

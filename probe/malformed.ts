/**
 * Malformed requests for every operation of the OpenAPI document: broken path parameters, query
 * strings and bodies, bad JSON, wrong media types, control characters, huge and deeply nested
 * values, missing CSRF tokens and junk credentials. Drawn from a seeded random source, so a run
 * can be repeated exactly.
 */
import { SESSION_COOKIE } from '../src/server/auth/auth.routes.ts';
import type { Call, Session } from './client.ts';

type Schema = {
  type?: string | string[];
  properties?: Record<string, Schema>;
  items?: Schema;
  enum?: unknown[];
  format?: string;
};
type Operation = {
  method: string;
  path: string;
  pathParams: string[];
  queryParams: string[];
  bodyFields: Record<string, Schema> | null;
};
type OpenApi = {
  paths: Record<
    string,
    Record<
      string,
      {
        parameters?: Array<{ in: string; name: string }>;
        requestBody?: { content?: Record<string, { schema?: Schema }> };
      }
    >
  >;
};

/** Never fuzzed: they end the probe's own session or start a model refit on every call. */
const SKIPPED = new Set(['POST /api/auth/logout', 'POST /api/model/refit']);

export function operationsOf(doc: OpenApi): Operation[] {
  const operations: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const upper = method.toUpperCase();
      if (SKIPPED.has(`${upper} ${path}`)) continue;
      const parameters = op.parameters ?? [];
      operations.push({
        method: upper,
        path,
        pathParams: parameters.filter((p) => p.in === 'path').map((p) => p.name),
        queryParams: parameters.filter((p) => p.in === 'query').map((p) => p.name),
        bodyFields: op.requestBody?.content?.['application/json']?.schema?.properties ?? null,
      });
    }
  }
  return operations;
}

const nested = (depth: number): unknown => (depth === 0 ? 'deep' : { a: nested(depth - 1) });

/** Values no field expects: wrong types, control characters, lone surrogates, huge and deep values. */
const BAD_VALUES: unknown[] = [
  null,
  true,
  0,
  -1,
  1e308,
  -0.5,
  2 ** 63,
  '',
  ' ',
  'nul\u0000byte',
  'bell\u0007',
  'esc\u001b[31m',
  'lone \ud800 surrogate',
  'x'.repeat(100_000),
  '<script>alert(1)</script>',
  "'; drop table accounts; --",
  '../../etc/passwd',
  '=cmd|"/c calc"!A1',
  '2026-02-30',
  '9999-99-99',
  'NaN',
  '1e309',
  '🦄'.repeat(50),
  [],
  [1, 2, 3],
  {},
  { $gt: '' },
  { __proto__: { polluted: true } },
  nested(200),
  Array.from({ length: 5_000 }, (_, i) => i),
];

/** Path parameters and query values as they go on the wire (already percent-encoded or not). */
const BAD_SEGMENTS = [
  'a%00b',
  '%00',
  '%E0%A4%A',
  '%FF%FE',
  '%',
  'x'.repeat(5_000),
  '..%2F..%2Fetc%2Fpasswd',
  "1'%20or%20'1'%3D'1",
  '-1',
  '1e309',
  '%F0%9F%A6%84',
  '00000000-0000-0000-0000-000000000000',
  'null',
  '%20',
  'a%0Ab',
  '%C0%AF',
  '%25',
  '[]',
  '{}',
];

const BAD_RAW_BODIES: Array<{ raw: string; contentType: string }> = [
  { raw: '{"name": "unterminated', contentType: 'application/json' },
  { raw: '', contentType: 'application/json' },
  { raw: 'null', contentType: 'application/json' },
  { raw: '[1,2,3]', contentType: 'application/json' },
  { raw: '"a string"', contentType: 'application/json' },
  { raw: '{"a":1,"a":2}', contentType: 'application/json' },
  { raw: '{"__proto__":{"isAdmin":true}}', contentType: 'application/json' },
  { raw: '{"constructor":{"prototype":{"x":1}}}', contentType: 'application/json' },
  { raw: 'name=x&version=1', contentType: 'application/x-www-form-urlencoded' },
  { raw: 'plain text', contentType: 'text/plain' },
  { raw: '<xml/>', contentType: 'application/xml' },
  { raw: '{"name":"\\u0000"}', contentType: 'application/json' },
  { raw: '\u0000\u0001\u0002', contentType: 'application/json' },
  { raw: `{"name":"${'y'.repeat(1_200_000)}"}`, contentType: 'application/json' },
];

export type Ids = Record<string, string[]>;

type Build = { random: () => number; session: Session; ids: Ids };

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

/** A real id for a path parameter, so the request gets past the lookup to the body checks. */
function realId(op: Operation, param: string, ids: Ids, random: () => number): string | null {
  const kind = param === 'id' ? (op.path.split('/')[2] ?? '') : param === 'key' ? 'objectives' : param;
  const pool = ids[kind];
  return pool && pool.length > 0 ? pick(random, pool) : null;
}

function badBodyFor(op: Operation, random: () => number): Pick<Call, 'body' | 'rawBody' | 'contentType'> {
  const roll = random();
  if (roll < 0.25 || !op.bodyFields) {
    const raw = pick(random, BAD_RAW_BODIES);
    return { rawBody: raw.raw, contentType: raw.contentType };
  }
  const fields = Object.keys(op.bodyFields);
  const body: Record<string, unknown> = {};
  // keep some fields plausible so the bad one is not the only thing wrong by accident
  for (const field of fields) if (random() < 0.5) body[field] = plausible(op.bodyFields[field]!, field);
  const broken = fields.length > 0 ? pick(random, fields) : 'unexpected';
  body[broken] = pick(random, BAD_VALUES);
  if (random() < 0.2) body[`unknown_${Math.floor(random() * 100)}`] = 'extra';
  if (random() < 0.1) body.version = pick(random, [-1, 0, 1.5, '1', null, 2 ** 53]);
  return { body };
}

function plausible(schema: Schema, field: string): unknown {
  if (schema.enum && schema.enum.length > 0) return schema.enum[0];
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'integer':
    case 'number':
      return field === 'version' ? 1 : 10;
    case 'boolean':
      return true;
    case 'array':
      return [];
    case 'object':
      return {};
    default:
      return schema.format === 'date' ? '2026-12-31' : `probe ${field}`;
  }
}

export function malformedCall(op: Operation, { random, session, ids }: Build): Call {
  // which part is broken: the path, the query, the body or the credentials
  const parts = ['path', 'query', 'body', 'auth'].filter(
    (p) =>
      (p !== 'path' || op.pathParams.length > 0) &&
      (p !== 'query' || op.queryParams.length > 0) &&
      (p !== 'body' || op.method !== 'GET'),
  );
  const broken = pick(random, parts);
  // A DELETE or restore with real ids and nothing else wrong is a valid request: keep those ids junk.
  const destructive = op.method === 'DELETE' || op.path.endsWith('/restore') || op.path.endsWith('/reassign');
  let path = op.path;
  for (const param of op.pathParams) {
    const real = broken !== 'path' && !destructive ? realId(op, param, ids, random) : null;
    path = path.replace(`{${param}}`, real ?? pick(random, BAD_SEGMENTS));
  }
  const query: string[] = [];
  if (broken === 'query') {
    for (const param of op.queryParams) if (random() < 0.6) query.push(`${param}=${pick(random, BAD_SEGMENTS)}`);
    if (query.length === 0) query.push(`${pick(random, op.queryParams)}=%00`);
    if (random() < 0.2) query.push(`${op.queryParams[0]}=1&${op.queryParams[0]}=2`);
  } else if (random() < 0.1) {
    query.push(`junk=${pick(random, BAD_SEGMENTS)}`);
  }
  const call: Call = { method: op.method, path: query.length > 0 ? `${path}?${query.join('&')}` : path, session };
  if (op.method !== 'GET')
    Object.assign(call, broken === 'body' ? badBodyFor(op, random) : op.bodyFields ? { body: {} } : {});
  if (broken === 'auth') {
    const how = pick(random, ['none', 'junk-cookie', 'no-csrf', 'basic', 'junk-bearer', 'empty-bearer']);
    call.session = how === 'no-csrf' ? session : null;
    if (how === 'no-csrf') call.withoutCsrf = true;
    if (how === 'junk-cookie') call.headers = { cookie: `${SESSION_COOKIE}=${'z'.repeat(64)}` };
    if (how === 'basic') call.headers = { authorization: 'Basic YWRtaW46YWRtaW4=' };
    if (how === 'junk-bearer') call.headers = { authorization: `Bearer wst_${'q'.repeat(300)}` };
    if (how === 'empty-bearer') call.headers = { authorization: 'Bearer ' };
  }
  return call;
}

import type { FastifyRequest } from 'fastify';
import { AppError } from './errors.ts';

// The router's own query parser keeps a value it cannot percent-decode as it came, so a search for
// `%E0%A4%A` would quietly run with those nine characters. This one remembers what it could not
// decode, and the request is refused before it reaches a route.

type Query = Record<string, string | string[]>;
const UNDECODABLE = Symbol('query parameters that are not valid percent-encoding');
type ParsedQuery = Query & { [UNDECODABLE]?: string[] };

/** `a=1&b=x+y&a=2` -> { a: ['1', '2'], b: 'x y' }, like the router's parser. */
export function parseQueryString(raw: string): Query {
  // no prototype: a parameter named __proto__ or constructor is just a parameter
  const query: ParsedQuery = Object.create(null);
  for (const pair of raw.split('&')) {
    if (pair === '') continue;
    const equals = pair.indexOf('=');
    const rawKey = equals < 0 ? pair : pair.slice(0, equals);
    const key = decode(rawKey);
    const value = equals < 0 ? '' : decode(pair.slice(equals + 1));
    if (key === null || value === null) {
      (query[UNDECODABLE] ??= []).push(key ?? rawKey);
      continue;
    }
    const seen = query[key];
    query[key] = seen === undefined ? value : Array.isArray(seen) ? [...seen, value] : [seen, value];
  }
  return query;
}

/** Refuses a request whose query string could not be decoded (an onRequest hook). */
export function refuseUndecodableQuery(request: FastifyRequest): void {
  const undecodable = (request.query as ParsedQuery | undefined)?.[UNDECODABLE];
  if (!undecodable) return;
  const message = 'Not valid percent-encoding (write each byte as %XX of UTF-8)';
  throw new AppError('invalid-input', `Some query string parameters cannot be read: ${undecodable.join(', ')}`, {
    fields: Object.fromEntries(undecodable.map((key) => [key, message])),
  });
}

function decode(text: string): string | null {
  try {
    return decodeURIComponent(text.replaceAll('+', ' '));
  } catch {
    return null;
  }
}

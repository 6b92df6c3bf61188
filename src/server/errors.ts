import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { isForeignKeyViolation, uniqueViolation } from '../db/constraints.ts';
import type { ErrorCode, ErrorResponse } from '../contract/common.ts';
import { isConnectionFailure } from '../db/faults.ts';

/** The one error type services throw. The code decides the HTTP status, in this file only. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly fields: Record<string, string> | undefined;
  readonly current: unknown;

  constructor(code: ErrorCode, message: string, extra: { fields?: Record<string, string>; current?: unknown } = {}) {
    super(message);
    this.code = code;
    this.fields = extra.fields;
    this.current = extra.current;
  }
}

export const notFound = (what: string) => new AppError('not-found', `${what} not found`);

/** A rule about the content broke (not the shape): names the field at fault. */
export const unprocessable = (field: string, message: string) =>
  new AppError('unprocessable', message, { fields: { [field]: message } });

const STATUS: Record<ErrorCode, number> = {
  'invalid-input': 400,
  unauthenticated: 401,
  forbidden: 403,
  'csrf-failed': 403,
  'not-found': 404,
  'version-conflict': 409,
  conflict: 409,
  unprocessable: 422,
  'payload-too-large': 413,
  'uri-too-long': 414,
  'headers-too-large': 431,
  'request-timeout': 408,
  'too-many-requests': 429,
  internal: 500,
  unavailable: 503,
};

export function httpStatusOf(code: ErrorCode): number {
  return STATUS[code];
}

function body(code: ErrorCode, message: string, fields?: Record<string, string>, current?: unknown): ErrorResponse {
  return { error: { code, message, ...(fields ? { fields } : {}), ...(current !== undefined ? { current } : {}) } };
}

type ValidationIssue = { keyword?: string; instancePath?: string; message?: string; params?: { keys?: string[] } };

/** zod issues -> { "field.path": "message" }; unknown keys are named one by one. */
function fieldsFromValidation(issues: readonly ValidationIssue[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of issues) {
    const path = (issue.instancePath ?? '').replace(/^\//, '').replaceAll('/', '.');
    const keys = issue.keyword === 'unrecognized_keys' ? (issue.params?.keys ?? []) : [];
    if (keys.length > 0) {
      for (const key of keys) fields[path ? `${path}.${key}` : key] ??= 'Unknown field';
      continue;
    }
    const field = path || '(request)';
    fields[field] ??= friendlyMessage(issue.message ?? 'Invalid value');
  }
  return fields;
}

function friendlyMessage(message: string): string {
  // zod's type messages read "Invalid input: expected string, received number"
  return message.replace(/^Invalid input: expected (\w+), received undefined$/, 'Required');
}

/**
 * The last line of defence for a check-then-write that lost a race: a duplicate key, or a reference
 * to a row a concurrent request just removed, is the client's conflict, never our 500. Services
 * give a more specific answer where one fits.
 */
function raceLostAnswer(error: unknown): ErrorResponse | null {
  if (isForeignKeyViolation(error))
    return body('conflict', 'Something this refers to was just removed or is still in use; reload and try again');
  const duplicate = uniqueViolation(error);
  if (!duplicate) return null;
  const message = 'This conflicts with a record that was just saved; reload and try again';
  const field = duplicate.columns.find((c) => c !== 'org_id' && c !== 'id');
  return body('conflict', message, field ? { [camelCase(field)]: 'Already taken' } : undefined);
}

const camelCase = (column: string) => column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/** `spa`: the folder of the built web app, whose index.html answers every other page. */
export function installErrorHandler(app: FastifyInstance, spa: { root: string } | null = null): void {
  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    if (error instanceof AppError) {
      return reply.status(httpStatusOf(error.code)).send(body(error.code, error.message, error.fields, error.current));
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const where = error.validationContext ?? 'request';
      const fields = fieldsFromValidation(error.validation as unknown as ValidationIssue[]);
      const named = Object.keys(fields).join(', ');
      return reply.status(400).send(body('invalid-input', `Some ${where} fields are not valid: ${named}`, fields));
    }
    switch (error.code) {
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
        return reply.status(400).send(body('invalid-input', 'The request body is not valid JSON'));
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return reply
          .status(413)
          .send(body('payload-too-large', 'The request body is larger than the 1 MB this API accepts'));
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return reply.status(400).send(body('invalid-input', 'Send the request body as application/json'));
      case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
        return reply.status(400).send(body('invalid-input', 'The Content-Length header does not match the body'));
    }
    const raceLost = raceLostAnswer(error);
    if (raceLost) return reply.status(409).send(raceLost);
    if (error.statusCode === 429) {
      return reply
        .status(429)
        .send(body('too-many-requests', error.message || 'Too many requests: slow down and try again shortly'));
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return reply.status(400).send(body('invalid-input', error.message));
    }
    if (isConnectionFailure(error)) {
      // a failover or restart: the pool reconnects on its own, so the client should simply retry
      request.log.warn({ err: error }, 'database unavailable');
      return reply
        .status(503)
        .header('retry-after', '5')
        .send(body('unavailable', 'The database cannot be reached just now; try again in a few seconds'));
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send(body('internal', 'Something went wrong on our side; it has been logged'));
  });

  app.setNotFoundHandler((request, reply) => {
    // outside /api, a GET is a page of the web app: its client-side router decides what to show;
    // a built file that is not there (an old bundle's chunk, a typo) is a plain 404, not the page
    const isPage = !request.url.startsWith('/api/') && !request.url.startsWith('/assets/');
    if (spa && (request.method === 'GET' || request.method === 'HEAD') && isPage) {
      return reply.header('cache-control', 'no-cache').sendFile('index.html', spa.root);
    }
    reply.status(404).send(body('not-found', `No route ${request.method} ${request.url.split('?')[0]}`));
  });
}

/**
 * The router's own refusals (Fastify's `frameworkErrors`), which come before any route, hook or
 * error handler: a path that is not valid percent-encoding, or a path segment longer than the
 * router's maxParamLength. They answer with the same body as every other error.
 */
export function answerFrameworkError(
  error: FastifyError,
  reply: FastifyReply,
  limits: { maxParamLength: number },
): FastifyReply {
  switch (error.code) {
    case 'FST_ERR_BAD_URL':
      return reply
        .status(400)
        .send(
          body(
            'invalid-input',
            'The address is not valid: it has a % that is not followed by the UTF-8 bytes of a character',
          ),
        );
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return reply
        .status(414)
        .send(
          body(
            'uri-too-long',
            `The address is too long: no part of the path between slashes may be longer than ${limits.maxParamLength} characters`,
          ),
        );
  }
  reply.log.error({ err: error }, 'router error');
  return reply.status(500).send(body('internal', 'Something went wrong on our side; it has been logged'));
}

/**
 * Requests Node's HTTP parser refuses (Fastify's clientErrorHandler): an address or headers over
 * its 16 KB, a request line or header that is not HTTP, a client too slow to send. There is no
 * request or reply yet, so the answer is written to the socket, with the usual body and `headers`.
 */
export function answerClientError(error: NodeJS.ErrnoException, socket: Duplex, headers: Record<string, string>): void {
  // the client is gone: nobody to answer
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [code, message]: [ErrorCode, string] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? ['headers-too-large', 'The address or the headers are longer than this server reads']
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? ['request-timeout', 'The request took too long to arrive']
        : ['invalid-input', 'The request is not well-formed HTTP'];
  const status = httpStatusOf(code);
  const payload = JSON.stringify(body(code, message));
  if (socket.writable) {
    const lines = [
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}`,
      'content-type: application/json; charset=utf-8',
      `content-length: ${Buffer.byteLength(payload)}`,
      'connection: close',
      ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
    ];
    socket.write(`${lines.join('\r\n')}\r\n\r\n${payload}`);
  }
  socket.destroy(error);
}

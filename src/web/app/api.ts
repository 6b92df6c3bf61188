import type { ErrorCode } from '../../contract/common.ts';

/** Anything the API answered with an error body, or a request that never reached it. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: ErrorCode | 'network';
  /** field name -> message, for 400 invalid-input and 422 unprocessable answers */
  readonly fields: Record<string, string>;
  /** the record as it is now, on a 409 version-conflict */
  readonly current: unknown;

  constructor(
    status: number,
    code: ErrorCode | 'network',
    message: string,
    extra: { fields?: Record<string, string>; current?: unknown } = {},
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.fields = extra.fields ?? {};
    this.current = extra.current;
  }
}

export function isApiError(error: unknown, code?: ApiError['code']): error is ApiError {
  return error instanceof ApiError && (code === undefined || error.code === code);
}

/** The message to show for any error a request may throw. */
export function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  return 'Something went wrong. Please try again.';
}

// The session's CSRF token, and whose session it is. Every write made with the session cookie
// must carry the token; both are set when the session is read or created and cleared on sign-out.
let csrfToken: string | null = null;
let sessionUserId: string | null = null;

export function setSessionToken(session: { csrfToken: string | null; user: { id: string } } | null): void {
  csrfToken = session?.csrfToken ?? null;
  sessionUserId = session?.user.id ?? null;
}

export type QueryValue = string | number | boolean | null | undefined;

/** `/api/x` plus the given parameters, leaving out empty ones. */
export function withQuery(path: string, params: Record<string, QueryValue>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `${path}?${text}` : path;
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** A file sent as the body itself (an import's CSV), not as JSON. */
class RawBody {
  constructor(
    readonly blob: Blob,
    readonly type: string,
  ) {}
}

async function request<T>(method: Method, path: string, body?: unknown, isRetry = false): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = body instanceof RawBody ? body.type : 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      ...(body !== undefined ? { body: body instanceof RawBody ? body.blob : JSON.stringify(body) } : {}),
    });
  } catch {
    throw new ApiError(0, 'network', 'Cannot reach Winsight. Check your connection and try again.');
  }
  if (response.status === 204) return undefined as T;
  const payload: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const error = errorFrom(response.status, payload);
    // Signing in again in another tab gives the session a new token: fetch it and try once more,
    // but only if it is still the same person's session (never write as someone else).
    if (error.code === 'csrf-failed' && !isRetry && (await refreshCsrfToken()))
      return request(method, path, body, true);
    throw error;
  }
  return payload as T;
}

async function refreshCsrfToken(): Promise<boolean> {
  const response = await fetch('/api/auth/session', {
    headers: { accept: 'application/json' },
    credentials: 'same-origin',
  }).catch(() => null);
  if (!response?.ok) return false;
  const session = (await response.json()) as { csrfToken: string | null; user: { id: string } };
  if (session.user.id !== sessionUserId || !session.csrfToken) return false;
  setSessionToken(session);
  return true;
}

function errorFrom(status: number, payload: unknown): ApiError {
  const error = (
    payload as {
      error?: { code?: ErrorCode; message?: string; fields?: Record<string, string>; current?: unknown };
    } | null
  )?.error;
  if (!error?.code) {
    return new ApiError(status, 'internal', `The server answered ${status} without an explanation. Please try again.`);
  }
  return new ApiError(status, error.code, error.message ?? 'The request failed', {
    fields: error.fields,
    current: error.current,
  });
}

export const api = {
  get: <T>(path: string) => request<T>('GET', path),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body ?? {}),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  /** a file as the body, e.g. a CSV to import */
  upload: <T>(path: string, file: Blob, type = 'text/csv') => request<T>('POST', path, new RawBody(file, type)),
  /** most DELETE answers are empty (204); some carry what remains, e.g. the knowledge after a retirement */
  delete: <T = void>(path: string) => request<T>('DELETE', path),
};

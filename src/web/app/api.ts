import type { ErrorCode } from '../../contract/common.ts';

/** Anything the API answered with an error body, or a request that never reached it. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: ErrorCode | 'network';
  /** field name -> message, for 400 invalid-input and 422 unprocessable answers */
  readonly fields: Record<string, string>;
  /** the record as it is now, on a 409 version-conflict */
  readonly current: unknown;

  constructor(status: number, code: ErrorCode | 'network', message: string, extra: { fields?: Record<string, string>; current?: unknown } = {}) {
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

// The session's CSRF token. Every write made with the session cookie must carry it; it is set
// when the session is read or created and cleared on sign-out.
let csrfToken: string | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

type QueryValue = string | number | boolean | null | undefined;

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

async function request<T>(method: Method, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  } catch {
    throw new ApiError(0, 'network', 'Cannot reach Winsight. Check your connection and try again.');
  }
  if (response.status === 204) return undefined as T;
  const payload: unknown = await response.json().catch(() => null);
  if (!response.ok) throw errorFrom(response.status, payload);
  return payload as T;
}

function errorFrom(status: number, payload: unknown): ApiError {
  const error = (payload as { error?: { code?: ErrorCode; message?: string; fields?: Record<string, string>; current?: unknown } } | null)?.error;
  if (!error?.code) {
    return new ApiError(status, 'internal', `The server answered ${status} without an explanation. Please try again.`);
  }
  return new ApiError(status, error.code, error.message ?? 'The request failed', { fields: error.fields, current: error.current });
}

export const api = {
  get: <T>(path: string) => request<T>('GET', path),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body ?? {}),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  delete: (path: string) => request<void>('DELETE', path),
};

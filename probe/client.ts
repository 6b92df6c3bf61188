/** A small HTTP client for the probe: one call, its status, never throws. */
import { SESSION_COOKIE } from '../src/server/auth/auth.routes.ts';

export type Session = { cookie: string; csrf: string };

export type Call = {
  method: string;
  /** path and query, already encoded as it should go on the wire */
  path: string;
  /** a value is sent as JSON; a string as it is, with `contentType` */
  body?: unknown;
  rawBody?: string;
  contentType?: string;
  session?: Session | null;
  /** leave out the CSRF header of a cookie session */
  withoutCsrf?: boolean;
  headers?: Record<string, string>;
};

export type Answer = { status: number; body: string };

/** status 0: no answer (connection refused or reset, or no answer within the time limit) */
export async function send(base: string, call: Call, timeoutMs = 20_000): Promise<Answer> {
  const headers: Record<string, string> = { ...(call.headers ?? {}) };
  if (call.session) {
    headers.cookie = `${SESSION_COOKIE}=${call.session.cookie}`;
    if (!call.withoutCsrf) headers['x-csrf-token'] = call.session.csrf;
  }
  let body: string | undefined;
  if (call.rawBody !== undefined) {
    body = call.rawBody;
    headers['content-type'] = call.contentType ?? 'application/json';
  } else if (call.body !== undefined) {
    body = JSON.stringify(call.body);
    headers['content-type'] = 'application/json';
  }
  try {
    const response = await fetch(`${base}${call.path}`, {
      method: call.method,
      headers,
      body,
      signal: AbortSignal.timeout(timeoutMs),
      redirect: 'manual',
    });
    return { status: response.status, body: await response.text() };
  } catch (error) {
    return { status: 0, body: String((error as Error).cause ?? error) };
  }
}

export async function signIn(base: string, email: string, password: string): Promise<Session> {
  const response = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (response.status !== 200)
    throw new Error(`sign-in as ${email} failed: ${response.status} ${await response.text()}`);
  const setCookie = response.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`));
  if (!setCookie) throw new Error(`sign-in as ${email} set no session cookie`);
  const cookie = setCookie.split(';')[0]!.slice(SESSION_COOKIE.length + 1);
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return { cookie, csrf: csrfToken };
}

export async function getJson<T>(base: string, path: string, session: Session): Promise<T> {
  const answer = await send(base, { method: 'GET', path, session });
  if (answer.status !== 200) throw new Error(`GET ${path}: ${answer.status} ${answer.body.slice(0, 300)}`);
  return JSON.parse(answer.body) as T;
}

/** Runs `count` jobs with at most `concurrency` in flight. */
export async function pool(count: number, concurrency: number, job: (index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.min(concurrency, count) }, async () => {
    while (next < count) await job(next++);
  });
  await Promise.all(workers);
}

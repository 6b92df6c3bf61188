import type { Opportunity } from '../../src/contract/opportunities.ts';
import type { User } from '../../src/contract/users.ts';
import { DEMO_PASSWORD } from './server.ts';

export type ApiClient = {
  get<T>(path: string): Promise<T>;
  post<T>(path: string, body: unknown): Promise<T>;
  patch<T>(path: string, body: unknown): Promise<T>;
};

/**
 * Talks to the API as someone, the way another browser tab or an integration would: used to
 * look up test data and to make changes behind the page's back.
 */
export async function apiAs(baseUrl: string, email: string): Promise<ApiClient> {
  const login = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: DEMO_PASSWORD }),
  });
  if (!login.ok) throw new Error(`API sign-in as ${email} failed: ${login.status} ${await login.text()}`);
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const send = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        cookie,
        'x-csrf-token': csrfToken,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${await response.text()}`);
    return (await response.json()) as T;
  };
  return {
    get: (path) => send('GET', path),
    post: (path, body) => send('POST', path, body),
    patch: (path, body) => send('PATCH', path, body),
  };
}

export async function userByEmail(api: ApiClient, email: string): Promise<User> {
  const { items } = await api.get<{ items: User[] }>('/api/users');
  const user = items.find((u) => u.email === email);
  if (!user) throw new Error(`No demo user ${email}`);
  return user;
}

/** The first open opportunity of an owner, most recently changed first. */
export async function openOpportunityOf(api: ApiClient, ownerId: string): Promise<Opportunity> {
  const { items } = await api.get<{ items: Opportunity[] }>(`/api/opportunities?owner=${ownerId}&status=open&limit=1`);
  if (!items[0]) throw new Error(`The demo workspace has no open opportunity owned by ${ownerId}`);
  return items[0];
}

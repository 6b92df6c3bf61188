import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../testing/test-app.ts';
import { createApp } from './app.ts';

// The server also serves the built web app: its files, and index.html for every client-side page.

let ctx: TestContext;
const dir = mkdtempSync(join(tmpdir(), 'winsight-web-'));

beforeAll(async () => {
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Winsight</title><div id="root"></div>');
  writeFileSync(join(dir, 'assets', 'app.js'), 'console.log("app")');
  writeFileSync(join(dir, 'assets', 'app.js.map'), '{"version":3,"sources":["../../src/web/main.tsx"]}');
  writeFileSync(join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  ctx = await createTestApp({ webDir: dir });
});
afterAll(async () => {
  await ctx.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('serving the web app', () => {
  it.each(['/', '/opportunities', '/opportunities/abc?tab=history', '/admin/people'])(
    'answers the page %s with index.html',
    async (url) => {
      const response = await ctx.app.inject(url);
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toMatch(/text\/html/);
      expect(response.body).toContain('<div id="root">');
    },
  );

  it.each(['/', '/opportunities', '/admin/people'])(
    'answers HEAD of the page %s as GET does, without a body',
    async (url) => {
      const response = await ctx.app.inject({ method: 'HEAD', url });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toMatch(/text\/html/);
      expect(response.body).toBe('');
    },
  );

  it('answers a built file that is not there 404, not with the page', async () => {
    const response = await ctx.app.inject('/assets/gone-1234.js');
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('not-found');
  });

  it('serves built files', async () => {
    const response = await ctx.app.inject('/assets/app.js');
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('console.log("app")');
  });

  it('keeps API 404s as JSON errors, and refuses non-GET pages', async () => {
    const api = await ctx.app.inject('/api/nothing-here');
    expect(api.statusCode).toBe(404);
    expect(api.json().error.code).toBe('not-found');
    expect((await ctx.app.inject({ method: 'POST', url: '/opportunities' })).statusCode).toBe(404);
  });

  it('refuses to start when the web app is not built', async () => {
    await expect(
      createApp({ ...ctx.deps, config: { ...ctx.deps.config, webDir: join(dir, 'missing') } }),
    ).rejects.toThrow(/not built/);
  });
});

describe('security headers', () => {
  const expectSecurityHeaders = (headers: Record<string, unknown>) => {
    const csp = String(headers['content-security-policy']);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).not.toContain("'unsafe-eval'");
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['x-frame-options']).toBe('DENY');
    expect(headers['referrer-policy']).toBe('same-origin');
  };

  it.each([
    ['an API answer', '/api/health', 200],
    ['an API error', '/api/accounts', 401],
    ['an API 404', '/api/nothing-here', 404],
    ['a router error', '/api/accounts/%E0%A4%A', 400],
    ['index.html', '/', 200],
    ['index.html by name', '/index.html', 200],
    ['a page of the web app', '/opportunities', 200],
    ['a built file', '/assets/app.js', 200],
    ['the API docs', '/api/docs', 200],
    ['the API docs styles', '/api/docs/static/swagger-ui.css', 200],
  ])('on %s', async (_what, url, status) => {
    const response = await ctx.app.inject(url);
    expect(response.statusCode).toBe(status);
    expectSecurityHeaders(response.headers);
    // HSTS only over HTTPS (secure cookies), which this app is not
    expect(response.headers['strict-transport-security']).toBeUndefined();
  });

  it('sends HSTS when cookies are secure, that is behind HTTPS', async () => {
    const secure = await createTestApp({ webDir: dir, secureCookies: true });
    try {
      for (const url of ['/', '/api/health']) {
        const response = await secure.app.inject(url);
        expectSecurityHeaders(response.headers);
        expect(response.headers['strict-transport-security']).toMatch(/^max-age=\d{7,}/);
      }
    } finally {
      await secure.close();
    }
  });

  it.each(['/', '/index.html', '/opportunities/abc'])('never lets %s be cached without asking again', async (url) => {
    const response = await ctx.app.inject(url);
    expect(response.body).toContain('<div id="root">');
    expect(response.headers['cache-control']).toBe('no-cache');
  });

  it('lets hashed assets be cached for good, and other files for an hour', async () => {
    expect((await ctx.app.inject('/assets/app.js')).headers['cache-control']).toBe(
      'public, max-age=31536000, immutable',
    );
    expect((await ctx.app.inject('/favicon.svg')).headers['cache-control']).toBe('public, max-age=3600');
  });

  it('does not serve source maps', async () => {
    // the fixture's build has one beside app.js: it stays unserved
    const response = await ctx.app.inject('/assets/app.js.map');
    expect(response.statusCode).toBe(404);
    expect(response.body).not.toContain('"sources"');
  });
});

describe('the API docs', () => {
  it('are public, as the sign-in page links to them, while the calls in them still need a token', async () => {
    const page = await ctx.app.inject('/api/docs');
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.body).toContain('swagger-ui-bundle.js');
    expect(page.body).not.toMatch(/<script>(?!\s*<\/script>)/);
    const script = await ctx.app.inject('/api/docs/static/swagger-initializer.js');
    expect(script.statusCode).toBe(200);
    const document = await ctx.app.inject('/api/docs/json');
    expect(document.statusCode).toBe(200);
    expect(document.json<{ openapi: string }>().openapi).toMatch(/^3\./);
    expect((await ctx.app.inject('/api/accounts')).statusCode).toBe(401);
  });
});

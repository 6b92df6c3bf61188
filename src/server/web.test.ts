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
  ctx = await createTestApp({ webDir: dir });
});
afterAll(async () => {
  await ctx.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('serving the web app', () => {
  it.each(['/', '/opportunities', '/opportunities/abc?tab=history', '/admin/people'])('answers the page %s with index.html', async (url) => {
    const response = await ctx.app.inject(url);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/text\/html/);
    expect(response.body).toContain('<div id="root">');
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
    await expect(createApp({ ...ctx.deps, config: { ...ctx.deps.config, webDir: join(dir, 'missing') } })).rejects.toThrow(/not built/);
  });
});


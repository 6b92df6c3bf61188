import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export type Browser = { context: BrowserContext; newPage(): Promise<Page>; close(): Promise<void> };

/** Debian's chromium with a fresh profile; closing removes the profile again. */
export async function launchBrowser(options: { width?: number; height?: number } = {}): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium is not installed at ${CHROMIUM}. Install it with "apt-get install -y chromium" (or set CHROMIUM_PATH); the browser tests need a real browser.`,
    );
  }
  const profile = await mkdtemp(join(tmpdir(), 'winsight-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args: ARGS,
    viewport: { width: options.width ?? 1366, height: options.height ?? 900 },
    locale: 'en-US',
    timezoneId: 'UTC',
  });
  context.setDefaultTimeout(15_000);
  // an uncaught error in the app explains a failing step better than the timeout it causes
  context.on('weberror', (error) =>
    console.error(`[browser] uncaught error in the page: ${error.error().stack ?? error.error().message}`),
  );
  return {
    context,
    newPage: () => context.newPage(),
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

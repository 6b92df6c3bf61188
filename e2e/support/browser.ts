import { existsSync } from 'node:fs';
import { chromium, type Browser as PlaywrightBrowser, type BrowserContext, type Page } from 'playwright-core';

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

// One chromium per test process, started by the first file that asks: each file (and each person in
// it) gets a context of its own, with its own cookies, storage and cache, as a fresh profile has.
// Starting chromium for every file cost a second or two of CPU apiece on a machine the browser tests
// keep busy. Playwright closes it when the process ends.
let shared: Promise<PlaywrightBrowser> | null = null;

function sharedChromium(): Promise<PlaywrightBrowser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium is not installed at ${CHROMIUM}. Install it with "apt-get install -y chromium" (or set CHROMIUM_PATH); the browser tests need a real browser.`,
    );
  }
  shared ??= chromium.launch({ executablePath: CHROMIUM, args: ARGS }).then((browser) => {
    // a browser that crashed is started afresh by the next file
    browser.on('disconnected', () => (shared = null));
    return browser;
  });
  return shared;
}

/** A fresh browser profile (a new context of the process's chromium); closing throws it away. */
export async function launchBrowser(options: { width?: number; height?: number } = {}): Promise<Browser> {
  const context = await (
    await sharedChromium()
  ).newContext({
    viewport: { width: options.width ?? 1366, height: options.height ?? 900 },
    locale: 'en-US',
    timezoneId: 'UTC',
  });
  context.setDefaultTimeout(15_000);
  // an uncaught error in the app explains a failing step better than the timeout it causes
  context.on('weberror', (error) =>
    console.error(`[browser] uncaught error in the page: ${error.error().stack ?? error.error().message}`),
  );
  return { context, newPage: () => context.newPage(), close: () => context.close() };
}

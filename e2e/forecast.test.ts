import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Forecast, ForecastAccuracy, ForecastWaterfall } from '../src/contract/forecast.ts';
import { apiAs, type ApiClient } from './support/api.ts';
import { launchBrowser, type Browser } from './support/browser.ts';
import { eventually } from './support/eventually.ts';
import { signIn } from './support/pages.ts';
import { startWinsight, type Winsight } from './support/server.ts';

const MANAGER = 'manager1@demo.example.com';

describe('a manager calls the quarter', { timeout: 90_000 }, () => {
  let winsight: Winsight;
  let browser: Browser;
  let page: Page;
  let api: ApiClient;

  beforeAll(async () => {
    winsight = await startWinsight();
    api = await apiAs(winsight.url, MANAGER);
    browser = await launchBrowser();
    page = await browser.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await winsight?.close();
  });

  it("reads each method's call for the team this quarter, as the API gives them", async () => {
    await signIn(page, winsight.url, MANAGER);
    await page.getByRole('link', { name: 'Forecast', exact: true }).click();
    await page.waitForURL(`${winsight.url}/forecast`);
    const forecast = await api.get<Forecast>('/api/forecast');
    await page.getByTestId('forecast-chart').waitFor();
    const methods = await page.getByTestId('forecast-methods').textContent();
    const whole = (minor: number) => Math.round(minor / 100).toLocaleString('en-US');
    expect(methods).toContain(whole(forecast.totals.methods.knowledge));
    expect(methods).toContain(whole(forecast.totals.methods.stage));
    expect(await page.getByTestId('forecast-by-seller').locator('tbody tr').count()).toBe(forecast.bySeller.length);
  });

  it('sees how last quarter’s pipeline became what was won, and the running quarter’s so far', async () => {
    const accuracy = await api.get<ForecastAccuracy>('/api/forecast/accuracy');
    const last = accuracy.periods.filter((p) => p.isOver).at(-1)!;
    const panel = page.getByTestId('forecast-waterfall');
    await panel.getByTestId('waterfall-chart').waitFor();
    expect(await panel.getByRole('heading').textContent()).toContain(last.label);
    const whole = (minor: number) => Math.round(minor / 100).toLocaleString('en-US');
    // the last bar is what was won, as the accuracy scores it, in the chart's words and in the table
    const won = panel.getByTestId('waterfall-table').locator('tr[data-step="won"]');
    expect(await won.textContent()).toContain(whole(last.actual));
    expect(await panel.getByTestId('waterfall-chart').getAttribute('aria-label')).toContain(
      `Won in the period $${whole(last.actual)}`,
    );
    const waterfall = await api.get<ForecastWaterfall>(`/api/forecast/waterfall?period=${last.key}`);
    const start = waterfall.steps!.find((s) => s.step === 'start')!;
    expect(await panel.locator('tr[data-step="start"]').textContent()).toContain(whole(start.amountMinor));
    // the running quarter: what is still open stands between the start and what is won so far
    const running = accuracy.periods.at(-1)!;
    await panel.getByText(running.label, { exact: true }).click();
    await eventually(() => panel.getByRole('heading').textContent()).toContain(running.label);
    await eventually(() => won.textContent()).toContain(whole(running.actual));
    expect(await panel.locator('tr[data-step="stillOpen"]').count()).toBe(1);
  });

  it('sets the team’s target and submits a call with its reason, kept in the list', async () => {
    const target = page.getByTestId('forecast-target');
    await target.getByLabel(/Target/).fill('900000');
    await target.getByRole('button', { name: /(Set|Change) target/ }).click();
    await eventually(() => page.getByTestId('forecast-summary').textContent()).toContain('900,000');
    const calls = page.getByTestId('forecast-calls');
    await calls.getByLabel(/Call/).fill('640000');
    // a manager's call needs its reason: the browser asks for it before anything is sent
    await calls.getByLabel('Why').fill('Redwood slips to January');
    await calls.getByRole('button', { name: 'Submit call' }).click();
    await eventually(() => page.getByTestId('forecast-call').first().textContent()).toContain(
      'Redwood slips to January',
    );
    const forecast = await api.get<Forecast>('/api/forecast');
    expect(forecast.target?.amountMinor).toBe(90_000_000);
    expect(forecast.calls[0]).toMatchObject({ kind: 'manager', amount: { amountMinor: 64_000_000 } });
  });
});

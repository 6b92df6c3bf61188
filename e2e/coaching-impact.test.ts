import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Assignment } from '../src/contract/assignments.ts';
import type { EffectivenessReport, Impact } from '../src/contract/impact.ts';
import { apiAs, userByEmail, type ApiClient } from './support/api.ts';
import { launchBrowser, type Browser } from './support/browser.ts';
import { signIn } from './support/pages.ts';
import { startWinsight, type Winsight } from './support/server.ts';

const MANAGER = 'manager1@demo.example.com';

describe('a manager sees what the learning changed, and how their coaching goes', { timeout: 120_000 }, () => {
  let winsight: Winsight;
  let browser: Browser;
  let page: Page;
  let manager: ApiClient;
  let impact: Impact;
  let effectiveness: EffectivenessReport;

  beforeAll(async () => {
    winsight = await startWinsight();
    manager = await apiAs(winsight.url, MANAGER);
    const seller1 = await userByEmail(manager, 'seller1@demo.example.com');
    const { items } = await manager.get<{ items: Assignment[] }>(`/api/coaching/assignments?seller=${seller1.id}`);
    // the demo's learning verified a month ago, assigned 64 days back
    const verified = items.find((a) => a.status === 'verified')!;
    impact = await manager.get<Impact>(`/api/coaching/assignments/${verified.id}/impact`);
    effectiveness = await manager.get<EffectivenessReport>('/api/coaching/effectiveness');
    browser = await launchBrowser();
    page = await browser.newPage();
    await signIn(page, winsight.url, MANAGER);
  });

  afterAll(async () => {
    await browser?.close();
    await winsight?.close();
  });

  it('draws the seller’s indicator against the sellers not coached on it, with what it says', async () => {
    expect(impact.points.map((p) => p.offset).slice(0, 3)).toEqual([0, 30, 60]);
    await page.goto(`${winsight.url}/development/${impact.assignmentId}`);
    const panel = page.getByTestId('impact-panel');
    await panel.getByTestId('impact-chart').waitFor();
    expect(await panel.getByTestId('impact-verdict').textContent()).toBe(impact.verdict.sentence);
    expect(impact.verdict.sentence).toMatch(/^After \d+ days, knowledge kept fresh /);
    // the chart's lines: one dot per checkpoint for the seller and for the median
    expect(await panel.locator('.recharts-line-dots circle').count()).toBe(2 * impact.points.length);
    expect(await panel.getByText(/^Baseline /).count()).toBe(1);
  });

  it('shows the team’s coaching figures on the Coaching page', async () => {
    await page.goto(`${winsight.url}/coaching`);
    const panel = page.getByTestId('effectiveness-panel');
    await panel.getByTestId('eff-completion').waitFor();
    const pct = (rate: number | null) => (rate === null ? '—' : `${Math.round(rate * 100)} %`);
    expect(await panel.getByTestId('eff-completion').textContent()).toContain(pct(effectiveness.completion.rate));
    expect(await panel.getByTestId('eff-plans').textContent()).toContain(
      `${effectiveness.activePlans.count} of ${effectiveness.activePlans.of}`,
    );
    expect(await panel.getByTestId('eff-diagnoses').textContent()).toContain(
      `${effectiveness.diagnosesStarted.count} started`,
    );
    expect(effectiveness.indicators.map((i) => i.measure)).toContain('freshKnowledge');
    await panel.getByTestId('effectiveness-chart').waitFor();
    expect(await panel.locator('.recharts-bar-rectangle').count()).toBeGreaterThanOrEqual(2);
    // and per root cause, a row for each cause and indicator coached
    const byCause = panel.getByTestId('effectiveness-by-cause');
    expect(await byCause.locator('tbody tr').count()).toBe(effectiveness.byRootCause.length);
    expect(await byCause.textContent()).toContain(effectiveness.byRootCause[0]!.name);
  });
});

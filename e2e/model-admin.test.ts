import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DANGER_ZONE_RULES } from '../src/domain/assessment/catalog.ts';
import { apiAs, type ApiClient } from './support/api.ts';
import { launchBrowser, type Browser } from './support/browser.ts';
import { eventually } from './support/eventually.ts';
import { signIn } from './support/pages.ts';
import { startWinsight, type Winsight } from './support/server.ts';

type Model = {
  version: string;
  kind: string;
  closedDeals: number;
  shapes: unknown[];
  pairs: unknown[];
  card: {
    trainingSize: number;
    crossValidated: { auc: number | null } | null;
    curve?: Array<{ trainedOn: number; model: { brier: number } }>;
  } | null;
};
type Rule = { id: string; enabled: boolean; thresholds: Record<string, number>; version: number };

const ADMIN = 'admin@demo.example.com';

describe(
  'an administrator refits the win model on the closed deals and tunes the danger-zone rules',
  { timeout: 90_000 },
  () => {
    let winsight: Winsight;
    let browser: Browser;
    let page: Page;
    let api: ApiClient;

    const rule = async (id: string) =>
      (await api.get<{ items: Rule[] }>('/api/danger-zones')).items.find((r) => r.id === id)!;

    beforeAll(async () => {
      winsight = await startWinsight();
      api = await apiAs(winsight.url, ADMIN);
      browser = await launchBrowser();
      page = await browser.newPage();
    });

    afterAll(async () => {
      await browser?.close();
      await winsight?.close();
    });

    it('finds the model learned from the demo’s own closed deals in use, with its card', async () => {
      await signIn(page, winsight.url, ADMIN);
      await page.getByRole('link', { name: 'Admin', exact: true }).click();
      await page.getByRole('tab', { name: 'Win model' }).click();
      await page.waitForURL(`${winsight.url}/admin/model`);
      await eventually(() => page.getByTestId('model-version').textContent()).toBe('fitted-1');
      expect(await page.getByTestId('model-kind').textContent()).toBe('Fitted on your deals');
      const model = await api.get<Model>('/api/model');
      expect(model.closedDeals).toBeGreaterThan(100);
      expect(await page.getByTestId('card-training-size').textContent()).toContain(`${model.card!.trainingSize} deals`);
      expect(await page.getByTestId('no-model-card').count()).toBe(0);
    });

    it('refits: the version becomes fitted-2, with its card, reliability curve and history', async () => {
      await page.getByRole('button', { name: 'Refit now' }).click();
      await eventually(() => page.getByTestId('model-version').textContent()).toBe('fitted-2');
      expect(await page.getByTestId('model-kind').textContent()).toBe('Fitted on your deals');

      const model = await api.get<Model>('/api/model');
      expect(model).toMatchObject({ version: 'fitted-2', kind: 'fitted' });
      expect(await page.getByTestId('card-training-size').textContent()).toContain(`${model.card!.trainingSize} deals`);
      expect(await page.getByTestId('card-auc').textContent()).toContain(model.card!.crossValidated!.auc!.toFixed(3));
      await page.getByTestId('reliability-chart').locator('svg circle').first().waitFor();
      // the learning curve on the demo's own history: one point per size, drawn for the fit and the priors
      const sizes = model.card!.curve!.map((p) => p.trainedOn);
      expect(sizes.slice(0, 3)).toEqual([25, 50, 100]);
      await page.getByTestId('learning-curve-chart').locator('svg .recharts-line').first().waitFor();
      expect(await page.getByTestId('learning-curve-chart').getAttribute('aria-label')).toContain(
        `after ${sizes[0]} deals, fitted ${model.card!.curve![0]!.model.brier.toFixed(3)}`,
      );
      expect(await page.getByTestId('card-shrinkage').textContent()).toMatch(/expert priors/);
      // weights worth less than half a point are counted in words, not drawn as zeros
      const weights = page.getByTestId('model-weights');
      expect(await weights.getByText('0 pts', { exact: true }).count()).toBe(0);
      expect(await page.getByTestId('negligible-weights').first().textContent()).toMatch(/weighs? less than a point/);
      // what boosting learned on top of the weights: each kept shape and pair drawn, or in words why none is
      const learned = page.getByTestId('learned-terms');
      if (model.shapes.length + model.pairs.length === 0)
        expect(await learned.getByTestId('learned-none').textContent()).toMatch(/did not forecast the latest deals/);
      else expect(await learned.getByTestId('learned-term').count()).toBeGreaterThan(0);
      expect(await page.getByTestId('model-comparison').locator('tbody tr').count()).toBe(3);
      await eventually(() => page.getByTestId('model-history-row').count()).toBe(2);
      expect(await page.getByTestId('model-history-row').first().textContent()).toContain('in use');
    });

    it('switches a rule off for the whole organization', async () => {
      await page.getByRole('tab', { name: 'Danger zones' }).click();
      await page.waitForURL(`${winsight.url}/admin/danger-zones`);
      const total = DANGER_ZONE_RULES.length;
      await eventually(() => page.getByTestId('rule-row').count()).toBe(total);
      // beside each rule, how often it fires on open deals and how flagged closed deals ended
      const usage = (
        await api.get<{ items: Array<Rule & { usage: { open: { firing: number; total: number } } }> }>(
          '/api/danger-zones',
        )
      ).items[0]!.usage;
      expect(await page.getByTestId('zone-firing').first().textContent()).toBe(
        `${usage.open.firing} of ${usage.open.total} open`,
      );
      expect(await page.getByTestId('zone-effect').count()).toBe(total);
      expect(await page.getByTestId('rules-enabled-count').textContent()).toBe(`${total} of ${total} on`);

      const stale = page.getByRole('switch', { name: 'DZ-27 Stale knowledge' });
      expect(await stale.isChecked()).toBe(true);
      await stale.click({ force: true });
      await eventually(async () => (await rule('DZ-27')).enabled).toBe(false);
      await eventually(() => stale.isChecked()).toBe(false);
      await eventually(() => page.getByTestId('rules-enabled-count').textContent()).toBe(`${total - 1} of ${total} on`);
    });

    it('tunes a threshold: a wrong value is explained under its field, a right one is saved', async () => {
      await page.getByRole('button', { name: 'Tune DZ-21 Stalled: no recent buyer engagement' }).click();
      const form = page.getByRole('form', { name: 'Thresholds of DZ-21' });
      const quiet = form.getByRole('textbox', { name: 'Quiet days', exact: true });
      await quiet.fill('2.5');
      await form.getByRole('button', { name: 'Save thresholds' }).click();
      await form.getByText('A whole number').waitFor();
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('threshold-quietDays');
      expect((await rule('DZ-21')).thresholds.quietDays).toBe(30);

      await quiet.fill('21');
      await form.getByRole('button', { name: 'Save thresholds' }).click();
      await form.waitFor({ state: 'hidden' });
      await eventually(async () => (await rule('DZ-21')).thresholds.quietDays).toBe(21);
      const row = page.locator('[data-testid="rule-row"][data-rule="DZ-21"]');
      await eventually(() => row.getByTestId('rule-thresholds').textContent()).toContain(
        'Quiet days: 21 days (default 30 days)',
      );
    });

    it('keeps the change when someone else changed the rule first, on top of their version', async () => {
      const before = await rule('DZ-03');
      await page.getByRole('button', { name: 'Tune DZ-03 Single-threaded' }).click();
      const form = page.getByRole('form', { name: 'Thresholds of DZ-03' });
      const mine = form.getByRole('textbox', { name: 'Contacts to be talking to', exact: true });
      const theirs = form.getByRole('textbox', { name: 'Contacts on a large deal', exact: true });
      await mine.fill('3');
      // another administrator saves a different threshold first
      await api.patch('/api/danger-zones/DZ-03', { thresholds: { minThreadsLargeDeal: 5 }, version: before.version });
      await form.getByRole('button', { name: 'Save thresholds' }).click();
      await form.getByTestId('rule-conflict').waitFor();
      await eventually(() => theirs.inputValue()).toBe('5');
      expect(await mine.inputValue()).toBe('3');
      await form.getByRole('button', { name: 'Save thresholds' }).click();
      await form.waitFor({ state: 'hidden' });
      await eventually(async () => (await rule('DZ-03')).thresholds).toEqual({
        ...before.thresholds,
        minThreads: 3,
        minThreadsLargeDeal: 5,
      });
    });
  },
);

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AssessmentHistory, AssessmentView } from '../src/contract/assessment.ts';
import type { KnowledgeResponse } from '../src/contract/knowledge.ts';
import type { Opportunity } from '../src/contract/opportunities.ts';
import { apiAs, userByEmail, type ApiClient } from './support/api.ts';
import { launchBrowser, type Browser } from './support/browser.ts';
import { eventually } from './support/eventually.ts';
import { signIn } from './support/pages.ts';
import { startWinsight, type Winsight } from './support/server.ts';

const SELLER = 'seller1@demo.example.com';

describe(
  'a seller logs a fact and sees the probability’s trend gain the moment, naming it',
  { timeout: 120_000 },
  () => {
    let winsight: Winsight;
    let browser: Browser;
    let page: Page;
    let api: ApiClient;
    let target: Opportunity;
    let sellerName: string;
    let before: AssessmentHistory;

    beforeAll(async () => {
      winsight = await startWinsight();
      api = await apiAs(winsight.url, SELLER);
      const seller = await userByEmail(api, SELLER);
      sellerName = seller.name;
      // an open deal of theirs where confirming an allocated budget is a move (so logging it moves the figure)
      const { items } = await api.get<{ items: Opportunity[] }>(
        `/api/opportunities?owner=${seller.id}&status=open&limit=100&sort=name`,
      );
      for (const o of items) {
        const a = await api.get<AssessmentView>(`/api/opportunities/${o.id}/assessment`);
        if (a.cap || !a.recommendations.some((r) => r.id === 'confirm-budget')) continue;
        const k = await api.get<KnowledgeResponse>(`/api/opportunities/${o.id}/knowledge`);
        const budget = k.objectives.flatMap((x) => x.facts).find((f) => f.field === 'budgetStatus');
        if (budget?.value === 'allocated') continue;
        target = o;
        break;
      }
      if (!target) throw new Error('The demo workspace has no open deal of seller1 without an allocated budget');
      before = await api.get<AssessmentHistory>(`/api/opportunities/${target.id}/assessment/history`);
      browser = await launchBrowser();
      page = await browser.newPage();
    });

    afterAll(async () => {
      await browser?.close();
      await winsight?.close();
    });

    const moments = () => page.getByTestId('trend-moments').locator('tbody tr');

    it('opens the deal on its assessment, with the moments the demo’s story kept', async () => {
      await signIn(page, winsight.url, SELLER);
      await page.goto(`${winsight.url}/opportunities/${target.id}`);
      await page.getByTestId('probability-trend').waitFor();
      if (before.points.length <= 1) {
        await page.getByTestId('trend-empty').waitFor();
      } else {
        await eventually(() => moments().count()).toBe(before.points.length);
        expect(await moments().last().textContent()).toContain(before.points.at(-1)!.cause!.text);
      }
    });

    it('logs the budget on the Knowledge tab and finds a new moment naming it and the seller', async () => {
      await page.getByRole('tab', { name: 'Knowledge' }).click();
      await page.getByRole('button', { name: 'Log what I learned' }).click();
      const drawer = page.getByRole('dialog', { name: 'Log what I learned' });
      await drawer.getByRole('textbox', { name: 'In one line' }).fill('Budget call with finance');
      const row = drawer.getByTestId('log-row').first();
      await row.getByRole('combobox', { name: 'Objective', exact: true }).click();
      await page.getByRole('option', { name: '9. Funding and value case', exact: true }).click();
      await row.getByRole('combobox', { name: 'What', exact: true }).click();
      await page.getByRole('option', { name: 'Budget status', exact: true }).click();
      await row.getByRole('combobox', { name: 'Budget status', exact: true }).click();
      await page.getByRole('option', { name: 'Allocated', exact: true }).click();
      await row.getByRole('textbox', { name: 'Their words' }).fill('The money is approved for this year');
      await drawer.getByRole('button', { name: 'Save meeting' }).click();
      await drawer.waitFor({ state: 'hidden' });

      await page.getByRole('tab', { name: 'Assessment' }).click();
      await eventually(() => moments().count()).toBe(before.points.length + 1);
      const latest = await moments().last().textContent();
      expect(latest).toContain(`Budget status logged by ${sellerName}`);
      const after = await api.get<AssessmentHistory>(`/api/opportunities/${target.id}/assessment/history`);
      expect(after.points.at(-1)!.cause).toEqual({ kind: 'knowledge', text: `Budget status logged by ${sellerName}` });
    });
  },
);

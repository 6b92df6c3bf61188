import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Objective } from '../src/contract/knowledge.ts';
import type { Opportunity } from '../src/contract/opportunities.ts';
import { apiAs, type ApiClient } from './support/api.ts';
import { launchBrowser, type Browser } from './support/browser.ts';
import { eventually } from './support/eventually.ts';
import { signIn } from './support/pages.ts';
import { startWinsight, type Winsight } from './support/server.ts';

const ADMIN = 'admin@demo.example.com';
const KEY = 'funding_value';
const REWORDED =
  'The money behind the decision: who controls it, whether it is allocated, and the value case that justifies spending it.';
const MINE_LATER = 'Where the money comes from, who can release it, and the return the buyer expects for it.';
const THEIR_WHY =
  'A deal without allocated money is a wish: the budget decides the timeline, and the value case decides the budget.';

const percent = (share: number) => `${Math.round(share * 100)} %`;
const objectiveOf = async (api: ApiClient) =>
  (await api.get<{ items: Objective[] }>('/api/objectives')).items.find((o) => o.key === KEY)!;

describe(
  'an admin rewords an objective and changes its weight; deals show it, the history keeps both versions, and a stale edit keeps what was typed',
  { timeout: 120_000 },
  () => {
    let winsight: Winsight;
    let browser: Browser;
    let page: Page;
    let api: ApiClient;
    let original: Objective;
    let deal: Opportunity;

    beforeAll(async () => {
      winsight = await startWinsight();
      api = await apiAs(winsight.url, ADMIN);
      original = await objectiveOf(api);
      deal = (await api.get<{ items: Opportunity[] }>('/api/opportunities?status=open&limit=1')).items[0]!;
      browser = await launchBrowser();
      page = await browser.newPage();
    });

    afterAll(async () => {
      await browser?.close();
      await winsight?.close();
    });

    const card = () => page.locator(`[data-testid="objective-card"][data-objective="${KEY}"]`);
    const editor = () => page.getByRole('dialog', { name: `Edit 9. ${original.name}` });

    it('lists the nine objectives under Admin, says they are fixed, and shows each one’s share of the index', async () => {
      await signIn(page, winsight.url, ADMIN);
      await page.goto(`${winsight.url}/admin`);
      await page.getByRole('tab', { name: 'Objectives' }).click();
      await page.waitForURL(`${winsight.url}/admin/objectives`);
      await eventually(() => page.getByTestId('objective-card').count()).toBe(9);
      expect(await page.getByTestId('objectives-fixed').textContent()).toContain('names and their order cannot change');
      expect(await card().getByTestId('objective-definition').textContent()).toBe(original.definition);
      expect(await card().getByTestId('objective-questions').locator('li').count()).toBe(original.questions.length);
      expect(await page.getByTestId('weight-share').count()).toBe(9);
    });

    it('rewords the definition and changes the weight, seeing the share it would take before saving', async () => {
      await card()
        .getByRole('button', { name: `Edit 9. ${original.name}` })
        .click();
      await editor().waitFor();
      await editor().getByRole('textbox', { name: 'Definition' }).fill(REWORDED);
      const weight = editor().getByRole('textbox', { name: 'Weight in the Knowledge Coverage Index' });
      await weight.fill('2.5');
      await editor()
        .getByText(/with 2\.5 it would be \d+ %/)
        .waitFor();
      await editor().getByRole('button', { name: 'Save version 1' }).click();
      await editor().waitFor({ state: 'hidden' });

      const saved = await objectiveOf(api);
      expect(saved).toMatchObject({
        version: 1,
        definition: REWORDED,
        weight: 2.5,
        whyItMatters: original.whyItMatters,
        questions: original.questions,
      });
      const all = (await api.get<{ items: Objective[] }>('/api/objectives')).items;
      const share = 2.5 / all.reduce((sum, o) => sum + o.weight, 0);
      await eventually(() => card().getByTestId('objective-definition').textContent()).toBe(REWORDED);
      expect(await card().getByTestId('objective-weight').textContent()).toBe(`Weight 2.5 · ${percent(share)}`);
      expect(
        await page
          .locator(`[data-testid="weight-share"][data-objective="${KEY}"]`)
          .getByTestId('weight-share-value')
          .textContent(),
      ).toBe(percent(share));
    });

    it('shows the new wording on a deal’s Knowledge tab', async () => {
      await page.goto(`${winsight.url}/opportunities/${deal.id}?tab=knowledge`);
      await page.getByTestId('knowledge-workspace').waitFor();
      await page.getByRole('button', { name: /^9\. Funding and value case/ }).click();
      await page.locator(`[data-objective="${KEY}"]`).getByText(REWORDED).waitFor();
    });

    it('shows both versions in the history, with what changed word by word', async () => {
      await page.goto(`${winsight.url}/admin/objectives`);
      await card()
        .getByRole('button', { name: `History of 9. ${original.name}` })
        .click();
      const history = page.getByRole('dialog', { name: `History of 9. ${original.name}` });
      const entries = history.getByTestId('objective-version-entry');
      await eventually(() => entries.count()).toBe(2);
      expect(await entries.nth(0).textContent()).toContain('Version 0');
      const second = entries.nth(1);
      expect(await second.textContent()).toContain('Changed the definition and the weight');
      expect(await second.getByTestId('weight-change').textContent()).toBe(`${original.weight} → 2.5`);
      const diff = second.getByTestId('word-diff').first();
      expect(await diff.locator('ins').count()).toBeGreaterThan(0);
      expect(await diff.locator('del').count()).toBeGreaterThan(0);
      await page.keyboard.press('Escape');
      await history.waitFor({ state: 'hidden' });
    });

    it('keeps the typed text when someone else saved first, shows their change, and saves on top of it', async () => {
      await card()
        .getByRole('button', { name: `Edit 9. ${original.name}` })
        .click();
      await editor().waitFor();
      // another admin saves a new "why it matters" while this form is open
      await api.patch(`/api/objectives/${KEY}`, { whyItMatters: THEIR_WHY, version: 1 });
      const definition = editor().getByRole('textbox', { name: 'Definition' });
      await definition.fill(MINE_LATER);
      await editor().getByRole('button', { name: 'Save version 2' }).click();

      const conflict = editor().getByTestId('objective-conflict');
      await conflict.waitFor();
      expect(await conflict.textContent()).toContain('Why it matters');
      expect(await conflict.textContent()).toContain('nothing you typed is lost');
      expect(await definition.inputValue()).toBe(MINE_LATER);
      expect(await editor().getByRole('textbox', { name: 'Why it matters' }).inputValue()).toBe(THEIR_WHY);

      await editor().getByRole('button', { name: 'Save version 3' }).click();
      await editor().waitFor({ state: 'hidden' });
      expect(await objectiveOf(api)).toMatchObject({
        version: 3,
        definition: MINE_LATER,
        whyItMatters: THEIR_WHY,
        weight: 2.5,
      });
      await eventually(() => card().getByTestId('objective-definition').textContent()).toBe(MINE_LATER);
    });
  },
);

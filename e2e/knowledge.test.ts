import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Contact } from '../src/contract/contacts.ts';
import type { KnowledgeResponse } from '../src/contract/knowledge.ts';
import type { Opportunity } from '../src/contract/opportunities.ts';
import { apiAs, userByEmail, type ApiClient } from './support/api.ts';
import { launchBrowser, type Browser } from './support/browser.ts';
import { signIn, waitForOpportunityRows } from './support/pages.ts';
import { startWinsight, type Winsight } from './support/server.ts';
import { TEXT_LIMITS } from '../src/domain/text.ts';

// a busy CI machine can take a while to re-render: wait for the page, not for a fixed second
const PATIENTLY = { timeout: 10_000 };
const SELLER = 'seller1@demo.example.com';
const MANAGER = 'manager1@demo.example.com';

/** Picks an option of a Mantine select by its label, within `scope`. */
async function choose(page: Page, scope: Locator, label: string, option: string): Promise<void> {
  await scope.getByRole('combobox', { name: label, exact: true }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** K per objective as the panels show it (null: not yet explored). */
async function levelsOnPage(page: Page): Promise<Record<string, number | null>> {
  const panels = page.getByTestId('objective-panel');
  const levels: Record<string, number | null> = {};
  for (const panel of await panels.all()) {
    const key = (await panel.getAttribute('data-objective'))!;
    const meter = panel.getByTestId('knowledge-level');
    levels[key] = (await meter.count()) > 0 ? Number(await meter.getAttribute('data-level')) : null;
  }
  return levels;
}

const levelsOf = (k: KnowledgeResponse) =>
  Object.fromEntries(k.objectives.map((o) => [o.key, o.explored ? o.knowledgeLevel : null]));
const percentOf = (k: KnowledgeResponse) => `${Math.round(k.coverageIndex * 100)} %`;
const budgetStatusOf = (k: KnowledgeResponse) =>
  k.objectives.flatMap((o) => o.facts).find((f) => f.field === 'budgetStatus');

describe(
  'a seller logs a meeting on the knowledge workspace and their manager sees who learned what',
  { timeout: 120_000 },
  () => {
    let winsight: Winsight;
    let sellerBrowser: Browser;
    let managerBrowser: Browser;
    let page: Page;
    let api: ApiClient;
    let target: Opportunity;
    let before: KnowledgeResponse;
    let after: KnowledgeResponse;
    let newEvaluator: Contact;
    let sellerName: string;
    let budget: { value: string; label: string };

    beforeAll(async () => {
      winsight = await startWinsight();
      api = await apiAs(winsight.url, SELLER);
      const seller = await userByEmail(api, SELLER);
      sellerName = seller.name;
      // an open deal with evaluators already known, and a contact of its account who is not one yet
      const { items } = await api.get<{ items: Opportunity[] }>(
        `/api/opportunities?owner=${seller.id}&status=open&limit=50`,
      );
      for (const o of items) {
        const knowledge = await api.get<KnowledgeResponse>(`/api/opportunities/${o.id}/knowledge`);
        if (knowledge.evaluatorMatrix.rows.length === 0) continue;
        const { items: contacts } = await api.get<{ items: Contact[] }>(
          `/api/contacts?accountId=${o.accountId}&limit=200`,
        );
        const taken = new Set(knowledge.evaluatorMatrix.rows.map((r) => r.contactId));
        const free = contacts.find((c) => !taken.has(c.id));
        if (!free) continue;
        target = o;
        before = knowledge;
        newEvaluator = free;
        break;
      }
      if (!target)
        throw new Error('The demo workspace has no open deal of seller1 with evaluators and a contact left to add');
      budget =
        budgetStatusOf(before)?.value === 'allocated'
          ? { value: 'identified_not_approved', label: 'Identified, not approved' }
          : { value: 'allocated', label: 'Allocated' };
      sellerBrowser = await launchBrowser();
      page = await sellerBrowser.newPage();
    });

    afterAll(async () => {
      await sellerBrowser?.close();
      await managerBrowser?.close();
      await winsight?.close();
    });

    it('opens one of their open deals and sees the nine objectives with their levels', async () => {
      await signIn(page, winsight.url, SELLER);
      await page.getByRole('searchbox', { name: 'Search opportunities' }).fill(target.name);
      // the list searches after a pause: click only once the search is in the address and the rows show its result
      await expect.poll(() => new URL(page.url()).searchParams.get('q'), PATIENTLY).toBe(target.name);
      await waitForOpportunityRows(page);
      await page.getByTestId('opportunity-table').getByRole('link', { name: target.name, exact: true }).first().click();
      await page.waitForURL((url) => url.pathname.startsWith('/opportunities/'));
      if (!page.url().includes(target.id)) {
        // two deals may share a name: go to the one chosen
        await page.goto(`${winsight.url}/opportunities/${target.id}`);
      }
      await page.getByRole('tab', { name: 'Knowledge' }).click();
      await page.getByTestId('knowledge-workspace').waitFor();
      expect(new URL(page.url()).searchParams.get('tab')).toBe('knowledge');

      await expect.poll(() => page.getByTestId('objective-panel').count(), PATIENTLY).toBe(9);
      const headings = await page.getByTestId('objective-panel').locator('button[aria-expanded]').allTextContents();
      headings.forEach((heading, i) => expect(heading.startsWith(`${i + 1}${before.objectives[i]!.name}`)).toBe(true));
      expect(await levelsOnPage(page)).toEqual(levelsOf(before));
      expect(await page.getByTestId('coverage-index').textContent()).toBe(percentOf(before));
      expect(await page.getByTestId('unknowns-count').textContent()).toBe(String(before.unknowns.length));
    });

    it('shows the evidence behind a panel when it is opened', async () => {
      await page.getByRole('button', { name: /^3\. Buying group and influence/ }).click();
      const panel = page.locator('[data-objective="buying_group"]');
      await panel.getByTestId('reasons').waitFor();
      await expect
        .poll(() => panel.getByTestId('fact').count(), PATIENTLY)
        .toBe(before.objectives.find((o) => o.key === 'buying_group')!.facts.length);
      expect(await panel.getByTestId('evidence-text').count()).toBeGreaterThan(0);
    });

    it('logs a meeting: the budget status and a new evaluator with their influence, in one save', async () => {
      const evaluatorsBefore = before.evaluatorMatrix.rows.length;
      await page.getByRole('button', { name: 'Log what I learned' }).click();
      const drawer = page.getByRole('dialog', { name: 'Log what I learned' });
      const oneLine = drawer.getByRole('textbox', { name: 'In one line' });
      // over-long text stops at the field's limit as it is typed, instead of being refused on save
      await oneLine.fill('x'.repeat(TEXT_LIMITS.summary + 500));
      expect((await oneLine.inputValue()).length).toBe(TEXT_LIMITS.summary);
      await oneLine.fill('Budget review with the finance team');

      const first = drawer.getByTestId('log-row').nth(0);
      await choose(page, first, 'Objective', '9. Funding and value case');
      // funding is kept once per deal: "About" fills itself in
      expect(await first.getByRole('combobox', { name: 'About', exact: true }).inputValue()).toBe('Funding and value');
      await choose(page, first, 'What', 'Budget status');
      await choose(page, first, 'Budget status', budget.label);
      const words = first.getByRole('textbox', { name: 'Their words' });
      await words.fill('The money is in this year’s plan');
      // Enter in a text box starts the next row and puts the cursor in it
      await words.press('Enter');
      await expect.poll(() => drawer.getByTestId('log-row').count(), PATIENTLY).toBe(2);
      const second = drawer.getByTestId('log-row').nth(1);
      await expect.poll(() => page.evaluate(() => document.activeElement?.id ?? ''), PATIENTLY).toMatch(/-objective$/);

      await choose(page, second, 'Objective', '3. Buying group and influence');
      await choose(page, second, 'About', 'New evaluator…');
      await second.getByRole('combobox', { name: 'New evaluator', exact: true }).click();
      await page
        .getByRole('option', {
          name: newEvaluator.title ? `${newEvaluator.name} · ${newEvaluator.title}` : newEvaluator.name,
          exact: true,
        })
        .click();
      await choose(page, second, 'What', 'Influence');
      await choose(page, second, 'Influence', 'High');
      await drawer.getByText('2 things learned').waitFor();

      await drawer.getByRole('button', { name: 'Save meeting' }).click();
      await drawer.waitFor({ state: 'hidden' });
      await page.getByText('2 facts and 1 new item recorded.').waitFor();

      after = await api.get<KnowledgeResponse>(`/api/opportunities/${target.id}/knowledge`);
      expect(budgetStatusOf(after)?.value).toBe(budget.value);
      expect(after.evaluatorMatrix.rows.length).toBe(evaluatorsBefore + 1);
      expect(after.opportunityVersion).toBe(before.opportunityVersion + 1);
    });

    it('sees the levels, the coverage, the unknowns and the matrix move with what was learned', async () => {
      await expect.poll(() => page.getByTestId('coverage-index').textContent(), PATIENTLY).toBe(percentOf(after));
      expect(await levelsOnPage(page)).toEqual(levelsOf(after));
      expect(await page.getByTestId('unknowns-count').textContent()).toBe(String(after.unknowns.length));

      await page.getByRole('button', { name: /^9\. Funding and value case/ }).click();
      const budgetFact = page.locator(
        '[data-objective="funding_value"] [data-testid="fact"][data-field="budgetStatus"]',
      );
      await expect.poll(() => budgetFact.getByTestId('fact-value').textContent(), PATIENTLY).toBe(budget.label);
      expect(await budgetFact.getByTestId('evidence-text').textContent()).toBe('The money is in this year’s plan');

      await page.getByRole('tab', { name: 'Buying group' }).click();
      const row = page.locator(`[data-testid="matrix-row"][data-evaluator="${newEvaluator.name}"]`);
      await row.waitFor();
      expect(await row.textContent()).toContain('High influence');
      // nobody knows yet whom they favour: their weight sits in "not known"
      expect(await row.getByTestId('matrix-unknown').count()).toBe(1);
      const unknownShare = `${Math.round(after.evaluatorMatrix.unknownShare * 100)} %`;
      expect(await page.getByTestId('share-unknown').textContent()).toBe(unknownShare);
      expect(after.evaluatorMatrix.unknownShare).toBeGreaterThan(before.evaluatorMatrix.unknownShare);
      const card = page.locator(`[data-testid="evaluator-card"][data-evaluator="${newEvaluator.name}"]`);
      expect(await card.textContent()).toContain('High');

      await page.getByRole('tab', { name: /Unknowns/ }).click();
      await expect
        .poll(() => page.getByTestId('unknowns').getByTestId('open-question').count(), PATIENTLY)
        .toBe(after.unknowns.length);
    });

    it('shows a manager the same picture and the history of who learned what', async () => {
      managerBrowser = await launchBrowser();
      const managerPage = await managerBrowser.newPage();
      await signIn(managerPage, winsight.url, MANAGER);
      await managerPage.goto(`${winsight.url}/opportunities/${target.id}?tab=knowledge`);
      await managerPage.getByTestId('knowledge-workspace').waitFor();
      expect(await managerPage.getByTestId('coverage-index').textContent()).toBe(percentOf(after));
      expect(await levelsOnPage(managerPage)).toEqual(levelsOf(after));

      await managerPage.getByRole('tab', { name: 'Who learned what' }).click();
      const entries = managerPage.getByTestId('knowledge-history-entry');
      await entries.first().waitFor();
      const newest = (await entries.allTextContents()).slice(0, 3).join('\n');
      expect(newest).toContain(`${sellerName}learned`);
      expect(newest).toContain('Budget status');
      expect(newest).toContain('The money is in this year’s plan');
      expect(newest).toContain(`Evaluator: ${newEvaluator.name}`);
      expect(newest).toContain(`Influence of ${newEvaluator.name}`);
    });

    it('lets the manager look back at what was known before, read-only', async () => {
      const managerPage = managerBrowser.context.pages()[0]!;
      const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
      await managerPage.goto(`${winsight.url}/opportunities/${target.id}?tab=knowledge&asOf=${yesterday}`);
      await managerPage.getByTestId('historical-banner').waitFor();
      const past = await api.get<KnowledgeResponse>(`/api/opportunities/${target.id}/knowledge?asOf=${yesterday}`);
      expect(await managerPage.getByTestId('coverage-index').textContent()).toBe(percentOf(past));
      expect(past.evaluatorMatrix.rows.some((r) => r.contactId === newEvaluator.id)).toBe(false);
      expect(await managerPage.getByRole('button', { name: 'Log what I learned' }).count()).toBe(0);
      await managerPage.getByRole('button', { name: 'Back to today' }).click();
      await managerPage.getByRole('button', { name: 'Log what I learned' }).waitFor();
    });
  },
);

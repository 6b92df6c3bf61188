import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KnowledgeFactView, KnowledgeResponse } from '../src/contract/knowledge.ts';
import type { Opportunity } from '../src/contract/opportunities.ts';
import { apiAs, userByEmail, type ApiClient } from './support/api.ts';
import { launchBrowser, type Browser } from './support/browser.ts';
import { eventually } from './support/eventually.ts';
import { signIn } from './support/pages.ts';
import { startWinsight, type Winsight } from './support/server.ts';

const SELLER = 'seller1@demo.example.com';

const factsOf = (k: KnowledgeResponse) => k.objectives.flatMap((o) => o.facts);
const staleGaps = (k: KnowledgeResponse) => k.unknowns.filter((g) => g.kind === 'stale');
/** The demo's dates as the page writes them ("Aug 2, 2026"); the browser runs in UTC. */
const formatDay = (day: string) =>
  new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' }).format(
    Date.parse(`${day}T00:00:00Z`),
  );

describe(
  'a seller re-confirms a stale fact: it is fresh again, leaves the stale unknowns, and the history says so',
  { timeout: 120_000 },
  () => {
    let winsight: Winsight;
    let browser: Browser;
    let page: Page;
    let api: ApiClient;
    let target: Opportunity;
    let before: KnowledgeResponse;
    let stale: KnowledgeFactView;
    /** another current fact of the deal, re-confirmed behind the page's back */
    let other: KnowledgeFactView;
    let today: string;

    beforeAll(async () => {
      winsight = await startWinsight();
      api = await apiAs(winsight.url, SELLER);
      const seller = await userByEmail(api, SELLER);
      const { items } = await api.get<{ items: Opportunity[] }>(
        `/api/opportunities?owner=${seller.id}&status=open&limit=50`,
      );
      for (const o of items) {
        const k = await api.get<KnowledgeResponse>(`/api/opportunities/${o.id}/knowledge`);
        const gap = staleGaps(k).find((g) =>
          factsOf(k).some(
            (f) => f.itemId === g.itemId && f.field === g.field && !f.fresh && !f.isUnknown && f.qualifier === null,
          ),
        );
        if (!gap) continue;
        const fact = factsOf(k).find(
          (f) => f.itemId === gap.itemId && f.field === gap.field && !f.fresh && !f.isUnknown && f.qualifier === null,
        )!;
        const another = factsOf(k).find((f) => f.id !== fact.id && !f.isUnknown);
        if (!another) continue;
        [target, before, stale, other] = [o, k, fact, another];
        break;
      }
      if (!target) throw new Error('The demo workspace has no open deal of seller1 with a stale fact');
      today = before.asOf;
      browser = await launchBrowser();
      page = await browser.newPage();
    });

    afterAll(async () => {
      await browser?.close();
      await winsight?.close();
    });

    const staleRow = () =>
      page
        .getByTestId('unknowns-section')
        .and(page.locator('[data-kind="stale"]'))
        .getByTestId('open-question')
        .filter({ hasText: stale.label });
    const dialog = () => page.getByRole('dialog', { name: 'Buyer confirmed it again' });

    it('finds the fact among the stale unknowns and opens “Buyer confirmed it again” on it', async () => {
      await signIn(page, winsight.url, SELLER);
      await page.goto(`${winsight.url}/opportunities/${target.id}?tab=knowledge&view=unknowns`);
      await page.getByTestId('unknowns').waitFor();
      await eventually(() =>
        page.locator('[data-testid="unknowns-section"][data-kind="stale"] [data-testid="open-question"]').count(),
      ).toBe(staleGaps(before).length);
      await staleRow().first().getByRole('button', { name: 'Buyer confirmed it again' }).click();
      await dialog().waitFor();
      expect(await dialog().getByTestId('verify-fact-subject').textContent()).toContain(stale.label);
      // the day defaults to today
      expect(await dialog().getByRole('textbox', { name: 'When did they confirm it?' }).inputValue()).toBe(today);
    });

    it('explains a day before the fact was first observed, under the field', async () => {
      const day = dialog().getByRole('textbox', { name: 'When did they confirm it?' });
      const earlier = new Date(Date.parse(`${stale.evidence.observedAt}T00:00:00Z`) - 86_400_000)
        .toISOString()
        .slice(0, 10);
      await day.fill(earlier);
      await dialog().getByRole('button', { name: 'Record re-confirmation' }).click();
      await dialog()
        .getByText(`Not before ${formatDay(stale.evidence.observedAt)}, when it was first observed`)
        .waitFor();
      await day.fill(today);
    });

    it('is told when someone else recorded knowledge first, loads it and records the re-confirmation', async () => {
      await api.post(`/api/opportunities/${target.id}/knowledge/facts/${other.id}/verify`, {
        version: before.opportunityVersion,
        verifiedOn: today,
      });
      await dialog().getByRole('button', { name: 'Record re-confirmation' }).click();
      await dialog().getByTestId('knowledge-conflict').waitFor();
      await dialog().getByRole('button', { name: 'Load their changes' }).click();
      await eventually(() => dialog().getByTestId('knowledge-conflict').count()).toBe(0);
      await dialog().getByRole('button', { name: 'Record re-confirmation' }).click();
      await dialog().waitFor({ state: 'hidden' });

      const after = await api.get<KnowledgeResponse>(`/api/opportunities/${target.id}/knowledge`);
      const now = factsOf(after).find(
        (f) => f.itemId === stale.itemId && f.field === stale.field && f.qualifier === null,
      )!;
      expect(now).toMatchObject({ fresh: true, lastVerifiedAt: today, value: stale.value });
      expect(staleGaps(after).some((g) => g.itemId === stale.itemId && g.field === stale.field)).toBe(false);
      // it leaves the stale group on the page too
      await eventually(() =>
        page.locator('[data-testid="unknowns-section"][data-kind="stale"] [data-testid="open-question"]').count(),
      ).toBe(staleGaps(after).length);
      expect(await page.getByTestId('unknowns-count').textContent()).toBe(String(after.unknowns.length));
    });

    it('shows the fact fresh, “re-confirmed on” today, in its objective', async () => {
      const objective = before.objectives.find((o) => o.facts.some((f) => f.id === stale.id))!;
      await page.getByRole('tab', { name: 'Nine objectives' }).click();
      await page.getByRole('button', { name: new RegExp(`^${objective.number}\\. `) }).click();
      const fact = page
        .locator(`[data-objective="${objective.key}"] [data-testid="fact"][data-field="${stale.field}"]`)
        .first();
      await eventually(() => fact.getAttribute('data-stale')).toBe('false');
      expect(await fact.getByTestId('fact-reconfirmed').textContent()).toContain(`re-confirmed on ${formatDay(today)}`);
      expect(await fact.getByTestId('fact-stale').count()).toBe(0);
    });

    it('lists the re-confirmation in the history of who learned what', async () => {
      await page.getByRole('tab', { name: 'Who learned what' }).click();
      const entries = page.getByTestId('knowledge-history-entry');
      await entries.first().waitFor();
      const newest = (await entries.allTextContents()).slice(0, 2).join('\n');
      expect(newest).toContain('re-confirmed');
      expect(newest).toContain(stale.label);
    });
  },
);

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Diagnosis } from '../src/contract/diagnoses.ts';
import type { TeamCoaching } from '../src/contract/scorecard.ts';
import { apiAs, type ApiClient } from './support/api.ts';
import { launchBrowser, type Browser } from './support/browser.ts';
import { eventually } from './support/eventually.ts';
import { submitSignIn, switchUser } from './support/pages.ts';
import { startWinsight, type Winsight } from './support/server.ts';

const MANAGER = 'manager1@demo.example.com';

describe(
  'a manager diagnoses a flagged gap step by step; the seller reads the conclusion',
  { timeout: 120_000 },
  () => {
    let winsight: Winsight;
    let browser: Browser;
    let page: Page;
    let api: ApiClient;
    let seller: { id: string; name: string; email: string };
    let diagnosisId: string;

    beforeAll(async () => {
      winsight = await startWinsight();
      api = await apiAs(winsight.url, MANAGER);
      const team = await api.get<TeamCoaching>('/api/coaching/team');
      const flagged = team.sellers.find((s) => s.flags.length > 0)!;
      const login = winsight.demo.logins.find((l) => l.name === flagged.name)!;
      seller = { id: flagged.id, name: flagged.name, email: login.email };
      browser = await launchBrowser();
      page = await browser.newPage();
    });

    afterAll(async () => {
      await browser?.close();
      await winsight?.close();
    });

    const group = (question: RegExp) => page.getByRole('radiogroup', { name: question });

    it('starts from the gap flag on the scorecard and walks the steps to a conclusion', async () => {
      await page.goto(`${winsight.url}/login`);
      await submitSignIn(page, MANAGER);
      await page.waitForURL(`${winsight.url}/home`);
      await page.goto(`${winsight.url}/coaching/sellers/${seller.id}`);
      const flag = page.getByTestId('scorecard-flag').first();
      await flag.getByRole('button', { name: /^Diagnose/ }).click();
      await page.waitForURL(/\/coaching\/diagnoses\/[^/]+$/);
      diagnosisId = page.url().split('/').at(-1)!;
      const started = await api.get<Diagnosis>(`/api/coaching/diagnoses/${diagnosisId}`);
      expect(started.source).toBe('flag');
      await eventually(() => page.getByTestId('diagnosis-gap').textContent()).toContain(started.gap);

      // describe the gap: keyboard only for the first answer
      await group(/Can you name what the seller does differently/)
        .getByRole('radio', { name: 'Yes, it is described with its deals' })
        .focus();
      await page.keyboard.press('Space');
      await group(/Is it worth solving now/)
        .getByRole('radio', { name: 'Yes, it is worth the time' })
        .check();
      await page.getByRole('button', { name: 'Save and continue' }).click();
      await eventually(() => page.getByTestId('diagnosis-step').getAttribute('data-step')).toBe('expectations');

      // the standard is not known: the suggestion moves before anything is saved
      await group(/Can the seller state the standard/)
        .getByRole('radio', { name: 'No, or not clearly' })
        .check();
      await eventually(() => page.getByTestId('diagnosis-suggestion').textContent()).toContain('C4');
      await page
        .getByRole('textbox', { name: /Note: Can the seller state the standard/ })
        .fill('Thought a champion was enough.');
      await group(/Have they had specific feedback/)
        .getByRole('radio', { name: 'No' })
        .check();
      await page.getByRole('button', { name: 'Save and continue' }).click();
      // a finding: straight to prescribing
      await eventually(() => page.getByTestId('diagnosis-step').getAttribute('data-step')).toBe('prescribe');
      await group(/When will you look at it together again/)
        .getByRole('radio', { name: 'In two weeks' })
        .check();
      await page.getByRole('button', { name: 'Save step' }).click();
      await eventually(() => page.getByTestId('diagnosis-save-state').textContent()).toBe('Saved');

      const conclude = page.getByTestId('diagnosis-conclude');
      expect(await conclude.getByRole('combobox', { name: /^Root cause/ }).inputValue()).toContain('C4');
      await conclude
        .getByRole('textbox', { name: 'Conclusion note' })
        .fill('Agreed the standard: economic buyer met before any proposal.');
      await conclude.getByRole('button', { name: 'Conclude the diagnosis' }).click();
      await eventually(() => page.getByTestId('diagnosis-status').textContent()).toBe('Concluded');
      expect(await page.getByTestId('diagnosis-conclusion').textContent()).toContain('C4');
      // learning is assigned from here (e2e/coaching-journey.test.ts walks it)
      expect(await page.getByRole('button', { name: 'Assign learning' }).count()).toBe(1);

      const saved = await api.get<Diagnosis>(`/api/coaching/diagnoses/${diagnosisId}`);
      expect(saved).toMatchObject({ status: 'concluded', rootCause: 'C4', fix: 'expectation_feedback' });
      expect(saved.answers.find((a) => a.question === 'expectations.standard')).toMatchObject({
        answer: 'no',
        note: 'Thought a champion was enough.',
      });
    });

    it('shows the seller the concluded diagnosis on their scorecard, read-only', async () => {
      await switchUser(page, winsight.url, seller.email);
      await page.getByRole('link', { name: 'Coaching', exact: true }).click();
      await page.waitForURL(`${winsight.url}/coaching/sellers/${seller.id}`);
      const row = page.locator(`[data-testid="scorecard-diagnosis"] a[href="/coaching/diagnoses/${diagnosisId}"]`);
      await row.click();
      await page.waitForURL(`${winsight.url}/coaching/diagnoses/${diagnosisId}`);
      await eventually(() => page.getByTestId('diagnosis-status').textContent()).toBe('Concluded');
      expect(await page.getByTestId('diagnosis-conclusion').textContent()).toContain('economic buyer met');
      // nothing to change: no choices, no save, no conclusion form, no abandon, no assignment
      expect(await page.getByRole('radio').count()).toBe(0);
      expect(await page.getByRole('button', { name: /Save|Conclude|Abandon/ }).count()).toBe(0);
      expect(await page.getByRole('button', { name: 'Assign learning' }).count()).toBe(0);
      await page.getByTestId('diagnosis-step-expectations').click();
      await eventually(() => page.getByTestId('diagnosis-step').textContent()).toContain(
        'Thought a champion was enough.',
      );
    });
  },
);

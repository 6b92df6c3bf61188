import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Opportunity } from '../src/contract/opportunities.ts';
import type { ProposalSummary } from '../src/contract/proposals.ts';
import type { User } from '../src/contract/users.ts';
import { unzip, wordText } from '../src/testing/docx.ts';
import { apiAs, type ApiClient } from './support/api.ts';
import { launchBrowser, type Browser } from './support/browser.ts';
import { eventually } from './support/eventually.ts';
import { switchUser } from './support/pages.ts';
import { startWinsight, type Winsight } from './support/server.ts';

describe(
  'a seller writes a proposal from what they know, edits it, reads it and downloads it',
  { timeout: 120_000 },
  () => {
    let winsight: Winsight;
    let browser: Browser;
    let page: Page;
    let admin: ApiClient;
    let deal: Opportunity;
    let owner: User;

    beforeAll(async () => {
      winsight = await startWinsight();
      admin = await apiAs(winsight.url, 'admin@demo.example.com');
      const users = (await admin.get<{ items: User[] }>('/api/users')).items;
      const sellers = new Map(users.filter((u) => u.role === 'seller' && u.isActive).map((u) => [u.id, u]));
      const open = (await admin.get<{ items: Opportunity[] }>('/api/opportunities?status=open&limit=200')).items;
      deal = open
        .filter((o) => sellers.has(o.ownerId))
        .sort((a, b) => (b.coverageIndex ?? 0) - (a.coverageIndex ?? 0))[0]!;
      owner = sellers.get(deal.ownerId)!;
      browser = await launchBrowser();
      page = await browser.newPage();
    });

    afterAll(async () => {
      await browser?.close();
      await winsight?.close();
    });

    const versions = () =>
      admin.get<{ items: ProposalSummary[] }>(`/api/opportunities/${deal.id}/proposals`).then((r) => r.items);

    it('generates a draft and previews it as the customer reads it, the appendix kept apart', async () => {
      const before = (await versions()).length;
      await switchUser(page, winsight.url, owner.email);
      await page.goto(`${winsight.url}/opportunities/${deal.id}?tab=proposals`);
      await page.getByRole('button', { name: 'Write a proposal' }).click();
      await eventually(async () => (await versions()).length).toBe(before + 1);
      const preview = page.getByTestId('proposal-preview');
      await preview.getByRole('heading', { name: `Proposal for ${deal.accountName}` }).waitFor();
      for (const section of ['Executive summary', 'Your decision criteria', 'Value case', 'Investment'])
        await preview.getByRole('heading', { name: section }).waitFor();
      const appendix = page.getByTestId('proposal-appendix');
      await eventually(() => appendix.textContent()).toContain('never in the customer document');
      const mustDo = await appendix.locator('tbody tr td:last-child').first().textContent();
      expect(await preview.textContent()).not.toContain(mustDo);
      await eventually(() => page.getByTestId('proposal-version').count()).toBe(before + 1);
    });

    it('saves an edit as a new version and shows it', async () => {
      const before = await versions();
      await page.getByText('Edit', { exact: true }).click();
      const text = page.getByRole('textbox', { name: 'Proposal text (Markdown)' });
      const current = await text.inputValue();
      await text.fill(`${current}\n## Our promise\n\nWe answer **within a day**.\n`);
      await page.getByRole('button', { name: 'Save as a new version' }).click();
      const preview = page.getByTestId('proposal-preview');
      await preview.getByRole('heading', { name: 'Our promise' }).waitFor();
      const after = await versions();
      expect(after).toHaveLength(before.length + 1);
      expect(after[0]).toMatchObject({ origin: 'edited', basedOn: before[0]!.id, createdByName: owner.name });
      await eventually(() => page.getByTestId('proposal-versions').textContent()).toContain('edited');
      // the deal's history tells who wrote which version
      await page.getByRole('tab', { name: 'History' }).click();
      await eventually(() => page.getByTestId('history-entry').first().textContent()).toContain('saved a proposal');
      await eventually(() => page.getByTestId('history-change').first().textContent()).toBe(
        `Proposal: version ${after[0]!.number}, edited from version ${before[0]!.number} (${before[0]!.completeness} % complete)`,
      );
      await page.getByRole('tab', { name: 'Proposals' }).click();
    });

    it('downloads the edited version as Word and as PDF', async () => {
      const docx = page.waitForEvent('download');
      await page.getByTestId('download-docx').click();
      const word = await docx;
      expect(word.suggestedFilename()).toMatch(/^proposal-.*\.docx$/);
      const files = unzip(readFileSync((await word.path())!));
      expect(wordText(files.get('word/document.xml')!.toString('utf8'))).toContain('Our promise');

      const pdf = page.waitForEvent('download');
      await page.getByTestId('download-pdf').click();
      const printed = await pdf;
      expect(printed.suggestedFilename()).toMatch(/^proposal-.*\.pdf$/);
      expect(
        readFileSync((await printed.path())!)
          .subarray(0, 5)
          .toString(),
      ).toBe('%PDF-');
    });

    it('refuses a template naming an unknown placeholder, and says which', async () => {
      await switchUser(page, winsight.url, 'admin@demo.example.com');
      await page.goto(`${winsight.url}/admin/proposal-template`);
      const text = page.getByRole('textbox', { name: 'Template (Markdown)' });
      await text.fill('# For {{customer}}\n\n{{discount_we_could_give}}');
      await page.getByRole('button', { name: 'Save the template' }).click();
      await eventually(() => page.getByTestId('proposal-template-panel').textContent()).toContain(
        'Unknown placeholder {{discount_we_could_give}}',
      );
      const template = await admin.get<{ isDefault: boolean }>('/api/proposal-template');
      expect(template.isDefault).toBe(true);
    });
  },
);

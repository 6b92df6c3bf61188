import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { winsightIn } from '../testing/cli.ts';
import { demoDatabaseUrl } from '../testing/test-app.ts';

// `winsight remind` (run in this process: testing/cli.ts winsightIn) on a copy of the demo workspace (loaded as of an earlier
// day, so that today some of its agreed actions are due): the first pass tells their owners, the
// second finds the same reminders due and tells nobody again.
let databaseUrl: string;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ url: databaseUrl, cleanup } = await demoDatabaseUrl('2026-11-20'));
});
afterAll(() => cleanup());

describe('winsight remind', { timeout: 90_000 }, () => {
  it('sends each reminder once: what it told already is not told again', async () => {
    const first = await winsightIn(databaseUrl, ['remind']);
    expect(first.code, first.stderr).toBe(0);
    const due = /^agreed-actions: ([1-9]\d*) due, (\d+) new in inboxes, 0 e-mails queued$/m.exec(first.stdout);
    expect(due, first.stdout).not.toBeNull();
    const again = await winsightIn(databaseUrl, ['remind']);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain(`agreed-actions: ${due![1]} due, 0 new in inboxes, 0 e-mails queued`);
    expect(again.stdout).toContain('e-mails: 0 sent, 0 not delivered');
  });

  it('stops in one line naming WINSIGHT_SECRET_KEY when the key is malformed', async () => {
    const refused = await winsightIn(databaseUrl, ['remind'], { WINSIGHT_SECRET_KEY: 'not-a-key' });
    expect(refused.code).toBe(1);
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
    expect(refused.stderr).toMatch(/^winsight: WINSIGHT_SECRET_KEY must be a 32-byte key/);
  });

  it('is explained by --help', async () => {
    const help = await winsightIn(databaseUrl, ['remind', '--help']);
    expect(help.stdout).toContain('Send the reminders due now');
  });
});

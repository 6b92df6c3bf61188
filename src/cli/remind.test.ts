import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { winsightOn } from '../testing/cli.ts';

// `winsight remind` in a child process on a demo workspace of its own (SQLite): the demo's load
// already ran today's reminder pass, so the command finds the reminders due and writes none again.
const dir = mkdtempSync(join(tmpdir(), 'winsight-remind-'));
const databaseUrl = join(dir, 'remind.sqlite');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('winsight remind', { timeout: 90_000 }, () => {
  it('sends each reminder once: what the demo told already is not told again', async () => {
    const seeded = await winsightOn(databaseUrl, ['seed-demo']);
    expect(seeded.code, seeded.stderr).toBe(0);
    const first = await winsightOn(databaseUrl, ['remind']);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/^agreed-actions: [1-9]\d* due, 0 new in inboxes, 0 e-mails queued$/m);
    expect(first.stdout).toContain('e-mails: 0 sent, 0 not delivered');
  });

  it('stops in one line naming WINSIGHT_SECRET_KEY when the key is malformed', async () => {
    process.env.WINSIGHT_SECRET_KEY = 'not-a-key';
    try {
      const refused = await winsightOn(databaseUrl, ['remind']);
      expect(refused.code).toBe(1);
      expect(refused.stderr.trim().split('\n')).toHaveLength(1);
      expect(refused.stderr).toMatch(/^winsight: WINSIGHT_SECRET_KEY must be a 32-byte key/);
    } finally {
      delete process.env.WINSIGHT_SECRET_KEY;
    }
  });

  it('is explained by --help', async () => {
    const help = await winsightOn(databaseUrl, ['remind', '--help']);
    expect(help.stdout).toContain('Send the reminders due now');
  });
});

// PostgreSQL pass only: each race holds a row lock in another connection (testing/held-write.ts); on SQLite a writer locks the whole database at BEGIN IMMEDIATE.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../demo/index.ts';
import { holdWrite } from '../../testing/held-write.ts';
import { createDemoTestApp, signIn, type Caller, type TestContext } from '../../testing/test-app.ts';

let ctx: TestContext;
let admin: Caller;

beforeAll(async () => {
  ctx = await createDemoTestApp({ today: '2026-11-20' });
  admin = await signIn(ctx.app, 'admin@demo.example.com', DEMO_PASSWORD);
});
afterAll(() => ctx.close());

describe('danger-zone rules changed by two admins at once', () => {
  it('refuses a first setting of a rule that another instance is saving at that moment', async () => {
    const held = await holdWrite(
      ctx.handle,
      `insert into danger_zone_settings (org_id, rule_id, enabled, thresholds, version, updated_by, updated_at)
       select org_id, 'DZ-07', 0, '{}', 1, id, '2026-11-20T09:00:00.000Z' from users where email = 'admin@demo.example.com'`,
      [],
    );
    const saving = admin.patch('/api/danger-zones/DZ-07', { enabled: true, version: 0 });
    await held.untilSomeoneWaits(saving);
    await held.commit();
    const response = await saving;
    expect(response.statusCode).toBe(409);
    expect(response.json().error.current).toMatchObject({ id: 'DZ-07', enabled: false, version: 1 });
  });
});

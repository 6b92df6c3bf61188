/**
 * node --import tsx bench/webhooks.ts: how fast the sender empties its queue to a receiver on this
 * machine, and what an endpoint listening to every event costs a deal's creation. SQLite in memory,
 * or the PostgreSQL database DATABASE_URL names. Not part of npm test.
 */
import { performance } from 'node:perf_hooks';
import { createTestApp } from '../src/testing/test-app.ts';
import { startWebhookReceiver } from '../src/testing/webhook-receiver.ts';
import { buildWorkspace } from '../src/testing/workspace.ts';
import { deliverDueWebhooks } from '../src/server/webhooks/index.ts';
import { WEBHOOK_EVENTS } from '../src/domain/webhooks/webhooks.ts';

const DEALS = 300;
const ctx = await createTestApp({ webhookAllowPrivate: true });
const ws = await buildWorkspace(ctx);
const receiver = await startWebhookReceiver();
const seller = ws.acme.sellerA1.as;

async function openDeals(count: number): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < count; i += 1) {
    const r = await seller.post('/api/opportunities', {
      name: `Bench ${i}`,
      accountId: ws.books.sellerA1.account.id,
      amountMinor: 1_000_000 + i,
      currency: 'USD',
      expectedCloseDate: '2027-06-30',
    });
    if (r.statusCode !== 201) throw new Error(r.body);
  }
  return (performance.now() - started) / count;
}

const without = await openDeals(DEALS);
await ws.acme.admin.as.post('/api/webhooks', { url: receiver.url, events: WEBHOOK_EVENTS });
const withEndpoint = await openDeals(DEALS);
const queued = Number(
  (
    await ctx.handle.db
      .selectFrom('webhook_deliveries')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow()
  ).n,
);
const started = performance.now();
let sent = 0;
for (;;) {
  const round = await deliverDueWebhooks(ctx.deps, { limit: 100 });
  if (round.succeeded + round.failed === 0) break;
  sent += round.succeeded;
}
const seconds = (performance.now() - started) / 1000;
console.log(
  `webhooks on ${ctx.deps.dialect}: creating a deal ${without.toFixed(1)} ms without an endpoint, ` +
    `${withEndpoint.toFixed(1)} ms with one listening to every event (${DEALS} each); ` +
    `${queued} deliveries queued, ${sent} sent in ${seconds.toFixed(2)} s (${Math.round(sent / seconds)} per second, one endpoint)`,
);
await receiver.close();
await ctx.close();

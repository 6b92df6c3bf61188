// What other concepts may use of webhooks: queue events in the transaction of the change that
// causes them, ask whether anyone listens (to skip wording events no one receives), the sender, and
// the delivery log's nightly retention.
export { enqueueWebhookEvents, isWebhookSubscribed } from './enqueue.ts';
export { deliverDueWebhooks, scheduleWebhookSender } from './sender.ts';
export { pruneWebhookDeliveries } from './retention.ts';

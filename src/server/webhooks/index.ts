// What other concepts may use of webhooks: queue events in the transaction of the change that
// causes them, ask whether anyone listens (to skip wording events no one receives), and the sender.
export { enqueueWebhookEvents, isWebhookSubscribed } from './enqueue.ts';
export { deliverDueWebhooks, scheduleWebhookSender } from './sender.ts';

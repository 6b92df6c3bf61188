import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type ReceivedWebhook = { headers: IncomingHttpHeaders; body: string; path: string };

export type WebhookReceiver = {
  url: string;
  /** every request received, in order (answered or not) */
  received: ReceivedWebhook[];
  /** how the next requests are answered: a status code, or 'hang' (held open until `release`) */
  answerWith(mode: number | 'hang', body?: string): void;
  /** requests held open now */
  held(): number;
  /** answers the held requests with `status` */
  release(status?: number): void;
  /** resolves once `count` requests have been received */
  waitFor(count: number): Promise<void>;
  close(): Promise<void>;
};

/** A real HTTP server on a free port of 127.0.0.1 that records what it is sent. */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  let mode: number | 'hang' = 200;
  let answer = 'ok';
  const holding: ServerResponse[] = [];
  const waiting: Array<{ count: number; resolve: () => void }> = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => {
      received.push({
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        path: request.url ?? '',
      });
      for (const w of waiting.filter((w) => received.length >= w.count)) {
        waiting.splice(waiting.indexOf(w), 1);
        w.resolve();
      }
      if (mode === 'hang') holding.push(response);
      else response.writeHead(mode, { 'content-type': 'text/plain' }).end(answer);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    answerWith(next, body = 'ok') {
      mode = next;
      answer = body;
    },
    held: () => holding.filter((r) => !r.destroyed && !r.writableEnded).length,
    release(status = 200) {
      for (const r of holding.splice(0)) if (!r.destroyed) r.writeHead(status).end('late');
    },
    waitFor: (count) =>
      received.length >= count ? Promise.resolve() : new Promise((resolve) => waiting.push({ count, resolve })),
    close: async () => {
      for (const r of holding.splice(0)) r.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

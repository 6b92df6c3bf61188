import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { isPrivateAddress } from '../../domain/webhooks/webhooks.ts';

// One POST to an endpoint: a deadline for the whole exchange, redirects not followed (a 3xx is a
// failure: the address to send to is the one the administrator typed), at most the first 2 KB of
// the answer kept. Unless private addresses are allowed (tests, an on-premises receiver), the
// address the host name resolves to is checked as the connection is made: a name that resolves to
// this machine or a private network is refused then, whatever it resolved to when it was saved.

export const RESPONSE_KEEP_BYTES = 2048;

export type PostResult = { statusCode: number | null; body: string | null; error: string | null; durationMs: number };

export type PostWebhook = (
  url: string,
  headers: Record<string, string>,
  body: string,
  options: { timeoutMs: number; allowPrivate: boolean },
) => Promise<PostResult>;

export class PrivateAddressError extends Error {
  constructor(address: string) {
    super(`the host resolves to ${address}, a private or local address webhooks are not sent to`);
  }
}

const guardedLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
    if (error) return callback(error, '', 0);
    const refused = addresses.find((a) => isPrivateAddress(a.address));
    if (refused) return callback(new PrivateAddressError(refused.address), '', 0);
    if (options.all) return (callback as (e: null, a: LookupAddress[]) => void)(null, addresses);
    const first = addresses[0]!;
    callback(null, first.address, first.family);
  });
};

export const postWebhook: PostWebhook = (url, headers, body, options) => {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: Omit<PostResult, 'durationMs'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      resolve({ ...result, durationMs: elapsed() });
    };
    const target = new URL(url);
    if (!options.allowPrivate && isPrivateAddress(target.hostname)) {
      finish({ statusCode: null, body: null, error: new PrivateAddressError(target.hostname).message });
      return;
    }
    const client = target.protocol === 'https:' ? https : http;
    const request = client.request(
      target,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': Buffer.byteLength(body).toString() },
        agent: false,
        ...(options.allowPrivate ? {} : { lookup: guardedLookup }),
      },
      (response) => {
        const chunks: Buffer[] = [];
        let kept = 0;
        response.on('data', (chunk: Buffer) => {
          if (kept < RESPONSE_KEEP_BYTES) {
            chunks.push(chunk);
            kept += chunk.length;
          } else {
            // enough to show: stop reading the rest
            response.destroy();
            done();
          }
        });
        const done = () =>
          finish({
            statusCode: response.statusCode ?? null,
            body: Buffer.concat(chunks).subarray(0, RESPONSE_KEEP_BYTES).toString('utf8'),
            error: null,
          });
        response.on('end', done);
        response.on('error', done);
      },
    );
    const deadline = setTimeout(() => {
      request.destroy();
      finish({ statusCode: null, body: null, error: `no answer within ${options.timeoutMs / 1000} s` });
    }, options.timeoutMs);
    request.on('error', (error: NodeJS.ErrnoException) =>
      finish({ statusCode: null, body: null, error: error.code ? `${error.code}: ${error.message}` : error.message }),
    );
    request.end(body);
  });
};

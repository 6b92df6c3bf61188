import { expect } from 'vitest';

/**
 * An assertion retried until it holds, for what the page shows after a request or a re-render.
 * Generous, since a loaded machine can take seconds where a quiet one takes milliseconds.
 */
export function eventually<T>(read: () => T | Promise<T>) {
  return expect.poll(read, { timeout: 15_000, interval: 100 });
}

import { describe, expect, it } from 'vitest';
import {
  isPrivateAddress,
  isPrivateHost,
  MAX_WEBHOOK_ATTEMPTS,
  RETRY_SCHEDULE_SECONDS,
  webhookRetryDelayMs,
  webhookUrlProblem,
} from './webhooks.ts';

describe('the retry schedule', () => {
  it.each(RETRY_SCHEDULE_SECONDS.map((seconds, i) => [i + 1, seconds] as const))(
    'after %i failed tries waits %i s, give or take a fifth',
    (attempts, seconds) => {
      expect(webhookRetryDelayMs(attempts, 0.5)).toBe(seconds * 1000);
      expect(webhookRetryDelayMs(attempts, 0)).toBe(Math.round(seconds * 800));
      expect(webhookRetryDelayMs(attempts, 0.999_999)).toBeLessThanOrEqual(seconds * 1200);
    },
  );

  it('stops after the last try', () => {
    expect(MAX_WEBHOOK_ATTEMPTS).toBe(RETRY_SCHEDULE_SECONDS.length + 1);
    expect(webhookRetryDelayMs(MAX_WEBHOOK_ATTEMPTS, 0.5)).toBeNull();
  });
});

describe('endpoint addresses', () => {
  it.each([
    ['https://example.com/hooks', null],
    ['http://example.com:8080/in?x=1', null],
    ['ftp://example.com/in', /http/],
    ['javascript:alert(1)', /http/],
    ['https://user:secret@example.com/in', /user name and password/],
    ['https://user@example.com/in', /user name and password/],
    ['example.com/in', /full address/],
  ])('%s -> %s', (url, problem) => {
    const found = webhookUrlProblem(url);
    if (problem === null) expect(found).toBeNull();
    else expect(found).toMatch(problem);
  });

  it.each([
    ['127.0.0.1', true],
    ['10.0.0.5', true],
    ['172.16.0.1', true],
    ['172.32.0.1', false],
    ['192.168.1.1', true],
    ['169.254.169.254', true],
    ['100.64.0.1', true],
    ['0.0.0.0', true],
    ['224.0.0.1', true],
    ['8.8.8.8', false],
    ['::1', true],
    ['[::1]', true],
    ['fd00::1', true],
    ['fe80::1', true],
    ['::ffff:127.0.0.1', true],
    ['::ffff:8.8.8.8', false],
    ['2606:4700::1111', false],
  ])('the address %s is private: %s', (address, expected) => {
    expect(isPrivateAddress(address)).toBe(expected);
  });

  it.each([
    ['localhost', true],
    ['api.localhost', true],
    ['metadata.google.internal', true],
    ['hooks.example.com', false],
  ])('the host %s is private: %s', (host, expected) => {
    expect(isPrivateHost(host)).toBe(expected);
  });
});

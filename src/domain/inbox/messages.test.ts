import { describe, expect, it } from 'vitest';
import { mailText, MAX_MAIL_ATTEMPTS, retryDelayMinutes } from './messages.ts';

describe('retrying a queued e-mail', () => {
  it.each([
    [1, 1],
    [2, 5],
    [3, 30],
    [4, 120],
    [5, 360],
    [MAX_MAIL_ATTEMPTS, null],
  ])('after %i failed tries waits %s minutes', (attempts, minutes) => {
    expect(retryDelayMinutes(attempts)).toBe(minutes);
  });
});

describe("an e-mail's text", () => {
  it.each([
    [{ body: 'Hi', link: null }, 'https://crm.example.com', 'Hi'],
    [
      { body: 'Hi', link: '/inbox' },
      'https://crm.example.com/',
      'Hi\n\nOpen in Winsight: https://crm.example.com/inbox',
    ],
    [{ body: 'Hi', link: '/inbox' }, null, 'Hi\n\nOpen in Winsight: /inbox'],
  ])('%j with %s', (notice, appUrl, text) => {
    expect(mailText(notice, appUrl)).toBe(text);
  });
});

import { describe, expect, it } from 'vitest';
import { textProblem } from './text.ts';

const REFUSED = [
  ...Array.from({ length: 0x20 }, (_, code) => code).filter((code) => ![0x09, 0x0a, 0x0d].includes(code)),
  0x7f,
].map((code) => String.fromCharCode(code));

describe('textProblem', () => {
  it.each(REFUSED.map((c) => [`U+${c.charCodeAt(0).toString(16).padStart(4, '0')}`, c]))(
    'refuses %s on one line and in a text area',
    (_name, c) => {
      expect(textProblem(`a${c}b`, false)).toMatch(/control character U\+00[0-9A-F]{2}/);
      expect(textProblem(`a${c}b`, true)).toMatch(/control character/);
    },
  );

  it.each([
    ['a lone high surrogate', 'a\uD800b'],
    ['a lone low surrogate', 'a\uDC00b'],
    ['a pair the wrong way round', '\uDE00\uD83D'],
    ['a high surrogate at the end', 'ok\uD83D'],
  ])('refuses %s', (_what, text) => {
    expect(textProblem(text, true)).toMatch(/broken character/);
  });

  it.each(['\t', '\n', '\r\n'])('allows %j only in a text area', (c) => {
    expect(textProblem(`line${c}line`, true)).toBeNull();
    expect(textProblem(`line${c}line`, false)).toMatch(/one line/);
  });

  it.each([
    ['letters of any script', 'Zoë Müller, 東京, Ωmega'],
    ['an emoji (a surrogate pair)', 'deal 🚀 won'],
    ['C1 and other invisible but valid characters', 'a\u0085b\u00A0c\u200Bd'],
    ['nothing', ''],
  ])('accepts %s', (_what, text) => {
    expect(textProblem(text, false)).toBeNull();
  });
});

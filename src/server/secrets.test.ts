import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  createSecretBox,
  deploymentSecretBox,
  keyFromFile,
  parseSecretKey,
  SECRET_KEY_ENV,
  UnreadableSecretError,
} from './secrets.ts';

const dir = mkdtempSync(join(tmpdir(), 'winsight-secrets-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const key = randomBytes(32);
const box = createSecretBox(() => key);

describe('sealing a secret', () => {
  it('stores a versioned AES-256-GCM string that is not the secret, fresh each time, and opens it again', () => {
    const sealed = box.seal('smtp-secret');
    expect(sealed).toMatch(/^v1:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+$/);
    expect(sealed).not.toContain('smtp-secret');
    expect(Buffer.from(sealed.split(':')[3]!, 'base64').toString('utf8')).not.toContain('smtp');
    expect(box.seal('smtp-secret')).not.toBe(sealed);
    expect(box.open(sealed)).toBe('smtp-secret');
    expect(box.isSealed(sealed)).toBe(true);
  });

  it('reads a value saved before sealing as it is', () => {
    expect(box.isSealed('plain-old-password')).toBe(false);
    expect(box.open('plain-old-password')).toBe('plain-old-password');
  });

  it.each([
    ['another key', () => createSecretBox(() => randomBytes(32)).seal('smtp-secret')],
    ['a changed ciphertext', () => box.seal('smtp-secret').replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'))],
    ['a changed nonce', () => box.seal('smtp-secret').replace(/:[^:]{4}/, ':AAAA')],
    ['a part missing', () => box.seal('smtp-secret').split(':').slice(0, 3).join(':')],
  ])('refuses a secret sealed under %s, in words', (_case, sealed) => {
    expect(() => box.open(sealed())).toThrow(UnreadableSecretError);
    expect(() => box.open(sealed())).toThrow(/cannot be read with this server's key \(WINSIGHT_SECRET_KEY/);
  });
});

describe('the key', () => {
  it.each([
    ['64 hex digits', key.toString('hex')],
    ['base64', key.toString('base64')],
    ['base64 with spaces around', ` ${key.toString('base64')}\n`],
  ])('is read from %s', (_form, raw) => {
    expect(parseSecretKey(raw, SECRET_KEY_ENV).equals(key)).toBe(true);
  });

  it.each([
    ['too short', randomBytes(16).toString('base64')],
    ['too long', randomBytes(48).toString('hex')],
    ['not a key at all', 'correct horse battery staple'],
  ])('refuses one %s, naming the variable', (_case, raw) => {
    expect(() => deploymentSecretBox({ [SECRET_KEY_ENV]: raw }, join(dir, 'unused.key'))).toThrow(
      /^WINSIGHT_SECRET_KEY must be a 32-byte key written as 64 hex digits or as base64/,
    );
  });

  it('from the environment wins over the key file, which is then never made', () => {
    const file = join(dir, 'never.key');
    const fromEnv = deploymentSecretBox({ [SECRET_KEY_ENV]: key.toString('hex') }, file);
    expect(box.open(fromEnv.seal('shared'))).toBe('shared');
    expect(() => statSync(file)).toThrow();
  });

  it('is otherwise made once in a file only its owner reads, and read from it after', () => {
    const file = join(dir, 'data', 'winsight-secret.key');
    const first = deploymentSecretBox({}, file);
    expect(() => statSync(file)).toThrow(); // made when first needed, not before
    const sealed = first.seal('kept');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const again = deploymentSecretBox({}, file);
    expect(again.open(sealed)).toBe('kept');
    expect(keyFromFile(file).equals(parseSecretKey(readFileSync(file, 'utf8'), 'file'))).toBe(true);
  });
});

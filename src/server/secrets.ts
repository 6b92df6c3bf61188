import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

// Secrets the app must keep to use later (an SMTP password) are stored sealed with AES-256-GCM under
// the deployment's key: whoever reads the database (a backup, a dump) does not read the secret.
// Stored form: `v1:<iv>:<tag>:<ciphertext>`, each base64. A value without the prefix is a secret
// saved before sealing existed, read as it is and sealed on its next save.

export const SECRET_KEY_ENV = 'WINSIGHT_SECRET_KEY';
/** the key file's name, in the folder of the SQLite database (or ./data) */
export const SECRET_KEY_FILE = 'winsight-secret.key';
const VERSION = 'v1';
const KEY_BYTES = 32;
const IV_BYTES = 12;

/** Seals a secret to store it, and opens a stored one. */
export type SecretBox = {
  seal(plain: string): string;
  /** the secret; throws UnreadableSecretError when it was sealed under another key */
  open(stored: string): string;
  isSealed(stored: string): boolean;
};

export class UnreadableSecretError extends Error {
  constructor() {
    super(
      `a saved secret cannot be read with this server's key (${SECRET_KEY_ENV} or the key file changed since it was saved)`,
    );
    this.name = 'UnreadableSecretError';
  }
}

/** A key given as 64 hex digits or as base64 of 32 bytes; anything else throws naming `name`. */
export function parseSecretKey(raw: string, name: string): Buffer {
  const text = raw.trim();
  if (/^[0-9a-fA-F]{64}$/.test(text)) return Buffer.from(text, 'hex');
  if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(text)) {
    const key = Buffer.from(text, 'base64');
    if (key.length === KEY_BYTES) return key;
  }
  throw new Error(
    `${name} must be a 32-byte key written as 64 hex digits or as base64 (make one with: openssl rand -base64 32)`,
  );
}

const isSealed = (stored: string) => stored.startsWith(`${VERSION}:`);

/** A box under the key `keyOf` gives, asked for once, when a secret is first sealed or opened. */
export function createSecretBox(keyOf: () => Buffer): SecretBox {
  let cached: Buffer | undefined;
  const key = () => (cached ??= keyOf());
  return {
    isSealed,
    seal(plain) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key(), iv);
      const sealed = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      const parts = [iv, cipher.getAuthTag(), sealed].map((b) => b.toString('base64'));
      return [VERSION, ...parts].join(':');
    },
    open(stored) {
      if (!isSealed(stored)) return stored;
      const [, iv, tag, sealed, ...rest] = stored.split(':');
      if (iv === undefined || tag === undefined || sealed === undefined || rest.length > 0)
        throw new UnreadableSecretError();
      try {
        const decipher = createDecipheriv('aes-256-gcm', key(), Buffer.from(iv, 'base64'));
        decipher.setAuthTag(Buffer.from(tag, 'base64'));
        return Buffer.concat([decipher.update(Buffer.from(sealed, 'base64')), decipher.final()]).toString('utf8');
      } catch {
        throw new UnreadableSecretError();
      }
    },
  };
}

/** A box whose key lives only as long as this process (tests, benchmarks). */
export function createEphemeralSecretBox(): SecretBox {
  const key = randomBytes(KEY_BYTES);
  return createSecretBox(() => key);
}

/**
 * The key in the file at `path`, created (readable by its owner only) with a fresh key the first
 * time. `wx` makes two instances starting together agree: one writes, the other reads.
 */
export function keyFromFile(path: string): Buffer {
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, `${randomBytes(KEY_BYTES).toString('base64')}\n`, { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return parseSecretKey(readFileSync(path, 'utf8'), `The key file ${path}`);
}

/**
 * The deployment's key: from WINSIGHT_SECRET_KEY when set (checked now: a malformed one stops the
 * start), else from the key file at `keyFile`, read or created when first needed.
 */
export function deploymentSecretBox(env: NodeJS.ProcessEnv, keyFile: string): SecretBox {
  const raw = env[SECRET_KEY_ENV];
  if (raw !== undefined && raw.trim() !== '') {
    const key = parseSecretKey(raw, SECRET_KEY_ENV);
    return createSecretBox(() => key);
  }
  return createSecretBox(() => keyFromFile(keyFile));
}

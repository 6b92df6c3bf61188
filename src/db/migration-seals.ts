import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

// A migration that already ran somewhere is history: editing it changes nothing on the databases
// that ran it and something on those that did not, so the two drift apart without anyone noticing.
// Each shipped migration's checksum is kept beside it; the test that reads them fails on any edit.

export const MIGRATIONS_DIR = path.join(import.meta.dirname, 'migrations');
const SEALS_FILE = 'checksums.json';

const MIGRATION_FILE = /^(\d{4})_[a-z0-9_]+\.ts$/;

export type Seals = Record<string, string>;

/** sha256 of the file with line endings made LF, so a checkout with CRLF endings reads the same. */
export function checksumOf(file: string, dir = MIGRATIONS_DIR): string {
  const text = readFileSync(path.join(dir, file), 'utf8').replace(/\r\n/g, '\n');
  return `sha256:${createHash('sha256').update(text).digest('hex')}`;
}

export function migrationFiles(dir = MIGRATIONS_DIR): string[] {
  return readdirSync(dir)
    .filter((f) => MIGRATION_FILE.test(f))
    .sort();
}

export function readSeals(dir = MIGRATIONS_DIR): Seals {
  const file = path.join(dir, SEALS_FILE);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Seals) : {};
}

const numberOf = (file: string) => MIGRATION_FILE.exec(file)?.[1] ?? file;

/** Every way the migrations on disk break their seals, each said as what to do about it. */
export function sealBreaches(seals: Seals, files: readonly string[], checksum: (file: string) => string): string[] {
  const breaches: string[] = [];
  for (const [file, sealed] of Object.entries(seals)) {
    if (!files.includes(file)) {
      breaches.push(
        `migration ${numberOf(file)} (${file}) is gone after it shipped: restore it; shipped migrations stay`,
      );
    } else if (checksum(file) !== sealed) {
      breaches.push(
        `migration ${numberOf(file)} (${file}) changed after it shipped: restore it and add a new migration instead`,
      );
    }
  }
  return breaches;
}

/** Migrations on disk that have no seal yet: new ones, to be sealed when they ship. */
export function unsealed(seals: Seals, files: readonly string[]): string[] {
  return files.filter((f) => !(f in seals));
}

/**
 * Appends a seal for each new migration. Never rewrites one: with a breach it seals nothing and
 * says which migration to restore.
 */
export function sealNewMigrations(dir = MIGRATIONS_DIR): { sealed: string[]; breaches: string[] } {
  const seals = readSeals(dir);
  const files = migrationFiles(dir);
  const checksum = (file: string) => checksumOf(file, dir);
  const breaches = sealBreaches(seals, files, checksum);
  if (breaches.length > 0) return { sealed: [], breaches };
  const fresh = unsealed(seals, files);
  if (fresh.length === 0) return { sealed: [], breaches };
  const next: Seals = { ...seals };
  for (const file of fresh) next[file] = checksum(file);
  writeFileSync(path.join(dir, SEALS_FILE), `${JSON.stringify(next, null, 2)}\n`);
  return { sealed: fresh, breaches };
}

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checksumOf, migrationFiles, readSeals, sealBreaches, sealNewMigrations, unsealed } from './migration-seals.ts';

describe('migration guard', () => {
  it('finds every shipped migration as it was when it shipped', () => {
    const breaches = sealBreaches(readSeals(), migrationFiles(), (file) => checksumOf(file));
    expect(breaches, breaches.join('\n')).toEqual([]);
  });

  it('finds every migration sealed (npm run migrations:seal seals new ones)', () => {
    const fresh = unsealed(readSeals(), migrationFiles());
    expect(fresh, `not sealed: ${fresh.join(', ')}; run npm run migrations:seal`).toEqual([]);
  });

  it('holds the migrations that existed when the guard began', () => {
    expect(Object.keys(readSeals()).slice(0, 7)).toEqual([
      '0001_foundation.ts',
      '0002_knowledge.ts',
      '0003_assessment.ts',
      '0004_list_indexes.ts',
      '0005_assessment_inputs.ts',
      '0006_login_throttles.ts',
      '0007_refit_claims.ts',
    ]);
  });

  const seals = { '0001_a.ts': 'sha256:1', '0002_b.ts': 'sha256:2' };
  const sums: Record<string, string> = { '0001_a.ts': 'sha256:1', '0002_b.ts': 'sha256:2', '0003_c.ts': 'sha256:3' };
  it.each([
    ['nothing when every sealed file is unchanged', ['0001_a.ts', '0002_b.ts'], {}, []],
    ['nothing for a new migration (it is unsealed, not breached)', ['0001_a.ts', '0002_b.ts', '0003_c.ts'], {}, []],
    [
      'a changed migration',
      ['0001_a.ts', '0002_b.ts'],
      { '0002_b.ts': 'sha256:edited' },
      ['migration 0002 (0002_b.ts) changed after it shipped: restore it and add a new migration instead'],
    ],
    [
      'a migration that is gone',
      ['0002_b.ts'],
      {},
      ['migration 0001 (0001_a.ts) is gone after it shipped: restore it; shipped migrations stay'],
    ],
  ])('reports %s', (_name, files, edits, expected) => {
    const checksum = (file: string) => (edits as Record<string, string>)[file] ?? sums[file] ?? '';
    expect(sealBreaches(seals, files, checksum)).toEqual(expected);
  });

  describe('sealing', () => {
    let dir = '';
    afterEach(() => rmSync(dir, { recursive: true, force: true }));
    const write = (file: string, text: string) => writeFileSync(path.join(dir, file), text);
    const sealsText = () => readFileSync(path.join(dir, 'checksums.json'), 'utf8');

    it('appends new migrations, keeps old seals, and refuses to seal over an edit', () => {
      dir = mkdtempSync(path.join(tmpdir(), 'winsight-seals-'));
      write('0001_first.ts', 'export async function up() {}\n');
      write('notes.md', 'not a migration');
      expect(sealNewMigrations(dir)).toEqual({ sealed: ['0001_first.ts'], breaches: [] });
      const first = readSeals(dir)['0001_first.ts'];

      write('0002_second.ts', 'export async function up() { /* more */ }\n');
      expect(sealNewMigrations(dir)).toEqual({ sealed: ['0002_second.ts'], breaches: [] });
      expect(Object.keys(readSeals(dir))).toEqual(['0001_first.ts', '0002_second.ts']);
      expect(readSeals(dir)['0001_first.ts']).toBe(first);

      write('0001_first.ts', 'export async function up() { /* edited */ }\n');
      write('0003_third.ts', 'export async function up() {}\n');
      const before = sealsText();
      expect(sealNewMigrations(dir)).toEqual({
        sealed: [],
        breaches: [
          'migration 0001 (0001_first.ts) changed after it shipped: restore it and add a new migration instead',
        ],
      });
      expect(sealsText()).toBe(before);
    });

    it('reads a checkout with CRLF line endings as the same file', () => {
      dir = mkdtempSync(path.join(tmpdir(), 'winsight-seals-'));
      write('0001_first.ts', 'export async function up() {}\n// why\n');
      const lf = checksumOf('0001_first.ts', dir);
      write('0001_first.ts', 'export async function up() {}\r\n// why\r\n');
      expect(checksumOf('0001_first.ts', dir)).toBe(lf);
    });
  });
});

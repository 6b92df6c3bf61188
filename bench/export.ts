/**
 * node --import tsx bench/export.ts: how long exporting the demo organization's document takes, and
 * reading it into another Winsight (parsed whole, then streamed from a file as `winsight import` reads
 * it), with its size and the process's peak memory. SQLite in memory, or the PostgreSQL database
 * DATABASE_URL names. Not part of npm test.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createTestApp } from '../src/testing/test-app.ts';
import { seedDemoWorkspace } from '../src/server/demo/index.ts';
import {
  organizationDocument,
  restoreOrganizationDocument,
  restoreOrganizationDocumentFile,
} from '../src/server/exports/index.ts';

const source = await createTestApp();
const demo = await seedDemoWorkspace(source.deps, { today: '2026-12-01' });

let started = performance.now();
let text = '';
for await (const chunk of organizationDocument(source.deps, demo.orgId)) text += chunk;
const exportMs = performance.now() - started;

const target = await createTestApp();
started = performance.now();
const parsed: unknown = JSON.parse(text);
const restored = await restoreOrganizationDocument(target.deps, parsed);
const importMs = performance.now() - started;
const rows = Object.values(restored.rows).reduce((a, b) => a + b, 0);

const dir = mkdtempSync(join(tmpdir(), 'winsight-bench-export-'));
const file = join(dir, 'document.json');
writeFileSync(file, text);
const streamedTarget = await createTestApp();
started = performance.now();
await restoreOrganizationDocumentFile(streamedTarget.deps, file);
const streamedMs = performance.now() - started;
rmSync(dir, { recursive: true, force: true });

console.log(
  `export on ${source.deps.dialect}: ${rows.toLocaleString('en')} rows in ${Object.keys(restored.rows).length} tables, ` +
    `${(text.length / 1e6).toFixed(1)} MB of JSON; exported in ${(exportMs / 1000).toFixed(2)} s ` +
    `(${Math.round(rows / (exportMs / 1000)).toLocaleString('en')} rows/s), read into another Winsight in ` +
    `${(importMs / 1000).toFixed(2)} s (${Math.round(rows / (importMs / 1000)).toLocaleString('en')} rows/s), ` +
    `streamed from a file in ${(streamedMs / 1000).toFixed(2)} s; ` +
    `peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`,
);
await source.close();
await target.close();
await streamedTarget.close();

// The package's TypeScript declarations: js/types.d.ts is what scripts/gen-types.mjs makes
// from the committed JSON Schemas (no drift), pkg/ ships them, and a typed usage example
// (usage.ts, with @ts-expect-error lines that must keep failing) compiles under
// `tsc --strict --noEmit` against pkg/ (typescript from npm, a devDependency).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate, TYPES_FILE } from '../../scripts/gen-types.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const TSC = join(ROOT, 'node_modules', '.bin', 'tsc');

test('js/types.d.ts equals what scripts/gen-types.mjs generates from schema/*.schema.json', async () => {
  const generated = await generate();
  assert.ok(
    readFileSync(TYPES_FILE, 'utf8') === generated,
    'js/types.d.ts is out of date: run `node scripts/gen-types.mjs`',
  );
  assert.equal(readFileSync(join(ROOT, 'pkg', 'types.d.ts'), 'utf8'), generated, 'pkg/ ships the current types');
});

test('every input and output document has a declared type, with the Rust doc comments', () => {
  const dts = readFileSync(TYPES_FILE, 'utf8');
  for (const t of ['PcfDocument', 'BatteryDocument', 'EvDocument', 'PvDocument', 'SteelDocument', 'TextileDocument',
    'FootprintResult', 'PrecheckReport', 'VerifyReport', 'ErrorReport', 'Receipt', 'LineResult', 'SectorMetrics']) {
    assert.match(dts, new RegExp(`export (interface|type) ${t}\\b`), t);
  }
  // A doc comment of crates/pcf-core/src/result.rs carried over.
  assert.ok(dts.includes('Total kg CO2e per declared unit (removals included, as negative numbers).'));
});

test('tsc --strict --noEmit compiles the typed usage example against pkg/', () => {
  assert.ok(existsSync(TSC), 'node_modules/.bin/tsc (npm ci)');
  const run = spawnSync(TSC, ['-p', join(ROOT, 'tests', 'pkg', 'tsconfig.json')], { encoding: 'utf8' });
  assert.equal(run.status, 0, `tsc failed:\n${run.stdout}${run.stderr}`);
});

test('a CommonJS TypeScript project requiring the installed package compiles (index.d.cts)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pcf-cts-'));
  mkdirSync(join(dir, 'node_modules'));
  symlinkSync(join(ROOT, 'pkg'), join(dir, 'node_modules', 'pcf'), 'dir');
  cpSync(join(ROOT, 'tests', 'pkg', 'cjs'), dir, { recursive: true });
  const run = spawnSync(TSC, ['-p', join(dir, 'tsconfig.json')], { encoding: 'utf8' });
  assert.equal(run.status, 0, `tsc failed:\n${run.stdout}${run.stderr}`);
});

// network() and networkJson() through the package pkg/, via `import` and `require`: the text is
// the native CLI's bytes (`pcf network FILE`, whose `input` is the file name, the package's
// "input"), and parses to network()'s object, on every committed network.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const PKG = join(ROOT, 'pkg');
const NETWORKS = join(ROOT, 'tests', 'data', 'networks');
// The native CLI that `cargo test` / `cargo build` made (in CARGO_TARGET_DIR when it is set).
const CLI = join(process.env.CARGO_TARGET_DIR ? resolve(ROOT, process.env.CARGO_TARGET_DIR) : join(ROOT, 'target'), 'debug', 'pcf');
const viaImport = await import(join(PKG, 'index.mjs'));
const viaRequire = createRequire(import.meta.url)(join(PKG, 'index.cjs'));
const files = readdirSync(NETWORKS).filter((f) => f.endsWith('.json') && !f.includes('.ref.')).sort();

test('networkJson is the CLI\'s bytes and parses to network()\'s object', () => {
  assert.ok(existsSync(CLI), `${CLI} is missing: run \`cargo build\` first`);
  assert.ok(files.length >= 5, `${files.length} networks`);
  for (const f of files) {
    const text = readFileSync(join(NETWORKS, f), 'utf8');
    const cli = spawnSync(CLI, ['network', join(NETWORKS, f)], { encoding: 'utf8', maxBuffer: 1 << 28 });
    assert.equal(cli.status, 0, `${f}: ${cli.stderr}`);
    const expected = cli.stdout.replace(/\n$/, '').replace(`"input":${JSON.stringify(f)}`, '"input":"input"');
    for (const pcf of [viaImport, viaRequire]) {
      const got = pcf.networkJson(text);
      assert.ok(got === expected, `${f}: networkJson differs from \`pcf network\``);
      assert.deepEqual(JSON.parse(got), pcf.network(JSON.parse(text)), `${f}: network()`);
    }
  }
  const err = (() => {
    try {
      viaRequire.networkJson('{"format": "pcf-bench-system", "version": 2}');
    } catch (e) {
      return e;
    }
  })();
  assert.ok(err instanceof viaRequire.PcfError);
  assert.equal(err.code, 'unsupported_schema');
});

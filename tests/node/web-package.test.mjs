// The page's own package (www/pkg, `--target web`, after wasm-opt -Oz) gives the same bytes as
// the native CLI on every golden case: wasm-opt must not change a single result.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const WEB_JS = join(ROOT, 'www', 'pkg', 'pcf.js');
const WEB_WASM = join(ROOT, 'www', 'pkg', 'pcf_bg.wasm');
const GOLDEN = join(ROOT, 'tests', 'golden');

if (!existsSync(WEB_JS) || !existsSync(WEB_WASM)) {
  throw new Error(`${WEB_JS} is missing: run \`bash scripts/build-wasm.sh\` first`);
}

let web;
before(async () => {
  web = await import(pathToFileURL(WEB_JS).href);
  web.initSync({ module: readFileSync(WEB_WASM) });
});

const isDir = (p) => existsSync(p) && statSync(p).isDirectory();
const cases = isDir(GOLDEN)
  ? readdirSync(GOLDEN)
      .filter((c) => c !== 'errors' && existsSync(join(GOLDEN, c, 'input.json')))
      .sort()
  : [];

test('there are golden cases', () => {
  assert.ok(cases.length > 0, `no tests/golden/<case>/input.json under ${GOLDEN}`);
});

for (const c of cases) {
  test(`web package: ${c} computeJson is byte-identical to expected.json`, () => {
    const got = web.computeJson(readFileSync(join(GOLDEN, c, 'input.json'), 'utf8'));
    const expected = readFileSync(join(GOLDEN, c, 'expected.json'), 'utf8');
    assert.ok(got === expected, `${c}: the web package's output differs from expected.json`);
  });
}

test('web package: errors carry code and path', () => {
  let err;
  try { web.compute('{"schema": '); } catch (e) { err = e; }
  assert.ok(err instanceof Error, 'malformed JSON throws an Error');
  assert.equal(typeof err.code, 'string');
  assert.equal(typeof err.path, 'string');
});

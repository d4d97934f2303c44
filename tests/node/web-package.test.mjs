// The page's own modules (www/pkg, `--target web`, after wasm-opt -Os) give the same bytes as
// the native CLI on every golden case: wasm-opt must not change a single result. The extras
// module (every function) computes every case; the core module (the first result) computes the
// pcf/1 cases and sends a sector template back to the extras with an error naming them
// (www/worker.js then asks the extras).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const PKG = join(ROOT, 'www', 'pkg');
const MODULES = { core: 'pcf', extras: 'pcf_extras' };
const GOLDEN = join(ROOT, 'tests', 'golden');
const WWW_SCHEMA = join(ROOT, 'www', 'schema');

for (const name of Object.values(MODULES)) {
  for (const f of [`${name}.js`, `${name}_bg.wasm`]) {
    if (!existsSync(join(PKG, f))) throw new Error(`www/pkg/${f} is missing: run \`bash scripts/build-wasm.sh\` first`);
  }
}

const web = {};
before(async () => {
  for (const [k, name] of Object.entries(MODULES)) {
    web[k] = await import(pathToFileURL(join(PKG, `${name}.js`)).href);
    web[k].initSync({ module: readFileSync(join(PKG, `${name}_bg.wasm`)) });
  }
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
    const input = readFileSync(join(GOLDEN, c, 'input.json'), 'utf8');
    const expected = readFileSync(join(GOLDEN, c, 'expected.json'), 'utf8');
    assert.ok(web.extras.computeJson(input) === expected, `${c}: the extras module's output differs from expected.json`);
    if (JSON.parse(input).schema === 'pcf/1') {
      assert.ok(web.core.computeJson(input) === expected, `${c}: the core module's output differs from expected.json`);
    } else {
      assert.throws(() => web.core.computeJson(input), (e) => e.code === 'extras_module' && e.path === '$.schema'
        && /extras module/.test(e.message), `${c}: the core module leaves a template to the extras`);
    }
  });
}

test('web package: errors carry code and path', () => {
  for (const m of [web.core, web.extras]) {
    let err;
    try { m.computeJson('{"schema": '); } catch (e) { err = e; }
    assert.ok(err instanceof Error, 'malformed JSON throws an Error');
    assert.equal(typeof err.code, 'string');
    assert.equal(typeof err.path, 'string');
  }
});

test('web package: the core module has only what the first result needs', () => {
  const fns = (m) => Object.keys(m).filter((k) => typeof m[k] === 'function' && !/^(default|initSync)$/.test(k)).sort();
  assert.deepEqual(fns(web.core), ['computeJson', 'version']);
  for (const f of ['computeJson', 'verify', 'precheck', 'pactExport', 'pactImport', 'uncertainty', 'UncertaintyRun', 'templates', 'labels', 'schema', 'factors', 'version']) {
    assert.equal(typeof web.extras[f], 'function', `the extras module has ${f}`);
  }
  // The page reads the built-in factor list from a static file the build made from the full
  // module: the extras module lists the same rows.
  assert.deepEqual(JSON.parse(readFileSync(join(WWW_SCHEMA, 'factors.json'), 'utf8')), web.extras.factors(), 'the same factor list');
  assert.deepEqual(web.core.version(), web.extras.version(), 'the same engine and factor set');
  assert.throws(() => web.core.computeJson('{"schema": "pcf/1"}', [{ name: 'u.csv', text: 'id\n' }]),
    (e) => e.code === 'extras_module' && e.path === 'tables' && /extras module/.test(e.message), 'user tables are read by the extras');
});

// Node tests of the WASM Monte Carlo (issue 10): the same seed gives the same bytes as the
// native build (tests/data/uncertainty/expected.json, checked natively by tests/uncertainty.rs
// and by the CLI), run at once or in steps, and errors carry code and path.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const PKG = join(ROOT, 'target', 'pkg-node', 'pcf.js');
const DATA = join(ROOT, 'tests', 'data', 'uncertainty');
if (!existsSync(PKG)) {
  throw new Error(`${PKG} is missing: run \`bash scripts/build-wasm.sh\` first`);
}
const pcf = createRequire(import.meta.url)(PKG);
const input = readFileSync(join(DATA, 'input.json'), 'utf8');
const expected = readFileSync(join(DATA, 'expected.json'), 'utf8');
// As golden_options() in tests/uncertainty.rs.
const RUNS = 2000;
const SEED = 20240601;
const THRESHOLD = 105;

function thrown(fn) {
  try {
    fn();
  } catch (err) {
    return err;
  }
  assert.fail('expected an error, but the call returned normally');
}

describe('uncertainty', () => {
  test('uncertaintyJson gives the native bytes for the same seed', () => {
    assert.equal(pcf.uncertaintyJson(input, RUNS, SEED, THRESHOLD, undefined), expected);
  });

  test('uncertainty returns the same report as an object', () => {
    const r = pcf.uncertainty(JSON.parse(input), RUNS, SEED, THRESHOLD, undefined);
    assert.deepEqual(r, JSON.parse(expected));
    assert.equal(r.format, 'pcf-uncertainty/1');
  });

  test('a stepped run (as a worker would do it) gives the same bytes', () => {
    const run = new pcf.UncertaintyRun(input, RUNS, SEED, THRESHOLD, undefined);
    assert.equal(run.runs, RUNS);
    const progress = [];
    while (run.step(333) < run.runs) progress.push(run.done);
    assert.deepEqual(progress.slice(0, 3), [333, 666, 999]);
    assert.equal(run.finishJson(), expected);
    const again = thrown(() => run.finishJson());
    assert.equal(again.code, 'invalid_value');
    run.free();
  });

  test('errors carry code and path', () => {
    let e = thrown(() => pcf.uncertainty(input, 1, SEED, undefined, undefined));
    assert.equal(e.code, 'invalid_value');
    assert.equal(e.path, 'runs');
    e = thrown(() => pcf.uncertainty(input, 100, 1.5, undefined, undefined));
    assert.equal(e.code, 'invalid_value');
    assert.equal(e.path, 'seed');
    const bad = JSON.parse(input);
    bad.activities[0].uncertainty = { distribution: 'lognormal', gsd: 0.5 };
    e = thrown(() => new pcf.UncertaintyRun(bad, 100, 1, undefined, undefined));
    assert.equal(e.code, 'invalid_value');
    assert.equal(e.path, '$.activities[0].uncertainty.gsd');
  });
});

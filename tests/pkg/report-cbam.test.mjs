// report('cbam-communication', …) through the package pkg/, via `import` and `require`: the
// workbook is a Uint8Array with the native CLI's bytes (`pcf report cbam-communication RESULT
// --meta META -o FILE.xlsx`), the JSON is the CLI's text with the result's figures, and bad
// input throws a PcfError with its path.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { ROOT, viaImport, viaRequire, findPcf } from './pkg-helpers.mjs';
const read = (p) => readFileSync(p, 'utf8');
const example = (f) => read(join(ROOT, 'examples', f));
const META_FILE = join(ROOT, 'tests', 'data', 'reports', 'cbam-meta.json');
const META = read(META_FILE);
const TMP = mkdtempSync(join(tmpdir(), 'pcf-pkg-report-cbam-'));
const EXAMPLES = ['steel-bf-bof-coil.json', 'steel-dri-eaf-slab.json', 'steel-scrap-eaf-rebar.json'];

function cli(args) {
  const r = spawnSync(findPcf(), args, { maxBuffer: 64 << 20 });
  assert.equal(r.status, 0, String(r.stderr));
  return r.stdout;
}
function thrown(fn) {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('no error');
}

for (const [how, pcf] of [['import', viaImport], ['require', viaRequire]]) {
  test(`via ${how}: the CBAM workbook is a Uint8Array with pcf report's bytes, the JSON its text`, () => {
    assert.ok(pcf.supports('report'));
    for (const name of EXAMPLES) {
      const text = pcf.computeJson(example(name));
      const r = JSON.parse(text);
      const file = join(TMP, `${name}-${how}.result.json`);
      writeFileSync(file, text);
      assert.deepEqual(pcf.reportKinds(r), ['cbam-communication', 'cfp-report', 'label']);

      const out = join(TMP, `${name}-${how}.xlsx`);
      cli(['report', 'cbam-communication', file, '--meta', META_FILE, '-o', out]);
      const expected = new Uint8Array(readFileSync(out));
      // The result as text or as an object, the meta as text or as an object: the same bytes.
      const book = pcf.report('cbam-communication', text, { format: 'xlsx', meta: META });
      assert.ok(book instanceof Uint8Array, `${name}: a Uint8Array`);
      assert.deepEqual(book, expected, `${name}: the CLI's bytes`);
      assert.deepEqual(pcf.report('cbam-communication', r, { format: 'xlsx', meta: JSON.parse(META) }), expected);
      assert.equal(String.fromCharCode(...book.slice(0, 4)), 'PK\u0003\u0004');

      const json = pcf.report('cbam-communication', r, { meta: META });
      assert.equal(typeof json, 'string');
      assert.equal(json, String(cli(['report', 'cbam-communication', file, '--meta', META_FILE])));
      const doc = JSON.parse(json);
      const s = r.sector.steel;
      const good = doc.goods[0];
      assert.equal(good.cn_code, s.cn_code);
      assert.equal(good.production_route, s.route);
      assert.equal(good.see_direct, s.see_direct);
      assert.equal(good.see_indirect, s.see_indirect);
      assert.equal(good.see_total, s.see_direct + s.see_indirect);
      // The digits the result file prints.
      for (const key of ['see_direct', 'see_indirect']) {
        const digits = text.match(new RegExp(`"${key}": ([^,\\n]+)`))[1];
        assert.ok(json.includes(`"${key}": ${digits}`), `${name} ${key} ${digits}`);
      }
      assert.equal(doc.emissions.attributed_direct_t, s.attributed_direct_t);
      assert.equal(doc.precursors.direct_t, s.precursors_direct_t);
      assert.equal(doc.receipt.result_sha256, r.receipt.result_sha256);
      assert.equal(doc.precheck.scheme, 'cbam-steel');
    }
  });

  test(`via ${how}: report('cbam-communication') throws PcfErrors with their paths`, () => {
    const r = pcf.compute(example('steel-bf-bof-coil.json'));
    const meta = JSON.parse(META);
    const cases = [
      [() => pcf.report('cbam-communication', r), 'invalid_document', '$meta.cbam'],
      [() => pcf.report('cbam-communication', r, { meta: { cbam: { ...meta.cbam, installation: { ...meta.cbam.installation, unlocode: 'DEHAM' } } } }), 'invalid_value', '$meta.cbam.installation.unlocode'],
      [() => pcf.report('cbam-communication', r, { meta: { cbam: { ...meta.cbam, carbon_price: { instrument: 'ETS', currency: 'CNY' } } } }), 'invalid_document', '$meta.cbam.carbon_price.due_per_t'],
      [() => pcf.report('cbam-communication', r, { meta, format: 'html' }), 'invalid_value', 'format'],
      [() => pcf.report('cbam-communication', pcf.compute(example('battery-m1-75kwh.json')), { meta }), 'invalid_value', 'kind'],
      [() => pcf.report('battery-passport', pcf.compute(example('battery-m1-75kwh.json')), { meta, format: 'xlsx' }), 'invalid_value', 'format'],
    ];
    for (const [fn, code, path] of cases) {
      const e = thrown(fn);
      assert.ok(e instanceof pcf.PcfError, String(e));
      assert.deepEqual([e.code, e.path], [code, path], e.message);
    }
  });
}

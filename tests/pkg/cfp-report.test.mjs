// report('cfp-report', …) through the package pkg/, via `import` and `require`: the ISO 14067 /
// GB/T 24067 CFP study report of examples of three sectors is the native CLI's bytes
// (`pcf report cfp-report RESULT [--format json] [--lang zh] [--meta META] [--uncertainty RUN]`),
// as HTML (the kind's default) and JSON, with the result given as text or as an object; every
// stage and class figure is the result file's digits; an uncertainty run of the same study is
// shown and one of another study throws a PcfError with its path.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { ROOT, viaImport, viaRequire, findPcf } from './pkg-helpers.mjs';
const example = (f) => readFileSync(join(ROOT, 'examples', f), 'utf8');
const TMP = mkdtempSync(join(tmpdir(), 'pcf-pkg-cfp-report-'));
const EXAMPLES = ['steel-bf-bof-coil.json', 'textile-tshirt-recycled-polyester.json', 'battery-m1-75kwh.json'];
const META = JSON.stringify({
  date: '2026-05-01',
  cfp_study: {
    intended_application: 'supplier disclosure <B2B>',
    reasons: 'customer request',
    intended_audience: 'customers',
    comparative_assertion: false,
    commissioner: { name: 'Example & Co' },
  },
});

function cli(args) {
  const r = spawnSync(findPcf(), args, { encoding: 'utf8', maxBuffer: 64 << 20 });
  assert.equal(r.status, 0, r.stderr);
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
/** The `"kg_co2e": DIGITS` of each entry of the result file's list `key` (by_stage, by_class). */
function figures(text, key) {
  const start = text.indexOf(`"${key}": [`);
  const body = text.slice(start, text.indexOf(']', start));
  return [...body.matchAll(/"kg_co2e": ([^,\n]+)/g)].map((m) => m[1]);
}

for (const [how, pcf] of [['import', viaImport], ['require', viaRequire]]) {
  test(`via ${how}: report('cfp-report') is pcf report's bytes for three sectors, HTML and JSON, en and zh`, () => {
    assert.ok(pcf.supports('report'));
    const metaFile = join(TMP, 'meta.json');
    writeFileSync(metaFile, META);
    for (const name of EXAMPLES) {
      const text = pcf.computeJson(example(name));
      const r = JSON.parse(text);
      const file = join(TMP, `${how}-${name}.result.json`);
      writeFileSync(file, text);
      assert.deepEqual(pcf.reportKinds(r).slice(-2), ['cfp-report', 'label'], name);
      const runs = [
        [{}, []],
        [{ lang: 'zh' }, ['--lang', 'zh']],
        [{ format: 'json' }, ['--format', 'json']],
        [{ format: 'html', lang: 'zh', meta: META }, ['--format', 'html', '--lang', 'zh', '--meta', metaFile]],
        [{ meta: JSON.parse(META) }, ['--meta', metaFile]],
      ];
      for (const [opts, args] of runs) {
        const expected = cli(['report', 'cfp-report', file, ...args]);
        assert.equal(pcf.report('cfp-report', text, opts), expected, `${name} ${args}`);
        assert.equal(pcf.report('cfp-report', r, opts), expected, `${name} ${args}`);
      }
      const page = pcf.report('cfp-report', r, { lang: 'zh' });
      assert.ok(page.startsWith('<!DOCTYPE html>\n<html lang="zh-CN">'));
      // Figures as the result file writes them (`307776.0`, not JS's `307776`).
      for (const d of [...figures(text, 'by_stage'), ...figures(text, 'by_class')]) {
        assert.ok(page.includes(`<td class="num">${d}</td>`), `${name}: ${d}`);
      }
      const total = text.match(/"total_kg_co2e": ([^,\n]+)/)[1];
      assert.ok(page.includes(`<span class="figure">${total}</span>`));
      assert.ok(page.includes(r.receipt.result_sha256));
      const doc = JSON.parse(pcf.report('cfp-report', r, { format: 'json' }));
      assert.equal(doc.schema, 'pcf-cfp-report/1');
      assert.equal(doc.results.total_kg_co2e, r.total_kg_co2e);
      assert.deepEqual(doc.results.by_stage, r.by_stage);
      assert.deepEqual(doc.results.by_class, r.by_class);
      assert.equal(doc.precheck.scheme, 'iso14067');
    }
  });

  test(`via ${how}: an uncertainty run of the same study is the CLI's; another study's throws`, () => {
    const name = 'textile-tshirt-recycled-polyester.json';
    const text = pcf.computeJson(example(name));
    const file = join(TMP, `${how}-unc.result.json`);
    writeFileSync(file, text);
    const run = pcf.uncertaintyJson(example(name), { runs: 200, seed: 11 });
    const runFile = join(TMP, `${how}-run.json`);
    writeFileSync(runFile, run);
    for (const [opts, args] of [[{}, []], [{ format: 'json' }, ['--format', 'json']]]) {
      const expected = cli(['report', 'cfp-report', file, '--uncertainty', runFile, ...args]);
      assert.equal(pcf.report('cfp-report', text, { ...opts, uncertainty: run }), expected);
      assert.equal(pcf.report('cfp-report', text, { ...opts, uncertainty: JSON.parse(run) }), expected);
    }
    const doc = JSON.parse(pcf.report('cfp-report', text, { format: 'json', uncertainty: run }));
    assert.deepEqual(doc.uncertainty.statistics, JSON.parse(run).statistics);
    const other = pcf.uncertaintyJson(example('textile-cotton-tshirt-generic.json'), { runs: 20, seed: 1 });
    const cases = [
      [() => pcf.report('cfp-report', text, { uncertainty: other }), 'invalid_value', '$uncertainty.product'],
      [() => pcf.report('cfp-report', text, { uncertainty: text }), 'invalid_value', '$uncertainty.format'],
      [() => pcf.report('cfp-report', text, { meta: { cfp_study: { commissioner: {} } } }), 'invalid_document', '$meta.cfp_study.commissioner.name'],
      [() => pcf.report('battery-passport', pcf.compute(example('battery-m1-75kwh.json')), { uncertainty: run }), 'invalid_value', 'uncertainty'],
    ];
    for (const [fn, code, path] of cases) {
      const e = thrown(fn);
      assert.ok(e instanceof pcf.PcfError, String(e));
      assert.deepEqual([e.code, e.path], [code, path], e.message);
    }
  });
}

// report(), reportKinds() and reportFormats() through the package pkg/, via `import` and `require`: each battery
// document is the native CLI's bytes (`pcf report KIND RESULT --meta META`), its figures are
// the result's, user texts are escaped, and bad input throws a PcfError with its path.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { ROOT, viaImport, viaRequire, findPcf } from './pkg-helpers.mjs';
const read = (p) => readFileSync(p, 'utf8');
const example = (f) => read(join(ROOT, 'examples', f));
const META = read(join(ROOT, 'tests', 'data', 'reports', 'battery-meta.json'));
const TMP = mkdtempSync(join(tmpdir(), 'pcf-pkg-report-'));

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

for (const [how, pcf] of [['import', viaImport], ['require', viaRequire]]) {
  test(`via ${how}: reportFormats() lists every kind with exactly the formats pcf report takes`, () => {
    const infos = pcf.reportFormats();
    assert.deepEqual(infos.map((i) => [i.kind, i.formats]), [
      ['battery-passport', ['json']],
      ['battery-declaration', ['json', 'html']],
      ['cbam-communication', ['json', 'xlsx']],
      ['cfp-report', ['html', 'json']],
      ['label', ['svg']],
    ]);
    const battery = join(TMP, `formats-battery-${how}.json`);
    writeFileSync(battery, pcf.computeJson(example('battery-m1-75kwh.json')));
    const steel = join(TMP, `formats-steel-${how}.json`);
    writeFileSync(steel, pcf.computeJson(example('steel-bf-bof-coil.json')));
    const metaFile = join(TMP, `formats-meta-${how}.json`);
    writeFileSync(metaFile, JSON.stringify({
      ...JSON.parse(META),
      cbam: JSON.parse(read(join(ROOT, 'tests', 'data', 'reports', 'cbam-meta.json'))).cbam,
    }));
    for (const { kind, formats, applies_to: appliesTo } of infos) {
      assert.ok(appliesTo.length > 0, kind);
      const file = kind === 'cbam-communication' ? steel : battery;
      for (const format of ['json', 'html', 'xlsx', 'svg']) {
        const r = spawnSync(findPcf(), ['report', kind, file, '--format', format, '--meta', metaFile, '-o', join(TMP, `f.${format}`)], { encoding: 'utf8' });
        if (formats.includes(format)) {
          assert.equal(r.status, 0, `${kind} --format ${format}: ${r.stderr}`);
        } else {
          assert.equal(r.status, 2, `${kind} --format ${format} is refused`);
          assert.equal(JSON.parse(r.stderr).error.path, 'format', `${kind} --format ${format}: ${r.stderr}`);
        }
      }
    }
  });
  test(`via ${how}: report() is pcf report's bytes for each battery kind, format and language`, () => {
    assert.ok(pcf.supports('report') && pcf.supports('reportKinds'));
    const text = pcf.computeJson(example('battery-m1-75kwh.json'));
    const r = JSON.parse(text);
    const file = join(TMP, `result-${how}.json`);
    writeFileSync(file, text);
    const metaFile = join(TMP, 'meta.json');
    writeFileSync(metaFile, META);
    const meta = JSON.parse(META);
    assert.deepEqual(pcf.reportKinds(r), ['battery-passport', 'battery-declaration', 'cfp-report', 'label']);
    assert.deepEqual(pcf.reportKinds(text), ['battery-passport', 'battery-declaration', 'cfp-report', 'label']);
    assert.deepEqual(pcf.reportKinds(pcf.compute(example('steel-bf-bof-coil.json'))), ['cbam-communication', 'cfp-report', 'label']);
    const runs = [
      ['battery-passport', {}, []],
      ['battery-declaration', {}, []],
      ['battery-declaration', { format: 'html' }, ['--format', 'html']],
      ['battery-declaration', { format: 'html', lang: 'zh' }, ['--format', 'html', '--lang', 'zh']],
    ];
    for (const [kind, opts, args] of runs) {
      const expected = cli(['report', kind, file, '--meta', metaFile, ...args]);
      // The result as text or as an object, the meta as text or as an object: the same bytes.
      assert.equal(pcf.report(kind, text, { ...opts, meta: META }), expected, `${kind} ${args}`);
      assert.equal(pcf.report(kind, r, { ...opts, meta }), expected, `${kind} ${args}`);
    }
    const passport = JSON.parse(pcf.report('battery-passport', r, { meta }));
    const m = r.sector.battery;
    assert.equal(passport.carbon_footprint.batteryCarbonFootprint, m.kg_co2e_per_kwh_lifetime_energy);
    assert.equal(passport.carbon_footprint.absoluteCarbonFootprint, r.total_kg_co2e);
    assert.equal(passport.carbon_footprint.carbonFootprintPerformanceClass, meta.performance_class);
    const stages = passport.carbon_footprint.carbonFootprintPerLifecycleStage;
    assert.deepEqual(stages.map((s) => s.lifecycleStage), ['RawMaterialExtraction', 'MainProduction', 'Distribution', 'Recycling']);
    stages.forEach((s, i) => assert.equal(s.carbonFootprint, r.by_stage[i].kg_co2e / m.lifetime_energy_kwh));
    const sum = stages.reduce((a, s) => a + s.carbonFootprint, 0);
    assert.ok(Math.abs(sum - m.kg_co2e_per_kwh_lifetime_energy) <= 1e-12 * m.kg_co2e_per_kwh_lifetime_energy, `${sum}`);
    assert.equal(passport.receipt.result_sha256, r.receipt.result_sha256);
    assert.equal(passport.receipt.input_sha256, r.receipt.input_sha256);
    const zh = pcf.report('battery-declaration', r, { format: 'html', lang: 'zh', meta });
    assert.ok(zh.startsWith('<!DOCTYPE html>\n<html lang="zh-CN">'));
    // The figures as the result file writes them (`36000.0`, not JS's `36000`).
    for (const key of ['kg_co2e_per_kwh_lifetime_energy', 'lifetime_energy_kwh', 'total_kg_co2e']) {
      const digits = text.match(new RegExp(`"${key}": ([^,\\n]+)`))[1];
      assert.ok(zh.includes(`>${digits}<`), `${key} ${digits}`);
    }
    assert.ok(zh.includes(r.receipt.result_sha256));
  });

  test(`via ${how}: report() escapes user texts and throws PcfErrors with their paths`, () => {
    const r = pcf.compute(example('battery-m1-75kwh.json'));
    const meta = { ...JSON.parse(META), manufacturer: { name: '<script>alert(1)</script>', address: 'A & B' } };
    const page = pcf.report('battery-declaration', r, { format: 'html', meta });
    assert.ok(!page.includes('<script'));
    assert.ok(page.includes('&lt;script&gt;alert(1)&lt;/script&gt;') && page.includes('A &amp; B'));
    const cases = [
      [() => pcf.report('battery-passport', r), 'invalid_document', '$meta.public_study_url'],
      [() => pcf.report('battery-declaration', r, { meta: { ...meta, plant: { country: 'CN' } } }), 'invalid_document', '$meta.plant.locality'],
      [() => pcf.report('battery-passport', r, { meta: '{"public_study_url": 7}' }), 'invalid_document', '$meta.public_study_url'],
      [() => pcf.report('battery-passport', pcf.compute(example('steel-bf-bof-coil.json')), { meta }), 'invalid_value', 'kind'],
      [() => pcf.report('no-such-kind', r, { meta }), 'invalid_value', 'kind'],
      [() => pcf.report('battery-passport', r, { meta, format: 'html' }), 'invalid_value', 'format'],
      [() => pcf.report('battery-declaration', r, { meta, format: 'html', lang: 'fr' }), 'invalid_value', 'lang'],
      [() => pcf.report('battery-passport', example('battery-m1-75kwh.json'), { meta }), 'unsupported_schema', '$.schema'],
      [() => pcf.report(1, r, { meta }), 'invalid_argument', 'kind'],
    ];
    for (const [fn, code, path] of cases) {
      const e = thrown(fn);
      assert.ok(e instanceof pcf.PcfError, String(e));
      assert.deepEqual([e.code, e.path], [code, path], e.message);
    }
    const steel = thrown(() => pcf.report('battery-declaration', pcf.compute(example('steel-bf-bof-coil.json')), { meta }));
    assert.match(steel.message, /this is a pcf-steel\/1 result, to which these kinds apply: cbam-communication, cfp-report, label/);
  });
}

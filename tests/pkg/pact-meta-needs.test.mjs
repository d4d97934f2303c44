// pactMetaNeeds in the JS package (pkg/, via import and require): every field a PACT export
// needs from the meta at once, each the export's error for it (its first one is the error
// pactExport throws and `pcf pact export` prints, the native CLI run as a process), with the
// document's value as a suggestion where the document states it; given them, the export is
// `pcf pact export`'s, and pactExportJson its bytes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { ROOT, viaImport, viaRequire, findPcf } from './pkg-helpers.mjs';
const DIR = mkdtempSync(join(tmpdir(), 'pcf-pact-needs-'));

function cli(...args) {
  const r = spawnSync(findPcf(), args, { encoding: 'utf8', maxBuffer: 64 << 20 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
function file(name, text) {
  const p = join(DIR, name);
  writeFileSync(p, text);
  return p;
}
function thrown(fn) {
  try {
    fn();
  } catch (err) {
    return err;
  }
  assert.fail('expected an error, but the call returned normally');
}
const example = (name) => readFileSync(join(ROOT, 'examples', name), 'utf8');

const STANDARDS_EN = "PACT requires the cross-sectoral standards the study follows (crossSectoralStandards: ISO14067, ISO14040-44, GHGP-Product, PEF, PACT-3.0 …): list them in the study's standards or give them in the meta.";
const STANDARDS_ZH = 'PACT 要求列出研究所遵循的跨行业标准（crossSectoralStandards，如 ISO14067、PEF）：请在研究的 standards 中列出，或在元数据中填写。';
const STANDARDS = {
  path: '$.input.study.standards', key: 'crossSectoralStandards', kind: 'missing', code: 'invalid_value',
  message_en: STANDARDS_EN, message_zh: STANDARDS_ZH,
};

for (const [how, pcf] of [['import', viaImport], ['require', viaRequire]]) {
  test(`via ${how}: a T-shirt in v3: the mass (the garment's, suggested) and the standards at once, the CLI's error first; given them, the CLI's export`, () => {
    assert.ok(pcf.supports('pactMetaNeeds'));
    const resultText = pcf.computeJson(example('textile-tshirt-recycled-polyester.json'));
    const needs = pcf.pactMetaNeeds(resultText, 3);
    assert.deepEqual(needs, [
      {
        path: '$meta.productMassKg', key: 'productMassKg', kind: 'missing', code: 'invalid_value',
        message_en: 'PACT requires the mass of a piece (productMassPerDeclaredUnit): give the product mass (productMassKg, kg of product without packaging in the declared unit, 1 item).',
        message_zh: 'PACT 要求给出一件产品的质量（productMassPerDeclaredUnit）：请填写产品质量（productMassKg，即声明单位 1 item 的产品千克数，不含包装）。',
        suggestion: { value: 0.17, from: '$.input.garment.mass_kg' },
      },
      STANDARDS,
    ]);
    // An object result, a meta of {} or none: the same list.
    assert.deepEqual(pcf.pactMetaNeeds(JSON.parse(resultText), '3', {}), needs);
    // The first need is the export's error; its message lists both, as the CLI prints it.
    const resultFile = file(`tshirt-${how}.result.json`, resultText);
    const refused = cli('pact', 'export', resultFile, '--spec', '3');
    assert.equal(refused.code, 2);
    const error = JSON.parse(refused.err).error;
    assert.deepEqual(thrown(() => pcf.pactExport(resultText, 3)).toJSON(), error);
    assert.deepEqual([error.code, error.path], ['invalid_value', needs[0].path]);
    assert.equal(error.message, `PACT needs 2 fields the meta does not give: (1) ${needs[0].message_en.slice(0, -1)}; (2) ${STANDARDS_EN.slice(0, -1)}`);
    // The suggestion and a standard: nothing more needed, and the export is the CLI's.
    const meta = { productMassKg: needs[0].suggestion.value, crossSectoralStandards: ['ISO14067'] };
    assert.deepEqual(pcf.pactMetaNeeds(resultText, 3, meta), []);
    const exported = cli('pact', 'export', resultFile, '--spec', '3', '--meta', file(`tshirt-${how}.meta.json`, JSON.stringify(meta)));
    assert.equal(exported.code, 0, exported.err);
    assert.equal(`${JSON.stringify(pcf.pactExport(resultText, 3, meta), null, 2)}\n`, exported.out, 'the bytes of pcf pact export');
  });

  test(`via ${how}: steel in v2 needs the standards only (then pactExportJson is the CLI's bytes); a battery pack in v2 goes per kilogram, with no mass to suggest`, () => {
    const steel = pcf.computeJson(example('steel-bf-bof-coil.json'));
    assert.deepEqual(pcf.pactMetaNeeds(steel, 2), [STANDARDS]);
    // Given them, pactExportJson writes the bytes of pcf pact export (v2's numbers as the CLI
    // writes them: JSON.stringify of the object would not).
    const meta = { crossSectoralStandards: ['ISO Standard 14067'] };
    assert.deepEqual(pcf.pactMetaNeeds(steel, 2, meta), []);
    const steelFile = file(`steel-${how}.result.json`, steel);
    const exported = cli('pact', 'export', steelFile, '--spec', '2', '--meta', file(`steel-${how}.meta.json`, JSON.stringify(meta)));
    assert.equal(exported.code, 0, exported.err);
    assert.ok(exported.out.includes('"exemptedEmissionsPercent": 0.0,'), 'a v2 number the CLI writes with its .0');
    assert.equal(pcf.pactExportJson(steel, 2, meta), exported.out, 'the bytes of pcf pact export');
    assert.deepEqual(JSON.parse(pcf.pactExportJson(steel, '2', JSON.stringify(meta), { nonConformant: false })), pcf.pactExport(steel, 2, meta));
    assert.deepEqual(thrown(() => pcf.pactExportJson(steel, 2)).toJSON(), thrown(() => pcf.pactExport(steel, 2)).toJSON(), 'the same error');
    const battery = pcf.computeJson(example('battery-m1-75kwh.json'));
    const needs = pcf.pactMetaNeeds(battery, 2);
    assert.deepEqual(needs.map((n) => [n.path, n.key, n.kind, n.suggestion]), [
      ['$.declared_unit.unit', 'productMassKg', 'missing', undefined],
      ['$.input.study.standards', 'crossSectoralStandards', 'missing', undefined],
    ]);
    assert.equal(needs[0].message_en, 'PACT 2.3.0 has no declared unit for item (count), its units being kilogram, liter, cubic meter, kilowatt hour, megajoule, ton kilometer, square meter: give the product mass (productMassKg, kg of product in the declared unit, 1 item) to export per kilogram.');
    assert.equal(needs[0].message_zh, 'PACT 2.3.0 没有与 item 对应的声明单位：请填写产品质量（productMassKg，即声明单位 1 item 的产品千克数），改为按千克导出。');
  });

  test(`via ${how}: wrong values are listed with the missing ones; a meta the export cannot read, a bad spec: exact errors`, () => {
    const resultText = pcf.computeJson(example('textile-tshirt-recycled-polyester.json'));
    const needs = pcf.pactMetaNeeds(resultText, 3, { productMassKg: -2, companyIds: ['ACME'] });
    assert.deepEqual(needs.map((n) => [n.path, n.key, n.kind, n.code, n.suggestion?.value]), [
      ['$meta.productMassKg', 'productMassKg', 'invalid', 'invalid_value', 0.17],
      ['$.input.study.standards', 'crossSectoralStandards', 'missing', 'invalid_value', undefined],
      ['$pact.companyIds[0]', 'companyIds', 'invalid', 'invalid_value', undefined],
    ]);
    assert.equal(needs[0].message_zh, '产品质量（productMassKg）须为大于 0 的千克数；元数据给出的是 -2。');
    const bad = [
      [[resultText, 3, { productMassKg: '0.17' }], { code: 'invalid_document', path: '$meta.productMassKg', message: 'expected a number' }],
      [[resultText, 3, { colour: 'red' }], { code: 'invalid_document', path: '$meta.colour' }],
      [[resultText, 4], { code: 'invalid_value', path: 'spec', message: 'unknown PACT spec version "4"; known: 2 (2.3), 3 (3.0)' }],
      [['{}', 3], { code: 'unsupported_schema', path: '$.schema' }],
    ];
    for (const [args, want] of bad) {
      const err = thrown(() => pcf.pactMetaNeeds(...args));
      assert.ok(err instanceof pcf.PcfError);
      const { code, path, message } = err.toJSON();
      assert.deepEqual(want.message ? { code, path, message } : { code, path }, want, JSON.stringify(args.slice(1)));
    }
  });
}

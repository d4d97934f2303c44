// report('label') and verifyDocument() through the package pkg/, via `import` and `require`
// (issue 20): the label is `pcf report label`'s bytes, its figure the result's; verifyDocument
// gives `pcf verify --document --json`'s report for each form of receipt (sealed result,
// report JSON, label SVG, bare receipt, digest, label link), a mismatch for an edited
// document with what differs, and PcfErrors with their paths for what is not a receipt.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { ROOT, viaImport, viaRequire, findPcf } from './pkg-helpers.mjs';
const read = (p) => readFileSync(p, 'utf8');
const example = (f) => read(join(ROOT, 'examples', f));
const TMP = mkdtempSync(join(tmpdir(), 'pcf-pkg-verify-document-'));

function cli(args, status = 0) {
  const r = spawnSync(findPcf(), args, { encoding: 'utf8', maxBuffer: 64 << 20 });
  assert.equal(r.status, status, r.stderr);
  return r.stdout;
}
function file(name, text) {
  const p = join(TMP, name);
  writeFileSync(p, text);
  return p;
}
function thrown(fn) {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('no error');
}
/** The example with its first inline or declared figure changed: another document. */
function edited(doc) {
  const key = ['"kg_co2e": ', '"value": ', '"amount": '].find((k) => doc.includes(k));
  return doc.replace(new RegExp(`${key}([0-9.]+)`), (_, n) => `${key}${Number(n) + 1}`);
}

const LABEL_META = {
  label: {
    scheme: 'China carbon footprint label <CNCA> & trial',
    valid_from: '2026-03-01',
    valid_until: '2028-02-29',
    verify_url: 'https://example.invalid/pcf/',
    precheck: 'cn-label',
  },
};

for (const [how, pcf] of [['import', viaImport], ['require', viaRequire]]) {
  test(`via ${how}: report('label') is pcf report label's bytes, with the result's figure`, () => {
    assert.ok(pcf.supports('verifyDocument'));
    const text = pcf.computeJson(example('pv-cre-ecs-mono-module.json'));
    const r = JSON.parse(text);
    const resultFile = file(`pv-${how}.json`, text);
    const metaFile = file('label-meta.json', JSON.stringify(LABEL_META));
    assert.deepEqual(pcf.reportKinds(r), ['cfp-report', 'label']);
    for (const [opts, args] of [
      [{}, []],
      [{ meta: LABEL_META }, ['--meta', metaFile]],
      [{ meta: JSON.stringify(LABEL_META), lang: 'zh', format: 'svg' }, ['--meta', metaFile, '--lang', 'zh', '--format', 'svg']],
    ]) {
      const svg = pcf.report('label', r, opts);
      assert.equal(svg, cli(['report', 'label', resultFile, ...args]), JSON.stringify(opts));
      assert.ok(svg.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg"'));
      assert.ok(svg.includes('<text id="value"') && svg.includes('>425.494</text>'));
      assert.ok(svg.includes(r.receipt.result_sha256));
      assert.ok(!svg.includes('<script') && !svg.includes('href'));
    }
    const svg = pcf.report('label', r, { meta: LABEL_META });
    assert.ok(svg.includes(`https://example.invalid/pcf/#verify=${r.receipt.result_sha256}`));
    assert.ok(svg.includes('&lt;CNCA&gt;') && svg.includes('&amp;'));
    const e = thrown(() => pcf.report('label', r, { meta: { label: { verify_url: 'https://x.invalid/?a=1' } } }));
    assert.ok(e instanceof pcf.PcfError);
    assert.deepEqual([e.code, e.path], ['invalid_value', '$meta.label.verify_url']);
  });

  test(`via ${how}: verifyDocument() is pcf verify --document's report for every form of receipt`, () => {
    const doc = example('battery-m1-75kwh.json');
    const docFile = join(ROOT, 'examples', 'battery-m1-75kwh.json');
    const text = pcf.computeJson(doc);
    const r = JSON.parse(text);
    const digest = r.receipt.result_sha256;
    const passport = pcf.report('battery-passport', r, { meta: { public_study_url: 'https://example.invalid/study.pdf' } });
    const label = pcf.report('label', r, { meta: LABEL_META });
    const changed = edited(doc);
    const changedFile = file(`edited-${how}.json`, changed);
    const receipts = [
      ['result', text, text],
      ['result', r, text],
      ['report', passport, passport],
      ['report', JSON.parse(passport), passport],
      ['label', label, label],
      ['receipt', r.receipt, JSON.stringify(r.receipt)],
      ['digest', digest, digest],
      ['digest', `https://example.invalid/pcf/#verify=${digest}`, `https://example.invalid/pcf/#verify=${digest}`],
    ];
    for (const [source, receipt, receiptText] of receipts) {
      const receiptFile = file(`receipt-${how}-${source}.txt`, receiptText);
      const v = pcf.verifyDocument(doc, receipt);
      assert.deepEqual(v, JSON.parse(cli(['verify', '--document', docFile, receiptFile, '--json'])), source);
      assert.equal(v.status, 'match', v.summary);
      assert.equal(v.receipt_source, source);
      assert.equal(v.total_kg_co2e, r.total_kg_co2e);
      assert.deepEqual(v.differs, []);
      assert.ok(v.summary.startsWith(`match: this document (input sha256 ${r.receipt.input_sha256}), product "${r.product.name}", total `), v.summary);
      assert.equal(`${v.summary}\n`, cli(['verify', '--document', docFile, receiptFile]));
      // The document as an object: the same canonical input, the same answer.
      assert.equal(pcf.verifyDocument(JSON.parse(doc), receipt).status, 'match');

      // The edited document: a mismatch naming what differs, exit 1 from the CLI.
      const m = pcf.verifyDocument(changed, receipt);
      assert.deepEqual(m, JSON.parse(cli(['verify', '--document', changedFile, receiptFile, '--json'], 1)), source);
      assert.equal(m.status, 'mismatch');
      assert.deepEqual(m.differs, source === 'digest' ? ['result_digest'] : ['input_digest', 'result_digest']);
      assert.ok(m.summary.startsWith('mismatch: this document'), m.summary);
      assert.notEqual(m.total_kg_co2e, r.total_kg_co2e);
    }
  });

  test(`via ${how}: verifyDocument() throws PcfErrors with their paths`, () => {
    const doc = example('steel-bf-bof-coil.json');
    const r = pcf.compute(doc);
    const cases = [
      [() => pcf.verifyDocument(doc, { schema: 'pcf/1' }), 'invalid_document', '$receipt'],
      [() => pcf.verifyDocument(doc, 'not a digest'), 'invalid_document', '$receipt'],
      [() => pcf.verifyDocument(doc, { ...r, total_kg_co2e: 1 }), 'invalid_value', '$receipt.receipt.result_sha256'],
      [() => pcf.verifyDocument(doc, { ...r.receipt, result_sha256: 'x' }), 'invalid_value', '$receipt.result_sha256'],
      [() => pcf.verifyDocument({ schema: 'pcf/1' }, r), 'invalid_document', '$'],
      [() => pcf.verifyDocument(doc, undefined), 'invalid_argument', 'receipt'],
    ];
    for (const [fn, code, path] of cases) {
      const e = thrown(fn);
      assert.ok(e instanceof pcf.PcfError, String(e));
      assert.deepEqual([e.code, e.path], [code, path], e.message);
    }
  });
}

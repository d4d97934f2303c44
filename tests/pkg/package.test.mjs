// Node tests of the embeddable package pkg/ (scripts/build-pkg.sh, run by build-wasm.sh):
// every golden case through the package, via `import` and via `require`, gives the native
// CLI's bytes (tests/golden/<case>/expected.json); every error case throws a PcfError with
// the expected code and JSON path; batch, factor tables, verify, pre-check, schemas, versions,
// the PACT/uncertainty passthroughs (pactCheck and pactExportReport against `pcf pact check` and
// `pcf pact export`, the native CLI run as a process), the documented error codes and the Node
// example.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findPcf } from '../pcf-bin.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const PKG = join(ROOT, 'pkg');
const GOLDEN = join(ROOT, 'tests', 'golden');
const ERRORS = join(GOLDEN, 'errors');

if (!existsSync(join(PKG, 'index.cjs'))) {
  throw new Error(`${PKG} is missing: run \`bash scripts/build-wasm.sh\` first`);
}

const read = (p) => readFileSync(p, 'utf8');
const viaImport = await import(join(PKG, 'index.mjs'));
const viaRequire = createRequire(import.meta.url)(join(PKG, 'index.cjs'));
// Resolution through package.json's conditional exports, as an installed package.
const pkgJson = JSON.parse(read(join(PKG, 'package.json')));

const cases = readdirSync(GOLDEN)
  .filter((d) => d !== 'errors' && statSync(join(GOLDEN, d)).isDirectory())
  .filter((d) => existsSync(join(GOLDEN, d, 'input.json')))
  .sort();
/** An error object without its Chinese text (compared apart: `message_zh`). */
const en = ({ message_zh, ...rest }) => rest;
const errorCases = readdirSync(ERRORS).filter((f) => f.endsWith('.json')).sort();

function thrown(fn) {
  try {
    fn();
  } catch (err) {
    return err;
  }
  assert.fail('expected an error, but the call returned normally');
}

test('there are golden and error cases to run', () => {
  assert.ok(cases.length >= 20, `golden cases: ${cases.length}`);
  assert.ok(errorCases.length >= 20, `error cases: ${errorCases.length}`);
});

test('import and require give the same module instance (one PcfError class)', () => {
  assert.equal(viaImport.PcfError, viaRequire.PcfError);
  assert.equal(viaImport.compute, viaRequire.compute);
  assert.deepEqual(Object.keys(viaImport).sort(), Object.keys(viaRequire).sort(), 'the same exports');
});

test('installed as node_modules/pcf, `import "pcf"` and `require("pcf")` resolve through the exports map', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pcf-install-'));
  mkdirSync(join(dir, 'node_modules'));
  symlinkSync(PKG, join(dir, 'node_modules', 'pcf'), 'dir');
  const input = join(GOLDEN, cases[0], 'input.json');
  const expected = join(GOLDEN, cases[0], 'expected.json');
  const check = (text) =>
    `const ok = pcf.computeJson(fs.readFileSync(${JSON.stringify(input)}, 'utf8')) === fs.readFileSync(${JSON.stringify(expected)}, 'utf8');\n` +
    `let code; try { pcf.compute('{') } catch (e) { code = e instanceof pcf.PcfError && e.code }\n` +
    `console.log(JSON.stringify({ ok, code, engine: pcf.versions().engine, entry: ${text} }));\n`;
  writeFileSync(join(dir, 'esm.mjs'), `import * as pcf from 'pcf';\nimport fs from 'node:fs';\nimport { createRequire } from 'node:module';\n${check("createRequire(import.meta.url).resolve('pcf')")}`);
  writeFileSync(join(dir, 'cjs.cjs'), `const pcf = require('pcf');\nconst fs = require('node:fs');\n${check("require.resolve('pcf')")}`);
  for (const [file, entry] of [['esm.mjs', 'index.cjs'], ['cjs.cjs', 'index.cjs']]) {
    const run = spawnSync(process.execPath, [join(dir, file)], { cwd: dir, encoding: 'utf8' });
    assert.equal(run.status, 0, `${file}: ${run.stderr}`);
    const out = JSON.parse(run.stdout);
    assert.equal(out.ok, true, `${file}: the CLI's bytes`);
    assert.equal(out.code, 'malformed_json', `${file}: a PcfError`);
    assert.equal(out.engine, viaRequire.versions().engine);
    assert.ok(out.entry.endsWith(entry), `${file} resolved ${out.entry}`);
  }
  // `import` under the node condition maps to index.mjs (require.resolve shows the require branch).
  const esm = spawnSync(process.execPath, ['--input-type=module', '-e', "console.log(import.meta.resolve('pcf'))"], { cwd: dir, encoding: 'utf8' });
  assert.match(esm.stdout.trim(), /\/index\.mjs$/, esm.stderr);
});

test('package.json maps node import/require and browsers to the right entries', () => {
  const dot = pkgJson.exports['.'];
  assert.deepEqual(dot.node.import, { types: './index.d.ts', default: './index.mjs' });
  assert.deepEqual(dot.node.require, { types: './index.d.cts', default: './index.cjs' });
  assert.equal(dot.browser, './index.js');
  assert.equal(dot.types, './index.d.ts');
  assert.equal(pkgJson.type, 'module');
  for (const f of pkgJson.files) assert.ok(existsSync(join(PKG, f)), `listed file ${f} exists`);
});

for (const [how, pcf] of [['import', viaImport], ['require', viaRequire]]) {
  describe(`via ${how}`, () => {
    test('computeJson is byte-identical to the native CLI on every golden case', () => {
      for (const c of cases) {
        const got = pcf.computeJson(read(join(GOLDEN, c, 'input.json')));
        assert.ok(got === read(join(GOLDEN, c, 'expected.json')), `${c}: computeJson differs from expected.json`);
      }
    });

    test('compute (object in, object out) deep-equals the golden result', () => {
      for (const c of cases) {
        const got = pcf.compute(JSON.parse(read(join(GOLDEN, c, 'input.json'))));
        assert.deepEqual(got, JSON.parse(read(join(GOLDEN, c, 'expected.json'))), c);
      }
    });

    test('every error case throws a PcfError with its code and path', () => {
      for (const f of errorCases) {
        const spec = JSON.parse(read(join(ERRORS, f)));
        const input = typeof spec.input === 'string' ? spec.input : JSON.stringify(spec.input);
        const err = thrown(() => pcf.compute(input));
        assert.ok(err instanceof pcf.PcfError, `${f}: a PcfError`);
        assert.ok(err instanceof Error, `${f}: an Error`);
        assert.equal(err.name, 'PcfError');
        assert.equal(err.code, spec.code, `${f}: code`);
        assert.equal(err.path, spec.path, `${f}: path`);
        assert.ok(err.message.length > 0, `${f}: message`);
        // Issue 21: the engine's text in Chinese, carried by the PcfError and its toJSON().
        assert.match(err.message_zh ?? '', /[\u4e00-\u9fff]/, `${f}: message_zh`);
        assert.deepEqual(err.toJSON(), { code: err.code, path: err.path, message: err.message, message_zh: err.message_zh });
        assert.ok(pcf.ERROR_CODES.includes(err.code), `${f}: ${err.code} is documented`);
      }
    });
  });
}

describe('batch', () => {
  const pcf = viaRequire;
  test('all golden cases in one call: the same figures as computeJson, in order', () => {
    const docs = cases.map((c) => read(join(GOLDEN, c, 'input.json')));
    const items = pcf.batch(docs);
    assert.equal(items.length, cases.length);
    items.forEach((item, i) => {
      assert.equal(item.index, i);
      assert.ok(item.ok, `${cases[i]}: ${item.error && item.error.message}`);
      assert.deepEqual(item.result, JSON.parse(read(join(GOLDEN, cases[i], 'expected.json'))), cases[i]);
    });
  });

  test('a failing document fails alone, with the same code and path as compute', () => {
    const good = read(join(GOLDEN, cases[0], 'input.json'));
    const errs = errorCases.map((f) => JSON.parse(read(join(ERRORS, f))));
    const docs = [good, ...errs.map((e) => e.input), '{"schema": "pcf/1",', good];
    const items = pcf.batch(docs);
    assert.equal(items.length, docs.length);
    assert.ok(items[0].ok && items.at(-1).ok);
    assert.equal(items[0].result.total_kg_co2e, JSON.parse(read(join(GOLDEN, cases[0], 'expected.json'))).total_kg_co2e);
    errs.forEach((e, k) => {
      const item = items[k + 1];
      assert.equal(item.ok, false, errorCases[k]);
      assert.ok(item.error instanceof pcf.PcfError);
      assert.equal(item.error.code, e.code, `${errorCases[k]}: code`);
      assert.equal(item.error.path, e.path, `${errorCases[k]}: path`);
      assert.match(item.error.message_zh ?? '', /[\u4e00-\u9fff]/, `${errorCases[k]}: message_zh`);
    });
    const broken = items.at(-2);
    assert.equal(broken.error.code, 'malformed_json');
    assert.equal(broken.error.code, thrown(() => pcf.compute('{"schema": "pcf/1",')).code);
  });

  test('not an array is invalid_argument', () => {
    const err = thrown(() => pcf.batch('[]'));
    assert.equal(err.code, 'invalid_argument');
    assert.equal(err.path, 'documents');
    assert.deepEqual(pcf.batch([]), []);
  });
});

describe('factor tables', () => {
  const pcf = viaRequire;
  const header = read(join(ROOT, 'factors', 'electricity_cn.csv')).split('\n')[0];
  const cols = header.split(',');
  // One user row: a copy of a built-in row's columns with a new id and value.
  const builtin = pcf.searchFactors('cn.elec.footprint.2023.national')[0];
  const row = cols.map((c) => {
    if (c === 'id') return 'acme.elec.own-pv';
    if (c === 'value') return '0.05';
    const v = builtin[c];
    if (v === undefined || v === null) return '';
    const s = String(v);
    return /[",]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  });
  const table = { name: 'acme.csv', text: `${header}\n${row.join(',')}\n` };
  const doc = {
    schema: 'pcf/1',
    product: { name: 'own PV electricity', sector: 'other', declared_unit: { amount: 1, unit: 'item' } },
    gwp_set: 'AR6',
    boundary: { kind: 'cradle-to-gate', stages: ['production'] },
    reference_period: { start: '2025-01-01', end: '2025-12-31' },
    activities: [{ amount: 100, unit: 'kWh', factor: 'acme.elec.own-pv', stage: 'production' }],
  };

  test('without the table the factor is unknown', () => {
    pcf.clearFactorTables();
    const err = thrown(() => pcf.compute(doc));
    assert.equal(err.code, 'unknown_factor');
    assert.equal(err.path, '$.activities[0].factor');
  });

  test('per call, and loaded for later calls: 100 kWh x 0.05 = 5 kg CO2e, table listed', () => {
    const r = pcf.compute(doc, { tables: [table] });
    assert.equal(r.total_kg_co2e, 100 * 0.05);
    assert.ok(r.factor_set.tables.some((t) => t.name === 'acme.csv' && t.origin === 'user'));
    const rows = pcf.loadFactorTables([table]);
    assert.deepEqual(rows.map((x) => x.id), ['acme.elec.own-pv']);
    assert.equal(pcf.compute(doc).total_kg_co2e, 5);
    assert.equal(pcf.searchFactors('acme own-pv').length, 1);
    assert.equal(pcf.verify(pcf.compute(doc)).status, 'match');
    pcf.clearFactorTables();
    assert.equal(thrown(() => pcf.compute(doc)).code, 'unknown_factor');
  });

  test('a conflicting id needs override; a malformed table names its location', () => {
    const clash = { name: 'clash.csv', text: table.text.replace('acme.elec.own-pv', 'cn.elec.footprint.2023.national') };
    const err = thrown(() => pcf.loadFactorTables([clash]));
    assert.equal(err.code, 'factor_conflict');
    assert.deepEqual(pcf.loadedFactorTables(), [], 'a failed load keeps the previous state');
    const bad = thrown(() => pcf.compute(doc, { tables: [{ name: 'bad.csv', text: 'id,value\nx,1\n' }] }));
    assert.equal(bad.code, 'invalid_factor_table');
    assert.match(bad.path, /^bad\.csv/);
    const shape = thrown(() => pcf.compute(doc, { tables: [{ name: 'x.csv' }] }));
    assert.equal(shape.code, 'invalid_value');
    assert.equal(shape.path, 'tables[0].text');
  });
});

describe('the other functions', () => {
  const pcf = viaImport;
  const example = (f) => read(join(ROOT, 'examples', f));

  test('verify: a sealed result matches; a changed figure is a mismatch', () => {
    const r = pcf.compute(example('battery-m1-75kwh.json'));
    assert.equal(pcf.verify(r).status, 'match');
    const tampered = { ...r, total_kg_co2e: r.total_kg_co2e + 1 };
    assert.equal(pcf.verify(tampered).status, 'mismatch');
    const err = thrown(() => pcf.verify({ schema: 'pcf-result/1' }));
    assert.ok(err instanceof pcf.PcfError);
  });

  test('precheck gives the report of the CLI scheme, and names an unknown scheme', () => {
    const rep = pcf.precheck(example('battery-m1-75kwh.json'), 'eu-battery');
    assert.equal(rep.scheme, 'eu-battery');
    assert.ok(['ready', 'ready_with_warnings', 'not_ready'].includes(rep.verdict));
    assert.ok(rep.outcomes.length > 0);
    const err = thrown(() => pcf.precheck(example('battery-m1-75kwh.json'), 'iso9001'));
    assert.equal(err.code, 'invalid_value');
  });

  test('factors: list and search; every row has a source', () => {
    const all = pcf.factors.list();
    assert.ok(all.length > 100);
    const found = pcf.factors.search('aluminium');
    assert.ok(found.length > 0 && found.length < all.length);
    for (const r of found) assert.ok(r.source.length > 0, r.id);
    assert.deepEqual(pcf.listFactors(), all);
  });

  test('getSchema: pcf/1 and each template equal the committed schema files', () => {
    assert.deepEqual(pcf.getSchema(), JSON.parse(read(join(ROOT, 'schema', 'pcf-1.schema.json'))));
    for (const t of pcf.templates()) {
      assert.deepEqual(pcf.getSchema(t.name), JSON.parse(read(join(ROOT, 'schema', `${t.tag.replace('/', '-')}.schema.json`))));
    }
    const err = thrown(() => pcf.getSchema('kettle'));
    assert.equal(err.code, 'invalid_value');
    assert.equal(err.path, 'template');
  });

  test('versions: engine and factor-set digest as written into results', () => {
    const v = pcf.versions();
    const r = JSON.parse(read(join(GOLDEN, cases[0], 'expected.json')));
    assert.equal(v.engine, r.engine);
    assert.match(v.factor_set_sha256, /^[0-9a-f]{64}$/);
    assert.equal(v.package, pkgJson.version);
    assert.equal(v.factor_set_sha256, r.factor_set.sha256);
  });

  test('PACT: export a result, import the footprint back as a component that rolls up the same total', () => {
    assert.ok(pcf.supports('pactExport') && pcf.supports('pactImport'));
    const doc = JSON.parse(example('steel-bf-bof-coil.json'));
    doc.study = { ...(doc.study || {}), standards: ['ISO 14067:2018'] };
    const r = pcf.compute(doc);
    const pf = pcf.pactExport(r, 3, { companyName: 'Example Steel' });
    assert.equal(pf.companyName, 'Example Steel');
    assert.equal(pcf.precheck(pf, 'pact-v3').scheme, 'pact-v3');
    const c = pcf.pactImport(JSON.stringify(pf), { id: 'coil', stage: 'production' });
    assert.equal(c.id, 'coil');
    assert.equal(c.pact.id, pf.id);
    // One declared unit of the coil used once: the product's total is the exported figure.
    const rolled = pcf.compute({
      schema: 'pcf/1',
      product: { name: 'coil bought in', sector: 'steel', declared_unit: r.declared_unit },
      gwp_set: 'AR6',
      boundary: { kind: 'cradle-to-gate', stages: ['production'] },
      // Without a stated validity, the footprint is valid for three years after its reference period.
      reference_period: { start: c.pact.validity_period.start.slice(0, 10), end: `${c.pact.validity_period.start.slice(0, 4)}-12-31` },
      activities: [{ amount: r.declared_unit.amount, unit: r.declared_unit.unit, input: 'coil', stage: 'production' }],
      components: [c],
    });
    assert.ok(Math.abs(rolled.total_kg_co2e - r.total_kg_co2e) <= 1e-9 * Math.abs(r.total_kg_co2e),
      `${rolled.total_kg_co2e} vs ${r.total_kg_co2e}`);
    const err = thrown(() => pcf.pactImport({ ...pf, companyName: undefined }));
    assert.ok(err instanceof pcf.PcfError);
    assert.match(err.path, /companyName/);
    const spec = thrown(() => pcf.pactExport(r, 9));
    assert.ok(spec instanceof pcf.PcfError && spec.code !== 'unsupported');
  });

  test('pactImportInto: a supplier in one step; text in, text out, object in, object out', () => {
    assert.ok(pcf.supports('pactImportInto') && pcf.supports('pactImportStages'));
    const supplier = read(join(ROOT, 'tests', 'data', 'pact', 'aluminium-ingot-v3.json'));
    const text = example('textile-tshirt-recycled-polyester.json');
    assert.deepEqual(pcf.pactImportStages(text), ['spinning', 'fabric', 'finishing', 'making_up', 'distribution', 'end_of_life']);
    const out = pcf.pactImportInto(supplier, text, { amount: 0.15, unit: 'kg', stage: 'making_up' });
    assert.equal(typeof out, 'string');
    // The product's bytes are kept up to where the line lands (processes.making_up).
    const at = text.indexOf('"making_up"');
    assert.ok(at > 0 && out.startsWith(text.slice(0, at)));
    const doc = JSON.parse(out);
    assert.deepEqual(doc.processes.making_up.lines.at(-1), { input: 'pact-5f1c2a9e', amount: 0.15, unit: 'kg' });
    assert.equal(doc.components.at(-1).pact.id, '5f1c2a9e-7b3d-4e8a-9c61-2d4b8e0f7a13');
    const want = pcf.compute(text).total_kg_co2e + 0.15 * 4.2;
    const r = pcf.compute(out);
    assert.ok(Math.abs(r.total_kg_co2e - want) <= 1e-12 * want, `${r.total_kg_co2e} vs ${want}`);
    const declared = r.lines.find((l) => l.declared_by?.pact);
    assert.equal(declared.declared_by.supplier, 'Northwind Aluminium Smelting Co. (fictitious)');
    // An object in, an object out: the same document.
    const obj = pcf.pactImportInto(JSON.parse(supplier), JSON.parse(text), { amount: '150 g', stage: 'making_up' });
    assert.equal(typeof obj, 'object');
    assert.deepEqual(obj, { ...doc, processes: { ...doc.processes, making_up: { ...doc.processes.making_up, lines: [...doc.processes.making_up.lines.slice(0, -1), { input: 'pact-5f1c2a9e', amount: 150, unit: 'g' }] } } });
    // Errors: PcfError with the code and the path (the option, the product's field, the footprint's).
    const cases = [
      [text, { amount: '1 kWh', stage: 'making_up' }, 'dimension_mismatch', 'amount'],
      [text, { amount: '1 kg' }, 'invalid_value', 'stage'],
      [out, { amount: '1 kg', stage: 'making_up' }, 'duplicate_id', '$.components[0].id'],
    ];
    for (const [product, options, code, path] of cases) {
      const err = thrown(() => pcf.pactImportInto(supplier, product, options));
      assert.ok(err instanceof pcf.PcfError);
      assert.deepEqual([err.code, err.path], [code, path]);
    }
    const missing = thrown(() => pcf.pactImportInto(supplier, undefined, { amount: '1 kg' }));
    assert.deepEqual([missing.code, missing.path], ['invalid_argument', 'product']);
  });

  test('uncertainty: the report of the engine, the same bits for the same seed, text = object', () => {
    assert.ok(pcf.supports('uncertainty'));
    const text = example('battery-m1-75kwh.json');
    const a = pcf.uncertainty(text, { runs: 200, seed: 7 });
    assert.equal(a.format, 'pcf-uncertainty/1');
    assert.equal(a.deterministic_kg_co2e, pcf.compute(text).total_kg_co2e, 'the deterministic total is compute\'s');
    assert.deepEqual(pcf.uncertainty(JSON.parse(text), { runs: 200, seed: 7 }), a);
    assert.deepEqual(JSON.parse(pcf.uncertaintyJson(text, { runs: 200, seed: 7 })), a);
    const err = thrown(() => pcf.uncertainty('{', { runs: 10, seed: 1 }));
    assert.equal(err.code, 'malformed_json');
  });

  test('computeUnsealed: the same figures as compute, without the receipt', () => {
    const text = example('battery-m1-75kwh.json');
    const sealed = pcf.compute(text);
    const live = pcf.computeUnsealed(text);
    assert.equal(live.receipt, undefined);
    assert.equal(live.input, undefined);
    assert.equal(live.total_kg_co2e, sealed.total_kg_co2e);
    assert.deepEqual(live.lines, sealed.lines);
  });

  test('bad JS arguments are invalid_argument with the argument named', () => {
    assert.equal(thrown(() => pcf.compute(undefined)).path, 'doc');
    assert.equal(thrown(() => pcf.precheck('{}', 42)).code, 'invalid_argument');
    assert.equal(thrown(() => pcf.searchFactors(7)).path, 'query');
    const cyclic = {};
    cyclic.self = cyclic;
    assert.equal(thrown(() => pcf.compute(cyclic)).code, 'invalid_document');
  });
});

function cli(args, input) {
  const r = spawnSync(findPcf(), args, { encoding: 'utf8', input, maxBuffer: 64 << 20 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
const stderrLines = (err, key) => err.split('\n').filter(Boolean).map((l) => JSON.parse(l)[key]);

describe('PACT: pactCheck and pactExportReport', () => {
  for (const [how, pcf] of [['import', viaImport], ['require', viaRequire]]) {
    const SUPPLIER = read(join(ROOT, 'tests', 'data', 'pact', 'aluminium-ingot-v3.json'));
    const ID = '5f1c2a9e-7b3d-4e8a-9c61-2d4b8e0f7a13';
    /** pactCheck's report and `pcf pact check`'s (its exit 0 when conformant and consistent, else 1). */
    const checked = (footprint, options = {}) => {
      const rep = pcf.pactCheck(footprint, options);
      const text = typeof footprint === 'string' ? footprint : JSON.stringify(footprint);
      const c = cli(['pact', 'check', '-', ...(options.spec ? ['--spec', String(options.spec)] : [])], text);
      assert.equal(c.code, rep.conformant && rep.consistent ? 0 : 1, c.err);
      assert.deepEqual(rep, JSON.parse(c.out), 'the report of pcf pact check');
      return rep;
    };
    const findings = (list) => list.map((f) => [f.path, f.code]);

    test(`via ${how}: pactCheck of a conformant footprint, and of footprints that break a rule, an identity, the spec version`, () => {
      assert.ok(pcf.supports('pactCheck'));
      // The test fixture: conformant (its validity ends three years after its reference period
      // at the latest) and consistent; text and object give the same report.
      const ok = checked(SUPPLIER);
      assert.deepEqual(ok, { path: '$', id: ID, spec_version: '3.0.0', conformant: true, consistent: true, schema: [], rules: [], identities: [] });
      assert.deepEqual(pcf.pactCheck(JSON.parse(SUPPLIER)), ok, 'an object: the same report');

      // A validity period ending past the limit (2028-01-01: three years after the reference
      // period's end): a MUST broken, so not conformant; the figures still add up.
      const late = { ...JSON.parse(SUPPLIER), validityPeriodEnd: '2028-03-14T00:00:00Z' };
      const lateRep = checked(late);
      assert.deepEqual([lateRep.conformant, lateRep.consistent], [false, true]);
      assert.deepEqual([lateRep.schema, findings(lateRep.rules), lateRep.identities], [[], [['$.validityPeriodEnd', 'invalid_value']], []]);
      assert.match(lateRep.rules[0].detail, /2028-03-14T00:00:00Z.*2028-01-01T00:00:00Z/);

      // pcfExcludingBiogenicUptake 4.2 where its parts add up to 4.5 + 0.15: conformant (no MUST
      // broken), not consistent.
      const off = JSON.parse(SUPPLIER);
      off.pcf.fossilGhgEmissions = '4.5';
      const offRep = checked(off);
      assert.deepEqual([offRep.conformant, offRep.consistent], [true, false]);
      assert.deepEqual([offRep.schema, offRep.rules, findings(offRep.identities)], [[], [], [['$.pcf.pcfExcludingBiogenicUptake', 'inconsistent']]]);
      assert.match(offRep.identities[0].detail, /4\.65/);

      // Checked against another spec version than its own: a schema finding at specVersion.
      const v2 = checked(SUPPLIER, { spec: 2 });
      assert.equal(v2.conformant, false);
      assert.deepEqual(findings(v2.schema), [['$.specVersion', 'invalid_value']]);

      // Errors: not a footprint (the CLI's exit 2 and error), a bad index.
      const none = thrown(() => pcf.pactCheck('{}'));
      const c = cli(['pact', 'check', '-'], '{}');
      assert.equal(c.code, 2);
      assert.ok(none instanceof pcf.PcfError);
      assert.deepEqual(none.toJSON(), stderrLines(c.err, 'error')[0]);
      const index = thrown(() => pcf.pactCheck(SUPPLIER, { index: -1 }));
      assert.deepEqual(en(index.toJSON()), { code: 'invalid_value', path: 'index', message: 'expected an index (0, 1 …)' });
    });

    test(`via ${how}: pactExportReport: a MUST broken throws naming the field, unless nonConformant, which marks the file; options checked`, () => {
      assert.ok(pcf.supports('pactExportReport'));
      const doc = (excluded) => ({
        schema: 'pcf/1',
        product: { name: 'demo', sector: 'other', declared_unit: { amount: 1, unit: 'kg' } },
        gwp_set: 'AR6',
        boundary: { kind: 'cradle-to-gate', stages: ['production'] },
        reference_period: { start: '2025-01-01', end: '2025-12-31' },
        activities: [{ amount: 10, unit: 'kWh', factor: 'cn.elec.footprint.2023.national', stage: 'production' }],
        study: { standards: ['ISO 14067:2018'], cut_off: { criteria: 'flows below 1 % of mass', max_excluded_share: 0.1, excluded_share: excluded } },
      });
      const dir = mkdtempSync(join(tmpdir(), 'pcf-pact-report-'));
      const resultFile = (name, d) => {
        const p = join(dir, name);
        writeFileSync(p, pcf.computeJson(d));
        return p;
      };

      // Within v2's 5 % exemption limit: conformant, the footprint pactExport writes, no
      // not_conformant warning; nonConformant: false is the same as no options.
      const fine = pcf.compute(doc(0.01));
      const ok = pcf.pactExportReport(fine, 2);
      assert.equal(ok.conformant, true);
      assert.deepEqual(ok.footprint, pcf.pactExport(fine, 2));
      assert.ok(!ok.warnings.some((w) => w.code === 'not_conformant'));
      assert.deepEqual(pcf.pactExportReport(fine, 2, undefined, { nonConformant: false }), ok);

      // 8 % exempted: PACT v2 allows at most 5 %. Without the option: the error naming the
      // field, as pactExport and `pcf pact export` (exit 2) give it.
      const over = pcf.compute(doc(0.08));
      const want = { code: 'invalid_value', path: '$pact.pcf.exemptedEmissionsPercent', message: '8 % of the emissions exempted; PACT v2 allows at most 5 %' };
      const refusedJs = thrown(() => pcf.pactExportReport(over, 2)).toJSON();
      assert.deepEqual(en(refusedJs), want);
      assert.match(refusedJs.message_zh, /[\u4e00-\u9fff]/, 'with its Chinese text');
      assert.deepEqual(en(thrown(() => pcf.pactExport(over, 2)).toJSON()), want);
      const file = resultFile('over.result.json', doc(0.08));
      const refused = cli(['pact', 'export', file, '--spec', '2']);
      assert.equal(refused.code, 2);
      assert.deepEqual(stderrLines(refused.err, 'error'), [refusedJs], 'the CLI\'s error, its Chinese text too');

      // nonConformant: the file is written, marked NOT CONFORMANT in its comment, with the
      // broken rule as a warning: what `pcf pact export --non-conformant` writes and prints.
      const rep = pcf.pactExportReport(over, 2, undefined, { nonConformant: true });
      assert.equal(rep.conformant, false);
      assert.ok(rep.footprint.comment.startsWith('NOT CONFORMANT to PACT 2.3.0. '), rep.footprint.comment);
      assert.equal(rep.footprint.pcf.exemptedEmissionsPercent, 8);
      assert.deepEqual(rep.warnings.filter((w) => w.code === 'not_conformant'), [{
        code: 'not_conformant', path: want.path, message: `${want.path}: ${want.message} (written as asked, marked not conformant)`,
      }]);
      const written = cli(['pact', 'export', file, '--spec', '2', '--non-conformant']);
      assert.equal(written.code, 0, written.err);
      assert.deepEqual(rep.footprint, JSON.parse(written.out), 'the footprint pcf pact export --non-conformant writes');
      assert.deepEqual(rep.warnings, stderrLines(written.err, 'warning'), 'and its warnings');
      assert.equal(checked(rep.footprint).conformant, false, 'pactCheck finds what it breaks');

      // Options other than {nonConformant: boolean}: an exact error naming the option.
      const bad = [
        [{ nonConformant: 'yes' }, { code: 'invalid_document', path: 'options.nonConformant', message: 'expected true or false' }],
        [{ nonConformant: true, strict: true }, { code: 'invalid_document', path: 'options.strict', message: 'unknown field `strict`, expected nonConformant' }],
        ['[true]', { code: 'invalid_document', path: 'options', message: 'the export options are an object' }],
        ['{', { code: 'malformed_json', path: 'options', message: 'malformed JSON at line 1, column 1: EOF while parsing an object' }],
      ];
      for (const [options, error] of bad) {
        const err = thrown(() => pcf.pactExportReport(over, 2, undefined, options));
        assert.ok(err instanceof pcf.PcfError);
        assert.deepEqual(en(err.toJSON()), error, JSON.stringify(options));
      }
    });
  }
});

test('a document or a table given as bytes (Uint8Array): UTF-8 computes like its text, anything else is invalid_utf8', () => {
  const pcf = viaRequire;
  const text = read(join(GOLDEN, cases[0], 'input.json'));
  const bytes = new TextEncoder().encode(text);
  assert.equal(pcf.computeJson(bytes), read(join(GOLDEN, cases[0], 'expected.json')));
  const latin1 = Uint8Array.from([...bytes.subarray(0, bytes.length - 2), 0xe9, 0x7d]);
  const err = thrown(() => pcf.compute(latin1));
  assert.ok(err instanceof pcf.PcfError);
  assert.equal(err.code, 'invalid_utf8');
  assert.equal(err.path, '$');
  const items = pcf.batch([bytes, latin1]);
  assert.equal(items[0].ok, true);
  assert.equal(items[1].error.code, 'invalid_utf8');
  const table = { name: 'latin1.csv', text: Uint8Array.from([0x69, 0x64, 0xe9, 0x0a]) };
  const t = thrown(() => pcf.compute(text, { tables: [table] }));
  assert.deepEqual([t.code, t.path], ['invalid_utf8', 'latin1.csv']);
});

test('error codes: the package, crates/pcf-core/src/error.rs and the package README list the same codes', () => {
  const rust = read(join(ROOT, 'crates', 'pcf-core', 'src', 'error.rs'));
  const body = rust.slice(rust.indexOf('pub fn code(&self)'), rust.indexOf('pub fn path(&self)'));
  // `extras_module` comes only from the page's core WASM module (built without `wasm-extras`),
  // never from the package's full module.
  const engine = [...body.matchAll(/=> "([a-z0-9_]+)"/g)].map((m) => m[1]).filter((c) => c !== 'extras_module');
  assert.ok(body.includes('=> "extras_module"'), 'crates/pcf-core/src/error.rs still has the page core\'s extras_module');
  assert.ok(engine.length >= 20, `codes in crates/pcf-core/src/error.rs: ${engine.length}`);
  assert.deepEqual([...viaRequire.ENGINE_ERROR_CODES].sort(), [...engine].sort(), 'ENGINE_ERROR_CODES = Error::code()');
  const readme = read(join(PKG, 'README.md'));
  const section = readme.slice(readme.indexOf('## Error codes'));
  const documented = [...section.matchAll(/^\| `([a-z0-9_]+)` \|/gm)].map((m) => m[1]);
  assert.deepEqual([...documented].sort(), [...viaRequire.ERROR_CODES].sort(), 'README table = ERROR_CODES');
  const dts = read(join(PKG, 'index.d.ts'));
  for (const c of viaRequire.ERROR_CODES) assert.ok(dts.includes(`'${c}'`), `index.d.ts has ${c}`);
});

test('examples/node computes a folder of products and writes results that verify', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pcf-node-example-'));
  const inDir = join(dir, 'in');
  const outDir = join(dir, 'out');
  mkdirSync(inDir);
  const picked = cases.slice(0, 6);
  for (const c of picked) writeFileSync(join(inDir, `${c}.json`), read(join(GOLDEN, c, 'input.json')));
  writeFileSync(join(inDir, 'broken.json'), '{"schema": "pcf/1"}');
  const run = spawnSync(process.execPath, [join(ROOT, 'examples', 'node', 'compute-folder.mjs'), inDir, outDir], { encoding: 'utf8' });
  assert.equal(run.status, 1, `one document fails, so exit 1; stderr: ${run.stderr}`);
  for (const c of picked) {
    const text = read(join(outDir, `${c}.result.json`));
    assert.equal(text, read(join(GOLDEN, c, 'expected.json')), `${c}: the CLI's bytes`);
    assert.equal(viaRequire.verify(text).status, 'match');
  }
  const err = JSON.parse(read(join(outDir, 'broken.error.json')));
  assert.equal(err.error.code, 'invalid_document');
  const summary = JSON.parse(read(join(outDir, 'summary.json')));
  assert.equal(summary.computed, picked.length);
  assert.equal(summary.failed, 1);
  assert.match(run.stdout, /computed 6, failed 1/);
});

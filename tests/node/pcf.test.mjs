// Node tests of the WebAssembly package (target/pkg-node, built by scripts/build-wasm.sh):
// the wasm build must give exactly what the native CLI gives on every golden case, the same
// errors (code and JSON path) on every bad input, and the reference score on every
// pcf-bench network that has one.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const PKG = join(ROOT, 'target', 'pkg-node', 'pcf.js');
const GOLDEN = join(ROOT, 'tests', 'golden');
const ERRORS = join(GOLDEN, 'errors');
const NETWORKS = join(ROOT, 'tests', 'data', 'networks');

if (!existsSync(PKG)) {
  throw new Error(`${PKG} is missing: run \`bash scripts/build-wasm.sh\` first`);
}
const pcf = createRequire(import.meta.url)(PKG);

const read = (p) => readFileSync(p, 'utf8');
const isDir = (p) => existsSync(p) && statSync(p).isDirectory();

// Call fn, which must throw; return what it threw.
function thrown(fn) {
  try {
    fn();
  } catch (err) {
    return err;
  }
  assert.fail('expected an error, but the call returned normally');
}

// First line where two texts differ, for a readable failure message.
function firstDifference(a, b) {
  const la = a.split('\n');
  const lb = b.split('\n');
  for (let i = 0; i < Math.max(la.length, lb.length); i++) {
    if (la[i] !== lb[i]) {
      return `line ${i + 1}:\n  got      ${JSON.stringify(la[i])}\n  expected ${JSON.stringify(lb[i])}`;
    }
  }
  return 'texts differ only in length';
}

describe('exports', () => {
  test('the package exports the contract functions', () => {
    for (const name of ['compute', 'computeJson', 'verify', 'precheck', 'pactExport', 'pactImport', 'pactImportInto', 'pactImportStages', 'network', 'factors', 'parameters', 'schema', 'templates', 'labels', 'version']) {
      assert.equal(typeof pcf[name], 'function', `export ${name}`);
    }
  });

  test('schema() is a JSON Schema object', () => {
    const s = pcf.schema();
    assert.equal(typeof s, 'object');
    assert.ok(s !== null && !Array.isArray(s));
    assert.equal(typeof s.$schema, 'string', 'schema has $schema');
    assert.ok(s.$schema.length > 0);
  });

  test('templates() lists the sector templates, and templates(name) gives the CLI\'s schema', () => {
    const list = pcf.templates();
    assert.ok(Array.isArray(list) && list.length >= 2, 'at least battery and steel');
    const battery = list.find((t) => t.name === 'battery');
    assert.equal(battery.tag, 'pcf-battery/1');
    for (const t of list) {
      const committed = JSON.parse(read(join(ROOT, 'schema', `${t.tag.replace('/', '-')}.schema.json`)));
      assert.deepEqual(pcf.templates(t.name), committed, `schema of ${t.name}`);
    }
    const err = thrown(() => pcf.templates('kettle'));
    assert.equal(err.code, 'invalid_value');
    assert.equal(err.path, 'template');
  });

  test('labels(name) gives an English and a Chinese label per field', () => {
    for (const t of pcf.templates()) {
      const labels = pcf.labels(t.name);
      assert.ok(Array.isArray(labels) && labels.length > 0, `labels of ${t.name}`);
      for (const l of labels) {
        assert.ok(l.field && l.en && l.zh, `${t.name}: ${JSON.stringify(l)}`);
      }
    }
    const cycles = pcf.labels('battery').find((l) => l.field === 'battery.cycles_per_year.value');
    assert.equal(cycles.zh, '每年循环次数');
  });

  test('factors() returns rows, each with an id and a non-empty source', () => {
    const rows = pcf.factors();
    assert.ok(Array.isArray(rows), 'factors() is an array');
    assert.ok(rows.length > 0, 'factors() is not empty');
    rows.forEach((row, i) => {
      assert.equal(typeof row, 'object', `row ${i}`);
      assert.equal(typeof row.source, 'string', `row ${i} (${row.id}) source is a string`);
      assert.ok(row.source.trim().length > 0, `row ${i} (${row.id}) source is non-empty`);
    });
  });

  test('version() names the engine and the factor set digest', () => {
    const v = pcf.version();
    assert.equal(typeof v.engine, 'string');
    assert.ok(v.engine.length > 0);
    // The shim names the digest factor_set_sha256 (the first draft of the contract said
    // factor_set_digest): accept either, require a SHA-256 hex digest.
    const digest = v.factor_set_sha256 ?? v.factor_set_digest;
    assert.match(String(digest), /^[0-9a-f]{64}$/);
  });
});

// ---- verification receipts: native and WASM verify each other's results ----

// The native CLI that `cargo test` / `cargo build` made (in CARGO_TARGET_DIR when it is set).
const CLI = join(process.env.CARGO_TARGET_DIR ? resolve(ROOT, process.env.CARGO_TARGET_DIR) : join(ROOT, 'target'), 'debug', 'pcf');

describe('factor listing', () => {
  test('factors() in WASM equals `pcf factors list --json`, data-type defaults included', () => {
    assert.ok(existsSync(CLI), `${CLI} is missing: run \`cargo build\` (cargo test builds it) first`);
    const run = spawnSync(CLI, ['factors', 'list', '--json'], { encoding: 'utf8', maxBuffer: 1 << 26 });
    assert.equal(run.status, 0, run.stderr);
    const native = JSON.parse(run.stdout);
    assert.deepEqual(pcf.factors(), native);
    const truck = native.find((r) => r.id === 'uk.desnz.2025.freight.hgv.all');
    assert.equal(truck.uncertainty_default.data_type, 'basic.transport');
    assert.equal(truck.uncertainty_default.distribution, `lognormal:gsd=${Math.sqrt(2)}`);
  });
});

describe('verification receipts', () => {
  const examples = readdirSync(join(ROOT, 'examples')).filter((f) => f.endsWith('.json')).sort();

  test('a result sealed natively (golden expected.json) verifies in WASM', () => {
    for (const c of readdirSync(GOLDEN).filter((c) => existsSync(join(GOLDEN, c, 'expected.json')))) {
      const report = pcf.verify(read(join(GOLDEN, c, 'expected.json')));
      assert.equal(report.status, 'match', `${c}: ${JSON.stringify(report.checks)}`);
    }
  });

  test('a result sealed in WASM verifies with the native CLI (exit 0), and a changed amount exits 1', () => {
    assert.ok(existsSync(CLI), `${CLI} is missing: run \`cargo build\` (cargo test builds it) first`);
    const dir = mkdtempSync(join(tmpdir(), 'pcf-node-verify-'));
    for (const f of examples) {
      const sealed = pcf.computeJson(read(join(ROOT, 'examples', f)));
      const file = join(dir, f);
      writeFileSync(file, sealed);
      const run = spawnSync(CLI, ['verify', file], { encoding: 'utf8' });
      assert.equal(run.status, 0, `${f}: ${run.stdout}${run.stderr}`);
      assert.equal(JSON.parse(run.stdout).status, 'match');
    }
    const v = JSON.parse(pcf.computeJson(read(join(ROOT, 'examples', examples[0]))));
    const line = v.lines.find((l) => l.path.startsWith('$.') && typeof l.amount === 'number' && l.amount > 0);
    // Change the first number found along that line's input path.
    const segments = line.path.slice(2).split(/\.|\[|\]/).filter(Boolean);
    let node = v.input;
    for (const s of segments) node = node[/^\d+$/.test(s) ? Number(s) : s];
    node.amount = node.amount * 2;
    const file = join(dir, 'changed.json');
    writeFileSync(file, JSON.stringify(v));
    const run = spawnSync(CLI, ['verify', file], { encoding: 'utf8' });
    assert.equal(run.status, 1, run.stdout + run.stderr);
    const report = JSON.parse(run.stdout);
    assert.equal(report.status, 'mismatch');
    assert.ok(report.differences.some((d) => d.path.endsWith('.amount')), JSON.stringify(report.differences));
    // And WASM agrees.
    assert.equal(pcf.verify(JSON.stringify(v)).status, 'mismatch');
  });

  test('verify() of a document that is not a sealed result throws with the path', () => {
    const err = thrown(() => pcf.verify('{"total_kg_co2e": 1}'));
    assert.equal(err.code, 'invalid_document');
    assert.equal(err.path, '$.receipt');
  });
});

// ---- pre-checks: the WASM report equals the CLI's ----

describe('pre-checks', () => {
  test('precheck() gives the same report as `pcf precheck`, and throws on an unknown scheme', () => {
    assert.ok(existsSync(CLI), `${CLI} is missing: run \`cargo build\` first`);
    for (const [file, scheme, verdict] of [
      ['steel-bf-bof-coil.json', 'cbam-steel', 'ready'],
      ['battery-m1-75kwh.json', 'eu-battery', 'ready_with_warnings'],
      ['steel-bf-bof-coil.json', 'eu-battery', 'not_ready'],
    ]) {
      const path = join(ROOT, 'examples', file);
      const report = pcf.precheck(read(path), scheme);
      assert.equal(report.verdict, verdict, `${file} / ${scheme}`);
      const run = spawnSync(CLI, ['precheck', path, '--scheme', scheme], { encoding: 'utf8' });
      assert.equal(run.status, verdict === 'not_ready' ? 1 : 0);
      assert.deepEqual(report, JSON.parse(run.stdout), `${file} / ${scheme}: WASM and CLI agree`);
    }
    const err = thrown(() => pcf.precheck('{}', 'kettle'));
    assert.equal(err.code, 'invalid_value');
    assert.equal(err.path, 'scheme');
  });
});

// ---- PACT exchange: pactExport / pactImport equal `pcf pact export` / `pcf pact import` ----

describe('PACT exchange', () => {
  const meta = { crossSectoralStandards: ['ISO14067'], companyName: 'Example Steel Co.' };

  test('pactExport(result, spec, meta) equals `pcf pact export`, and pactImport equals `pcf pact import`', () => {
    assert.ok(existsSync(CLI), `${CLI} is missing: run \`cargo build\` first`);
    const dir = mkdtempSync(join(tmpdir(), 'pcf-node-pact-'));
    const result = pcf.computeJson(read(join(ROOT, 'examples', 'steel-hot-rolled-coil-generic.json')));
    const resultFile = join(dir, 'result.json');
    const metaFile = join(dir, 'meta.json');
    writeFileSync(resultFile, result);
    writeFileSync(metaFile, JSON.stringify(meta));
    const total = JSON.parse(result).total_kg_co2e;
    for (const spec of [2, '3']) {
      const pf = pcf.pactExport(result, spec, meta);
      const run = spawnSync(CLI, ['pact', 'export', resultFile, '--spec', String(spec), '--meta', metaFile], { encoding: 'utf8' });
      assert.equal(run.status, 0, run.stderr);
      assert.deepEqual(pf, JSON.parse(run.stdout), `spec ${spec}: WASM and CLI agree`);
      const pfFile = join(dir, `pf${spec}.json`);
      writeFileSync(pfFile, run.stdout);
      const component = pcf.pactImport(pf, { id: 'coil', amount: '1 t' });
      const imp = spawnSync(CLI, ['pact', 'import', pfFile, '--id', 'coil', '--amount', '1 t'], { encoding: 'utf8' });
      assert.equal(imp.status, 0, imp.stderr);
      assert.deepEqual(component, JSON.parse(imp.stdout));
      assert.ok(Math.abs(component.declared.kg_co2e - total) <= 1e-12 * total, `${component.declared.kg_co2e} vs ${total}`);
    }
  });

  test('pactExport and pactImport throw with the code and path', () => {
    const result = pcf.computeJson(read(join(ROOT, 'examples', 'steel-hot-rolled-coil-generic.json')));
    let err = thrown(() => pcf.pactExport(result, 3));
    assert.equal(err.code, 'invalid_value');
    assert.equal(err.path, '$.input.study.standards');
    err = thrown(() => pcf.pactExport(result, 4, meta));
    assert.equal(err.code, 'invalid_value');
    assert.equal(err.path, 'spec');
    const pf = pcf.pactExport(result, 3, meta);
    err = thrown(() => pcf.pactImport(pf, { at: '2040-01-01' }));
    assert.equal(err.code, 'expired_footprint');
    assert.equal(err.path, '$.pcf.referencePeriodEnd');
    err = thrown(() => pcf.pactImport({ ...pf, created: 'yesterday' }));
    assert.equal(err.code, 'invalid_value');
    assert.equal(err.path, '$.created');
    err = thrown(() => pcf.pactImport(pf, { colour: 'red' }));
    assert.equal(err.code, 'invalid_document');
    assert.equal(err.path, 'options.colour');
  });

  // A supplier in one step: the same bytes as `pcf pact import --into`.
  const SUPPLIER = join(ROOT, 'tests', 'data', 'pact', 'aluminium-ingot-v3.json');
  test('pactImportInto(footprint, product, options) equals `pcf pact import --into`, byte for byte', () => {
    assert.ok(existsSync(CLI), `${CLI} is missing: run \`cargo build\` first`);
    const cases = [
      ['battery-lfp-60kwh-generic.json', { amount: '2.5 kg' }, ['--amount', '2.5 kg'], 2.5],
      ['battery-m1-75kwh.json', { amount: 2500, unit: 'g', stage: 'main_production', id: 'alu' }, ['--amount', '2500 g', '--stage', 'main_production', '--id', 'alu'], 2.5],
      ['ev-m1-compact-car.json', { amount: '3', stage: 'glider', per: '1 t' }, ['--amount', '3', '--stage', 'glider', '--per', '1 t'], 3],
      ['textile-tshirt-recycled-polyester.json', { amount: '0.2 kg', stage: 'finishing' }, ['--amount', '0.2 kg', '--stage', 'finishing'], 0.2],
    ];
    for (const [file, options, flags, kg] of cases) {
      const path = join(ROOT, 'examples', file);
      const text = pcf.pactImportInto(read(SUPPLIER), read(path), options);
      const run = spawnSync(CLI, ['pact', 'import', SUPPLIER, '--into', path, ...flags], { encoding: 'utf8' });
      assert.equal(run.status, 0, run.stderr);
      assert.equal(text, run.stdout, `${file}: WASM and CLI write the same bytes`);
      // The total rises by the amount × 4.2 kg CO2e/kg.
      const before = pcf.compute(read(path)).total_kg_co2e;
      const after = pcf.compute(text).total_kg_co2e;
      const want = before + kg * 4.2;
      assert.ok(Math.abs(after - want) <= 1e-12 * want, `${file}: ${after} vs ${want}`);
    }
    // The file's bytes (a Uint8Array) do as the text.
    const product = read(join(ROOT, 'examples', 'battery-lfp-60kwh-generic.json'));
    assert.equal(pcf.pactImportInto(readFileSync(SUPPLIER), new TextEncoder().encode(product), { amount: '2.5 kg' }),
      pcf.pactImportInto(read(SUPPLIER), product, { amount: '2.5 kg' }));
    assert.deepEqual(pcf.pactImportStages(product), ['raw_material_acquisition', 'main_production', 'distribution', 'end_of_life']);
  });

  test('pactImportInto throws with the code and path of the CLI', () => {
    const product = read(join(ROOT, 'examples', 'battery-lfp-60kwh-generic.json'));
    const supplier = read(SUPPLIER);
    const cases = [
      [supplier, product, { amount: '3 kWh' }, 'dimension_mismatch', 'amount'],
      [supplier, product, { amount: '1 kg', stage: 'use' }, 'invalid_value', 'stage'],
      [supplier, product, { amount: '1 kg', per: '1 h' }, 'dimension_mismatch', 'per'],
      [supplier, product, {}, 'invalid_document', 'options.amount'],
      [supplier, product, undefined, 'invalid_document', 'options.amount'],
      [supplier, product, { amount: '1 kg', unit: 'kg' }, 'invalid_document', 'options.unit'],
      [supplier.replace('"specVersion": "3.0.0",', ''), product, { amount: '1 kg' }, 'invalid_document', '$pact.specVersion'],
      [supplier, pcf.pactImportInto(supplier, product, { amount: '1 kg' }), { amount: '1 kg' }, 'duplicate_id', '$.components[0].id'],
      [supplier, read(join(ROOT, 'examples', 'steel-bf-bof-coil.json')), { amount: '1 kg' }, 'unsupported_schema', '$.schema'],
    ];
    for (const [fp, doc, options, code, path] of cases) {
      const err = thrown(() => pcf.pactImportInto(fp, doc, options));
      assert.deepEqual([err.code, err.path], [code, path], JSON.stringify(options));
    }
    const err = thrown(() => pcf.pactImportStages('{"schema": "pcf-pv/1"}'));
    assert.deepEqual([err.code, err.path], ['unsupported_schema', '$.schema']);
  });
});

// ---- golden cases: tests/golden/<case>/{input,expected}.json ----

const goldenCases = isDir(GOLDEN)
  ? readdirSync(GOLDEN)
      .filter((c) => c !== 'errors' && isDir(join(GOLDEN, c)))
      .filter((c) => existsSync(join(GOLDEN, c, 'input.json')))
      .sort()
  : [];

describe('golden cases (wasm output is identical to the native CLI)', () => {
  test('there are golden cases', () => {
    assert.ok(goldenCases.length > 0, `no tests/golden/<case>/input.json found under ${GOLDEN}`);
  });

  for (const c of goldenCases) {
    const inputText = read(join(GOLDEN, c, 'input.json'));
    const expectedPath = join(GOLDEN, c, 'expected.json');

    test(`${c}: computeJson(input) is byte-identical to expected.json`, () => {
      assert.ok(existsSync(expectedPath), `${expectedPath} is missing`);
      const expected = read(expectedPath);
      const got = pcf.computeJson(inputText);
      assert.equal(typeof got, 'string');
      if (got !== expected) {
        assert.fail(`computeJson differs from ${c}/expected.json at ${firstDifference(got, expected)}`);
      }
    });

    test(`${c}: compute(object) deep-equals expected.json`, () => {
      const expected = JSON.parse(read(expectedPath));
      const got = pcf.compute(JSON.parse(inputText));
      assert.deepStrictEqual(got, expected);
    });

    test(`${c}: compute(text) deep-equals expected.json`, () => {
      const expected = JSON.parse(read(expectedPath));
      assert.deepStrictEqual(pcf.compute(inputText), expected);
    });

    test(`${c}: computeTotals(text) holds expected.json's figures, bit for bit`, () => {
      const expected = JSON.parse(read(expectedPath));
      const t = pcf.computeTotals(inputText);
      assert.equal(t.schema, 'pcf-totals/1');
      for (const k of ['total_kg_co2e', 'by_stage', 'by_class', 'removals_kg_co2e', 'by_gas', 'by_component']) {
        assert.deepStrictEqual(t[k], expected[k], k);
      }
      // The totals carry each warning without its list of paths (the first is `path`).
      assert.deepStrictEqual(t.warnings, expected.warnings.map(({ code, path, message }) => ({ code, path, message })));
      assert.deepStrictEqual(t.lines_kg_co2e, expected.lines.map((l) => l.kg_co2e ?? null));
    });

    test(`${c}: result has the documented top-level shape`, () => {
      const r = pcf.compute(inputText);
      assert.equal(typeof r.total_kg_co2e, 'number');
      assert.ok(Number.isFinite(r.total_kg_co2e));
      assert.equal(typeof r.declared_unit, 'object');
      assert.equal(typeof r.declared_unit.amount, 'number');
      assert.equal(typeof r.declared_unit.unit, 'string');
      assert.ok(Array.isArray(r.by_stage));
      for (const s of r.by_stage) {
        assert.equal(typeof s.stage, 'string');
        assert.equal(typeof s.kg_co2e, 'number');
      }
      assert.ok(Array.isArray(r.lines));
      // Line kinds: "factor" (an emission factor, with provenance), "gas" (a direct emission
      // with its GWP), "declared" (a supplier's declared footprint) and "input" (a link to
      // another process of the model, whose emissions are in that process's lines).
      for (const l of r.lines) {
        assert.ok(['factor', 'gas', 'declared', 'input'].includes(l.kind), `line ${l.path}: kind ${l.kind}`);
        assert.equal(typeof l.path, 'string');
        if (l.kind === 'factor') {
          assert.equal(typeof l.kg_co2e, 'number', `line ${l.path}: kg_co2e`);
          assert.equal(typeof l.factor.id, 'string', `line ${l.path}: factor.id`);
          assert.equal(typeof l.factor.source, 'string', `line ${l.path}: factor.source`);
          assert.ok(l.factor.source.length > 0, `factor ${l.factor.id} has a source`);
        } else if (l.kind === 'gas') {
          assert.equal(typeof l.kg_co2e, 'number', `line ${l.path}: kg_co2e`);
          assert.equal(typeof l.gas, 'string', `line ${l.path}: gas`);
        } else if (l.kind === 'input') {
          assert.equal(l.kg_co2e, undefined, `input line ${l.path} carries no kg_co2e`);
        }
      }
      assert.ok(Array.isArray(r.warnings));
      for (const w of r.warnings) {
        assert.equal(typeof w.code, 'string');
        assert.equal(typeof w.path, 'string');
        assert.equal(typeof w.message, 'string');
        // One warning per fact: every place it applies to, the first being `path`.
        assert.ok(Array.isArray(w.paths) && w.paths.length > 0, `${w.code}: paths`);
        assert.equal(w.paths[0], w.path);
        assert.equal(new Set(w.paths).size, w.paths.length, `${w.code}: each place once`);
      }
      assert.equal(new Set(r.warnings.map((w) => `${w.code} ${w.message}`)).size, r.warnings.length);
    });
  }
});

// ---- bad inputs: tests/golden/errors/<case>.json = {input, code, path} ----

describe('error cases (thrown Error with code and JSON path)', () => {
  // The cases are committed: a missing directory is a failure, never a skip.
  test('tests/golden/errors/ exists', () => assert.ok(isDir(ERRORS), `${ERRORS} is missing`));
  if (!isDir(ERRORS)) return;
  const files = readdirSync(ERRORS).filter((f) => f.endsWith('.json')).sort();
  test('tests/golden/errors/ has cases', () => {
    assert.ok(files.length > 0, `${ERRORS} exists but holds no *.json case`);
  });

  for (const f of files) {
    const spec = JSON.parse(read(join(ERRORS, f)));
    const asText = typeof spec.input === 'string' ? spec.input : JSON.stringify(spec.input);

    test(`${f}: case file is well-formed`, () => {
      assert.ok('input' in spec, 'has input');
      assert.equal(typeof spec.code, 'string', 'has a string code');
      assert.equal(typeof spec.path, 'string', 'has a string path');
    });

    for (const [label, call] of [
      ['compute(input)', () => pcf.compute(spec.input)],
      ['computeJson(text)', () => pcf.computeJson(asText)],
    ]) {
      test(`${f}: ${label} throws ${spec.code} at ${spec.path}`, () => {
        const err = thrown(call);
        assert.ok(err instanceof Error, `thrown value is an Error (got ${typeof err}: ${String(err)})`);
        assert.equal(typeof err.message, 'string');
        assert.ok(err.message.length > 0, 'error has a message');
        assert.deepStrictEqual({ code: err.code, path: err.path }, { code: spec.code, path: spec.path });
      });
    }
  }
});

// ---- pcf-bench networks: tests/data/networks/<name>.json with <name>.pardiso.ref.json ----

describe('pcf-bench networks (score against the Brightway PARDISO reference)', () => {
  test('tests/data/networks/ exists', () => assert.ok(isDir(NETWORKS), `${NETWORKS} is missing`));
  if (!isDir(NETWORKS)) return;
  const RTOL = 1e-9;
  const pairs = readdirSync(NETWORKS)
    .filter((f) => f.endsWith('.json') && !f.endsWith('.ref.json'))
    .map((f) => ({ net: f, ref: f.replace(/\.json$/, '.pardiso.ref.json') }))
    .filter(({ ref }) => existsSync(join(NETWORKS, ref)))
    .sort((a, b) => a.net.localeCompare(b.net));

  test('tests/data/networks/ has networks with references', () => {
    assert.ok(pairs.length > 0, `${NETWORKS} exists but has no <name>.json with <name>.pardiso.ref.json`);
  });

  for (const { net, ref } of pairs) {
    test(`${net}: network() matches ${ref} within ${RTOL} relative`, () => {
      const reference = JSON.parse(read(join(NETWORKS, ref)));
      const result = pcf.network(read(join(NETWORKS, net)));
      assert.equal(result.format, 'pcf-bench-result');
      assert.equal(typeof result.score, 'number');
      const rs = Number(reference.score);
      const relerr = Math.abs(result.score - rs) / Math.max(Math.abs(rs), 1e-300);
      assert.ok(relerr <= RTOL, `score ${result.score} vs reference ${rs}: relative error ${relerr}`);

      // Same checks as shared/bench/compare.py for the optional parts.
      const entries = (o) => (o instanceof Map ? [...o.entries()] : Object.entries(o ?? {}));
      if (result.inventory && reference.inventory) {
        const refInv = Object.fromEntries(entries(reference.inventory));
        const got = Object.fromEntries(entries(result.inventory));
        const scale = Math.max(...Object.values(refInv).map(Math.abs)) || 1e-300;
        for (const [gas, v] of Object.entries(refInv)) {
          const e = Math.abs(Number(got[gas] ?? 0) - v) / scale;
          assert.ok(e <= RTOL, `inventory ${gas}: ${got[gas]} vs ${v} (norm-wise relative error ${e})`);
        }
      }
      if (result.supply && reference.supply) {
        const refSup = Object.fromEntries(entries(reference.supply));
        const scale = Math.max(...Object.values(refSup).map(Math.abs)) || 1e-300;
        for (const [id, v] of entries(result.supply)) {
          assert.ok(id in refSup, `supply names process ${id}, unknown to the reference`);
          const e = Math.abs(Number(v) - refSup[id]) / scale;
          assert.ok(e <= RTOL, `supply ${id}: ${v} vs ${refSup[id]} (norm-wise relative error ${e})`);
        }
      }
    });
  }
});

describe('user factor tables', () => {
  const header =
    'id,name_en,name_zh,value,value_unit,per_unit,basis,gwp_set,class,geography,year,source,licence,verification,notes\n';
  const row =
    'cn.elec.footprint.2023.national,my green PPA,,0.05,kg,kWh,CO2e,AR6,fossil,CN-JS,2024,PPA certificate 42,own,user,\n';
  const input = read(join(GOLDEN, 'electricity', 'input.json'));

  test('a table that redefines a built-in id is a factor_conflict unless override is set', () => {
    const err = thrown(() => pcf.compute(input, [{ name: 'green.csv', text: header + row }]));
    assert.ok(err instanceof Error);
    assert.equal(err.code, 'factor_conflict');
    assert.equal(err.path, 'green.csv:2');
  });

  test('with override: true the user row is used and reported', () => {
    const r = pcf.compute(input, [{ name: 'green.csv', text: header + row, override: true }]);
    // 1,000 kWh × 0.05 kg CO2e/kWh from the user's row.
    assert.equal(r.total_kg_co2e, 50);
    assert.equal(r.lines[0].factor.table, 'green.csv');
    assert.deepEqual(r.factor_set.overrides, [
      { id: 'cn.elec.footprint.2023.national', used: 'green.csv', hidden: 'electricity_cn.csv' },
    ]);
  });

  test('an override that is not a boolean is an error at its path, not a silent false', () => {
    for (const override of ['true', 1]) {
      const err = thrown(() => pcf.compute(input, [{ name: 'green.csv', text: header + row, override }]));
      assert.equal(err.code, 'invalid_value');
      assert.equal(err.path, 'tables[0].override');
    }
    // null, like absent, is false: the conflict error, not the override.
    const err = thrown(() => pcf.compute(input, [{ name: 'green.csv', text: header + row, override: null }]));
    assert.equal(err.code, 'factor_conflict');
  });

  test('a malformed user table names its row and column', () => {
    const bad = header + 'x,X,,abc,kg,kWh,CO2e,AR6,fossil,CN,2024,s,l,user,\n';
    const err = thrown(() => pcf.compute(input, [{ name: 'bad.csv', text: bad }]));
    assert.equal(err.code, 'invalid_factor_table');
    assert.equal(err.path, 'bad.csv:2:value');
  });
});

describe('factor library', () => {
  test('derived IPCC fuel factors are in factors() with their formula', () => {
    const [diesel] = pcf.factors('ipcc2006.fuel.gas_diesel_oil.co2.per-t');
    assert.equal(diesel.value, (43.0 * 74100) / 1000);
    assert.match(diesel.notes, /NCV 43 GJ\/t × 74100 kg\/TJ ÷ 1000/);
  });

  test('parameters() returns sourced rows and filters by query', () => {
    const all = pcf.parameters();
    assert.ok(all.length >= 30);
    const lfp = pcf.parameters('battery band lfp');
    assert.deepEqual(
      lfp.map((p) => p.value),
      [54, 62, 69],
    );
    for (const p of all) assert.ok(p.source.length > 0, p.id);
  });
});

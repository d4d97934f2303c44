// The PACT round trip of tests/pact_roundtrip.rs, in WebAssembly (target/pkg-node): every
// official example (read from ../shared/standards/pact, never copied here) is imported
// (pactImport), computed for its declared amount (computeJson) and exported in its own spec
// version (pactExportReport): every numeric pcf field comes back within 1e-9 relative, data
// quality included, and the export is the native CLI's, byte for byte. Also: a product of two
// suppliers and an own line exports the sums; a v2 footprint crosses into v3; pactCheck finds
// the examples' inconsistencies as `pcf pact check` does.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const PKG = join(ROOT, 'target', 'pkg-node', 'pcf.js');
const CLI = join(process.env.CARGO_TARGET_DIR ? resolve(ROOT, process.env.CARGO_TARGET_DIR) : join(ROOT, 'target'), 'debug', 'pcf');
const STANDARDS = join(ROOT, '..', 'shared', 'standards', 'pact');

if (!existsSync(PKG)) {
  throw new Error(`${PKG} is missing: run \`bash scripts/build-wasm.sh\` first`);
}
if (!existsSync(STANDARDS)) {
  throw new Error(`${STANDARDS} is missing: the official PACT examples are read from there`);
}
const pcf = createRequire(import.meta.url)(PKG);

const OFFICIAL = [
  ['v2', 'get-footprint-response.json'],
  ['v2', 'list-footprints-response.json'],
  ['v2', 'pf-response-event.json'],
  ['v3', 'example-1.json'],
  ['v3', 'example-2.json'],
  ['v3', 'example-3.json'],
  ['v3', 'example-4.json'],
  ['v3', 'get-footprint-response.json'],
  ['v3', 'list-footprints-response.json'],
  ['v3', 'pf-response-event.json'],
];

const read = (dir, file) => readFileSync(join(STANDARDS, dir, file), 'utf8');

// The first footprint of a file: bare, in `data`, `data[0]` or `data.pfs[0]`.
function footprintOf(v) {
  if (v.pcf) return v;
  if (Array.isArray(v.data)) return v.data[0];
  if (v.data.pcf) return v.data;
  return v.data.pfs[0];
}

// A decimal string (v3) or a JSON number (v2).
function num(v) {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && /^[+-]?\d+(\.\d+)?$/.test(v)) return Number(v);
  return undefined;
}

function close(a, b) {
  return Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b)) || (a === 0 && Math.abs(b) < 1e-300);
}

// Every numeric field of an object (nested objects included), by dotted path.
function numbers(v, path, out) {
  for (const [k, x] of Object.entries(v)) {
    if (x !== null && typeof x === 'object' && !Array.isArray(x)) numbers(x, `${path}.${k}`, out);
    else if (num(x) !== undefined) out.push([`${path}.${k}`, num(x)]);
  }
  return out;
}

const at = (v, path) => path.split('.').slice(1).reduce((o, k) => (o === undefined ? o : o[k]), v);

function product(components, own, declared) {
  const activities = components.map(([c, amount]) => ({
    amount, unit: c.declared.per.unit, input: c.id, stage: 'raw_material_acquisition',
  }));
  if (own) activities.push(own);
  const start = components.map(([c]) => c.pact.validity_period.start.slice(0, 10)).sort().at(-1);
  return JSON.stringify({
    schema: 'pcf/1',
    product: { name: 'roll-up', sector: 'other', declared_unit: declared },
    gwp_set: 'AR6',
    boundary: { kind: 'cradle-to-gate', stages: ['raw_material_acquisition', 'production'] },
    reference_period: { start, end: start },
    activities,
    components: components.map(([c]) => c),
  });
}

function metaOf(pf) {
  const meta = { crossSectoralStandards: ['GHGP-Product'] };
  const amount = num(pf.pcf.declaredUnitAmount ?? pf.pcf.unitaryProductAmount);
  const mass = num(pf.pcf.productMassPerDeclaredUnit);
  if (mass > 0) meta.productMassKg = mass * amount;
  return meta;
}

describe('PACT round trip in WASM', () => {
  test('every official example survives import → compute → export, and the CLI writes the same bytes', () => {
    assert.ok(existsSync(CLI), `${CLI} is missing: run \`cargo build\` first`);
    const dir = mkdtempSync(join(tmpdir(), 'pcf-node-pact-rt-'));
    let compared = 0;
    for (const [version, file] of OFFICIAL) {
      const name = `${version}/${file}`;
      const text = read(version, file);
      const pf = footprintOf(JSON.parse(text));
      const c = pcf.pactImport(text, { id: 'supplier', index: 0 });
      const amount = num(pf.pcf.declaredUnitAmount ?? pf.pcf.unitaryProductAmount);
      const doc = product([[c, amount]], null, { amount, unit: c.declared.per.unit });
      const result = pcf.computeJson(doc);
      const spec = version === 'v2' ? 2 : 3;
      const report = pcf.pactExportReport(result, spec, metaOf(pf));
      assert.equal(report.conformant, true, name);
      const unknown = Object.keys(c.pact.unknown_properties || {});
      for (const [path, want] of numbers(pf.pcf, '$.pcf', [])) {
        if (unknown.includes(path)) continue;
        const got = num(at(report.footprint, path));
        assert.ok(got !== undefined, `${name}: ${path} is missing from the export`);
        assert.ok(close(got, want), `${name}: ${path} is ${got}, the supplier declared ${want}`);
        compared += 1;
      }
      // The native CLI exports the same bytes, and prints the same warnings.
      const resultFile = join(dir, 'result.json');
      const metaFile = join(dir, 'meta.json');
      writeFileSync(resultFile, result);
      writeFileSync(metaFile, JSON.stringify(metaOf(pf)));
      const run = spawnSync(CLI, ['pact', 'export', resultFile, '--spec', String(spec), '--meta', metaFile], { encoding: 'utf8' });
      assert.equal(run.status, 0, run.stderr);
      assert.deepEqual(JSON.parse(run.stdout), report.footprint, name);
      const warnings = run.stderr.split('\n').filter(Boolean).map((l) => JSON.parse(l).warning);
      assert.deepEqual(warnings, report.warnings, name);
    }
    assert.ok(compared >= 190, `${compared} figures compared`);
  });

  test('two suppliers and an own line export the sums', () => {
    const t1 = read('v3', 'example-1.json');
    const t4 = read('v3', 'example-4.json');
    const [pf1, pf4] = [JSON.parse(t1), JSON.parse(t4)];
    const c1 = pcf.pactImport(t1, { id: 'ethanol' });
    const c4 = pcf.pactImport(t4, { id: 'fibre' });
    const own = { amount: 10, unit: 'kWh', factor: 'cn.elec.footprint.2023.national', stage: 'production' };
    const result = JSON.parse(pcf.computeJson(product([[c1, 2], [c4, 3]], own, { amount: 5, unit: 'kg' })));
    const ownKg = result.lines.find((l) => l.kind === 'factor').kg_co2e;
    const f = pcf.pactExport(result, 3, { crossSectoralStandards: ['ISO14067'] }).pcf;
    const x = (pf, k) => num(pf.pcf[k]) ?? 0;
    const ownIn = (k) => (['pcfExcludingBiogenicUptake', 'pcfIncludingBiogenicUptake', 'fossilGhgEmissions'].includes(k) ? ownKg : 0);
    for (const k of ['pcfExcludingBiogenicUptake', 'pcfIncludingBiogenicUptake', 'fossilGhgEmissions',
      'biogenicCarbonContent', 'landUseChangeGhgEmissions', 'landManagementBiogenicCO2Emissions',
      'biogenicCO2Uptake', 'biogenicNonCO2Emissions', 'landAreaOccupation', 'outboundLogisticsGhgEmissions']) {
      const want = (2 * x(pf1, k) + 3 * x(pf4, k) + ownIn(k)) / 5;
      assert.ok(close(num(f[k]), want), `${k}: ${f[k]}, want ${want}`);
    }
    // The result reports the parts scaled by the amounts used.
    assert.equal(result.parts.total.biogenic_co2_uptake, 2 * -1.61 + 3 * -0.37);
  });

  test('a v2 footprint crosses into v3 field by field, the differences said', () => {
    const text = read('v2', 'get-footprint-response.json');
    const pf = footprintOf(JSON.parse(text));
    const c = pcf.pactImport(text, { id: 'ethanol' });
    const result = pcf.computeJson(product([[c, 1]], null, { amount: 1, unit: 'L' }));
    const report = pcf.pactExportReport(result, 3, { crossSectoralStandards: ['ISO14067'] });
    const f = report.footprint.pcf;
    for (const [k2, k3] of [['pCfExcludingBiogenic', 'pcfExcludingBiogenicUptake'], ['pCfIncludingBiogenic', 'pcfIncludingBiogenicUptake'],
      ['dLucGhgEmissions', 'landUseChangeGhgEmissions'], ['iLucGhgEmissions', 'landCarbonLeakage'],
      ['otherBiogenicGhgEmissions', 'biogenicNonCO2Emissions'], ['biogenicCarbonWithdrawal', 'biogenicCO2Uptake']]) {
      assert.ok(close(num(f[k3]), num(pf.pcf[k2])), `${k2} → ${k3}`);
    }
    const codes = report.warnings.map((w) => `${w.code} ${w.path}`);
    assert.ok(codes.includes('spec_crossing $.lines'), codes.join('\n'));
    assert.ok(codes.includes('part_not_carried $.parts.total.land_management_ghg_emissions'), codes.join('\n'));
  });

  test('pactCheck finds what `pcf pact check` finds', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pcf-node-pact-check-'));
    for (const [version, file] of OFFICIAL) {
      const text = read(version, file);
      const report = pcf.pactCheck(text, undefined, 0);
      const f = join(dir, 'pf.json');
      writeFileSync(f, text);
      const run = spawnSync(CLI, ['pact', 'check', f, '--index', '0'], { encoding: 'utf8' });
      assert.equal(run.status, report.conformant && report.consistent ? 0 : 1, `${version}/${file}: ${run.stderr}`);
      assert.deepEqual(JSON.parse(run.stdout), report, `${version}/${file}`);
    }
    const ex1 = pcf.pactCheck(read('v3', 'example-1.json'));
    assert.equal(ex1.conformant, true);
    assert.equal(ex1.consistent, false);
    assert.equal(ex1.identities[0].path, '$.pcf.pcfExcludingBiogenicUptake');
    let err;
    try {
      pcf.pactCheck('{"data": 1}');
    } catch (e) {
      err = e;
    }
    assert.equal(err?.code, 'invalid_document');
    assert.equal(err?.path, '$.data');
  });
});

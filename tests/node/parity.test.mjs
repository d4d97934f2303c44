// Native and WASM results are bit-identical on generated documents (issue 9, property tests).
//
// A seeded generator (below; same seed, same documents, on every machine) writes N random
// valid pcf/1 documents: GWP sets, declared units, unit conversions (kWh/MWh/MJ/GJ, g/kg/t,
// t·km/kg·km), direct emissions of several gases (removals too), components in chains, loops
// solved by iteration, multi-output allocation (mass, economic, explicit), declared supplier
// footprints, data quality. Each is computed by the native CLI (`pcf batch`, one process for
// all, and `pcf compute` for a sample, byte for byte) and by the WASM build (`computeJson`):
//   - the sealed results are equal value for value (every f64 bit, -0 included) and carry
//     the same receipt digests (RFC 8785 SHA-256 of the canonical input and result);
//   - for every PCF_PARITY_BYTES-th document the text `pcf compute` prints is byte-identical
//     to `computeJson`'s.
// Knobs: PCF_PARITY_N (default 200), PCF_PARITY_SEED (default 9).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const PKG = join(ROOT, 'target', 'pkg-node', 'pcf.js');
if (!existsSync(PKG)) {
  throw new Error(`${PKG} is missing: run \`bash scripts/build-wasm.sh\` first`);
}
const pcf = createRequire(import.meta.url)(PKG);
// The native CLI that `cargo test` / `cargo build` made (in CARGO_TARGET_DIR when it is set).
const CLI = join(process.env.CARGO_TARGET_DIR ? resolve(ROOT, process.env.CARGO_TARGET_DIR) : join(ROOT, 'target'), 'debug', 'pcf');

const N = Number(process.env.PCF_PARITY_N ?? 200);
const SEED = Number(process.env.PCF_PARITY_SEED ?? 9);
const BYTES_EVERY = Number(process.env.PCF_PARITY_BYTES ?? 10);

// ---- the generator ----

// mulberry32: a small seeded PRNG (32-bit state), uniform in [0, 1).
function rng32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Built-in factors by the dimension of their per-unit, with units of that dimension to write
// amounts in (the engine converts).
const FACTORS = [
  { id: 'cn.elec.footprint.2023.national', units: ['kWh', 'MWh', 'MJ', 'GJ'] },
  { id: 'cn.elec.ets.2022', units: ['kWh', 'MWh', 'GJ'] },
  { id: 'world.elec.ember.2023', units: ['kWh', 'MJ'] },
  { id: 'cn.sh.ets.heat.default', units: ['GJ', 'MJ', 'kWh'] },
  { id: 'uk.desnz.2025.material.steel.primary', units: ['kg', 't', 'g'] },
  { id: 'uk.desnz.2025.material.aluminium.primary', units: ['kg', 't'] },
  { id: 'worldsteel.co2.2019.world', units: ['t', 'kg'] },
  { id: 'uk.desnz.2025.freight.hgv.all', units: ['tkm', 't·km', 'kg·km'] },
];
const GASES = ['CO2_fossil', 'CO2_biogenic', 'CO2_luc', 'CH4', 'N2O', 'SF6', 'HFC-134a'];
const MASS = ['kg', 'g', 't'];
const STAGES = ['raw_material_acquisition', 'production', 'distribution', 'use', 'end_of_life'];

function generate(seed) {
  const r = rng32(seed);
  const pick = (xs) => xs[Math.floor(r() * xs.length)];
  const chance = (p) => r() < p;
  const int = (lo, hi) => lo + Math.floor(r() * (hi - lo + 1));
  // Amounts over many magnitudes with 1–17 significant digits: decimal text that is rarely
  // exact in binary, so parsing and every conversion is exercised.
  const amount = () => {
    const mag = 10 ** int(-4, 5);
    return Number((r() * mag).toPrecision(int(1, 17))) || mag;
  };
  const stages = STAGES.filter((_, i) => i < 2 || chance(0.5));
  const stage = () => pick(stages);
  const factorLine = () => {
    const f = pick(FACTORS);
    const line = { amount: amount(), unit: pick(f.units), factor: f.id };
    if (chance(0.2)) line.data_quality = { primary: chance(0.5), technological: int(1, 5), temporal: int(1, 5) };
    return line;
  };
  const gasLine = () => {
    const gas = pick(GASES);
    const e = { gas, amount: amount(), unit: pick(MASS) };
    if (gas === 'CO2_biogenic' && chance(0.5)) e.removal = true;
    return e;
  };

  const nComp = int(0, 5);
  const ids = Array.from({ length: nComp }, (_, i) => `c${i}`);
  const components = ids.map((id, i) => {
    // Outputs of at least 1 kg and inputs from other components of at most 0.3 kg: every loop
    // gains less than 1 per round, so the network is productive (the solver proves it).
    const small = (max) => Number((max * r()).toPrecision(int(1, 15))) || max / 2;
    const c = {
      id,
      output: { amount: Number((1 + 9 * r()).toPrecision(int(1, 15))), unit: pick(['kg', 't']) },
      stage: stage(),
      activities: [],
    };
    if (chance(0.15)) {
      // A supplier's declared footprint instead of lines.
      delete c.output;
      c.declared = {
        kg_co2e: amount(),
        per: { amount: pick([1, 1000, amount()]), unit: pick(MASS) },
        gwp_set: pick(['AR5', 'AR6', 'unspecified']),
        provenance: { supplier: `supplier ${i}`, source: `EPD ${int(1, 999)}` },
      };
      return c;
    }
    for (let k = int(1, 4); k > 0; k--) c.activities.push(factorLine());
    if (chance(0.4)) c.emissions = Array.from({ length: int(1, 3) }, gasLine);
    // Inputs from later components (a chain / DAG); sometimes a small amount back to an
    // earlier one, which makes a loop the iterative solver proves.
    if (i + 1 < nComp && chance(0.7)) c.activities.push({ amount: small(0.3), unit: pick(['kg', 'g']), input: ids[int(i + 1, nComp - 1)] });
    if (i > 0 && chance(0.3)) c.activities.push({ amount: small(0.05), unit: 'kg', input: ids[int(0, i - 1)] });
    if (chance(0.25)) {
      const method = pick(['mass', 'economic', 'explicit']);
      const outs = [
        { name: 'product', amount: amount(), unit: 'kg' },
        { name: 'co-product', amount: amount(), unit: pick(MASS) },
      ];
      if (method === 'economic') outs.forEach((o) => { o.price = amount(); });
      if (method === 'explicit') {
        outs[0].share = 0.75;
        outs[1].share = 0.25;
      }
      c.allocation = { method, outputs: outs, justification: 'generated' };
    }
    return c;
  });

  const activities = [];
  for (let k = int(nComp ? 0 : 1, 5); k > 0; k--) activities.push({ ...factorLine(), stage: stage() });
  for (const id of ids) {
    if (chance(0.8)) {
      activities.push({ amount: amount(), unit: pick(MASS), input: id, stage: stage() });
    }
  }
  if (activities.length === 0) activities.push({ ...factorLine(), stage: stage() });
  const doc = {
    schema: 'pcf/1',
    product: {
      name: `generated ${seed}`,
      sector: 'other',
      declared_unit: { amount: pick([1, 1000, amount()]), unit: pick(['item', 'kg', 't', 'kWh']) },
    },
    gwp_set: pick(['AR4', 'AR5', 'AR6']),
    boundary: { kind: 'cradle-to-gate', stages },
    reference_period: { start: '2024-01-01', end: '2024-12-31' },
    activities,
  };
  if (chance(0.5)) doc.emissions = Array.from({ length: int(1, 4) }, () => ({ ...gasLine(), stage: stage() }));
  if (components.length) doc.components = components;
  return doc;
}

// ---- the test ----

test(`native and WASM results are bit-identical on ${N} generated documents (seed ${SEED})`, (t) => {
  assert.ok(existsSync(CLI), `${CLI} is missing: run \`cargo build\` (cargo test builds it) first`);
  const docs = Array.from({ length: N }, (_, i) => generate(SEED * 1_000_003 + i));
  const texts = docs.map((d) => JSON.stringify(d, null, 1));
  const dir = mkdtempSync(join(tmpdir(), 'pcf-parity-'));
  try {
    // Native: one `pcf batch` over all documents (JSONL, one compact document per line).
    const jsonl = join(dir, 'docs.jsonl');
    writeFileSync(jsonl, docs.map((d) => JSON.stringify(d)).join('\n') + '\n');
    const run = spawnSync(CLI, ['batch', jsonl, '--quiet', '-j', '1'], { encoding: 'utf8', maxBuffer: 1 << 30 });
    assert.equal(run.status, 0, `pcf batch failed: ${run.stderr}`);
    const lines = run.stdout.trim().split('\n').map((l) => JSON.parse(l));
    assert.equal(lines.length, N, 'one output line per document');

    let loops = 0;
    let allocations = 0;
    let declared = 0;
    for (let i = 0; i < N; i++) {
      const line = lines[i];
      assert.equal(line.line, i + 1);
      assert.ok(line.result, `document ${i} (seed ${SEED * 1_000_003 + i}) fails natively: ${JSON.stringify(line.error)}\n${texts[i]}`);
      // WASM, from the compact text the batch read (the same bytes).
      const wasmText = pcf.computeJson(JSON.stringify(docs[i]));
      const wasm = JSON.parse(wasmText);
      assert.equal(wasm.receipt.input_sha256, line.result.receipt.input_sha256, `document ${i}: input digest`);
      assert.equal(wasm.receipt.result_sha256, line.result.receipt.result_sha256, `document ${i}: result digest`);
      // Object.is on every leaf: 0 and -0 differ, every f64 bit counts.
      assert.deepStrictEqual(wasm, line.result, `document ${i}: results differ\n${texts[i]}`);
      if (/"allocation"/.test(texts[i])) allocations++;
      if (/"declared"/.test(texts[i])) declared++;
      if (JSON.stringify(line.result.solver).includes('iterative')) loops++;

      // Byte for byte against `pcf compute` (pretty text) for a sample.
      if (i % BYTES_EVERY === 0) {
        const file = join(dir, `doc-${i}.json`);
        writeFileSync(file, texts[i]);
        const one = spawnSync(CLI, ['compute', file], { encoding: 'utf8', maxBuffer: 1 << 28 });
        assert.equal(one.status, 0, `pcf compute ${i}: ${one.stderr}`);
        const viaWasm = pcf.computeJson(texts[i]);
        assert.equal(viaWasm.trimEnd(), one.stdout.trimEnd(), `document ${i}: pcf compute and computeJson texts differ`);
      }
    }
    // The generator reaches what it claims to (a change that stops it is a failing test).
    assert.ok(allocations >= N / 10, `allocation in ${allocations} documents`);
    assert.ok(declared >= N / 20, `declared footprints in ${declared} documents`);
    t.diagnostic(`${N} documents: ${allocations} with allocation, ${declared} with declared footprints, ${loops} with loops solved by iteration; ${Math.ceil(N / BYTES_EVERY)} compared byte for byte with pcf compute`);
    assert.ok(loops >= N / 20, `loops solved by iteration in ${loops} documents`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

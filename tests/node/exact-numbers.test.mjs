// The page's core module (www/pkg/pcf.js, crate pcf-wasm-page) is built without serde_json's
// `float_roundtrip`: its default float reader computes `significand as f64` times or divided
// by a power of ten, which is exact (correctly rounded) only for significands up to 2^53 and
// powers up to 22 (crates/pcf-core/src/json.rs, `first_inexact_number`). This checks that
// serde_json's actual reader in that module agrees with the full module's exact one
// (target/pkg-node, `float_roundtrip`) on generated pcf/1 documents whose every number is in
// that class, written in every form JSON allows (fraction digits with leading and trailing
// zeros, `e`/`E`, `+`/`-`), byte for byte; and that a number outside it is the core's
// `extras_module` error (www/worker.js then asks the extras module), which the full module
// computes. Knobs: PCF_EXACT_N (default 300), PCF_EXACT_SEED (default 11).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CORE = join(ROOT, 'www', 'pkg');
const FULL = join(ROOT, 'target', 'pkg-node', 'pcf.js');
for (const f of [join(CORE, 'pcf.js'), join(CORE, 'pcf_bg.wasm'), FULL]) {
  if (!existsSync(f)) throw new Error(`${f} is missing: run \`bash scripts/build-wasm.sh\` first`);
}
const full = createRequire(import.meta.url)(FULL);
let core;
before(async () => {
  core = await import(pathToFileURL(join(CORE, 'pcf.js')).href);
  core.initSync({ module: readFileSync(join(CORE, 'pcf_bg.wasm')) });
});

const N = Number(process.env.PCF_EXACT_N ?? 300);
const SEED = Number(process.env.PCF_EXACT_SEED ?? 11);

// mulberry32: a small seeded PRNG, uniform in [0, 1).
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

const TWO_53 = 2n ** 53n;

/** A number token in the class: significand of 1–16 digits up to 2^53, its value in
 * [1e-4, 1e7), written with `k` fraction digits and the exponent making up the rest. */
function token(r) {
  const int = (lo, hi) => lo + Math.floor(r() * (hi - lo + 1));
  const n = int(1, 16);
  let digits;
  do {
    digits = String(int(1, 9)) + Array.from({ length: n - 1 }, () => int(0, 9)).join('');
  } while (BigInt(digits) > TWO_53);
  // value = digits × 10^e with the leading digit at 10^m.
  const e = int(-4, 6) - (n - 1);
  const k = int(0, n + 3);
  let mantissa;
  if (k === 0) mantissa = digits;
  else if (k < n) mantissa = `${digits.slice(0, n - k)}.${digits.slice(n - k)}`;
  else mantissa = `0.${'0'.repeat(k - n)}${digits}`;
  // Trailing zeros: more digits in the significand, one less in the exponent each.
  let z = 0;
  if (k > 0 && BigInt(digits + '00') <= TWO_53 && r() < 0.2) {
    z = int(1, 2);
    mantissa += '0'.repeat(z);
  }
  const x = e + k + z;
  if (x === 0 && r() < 0.5) return mantissa;
  return `${mantissa}${r() < 0.5 ? 'e' : 'E'}${x >= 0 && r() < 0.5 ? '+' : ''}${x}`;
}

const FACTORS = [
  { id: 'cn.elec.footprint.2023.national', units: ['kWh', 'MWh', 'MJ'] },
  { id: 'world.elec.ember.2023', units: ['kWh', 'MJ'] },
  { id: 'uk.desnz.2025.material.steel.primary', units: ['kg', 't', 'g'] },
  { id: 'uk.desnz.2025.freight.hgv.all', units: ['tkm', 't·km'] },
];
const GASES = ['CO2_fossil', 'CH4', 'N2O', 'SF6'];

/** A pcf/1 document as JSON text with `amount(i)` as the raw text of its i-th number. */
function documentText(r, amount) {
  const pick = (xs) => xs[Math.floor(r() * xs.length)];
  let slot = 0;
  const number = () => `@@${slot++}@@`;
  const doc = {
    schema: 'pcf/1',
    product: { name: 'generated 1e-30 0.30000000000000004', sector: 'other', declared_unit: { amount: number(), unit: 'kg' } },
    gwp_set: 'AR6',
    boundary: { kind: 'cradle-to-gate', stages: ['production'] },
    reference_period: { start: '2024-01-01', end: '2024-12-31' },
    activities: Array.from({ length: 1 + Math.floor(r() * 5) }, () => {
      const f = pick(FACTORS);
      return { amount: number(), unit: pick(f.units), factor: f.id, stage: 'production' };
    }),
    emissions: Array.from({ length: Math.floor(r() * 3) }, () => ({ gas: pick(GASES), amount: number(), unit: 'kg', stage: 'production' })),
  };
  return JSON.stringify(doc, null, r() < 0.5 ? 2 : 0).replace(/"@@(\d+)@@"/g, (_, i) => amount(Number(i)));
}

test(`the core module reads ${N} generated documents of in-class numbers to the full module's bytes`, () => {
  const r = rng32(SEED);
  let tokens = 0;
  for (let d = 0; d < N; d++) {
    const text = documentText(r, () => {
      tokens++;
      return token(r);
    });
    const expected = full.computeJson(text);
    let got;
    try {
      got = core.computeJson(text);
    } catch (e) {
      assert.fail(`document ${d}: the core module refused it (${e.code} at ${e.path}: ${e.message}):\n${text}`);
    }
    assert.ok(got === expected, `document ${d}: the core module's text differs from the full module's:\n${text}`);
  }
  assert.ok(tokens >= 2 * N, `${tokens} numbers read`);
});

test('a number outside the class is the core module\'s extras_module error, and the full module computes it', () => {
  const r = rng32(SEED + 1);
  for (const out of [
    '0.12345678901234567', '1234567890123456.7', '9007199254740993e0', '0.30000000000000004',
    '1e-30', '1.5e-23', '1e23', '12345678901234567890.5', '123456789012345678901',
  ]) {
    // The first activity's amount is out; the others are in the class.
    const text = documentText(r, (i) => (i === 1 ? out : token(r)));
    assert.throws(() => core.computeJson(text), (e) => e.code === 'extras_module'
      && e.path === '$.activities[0].amount' && /extras module reads it exactly/.test(e.message), `${out}: extras_module`);
    const result = JSON.parse(full.computeJson(text));
    assert.equal(result.input.activities[0].amount, Number(out), `${out}: the full module reads it`);
  }
});

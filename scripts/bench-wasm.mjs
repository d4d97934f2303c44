#!/usr/bin/env node
// WASM timings in Node (the full module, target/pkg-node; build it with
// `bash scripts/build-wasm.sh`). Prints one line per case with the median of REPS runs:
//   node scripts/bench-wasm.mjs              # 1,000-line product; networks if generated
//   REPS=21 PCF_BENCH_DIR=/tmp/pcf-bench node scripts/bench-wasm.mjs
// With the Calculator (prepared model) it also times a recompute after one edit, and with
// networkTimings the in-module phases of each network (parse, matrix, solve, result,
// serialise) next to what JS adds (copying the text in, JSON.parse of the result).
// The product is the same document benches/product.rs builds (same pattern, no randomness);
// the networks are the files `scripts/bench-networks.sh` generates (GEN_ONLY=1 is enough).
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const PKG = process.env.PCF_PKG || join(ROOT, 'target', 'pkg-node', 'pcf.js');
if (!existsSync(PKG)) {
  console.error(`${PKG} is missing: run \`bash scripts/build-wasm.sh\` first`);
  process.exit(2);
}
const pcf = createRequire(import.meta.url)(PKG);
const REPS = Number(process.env.REPS || 11);
const BENCH_DIR = process.env.PCF_BENCH_DIR || '/tmp/pcf-bench';

function product(n) {
  const F = [
    ['cn.elec.footprint.2023.national', 'kWh'],
    ['cn.elec.co2avg.2022.grid.east', 'kWh'],
    ['worldsteel.ghg.2024.world', 't'],
    ['ipcc2006.fuel.coke_oven_coke.ch4.per-t', 't'],
  ];
  const lines = [];
  for (let i = 0; i < n; i++) {
    const [f, u] = F[i % F.length];
    // Same decimal text as Rust's `{}` of 1.0 + k/10.0 (integral values print without ".0").
    const amount = 1.0 + ((i * 37) % 1000) / 10.0;
    lines.push(`{"amount":${amount},"unit":"${u}","factor":"${f}","stage":"production"}`);
  }
  return `{"schema":"pcf/1","product":{"name":"bench ${n}","sector":"other","declared_unit":{"amount":1,"unit":"item"}},"gwp_set":"AR6","boundary":{"kind":"cradle-to-gate","stages":["production"]},"reference_period":{"start":"2024-01-01","end":"2024-12-31"},"activities":[${lines.join(',')}]}`;
}

function median(fn, reps = REPS) {
  // Warm-up: at least 3 calls and 200 ms, so V8 has tiered the module's hot functions up
  // from its baseline compiler (one call was not enough: the first case timed slower).
  const w0 = process.hrtime.bigint();
  for (let i = 0; i < 3 || Number(process.hrtime.bigint() - w0) < 2e8; i++) fn();
  const t = [];
  for (let i = 0; i < reps; i++) {
    const t0 = process.hrtime.bigint();
    fn();
    t.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  t.sort((a, b) => a - b);
  return t[Math.floor(t.length / 2)];
}

const rows = [];
const NETWORKS_ONLY = process.argv.includes('--networks-only');
const doc = product(1000);
if (NETWORKS_ONLY) {
  // only the network cases below
} else {
  if (typeof pcf.computeTotals === 'function') {
    rows.push(['product 1,000 lines: computeTotals', median(() => pcf.computeTotals(doc))]);
  }
  if (typeof pcf.Calculator === 'function') {
    // The page recomputing as a supplier types: read and validate once, then per keystroke
    // one amount set and every line and total recomputed (totals() handed to JS as an object).
    rows.push(['product 1,000 lines: new Calculator (read + validate, once)', median(() => new pcf.Calculator(doc).free())]);
    const calc = new pcf.Calculator(doc);
    let k = 0;
    rows.push([
      'product 1,000 lines: Calculator setAmount + totals (recompute)',
      median(() => {
        calc.setAmount(k % 1000, 1 + (k++ % 97) / 10);
        return calc.totals();
      }, Math.max(REPS, 101)),
    ]);
    rows.push(['product 1,000 lines: Calculator totals alone', median(() => calc.totals(), Math.max(REPS, 101))]);
    calc.free();
  }
  if (typeof pcf.computeUnsealed === 'function') {
    rows.push(['product 1,000 lines: computeUnsealed', median(() => pcf.computeUnsealed(doc))]);
  }
}
if (!NETWORKS_ONLY) {
  rows.push(['product 1,000 lines: compute (sealed)', median(() => pcf.compute(doc))]);
  rows.push(['product 1,000 lines: computeJson (sealed, text)', median(() => pcf.computeJson(doc))]);
}

const CASES = process.env.CASES
  ? process.env.CASES.split(/\s+/).filter(Boolean)
  : ['tree_5000', 'dag_50000', 'cyclic_50000', 'dag-far20_10000', 'cyclic-far20_10000'];
for (const c of CASES) {
  const f = join(BENCH_DIR, 'data', `${c}.json`);
  if (!existsSync(f)) {
    rows.push([`network ${c}: not generated (GEN_ONLY=1 bash scripts/bench-networks.sh)`, NaN]);
    continue;
  }
  const text = readFileSync(f, 'utf8');
  rows.push([`network ${c}: parse + solve`, median(() => pcf.network(text), Math.min(REPS, 5))]);
  if (typeof pcf.networkTimings === 'function') {
    // Where the time goes (medians; the module times its own phases with performance.now()).
    // Lines named "phase …", never "network <case>:", which scripts/bench-compare.sh reads.
    const p = pcf.networkTimings(text, Math.min(REPS, 5));
    for (const k of ['parse_ms', 'matrix_ms', 'solve_only_ms', 'result_ms', 'serialise_ms']) {
      rows.push([`  phase ${c} ${k.replace(/_ms$/, '')} (in module)`, p[k]]);
    }
    if (typeof pcf.networkJson === 'function') {
      rows.push([`  phase ${c} networkJson end to end (text out, as the CLI)`, median(() => pcf.networkJson(text), Math.min(REPS, 5))]);
    }
    const out = JSON.stringify(pcf.network(text));
    rows.push([`  phase ${c} JSON.parse of the result (${(out.length / 1e6).toFixed(2)} MB)`, median(() => JSON.parse(out), Math.min(REPS, 5))]);
    const enc = new TextEncoder();
    rows.push([`  phase ${c} UTF-8 copy of the text (TextEncoder, ${(text.length / 1e6).toFixed(1)} MB)`, median(() => enc.encode(text), Math.min(REPS, 5))]);
  }
}
console.log(`WASM (Node ${process.version}), median of ${REPS} runs`);
for (const [name, ms] of rows) {
  console.log(`${name.padEnd(60)} ${Number.isNaN(ms) ? '-' : ms.toFixed(3) + ' ms'}`);
}

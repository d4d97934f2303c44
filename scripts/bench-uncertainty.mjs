#!/usr/bin/env node
// Times the WASM Monte Carlo (issue 10): 10,000 runs of a 1,000-line product, the document of
// benches/uncertainty.rs. Needs the Node package: `bash scripts/build-wasm.sh` first.
// Usage: node scripts/bench-uncertainty.mjs [repeats=7] [runs=10000] [lines=1000]
// Prints each timing and the median in ms; exits 1 when the median exceeds 1000 ms.
// PCF_BENCH_WRITE=path also writes the document there (to time the native CLI on it).
import { createRequire } from 'node:module';
import { existsSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const PKG = join(ROOT, 'target', 'pkg-node', 'pcf.js');
if (!existsSync(PKG)) {
  console.error(`${PKG} is missing: run \`bash scripts/build-wasm.sh\` first`);
  process.exit(2);
}
const pcf = createRequire(import.meta.url)(PKG);

const [repeats = 7, runs = 10000, lines = 1000] = process.argv.slice(2).map(Number);

// Same construction as benches/uncertainty.rs `document`.
function documentText(n) {
  const acts = [];
  for (let i = 0; i < n; i++) {
    const amount = 1 + (i % 17);
    let line;
    switch (i % 4) {
      case 0:
        line = `{"amount": ${amount}, "unit": "kg", "stage": "production", "inline_factor": {"id": "shared-${i % 10}", "value": ${(5 + (i % 10)) / 10}, "per_unit": "kg", "source": "bench", "uncertainty": "lognormal:gsd=1.2"}}`;
        break;
      case 1:
        line = `{"amount": ${amount}, "unit": "kWh", "stage": "production", "factor": "cn.elec.footprint.2023.national", "data_quality": {"technological": ${1 + (i % 5)}, "geographical": ${1 + (Math.floor(i / 5) % 5)}, "temporal": 2, "precision": 3}}`;
        break;
      case 2:
        line = `{"amount": ${amount}, "unit": "kg", "stage": "production", "inline_factor": {"value": 2, "per_unit": "kg", "source": "bench", "uncertainty": "triangular:min=1.5,mode=2,max=3"}, "uncertainty": {"distribution": "normal", "sd": ${amount * 0.05}}}`;
        break;
      default:
        line = `{"amount": ${amount}, "unit": "kg", "stage": "production", "inline_factor": {"value": 1, "per_unit": "kg", "source": "bench", "uncertainty": "uniform:min=0.8,max=1.2"}}`;
    }
    acts.push(line);
  }
  return `{"schema": "pcf/1", "product": {"name": "bench", "sector": "other", "declared_unit": {"amount": 1, "unit": "item"}}, "gwp_set": "AR6", "boundary": {"kind": "cradle-to-gate", "stages": ["production"]}, "reference_period": {"start": "2024-01-01", "end": "2024-12-31"}, "activities": [${acts.join(',')}]}`;
}

const doc = documentText(lines);
if (process.env.PCF_BENCH_WRITE) writeFileSync(process.env.PCF_BENCH_WRITE, doc);
pcf.uncertaintyJson(doc, 100, 1, 1000, undefined); // warm-up (compiles the wasm)
const times = [];
let report;
for (let k = 0; k < repeats; k++) {
  const t0 = performance.now();
  report = pcf.uncertaintyJson(doc, runs, 1, 1000, undefined);
  times.push(performance.now() - t0);
}
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)];
const r = JSON.parse(report);
console.log(`uncertainty (WASM, Node ${process.version}): ${runs} runs × ${r.lines.length} lines, ${r.sources.length} sources`);
console.log(`times ms: ${times.map((t) => t.toFixed(1)).join(' ')}`);
console.log(`median ms: ${median.toFixed(1)}`);
process.exit(median <= 1000 ? 0 : 1);

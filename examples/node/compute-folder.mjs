#!/usr/bin/env node
// Computes every product document (*.json: pcf/1 or a sector template) in a folder with the pcf
// package and writes, for each, NAME.result.json (the sealed pcf-result/1, the same bytes as
// `pcf compute NAME.json`, verifiable by `pcf verify` or the package's verify()) or
// NAME.error.json ({"error": {code, path, message}}), plus summary.json.
//
//   node examples/node/compute-folder.mjs IN_DIR OUT_DIR [--factors TABLE.csv]...
//
// Exit 0 when every document computed, 1 when one failed, 2 on a usage error.
// In a project that installed the package, import from 'pcf' instead of the path below.
import { readdirSync, readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { computeJson, loadFactorTables, versions, PcfError } from '../../pkg/index.mjs';

const args = process.argv.slice(2);
const tables = [];
const dirs = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--factors' && args[i + 1]) {
    const file = args[++i];
    tables.push({ name: basename(file), text: readFileSync(file, 'utf8') });
  } else {
    dirs.push(args[i]);
  }
}
if (dirs.length !== 2) {
  console.error('usage: node examples/node/compute-folder.mjs IN_DIR OUT_DIR [--factors TABLE.csv]...');
  process.exit(2);
}
const [inDir, outDir] = dirs;
mkdirSync(outDir, { recursive: true });
if (tables.length > 0) loadFactorTables(tables); // checked now; used by every computeJson below

const summary = { ...versions(), computed: 0, failed: 0, products: [] };
for (const file of readdirSync(inDir).filter((f) => f.endsWith('.json')).sort()) {
  const name = file.slice(0, -'.json'.length);
  try {
    const text = computeJson(readFileSync(join(inDir, file), 'utf8'));
    writeFileSync(join(outDir, `${name}.result.json`), text);
    const total = JSON.parse(text).total_kg_co2e;
    summary.computed++;
    summary.products.push({ file, total_kg_co2e: total });
  } catch (err) {
    if (!(err instanceof PcfError)) throw err;
    writeFileSync(join(outDir, `${name}.error.json`), `${JSON.stringify({ error: err.toJSON() }, null, 2)}\n`);
    summary.failed++;
    summary.products.push({ file, error: err.toJSON() });
    console.error(`${file}: ${err.code} at ${err.path}: ${err.message}`);
  }
}
writeFileSync(join(outDir, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
console.log(`computed ${summary.computed}, failed ${summary.failed} -> ${outDir}`);
process.exit(summary.failed > 0 ? 1 : 0);

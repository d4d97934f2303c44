// Writes the seed inputs of the fuzz targets into fuzz/seeds/<target>/ (git-ignored), from the
// repository's own files and, for pact_import, the PACT examples in ../shared/standards/pact
// (read in place and copied to the scratch seed folder only: they are licensed for
// reproduction, so no copy or PACT-derived entry is committed; see SECURITY.md "Fuzzing").
// Usage: node fuzz/seeds.mjs   (run by scripts/fuzz.sh)
import { readFileSync, writeFileSync, readdirSync, mkdirSync, rmSync, existsSync, statSync } from 'node:fs';
import { dirname, join, resolve, basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCsv } from '../www/csv.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'fuzz', 'seeds');
const MAX = 256 * 1024; // larger files slow every mutation down

const seeds = {};
const add = (target, name, text) => {
  if (text.length > MAX) return;
  (seeds[target] ??= []).push([name, text]);
};
const read = (p) => readFileSync(p, 'utf8');
const ls = (d) => (existsSync(d) ? readdirSync(d).sort() : []);

// document: examples, golden inputs, golden error inputs.
for (const f of ls(join(ROOT, 'examples')).filter((f) => f.endsWith('.json'))) {
  add('document', `example-${f}`, read(join(ROOT, 'examples', f)));
}
const golden = join(ROOT, 'tests', 'golden');
for (const d of ls(golden)) {
  const input = join(golden, d, 'input.json');
  const expected = join(golden, d, 'expected.json');
  if (existsSync(input)) add('document', `golden-${d}.json`, read(input));
  if (existsSync(expected)) add('verify', `golden-${d}.json`, read(expected));
}
for (const f of ls(join(golden, 'errors')).filter((f) => f.endsWith('.json'))) {
  const c = JSON.parse(read(join(golden, 'errors', f)));
  if (c.input !== undefined) {
    add('document', `error-${f}`, typeof c.input === 'string' ? c.input : JSON.stringify(c.input, null, 2));
  }
}

// factor tables: the built-in CSV tables (first rows of each, and whole small ones), and the
// same rows as JSON tables.
const factorDir = join(ROOT, 'factors');
for (const f of ls(factorDir).filter((f) => f.endsWith('.csv'))) {
  const text = read(join(factorDir, f));
  add('factor_table_csv', f, text);
  const lines = text.split('\n');
  add('factor_table_csv', `head-${f}`, lines.slice(0, 4).join('\n') + '\n');
  const rows = parseCsv(text);
  const header = rows[0];
  if (!header.includes('per_unit') || !header.includes('value_unit')) continue;
  const objs = rows.slice(1, 5).filter((r) => r.length === header.length).map((r) => {
    const o = {};
    header.forEach((h, i) => {
      if (h === 'value') o[h] = Number(r[i]);
      else if (h === 'year') { if (r[i] !== '') o[h] = Number(r[i]); }
      else o[h] = r[i];
    });
    return o;
  });
  add('factor_table_json', f.replace(/\.csv$/, '.json'), JSON.stringify(objs, null, 2));
}

// pact_import: the portal example's supplier footprints, the golden import, the PACT examples.
for (const f of ls(join(ROOT, 'examples', 'portal', 'suppliers'))) {
  add('pact_import', `portal-${f}`, read(join(ROOT, 'examples', 'portal', 'suppliers', f)));
}
const pact = join(ROOT, '..', 'shared', 'standards', 'pact');
for (const v of ['v2', 'v3']) {
  for (const f of ls(join(pact, v)).filter((f) => f.endsWith('.json'))) {
    add('pact_import', `pact-${v}-${f}`, read(join(pact, v, f)));
  }
}

// verify: results also from the examples' goldens (above); engine: structured, no text seeds.
const dropAt = process.argv.indexOf('--drop-pact-derived');
if (dropAt > 0) {
  dropPactDerived(process.argv[dropAt + 1]);
} else {
  writeSeeds();
}

function writeSeeds() {
  rmSync(OUT, { recursive: true, force: true });
  for (const [target, list] of Object.entries(seeds)) {
    mkdirSync(join(OUT, target), { recursive: true });
    for (const [name, text] of list) writeFileSync(join(OUT, target, name), text);
  }
  mkdirSync(join(OUT, 'engine'), { recursive: true });
  for (const t of Object.keys(seeds).concat('engine').sort()) {
    const n = ls(join(OUT, t)).length;
    const bytes = ls(join(OUT, t)).reduce((s, f) => s + statSync(join(OUT, t, f)).size, 0);
    console.log(`seeds ${t}: ${n} files, ${bytes} bytes`);
  }
}

// `node fuzz/seeds.mjs --drop-pact-derived DIR`: removes from a corpus folder every entry that
// shares a run of 48 characters with one of the PACT examples in ../shared/standards/pact, so
// no reproduction of their text is committed (entries mutated from the repository's own
// footprints, or generated from scratch, stay).
export function dropPactDerived(dir) {
  const win = 48;
  const grams = new Set();
  for (const v of ['v2', 'v3']) {
    for (const f of ls(join(pact, v)).filter((f) => f.endsWith('.json'))) {
      const t = read(join(pact, v, f));
      for (let i = 0; i + win <= t.length; i++) grams.add(t.slice(i, i + win));
    }
  }
  const own = new Set();
  for (const f of ls(join(ROOT, 'examples', 'portal', 'suppliers'))) {
    const t = read(join(ROOT, 'examples', 'portal', 'suppliers', f));
    for (let i = 0; i + win <= t.length; i++) own.add(t.slice(i, i + win));
  }
  let dropped = 0;
  for (const f of ls(dir)) {
    const t = read(join(dir, f));
    for (let i = 0; i + win <= t.length; i++) {
      const g = t.slice(i, i + win);
      if (grams.has(g) && !own.has(g)) { rmSync(join(dir, f)); dropped++; break; }
    }
  }
  console.log(`${dir}: dropped ${dropped} PACT-derived entries, kept ${ls(dir).length}`);
}

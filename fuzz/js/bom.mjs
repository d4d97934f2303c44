// `bom_csv`: the page's bill-of-materials CSV importer (www/csv.js, JavaScript only: the Rust
// engine never reads a BOM CSV) fuzzed in Node with a seeded mutation loop (no coverage
// feedback: libFuzzer cannot see into JS, and no JS fuzzer installs from the registry alone).
//
//   node fuzz/js/bom.mjs [--seconds N] [--seed S]
//
// Inputs: the template www/bom-template.csv, fuzz/corpus/bom_csv/ and fuzz/regressions/bom_csv/,
// mutated (bytes, quotes, separators, line ends, BOM, numbers at the edge of what JS parses,
// duplicated and spliced rows). `check` is the property, shared with
// tests/node/fuzz-bom-corpus.test.mjs, which replays the committed files in CI:
//   - bomToLines returns rows whose line is a valid pcf/1 activity (finite non-negative amount,
//     a unit, exactly one of factor / factor_select / input), row numbers increasing from 2;
//   - or throws a CsvError naming a row ≥ 1 and a column (a number ≥ 1 or a known column), with
//     the message "row R, column C: …";
//   - anything else thrown (TypeError, RangeError …) or a slow input (> 1 s) is a crash;
//   - writing rows back with linesToCsv-style quoting and parsing again gives the same cells.
// A crash is written to fuzz/artifacts/bom_csv/ and the loop goes on.
import { readFileSync, writeFileSync, readdirSync, mkdirSync, existsSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCsv, bomToLines, BOM_COLUMNS, CsvError } from '../../www/csv.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The property; throws (an Error whose message says which) when it fails. */
export function check(text) {
  const t0 = Date.now();
  let out;
  try {
    out = bomToLines(text);
  } catch (e) {
    if (!(e instanceof CsvError)) throw new Error(`not a CsvError: ${e && e.stack}`);
    if (!Number.isInteger(e.row) || e.row < 1) throw new Error(`bad error row ${e.row}`);
    const colOk = (Number.isInteger(e.column) && e.column >= 1) || BOM_COLUMNS.includes(e.column);
    if (!colOk) throw new Error(`bad error column ${e.column}`);
    if (!e.message.startsWith(`row ${e.row}, column ${e.column}: `)) throw new Error(`bad message ${e.message}`);
    if (e.code !== 'invalid_csv') throw new Error(`bad code ${e.code}`);
    out = null;
  }
  if (out) {
    if (!Array.isArray(out) || out.length === 0) throw new Error('no rows and no error');
    let prev = 1;
    for (const r of out) {
      if (!Number.isInteger(r.row) || r.row <= prev) throw new Error(`row numbers not increasing: ${r.row}`);
      prev = r.row;
      if (typeof r.stage !== 'string' || r.stage.trim() === '' || r.stage !== r.stage.trim()) throw new Error(`bad stage ${JSON.stringify(r.stage)}`);
      const l = r.line;
      if (typeof l.amount !== 'number' || !Number.isFinite(l.amount) || l.amount < 0) throw new Error(`bad amount ${l.amount}`);
      if (typeof l.unit !== 'string' || l.unit === '' || l.unit !== l.unit.trim()) throw new Error(`bad unit ${JSON.stringify(l.unit)}`);
      const kinds = ['factor', 'factor_select', 'input'].filter((k) => l[k] !== undefined);
      if (kinds.length !== 1) throw new Error(`line with ${kinds.length} sources`);
      if (l.factor_select && !(l.factor_select.series && l.factor_select.geography)) throw new Error('factor_select incomplete');
      // The line must survive JSON (what the page sends to the engine).
      const back = JSON.parse(JSON.stringify(l));
      if (back.amount !== l.amount && !(Object.is(l.amount, -0) && back.amount === 0)) throw new Error('amount does not survive JSON');
    }
  }
  // Round trip of the cell grid through RFC 4180 quoting.
  let rows = null;
  try { rows = parseCsv(text); } catch (e) {
    if (!(e instanceof CsvError)) throw new Error(`parseCsv threw ${e && e.stack}`);
  }
  if (rows && rows.length) {
    // A cell starting with U+FEFF is quoted too: unquoted at the start of the file it would be
    // read as the byte-order mark (found by this fuzzer: "\ufeff\ufeff" read back as "").
    const quote = (c) => (/^\ufeff|[",\r\n]/.test(c) || c === '' ? `"${c.replace(/"/g, '""')}"` : c);
    const written = rows.map((r) => r.map(quote).join(',')).join('\r\n') + '\r\n';
    const again = parseCsv(written);
    if (JSON.stringify(again) !== JSON.stringify(rows)) throw new Error('cells do not survive writing and reading back');
  }
  if (Date.now() - t0 > 1000) throw new Error(`slow: ${Date.now() - t0} ms`);
}

// ---- the mutation loop --------------------------------------------------------------------

function rng(seed) {
  let s = BigInt.asUintN(64, BigInt(seed) * 0x9e3779b97f4a7c15n + 1n);
  return () => {
    s ^= s << 13n; s = BigInt.asUintN(64, s); s ^= s >> 7n; s ^= s << 17n; s = BigInt.asUintN(64, s);
    return Number(s >> 11n) / 2 ** 53;
  };
}

const TOKENS = ['"', '""', ',', '\n', '\r\n', '\r', '\ufeff', ' ', '\t', '0', '-0', '1e309', '1e-320',
  'NaN', 'Infinity', '-1', '0x10', '1_000', '+1', '.5', '5.', 'e', '1e', '１', '\u00a0', '\u2028',
  'stage', 'name', 'amount', 'unit', 'factor', 'factor_series', 'geography', 'input', 'note',
  'production', 'kg', 'kWh', '=SUM(A1)', 'cn.elec.footprint', 'CN', '__proto__', 'constructor',
  'toString', 'hasOwnProperty', '\u0000', '😀', '\ud800'];

function mutate(text, r, pool) {
  const pickInt = (n) => Math.floor(r() * n);
  let s = text;
  const n = 1 + pickInt(4);
  for (let k = 0; k < n; k++) {
    const at = pickInt(s.length + 1);
    switch (pickInt(8)) {
      case 0: s = s.slice(0, at) + TOKENS[pickInt(TOKENS.length)] + s.slice(at); break;
      case 1: s = s.slice(0, at) + s.slice(at + 1 + pickInt(8)); break;
      case 2: s = s.slice(0, at) + String.fromCharCode(pickInt(0x80)) + s.slice(at + 1); break;
      case 3: { // duplicate a line
        const lines = s.split('\n'); const i = pickInt(lines.length);
        lines.splice(i, 0, lines[i]); s = lines.join('\n'); break;
      }
      case 4: { // splice with another input
        const o = pool[pickInt(pool.length)]; const j = pickInt(o.length + 1);
        s = s.slice(0, at) + o.slice(j, j + pickInt(64)); break;
      }
      case 5: { // replace a cell
        const cells = s.split(','); const i = pickInt(cells.length);
        cells[i] = TOKENS[pickInt(TOKENS.length)]; s = cells.join(','); break;
      }
      case 6: s = s.slice(0, at) + s.slice(at).replace(/\r?\n/, '\r'); break;
      default: s = s.slice(0, at) + String.fromCharCode(pickInt(0x10000)) + s.slice(at); break;
    }
  }
  return s.slice(0, 16384);
}

function readDir(d) {
  return existsSync(d) ? readdirSync(d).sort().map((f) => readFileSync(join(d, f), 'utf8')) : [];
}

/** The committed inputs: corpus and regressions. */
export function committedInputs() {
  const out = [];
  for (const sub of ['corpus', 'regressions']) {
    const d = join(ROOT, 'fuzz', sub, 'bom_csv');
    if (existsSync(d)) for (const f of readdirSync(d).sort()) out.push([join(sub, 'bom_csv', f), readFileSync(join(d, f), 'utf8')]);
  }
  return out;
}

function main() {
  const arg = (k, d) => { const i = process.argv.indexOf(k); return i > 0 ? process.argv[i + 1] : d; };
  const seconds = Number(arg('--seconds', '60'));
  const seed = Number(arg('--seed', String(Date.now() % 1e9)));
  const r = rng(seed);
  const pool = [readFileSync(join(ROOT, 'www', 'bom-template.csv'), 'utf8'), ...committedInputs().map(([, t]) => t)];
  const corpusDir = join(ROOT, 'fuzz', 'corpus', 'bom_csv');
  const artDir = join(ROOT, 'fuzz', 'artifacts', 'bom_csv');
  mkdirSync(corpusDir, { recursive: true });
  // Behaviour classes seen so far (error row/column/kind, or the shape of the rows); an input
  // showing a new class joins the pool and the committed corpus (a crude stand-in for coverage).
  const seen = new Set();
  const classify = (text) => {
    try {
      const rows = bomToLines(text);
      return rows.map((x) => `ok:${Object.keys(x.line).sort().join('+')}`);
    } catch (e) {
      const col = typeof e.column === 'number' ? 'N' : e.column;
      return [`err:${col}:${String(e.detail).split('"')[0].replace(/[0-9]+/g, 'N')}`];
    }
  };
  for (const t of pool) for (const c of classify(t)) seen.add(c);
  let execs = 0; let crashes = 0; let added = 0;
  const end = Date.now() + seconds * 1000;
  while (Date.now() < end) {
    for (let k = 0; k < 200; k++) {
      const input = mutate(pool[Math.floor(r() * pool.length)], r, pool);
      execs++;
      try { check(input); } catch (e) {
        crashes++;
        mkdirSync(artDir, { recursive: true });
        const name = `crash-${createHash('sha1').update(input).digest('hex')}`;
        writeFileSync(join(artDir, name), input);
        console.log(`CRASH ${name}: ${e.message.split('\n')[0]}`);
        continue;
      }
      const fresh = classify(input).filter((c) => !seen.has(c));
      if (fresh.length && input.length <= 4096 && added < 300) {
        for (const c of fresh) seen.add(c);
        pool.push(input); added++;
        writeFileSync(join(corpusDir, createHash('sha1').update(input).digest('hex')), input);
      }
    }
  }
  console.log(`seed ${seed}, ${seconds} s`);
  console.log(`stat::number_of_executed_units: ${execs}`);
  console.log(`stat::new_units_added: ${added}`);
  console.log(`stat::crashes: ${crashes}`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();

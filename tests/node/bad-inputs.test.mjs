// The bad-input corpus (tests/bad/cases.json, issue 9) in WASM: every case through the Node
// package (target/pkg-node, built by scripts/build-wasm.sh), as crates/pcf-cli/tests/bad_inputs.rs runs it
// natively and through the CLI. Each must throw an Error carrying exactly its `code` and JSON
// `path` (never a WebAssembly.RuntimeError: a panic traps as "unreachable" and kills the
// module), or compute when the case says `"expect": "ok"`. Generated inputs (100 MB documents,
// 10^6 lines, 10^5 nesting, oversized networks and tables) follow the same recipes as the Rust
// runner (tests/bad/README.md).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { linesToCsv, parseCsv } from '../../www/csv.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const PKG = join(ROOT, 'target', 'pkg-node', 'pcf.js');
const BAD = join(ROOT, 'tests', 'bad');

if (!existsSync(PKG)) {
  throw new Error(`${PKG} is missing: run \`bash scripts/build-wasm.sh\` first`);
}
const pcf = createRequire(import.meta.url)(PKG);
const { cases } = JSON.parse(readFileSync(join(BAD, 'cases.json'), 'utf8'));

const bytesOf = (rel) => new Uint8Array(readFileSync(join(BAD, rel)));
// Valid UTF-8 becomes a string (the BOM kept: the engine must skip it itself); anything else
// stays bytes, which the engine checks (invalid_utf8).
const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
function textOrBytes(bytes) {
  try {
    return strict.decode(bytes);
  } catch {
    return bytes;
  }
}
// A JSON object's text without its closing brace.
function openObject(rel) {
  const t = readFileSync(join(BAD, rel), 'utf8').trimEnd();
  assert.ok(t.endsWith('}'), `${rel} is an object`);
  return t.slice(0, -1);
}
const TABLE_HEADER = 'id,name_en,name_zh,value,value_unit,per_unit,basis,gwp_set,class,geography,year,source,licence,verification,notes\n';

// The recipes of crates/pcf-cli/tests/bad_inputs.rs `generate`, byte for byte.
function generate(r) {
  switch (r.kind) {
    case 'padded': {
      const head = `${openObject(r.base)},"${r.field}":"`;
      const tail = '"}';
      return { doc: head + 'x'.repeat(r.bytes - head.length - tail.length) + tail, tables: [] };
    }
    case 'repeat': {
      const items = new Array(r.count);
      for (let i = 0; i < r.count; i++) items[i] = r.item.replaceAll('{i}', String(i));
      return { doc: `${openObject(r.base)},"${r.field}":[${items.join(',')}]}`, tables: [] };
    }
    case 'component_lines': {
      const lines = new Array(r.count).fill(r.item).join(',');
      const comps = [];
      for (let c = 0; c < r.components; c++) comps.push(`{"id":"c${c}","activities":[${lines}]}`);
      return { doc: `${openObject(r.base)},"components":[${comps.join(',')}]}`, tables: [] };
    }
    case 'nested':
      return { doc: `${openObject(r.base)},"${r.field}":${'['.repeat(r.depth)}${']'.repeat(r.depth)}}`, tables: [] };
    case 'table': {
      let t = TABLE_HEADER;
      if (r.rows !== undefined) {
        const rows = new Array(r.rows);
        for (let i = 0; i < r.rows; i++) rows[i] = `own.r${i},row ${i},,1,kg,kWh,CO2e,unspecified,fossil,CN,2024,bad-input corpus,CC0,user,\n`;
        t += rows.join('');
      } else {
        const row = 'own.big,big,,1,kg,kWh,CO2e,unspecified,fossil,CN,2024,bad-input corpus,CC0,user,';
        t += row + 'x'.repeat(r.bytes - t.length - row.length - 1) + '\n';
      }
      return { doc: textOrBytes(bytesOf(r.document)), tables: [{ name: r.name, text: t }] };
    }
    default:
      throw new Error(`unknown recipe ${r.kind}`);
  }
}

function inputs(c) {
  const tables = (c.tables ?? []).map((t) => ({ name: basename(t.file), text: textOrBytes(bytesOf(t.file)), override: t.override ?? false }));
  if (c.generate) {
    const g = generate(c.generate);
    return { doc: g.doc, raw: null, tables: [...tables, ...g.tables] };
  }
  const raw = bytesOf(c.input);
  return { doc: textOrBytes(raw), raw, tables };
}

// Splits bytes at '\n' and returns line n (1-based).
function lineOf(bytes, n) {
  let start = 0;
  for (let k = 1; ; k++) {
    let end = bytes.indexOf(10, start);
    if (end < 0) end = bytes.length;
    if (k === n) return bytes.subarray(start, end);
    start = end + 1;
  }
}

// Runs a case: { ok: true, out } or { ok: false, code, path }. Anything thrown that is not an
// engine error (code and path strings) fails the test: that is a trap or a shim bug.
function run(c, { doc, raw, tables }) {
  const t = tables.length ? tables : undefined;
  const o = c.options ?? {};
  const call = (fn) => {
    const t0 = performance.now();
    try {
      return { ok: true, out: fn() };
    } catch (err) {
      // A document over the size limit is refused at once (its length is checked before it is
      // copied into the module), not after filling the memory.
      if (c.generate?.kind === 'padded' && c.code === 'limit_exceeded') {
        const ms = performance.now() - t0;
        assert.ok(ms < 1000, `${c.id}: the size limit took ${ms.toFixed(0)} ms`);
      }
      assert.ok(!(err instanceof WebAssembly.RuntimeError), `${c.id}: the module trapped (a panic): ${err}`);
      assert.ok(err instanceof Error, `${c.id}: threw a non-Error ${err}`);
      assert.equal(typeof err.code, 'string', `${c.id}: the error has a code (${err.message})`);
      assert.equal(typeof err.path, 'string', `${c.id}: the error has a path (${err.message})`);
      // Issue 21: the engine's text in Chinese too (crates/pcf-core/src/error/zh.rs).
      assert.match(err.message_zh ?? '', /[\u4e00-\u9fff]/, `${c.id}: the error has its Chinese text (${err.message})`);
      return { ok: false, code: err.code, path: err.path };
    }
  };
  switch (c.entry) {
    case 'compute':
      return call(() => pcf.computeJson(doc, t));
    case 'verify':
      return call(() => JSON.stringify(pcf.verify(doc, t)));
    case 'network':
      return call(() => JSON.stringify(pcf.network(doc)));
    case 'pact_import':
      return call(() => JSON.stringify(pcf.pactImport(doc, o.at ? { at: o.at } : undefined)));
    case 'uncertainty':
      return call(() => pcf.uncertaintyJson(doc, o.runs, o.seed, undefined, t));
    case 'batch': {
      // JSONL: the record's line. A JSON record goes through computeBatch (an array of
      // documents, as the JS package's batch() sends them); a line that is not JSON, or not
      // UTF-8, is computed alone, as batch() does.
      const lineBytes = typeof doc === 'string' ? null : lineOf(raw ?? doc, c.line);
      const line = typeof doc === 'string' ? doc.split('\n')[c.line - 1] : textOrBytes(lineBytes);
      if (typeof line !== 'string') return call(() => pcf.computeJson(line, t));
      let json = true;
      try {
        JSON.parse(line);
      } catch {
        json = false;
      }
      if (!json) return call(() => pcf.computeJson(line, t));
      const r = call(() => pcf.computeBatch(`[${line}]`, t));
      if (!r.ok) return r;
      const item = r.out[0];
      return item.error ? { ok: false, code: item.error.code, path: item.error.path } : { ok: true, out: JSON.stringify(item.result) };
    }
    default:
      throw new Error(`unknown entry ${c.entry}`);
  }
}

for (const c of cases) {
  test(`${c.id}: ${c.why}`, () => {
    const got = run(c, inputs(c));
    if (c.expect === 'ok') {
      assert.ok(got.ok, `${c.id}: expected it to compute, got ${got.code} at ${got.path}`);
      if (c.same_as) {
        const other = run({ ...c, input: c.same_as, tables: c.same_tables }, inputs({ ...c, input: c.same_as, tables: c.same_tables }));
        assert.ok(other.ok, `${c.id}: same_as failed`);
        assert.equal(got.out, other.out, `${c.id}: same bytes as ${c.same_as}`);
      }
      if (c.total_kg_co2e !== undefined) {
        assert.equal(JSON.parse(got.out).total_kg_co2e, c.total_kg_co2e);
      }
      if (c.csv_cells) {
        // The page's lines CSV (www/csv.js): the formula must come out neutralised.
        const csv = linesToCsv(JSON.parse(got.out));
        const rows = parseCsv(csv);
        const header = rows[0];
        for (const [column, cell] of Object.entries(c.csv_cells)) {
          const k = header.indexOf(column);
          assert.ok(k >= 0, `column ${column}`);
          assert.ok(rows.slice(1).some((r) => r[k] === cell), `${c.id}: a ${column} cell is ${JSON.stringify(cell)} in\n${csv}`);
          assert.ok(!rows.slice(1).some((r) => r[k] === cell.slice(1)), `${c.id}: no ${column} cell is left as a formula`);
        }
      }
      return;
    }
    assert.ok(!got.ok, `${c.id}: expected ${c.code} at ${c.path}, but it computed`);
    assert.deepEqual({ code: got.code, path: got.path }, { code: c.code, path: c.path }, c.id);
  });
}

test('the corpus has at least 100 cases, and the module still works after all of them', () => {
  assert.ok(cases.length >= 100, `${cases.length} cases`);
  // A trap would have left the module unusable: one good document must still compute.
  const ok = JSON.parse(pcf.computeJson(readFileSync(join(BAD, 'ok', 'base.json'), 'utf8')));
  assert.equal(ok.total_kg_co2e, 6.205);
});

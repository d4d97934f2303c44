// The page's CSV module (www/csv.js) in Node: bill-of-materials reading with row/column
// errors, values kept as written, formula neutralisation of the lines export, safe names.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCsv, bomToLines, linesToCsv, LINE_COLUMNS, LINE_COLUMNS_ZH, neutralise, safeFileName, UTF8_BOM, BOM_COLUMNS, CsvError, readText, FileReadError, MAX_FILE_BYTES } from '../../www/csv.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

test('parseCsv: quotes, doubled quotes, embedded newlines and commas, CRLF, BOM', () => {
  assert.deepEqual(parseCsv('\ufeffa,b\r\n"x, y","say ""hi""\nthere"\n'), [['a', 'b'], ['x, y', 'say "hi"\nthere']]);
  assert.deepEqual(parseCsv('a,b'), [['a', 'b']]);
  assert.throws(() => parseCsv('a,"b\n'), (e) => e instanceof CsvError && e.row === 2);
  assert.throws(() => parseCsv('a,b"c"\n'), (e) => e instanceof CsvError && e.row === 1 && e.column === 2);
});

test('the downloadable template has exactly the documented columns and reads', () => {
  const text = readFileSync(join(ROOT, 'www', 'bom-template.csv'), 'utf8');
  assert.deepEqual(parseCsv(text)[0], BOM_COLUMNS);
  const rows = bomToLines(text);
  assert.equal(rows.length, 4);
  assert.deepEqual(rows[0], {
    stage: 'raw_material_acquisition', row: 2,
    line: { name: 'aluminium housing', amount: 45, unit: 'kg', factor: 'uk.desnz.2025.material.aluminium.primary', note: 'weighed by the supplier' },
  });
  assert.deepEqual(rows[2].line.factor_select, { series: 'cn.elec.footprint', geography: 'CN' });
  assert.equal(rows[1].line.factor, 'us.greet.2024.lib.materials.car.300mile.lfp');
});

test('bomToLines keeps values as written (nothing neutralised on import)', () => {
  const rows = bomToLines('stage,name,amount,unit,factor\nproduction,=SUM(A1),1.5e3,kg,f.x\n');
  assert.equal(rows[0].line.name, '=SUM(A1)');
  assert.equal(rows[0].line.amount, 1500);
});

test('bomToLines errors name the row (header = 1) and the column', () => {
  const cases = [
    ['stage,name,amount,unit,factor\np,a,abc,kg,f\n', 2, 'amount', /not a number/],
    ['stage,name,amount,unit,factor\np,a,1,kg,f\np,b,-2,kg,f\n', 3, 'amount', /negative/],
    ['stage,name,amount,unit,factor\np,a,1,,f\n', 2, 'unit', /empty/],
    ['stage,name,amount,unit,factor,input\np,a,1,kg,f,c\n', 2, 'input', /exactly one/],
    ['stage,name,amount,unit\np,a,1,kg\n', 2, 'factor', /exactly one/],
    ['stage,name,amount,unit,colour\n', 1, 5, /unknown column "colour"/],
    ['stage,name,unit,factor\n', 1, 'amount', /required column missing/],
    ['stage,name,amount,unit,factor\np,a,1,kg\n', 2, 5, /4 cells where the header has 5/],
    ['stage,name,amount,unit,factor_series\np,a,1,kWh,cn.elec.footprint\n', 2, 'geography', /needed/],
    ['stage,name,amount,unit,factor\n', 2, 'stage', /no data rows/],
  ];
  for (const [text, row, column, re] of cases) {
    assert.throws(() => bomToLines(text), (e) => {
      assert.ok(e instanceof CsvError, text);
      assert.equal(e.row, row, text);
      assert.equal(e.column, column, text);
      assert.match(e.detail, re);
      assert.match(e.message, new RegExp(`^row ${row}, column ${column}: `));
      return true;
    });
  }
});

test('neutralise prefixes = + - @ tab CR with an apostrophe, nothing else', () => {
  for (const s of ['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx']) assert.equal(neutralise(s), `'${s}`);
  for (const s of ['a=1', '1', ' =x', '']) assert.equal(neutralise(s), s);
});

test('linesToCsv: one row per line, text neutralised and quoted, numbers as given', () => {
  const result = {
    lines: [
      { path: '$.activities[0]', process: '(product)', stage: 'production', name: '=cmd|"/c calc"!A0', kind: 'factor',
        amount: 2, unit: 'kWh', factor: { id: 'f.x', value: 0.5, value_unit: 'kg', per_unit: 'kWh', source: 'S, 2025', licence: 'L' },
        scaling: 1, allocation_share: 1, kg_co2e: -1.25, class: 'fossil' },
    ],
  };
  const csv = linesToCsv(result);
  const [head, row] = csv.trimEnd().split('\r\n');
  assert.ok(head.startsWith('path,process,stage,name,kind,amount,unit,factor_id'));
  assert.ok(row.includes(`"'=cmd|""/c calc""!A0"`), row);
  assert.ok(row.includes('"S, 2025"'));
  assert.ok(row.endsWith(',-1.25,fossil'), 'a negative number stays a number');
  assert.ok(csv.endsWith('\r\n'));
});

test('safeFileName keeps letters of any script, digits, dot, dash and underscore', () => {
  assert.equal(safeFileName('LFP pack, 60 kWh (example)', 'result.json'), 'LFP-pack-60-kWh-example.result.json');
  assert.equal(safeFileName('../../etc/passwd', 'json'), 'etc-passwd.json');
  assert.equal(safeFileName('磷酸铁锂', 'csv'), '磷酸铁锂.csv');
  assert.equal(safeFileName('磷酸铁锂动力电池包，60 kWh（示例）', 'csv'), '磷酸铁锂动力电池包-60-kWh-示例.csv');
  assert.equal(safeFileName('Côte d\'Ivoire / acier', 'csv'), 'Côte-d-Ivoire-acier.csv');
  assert.equal(safeFileName('a\\b:c*d?e"f<g>h|i', 'csv'), 'a-b-c-d-e-f-g-h-i.csv', 'no character a file system refuses');
  assert.equal(safeFileName('钢'.repeat(70), 'csv'), `${'钢'.repeat(60)}.csv`, 'at most 60 characters, not bytes');
  assert.equal(safeFileName('a'.repeat(59) + ' b', 'csv'), `${'a'.repeat(59)}.csv`, 'no dash left at the cut');
  assert.equal(safeFileName('', 'csv'), 'pcf.csv');
});

test('readText: UTF-8 files are read; other bytes and oversized files are refused, unread, with the engine\'s codes', async () => {
  assert.equal(await readText(new Blob(['{"a": "café"}']), 'doc.json'), '{"a": "café"}');
  // A Latin-1 file: never read with U+FFFD in place of the é.
  const latin1 = new Blob([new Uint8Array([0x63, 0x61, 0x66, 0xe9])]);
  await assert.rejects(readText(latin1, 'latin1.csv'), (e) => e instanceof FileReadError && e.code === 'invalid_utf8' && e.path === 'latin1.csv');
  // Over the limit: refused before reading (the limit here is lowered to 4 bytes).
  await assert.rejects(readText(new Blob(['12345']), 'big.json', 4), (e) => e.code === 'limit_exceeded' && e.path === 'big.json' && e.message === 'big.json is 5 bytes, above the limit of 4');
  // The page's limit is the engine's document limit (crates/pcf-core/src/json.rs).
  const rust = readFileSync(join(ROOT, 'crates', 'pcf-core', 'src', 'json.rs'), 'utf8');
  assert.match(rust, /pub const MAX_DOCUMENT_BYTES: usize = 64 \* 1024 \* 1024;/);
  assert.equal(MAX_FILE_BYTES, 64 * 1024 * 1024);
});

test('a CSV download starts with the UTF-8 byte-order mark, which parseCsv reads past', () => {
  assert.equal(UTF8_BOM, '\uFEFF');
  const csv = UTF8_BOM + linesToCsv({ lines: [{ path: '$.activities[0]', name: '电力', kind: 'factor', amount: 1, unit: 'kWh', kg_co2e: 0.5 }] });
  assert.deepEqual([...new TextEncoder().encode(csv).subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  const rows = parseCsv(csv);
  assert.equal(rows[0][0], 'path', 'the header\'s first cell has no mark');
  assert.equal(rows[1][3], '电力');
});

test('a Chinese page\'s lines CSV heads each column in Chinese with its English key', () => {
  assert.deepEqual(Object.keys(LINE_COLUMNS_ZH), LINE_COLUMNS, 'every column has its Chinese name');
  const rows = parseCsv(linesToCsv({ lines: [{ path: '$.activities[0]', stage: 'use', kg_co2e: 0.5 }] }, 'zh'));
  assert.equal(rows[0].length, LINE_COLUMNS.length);
  assert.deepEqual(rows[0].slice(0, 3), ['路径 (path)', '过程 (process)', '阶段 (stage)']);
  assert.equal(rows[0][15], '千克二氧化碳当量 (kg_co2e)');
  assert.equal(rows[1][15], '0.5');
  assert.deepEqual(parseCsv(linesToCsv({ lines: [] }))[0], LINE_COLUMNS, 'English: the keys alone, as before');
});

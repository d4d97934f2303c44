// CSV for the page: reading a bill of materials (RFC 4180 quoting) into activity lines, and
// writing the result's lines as CSV with formula-injection neutralised. Pure functions, no
// DOM: tests/node/page-csv.test.mjs runs them in Node.

/** The documented bill-of-materials columns (www/bom-template.csv; docs/page.md "CSV bill of materials"). */
export const BOM_COLUMNS = ['stage', 'name', 'amount', 'unit', 'factor', 'factor_series', 'geography', 'input', 'note'];
const REQUIRED = ['stage', 'amount', 'unit'];

export class CsvError extends Error {
  constructor(row, column, message) {
    super(`row ${row}, column ${column}: ${message}`);
    this.row = row;
    this.column = column;
    this.detail = message;
    this.code = 'invalid_csv';
  }
}

/** Rows of a CSV text as arrays of strings; `row` numbers in errors count lines from 1. */
export function parseCsv(text) {
  const rows = [];
  let row = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let i = 0;
  if (text.charCodeAt(0) === 0xfeff) i = 1; // byte-order mark written by spreadsheet programs
  for (; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') { cell += '"'; i++; } else quoted = false;
      } else {
        if (c === '\n') line++;
        cell += c;
      }
    } else if (c === '"') {
      if (cell !== '') throw new CsvError(line, row.length + 1, 'a quote inside an unquoted cell');
      quoted = true;
    } else if (c === ',') {
      row.push(cell); cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(cell); cell = '';
      rows.push(row); row = [];
      line++;
    } else {
      cell += c;
    }
  }
  if (quoted) throw new CsvError(line, row.length + 1, 'a quoted cell is not closed');
  if (cell !== '' || row.length) { row.push(cell); rows.push(row); }
  return rows;
}

/**
 * A bill of materials CSV → [{stage, line, row}], each line an activity object (`pcf/1`
 * field names). Values are kept exactly as written (nothing stripped or neutralised);
 * every problem throws a CsvError naming the row (1 = header) and the column.
 */
export function bomToLines(text) {
  const rows = parseCsv(text).filter((r) => !(r.length === 1 && r[0].trim() === ''));
  if (!rows.length) throw new CsvError(1, 'stage', 'the file is empty');
  const header = rows[0].map((h) => h.trim().toLowerCase());
  header.forEach((h, i) => {
    if (!BOM_COLUMNS.includes(h)) throw new CsvError(1, i + 1, `unknown column "${h}" (known: ${BOM_COLUMNS.join(', ')})`);
    if (header.indexOf(h) !== i) throw new CsvError(1, h, 'column given twice');
  });
  for (const r of REQUIRED) if (!header.includes(r)) throw new CsvError(1, r, 'required column missing');
  const out = [];
  rows.slice(1).forEach((cells, k) => {
    const rowNo = k + 2;
    if (cells.length !== header.length) {
      throw new CsvError(rowNo, cells.length + 1, `${cells.length} cells where the header has ${header.length}`);
    }
    const v = Object.fromEntries(header.map((h, i) => [h, cells[i]]));
    const get = (h) => (v[h] ?? '').trim();
    if (!get('stage')) throw new CsvError(rowNo, 'stage', 'empty');
    if (!get('unit')) throw new CsvError(rowNo, 'unit', 'empty');
    const amountText = get('amount');
    const amount = amountText === '' ? NaN : Number(amountText);
    if (!/^[0-9.eE+-]+$/.test(amountText) || !Number.isFinite(amount)) {
      throw new CsvError(rowNo, 'amount', `"${amountText}" is not a number`);
    }
    if (amount < 0) throw new CsvError(rowNo, 'amount', 'negative');
    const kinds = ['factor', 'factor_series', 'input'].filter((h) => get(h) !== '');
    if (kinds.length !== 1) {
      throw new CsvError(rowNo, kinds[1] ?? 'factor', 'give exactly one of factor, factor_series or input');
    }
    if (get('geography') && !get('factor_series')) {
      throw new CsvError(rowNo, 'geography', 'only with factor_series');
    }
    const line = {};
    if (get('name')) line.name = v.name;
    line.amount = amount;
    line.unit = get('unit');
    if (get('factor')) line.factor = get('factor');
    if (get('factor_series')) {
      if (!get('geography')) throw new CsvError(rowNo, 'geography', 'needed with factor_series');
      line.factor_select = { series: get('factor_series'), geography: get('geography') };
    }
    if (get('input')) line.input = get('input');
    if (get('note')) line.note = v.note;
    out.push({ stage: get('stage'), line, row: rowNo });
  });
  if (!out.length) throw new CsvError(2, 'stage', 'no data rows');
  return out;
}

/** A cell a spreadsheet would read as a formula gets a leading apostrophe. */
export function neutralise(s) {
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

function cell(v) {
  if (v === undefined || v === null) return '';
  // Numbers are written as the engine gave them (shortest round-trip text); only text is
  // neutralised, so a negative number stays a number.
  const s = typeof v === 'number' ? String(v) : neutralise(String(v));
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const LINE_COLUMNS = ['path', 'process', 'stage', 'name', 'kind', 'amount', 'unit',
  'factor_id', 'factor_value', 'factor_unit', 'factor_source', 'factor_licence', 'gwp',
  'scaling', 'allocation_share', 'kg_co2e', 'class'];

/** The columns' Chinese names: a Chinese page's CSV heads each column `名称 (name)`. */
export const LINE_COLUMNS_ZH = {
  path: '路径', process: '过程', stage: '阶段', name: '名称', kind: '类型', amount: '数量', unit: '单位',
  factor_id: '因子编号', factor_value: '因子数值', factor_unit: '因子单位', factor_source: '因子来源',
  factor_licence: '因子许可', gwp: 'GWP', scaling: '缩放系数', allocation_share: '分配比例',
  kg_co2e: '千克二氧化碳当量', class: '类别',
};

/** The result's lines as CSV (CRLF line ends, as RFC 4180); `lang` 'zh': Chinese column
 * names, each with its English key in brackets. */
export function linesToCsv(result, lang = 'en') {
  const out = [LINE_COLUMNS.map((c) => (lang === 'zh' ? `${LINE_COLUMNS_ZH[c]} (${c})` : c)).join(',')];
  for (const l of result.lines ?? []) {
    const f = l.factor ?? {};
    const d = l.declared_by ?? l.declared ?? {};
    out.push([
      l.path, l.process, l.stage, l.name, l.kind, l.amount, l.unit,
      f.id ?? (l.kind === 'gas' ? l.gas : l.kind === 'input' ? l.input : ''),
      f.value, f.value_unit && f.per_unit ? `${f.value_unit}/${f.per_unit}` : '',
      f.source ?? d.source ?? '', f.licence ?? '', l.gwp,
      l.scaling, l.allocation_share, l.kg_co2e, l.class,
    ].map(cell).join(','));
  }
  return out.join('\r\n') + '\r\n';
}

/** The engine's document limit (crates/pcf-core/src/json.rs MAX_DOCUMENT_BYTES): a bigger file is not read. */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;

/** A file the page will not read: `code` as the engine's (`limit_exceeded`, `invalid_utf8`), `path` the file name. */
export class FileReadError extends Error {
  constructor(code, path, message) {
    super(message);
    this.code = code;
    this.path = path;
  }
}

/**
 * A user's file as text: refused unread when larger than the engine would accept (a hostile
 * file must not fill the tab's memory), and refused when it is not UTF-8 (never read with
 * U+FFFD where its bytes were). `file` is a File or Blob; `name` defaults to its name.
 */
export async function readText(file, name = file.name ?? 'file', max = MAX_FILE_BYTES) {
  if (file.size > max) {
    throw new FileReadError('limit_exceeded', name, `${name} is ${file.size} bytes, above the limit of ${max}`);
  }
  const bytes = new Uint8Array(await file.arrayBuffer());
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new FileReadError('invalid_utf8', name, `${name} is not UTF-8 text (save it as UTF-8)`);
  }
}

/** A download file name from free text in any language: letters (of any script, 磷酸铁锂
 * too), digits, dot, dash and underscore; every other run of characters (spaces, slashes,
 * punctuation) one dash; at most 60 characters. */
export function safeFileName(stem, ext) {
  const s = Array.from(String(stem ?? '').normalize('NFC').replace(/[^\p{L}\p{M}\p{N}._-]+/gu, '-')
    .replace(/^[-.]+|[-.]+$/g, '')).slice(0, 60).join('').replace(/[-.]+$/, '');
  return `${s || 'pcf'}.${ext}`;
}

/** The UTF-8 byte-order mark: a CSV download starts with it, so that Excel reads its Chinese
 * as UTF-8 (without it, Excel guesses the system code page and shows mojibake). */
export const UTF8_BOM = '\uFEFF';

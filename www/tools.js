// The page's tools beyond the result view: downloads, pre-check, documents (pcf report), verify,
// JSON/CSV import, user factor tables, the factor picker, the start menu, PACT and uncertainty.
// app.js loads this module once the first result is on screen (none of it is needed for it),
// then wires it.
import { t, getLang, tz, te } from './i18n.js';
import { SCHEMES, THRESHOLDS, META_LABELS, PACT_META_LABELS } from './i18n-tools.js';
import { h, fmt } from './dom.js';
import { call, callWithProgress } from './engine.js';
import {
  $, STORE, state, save, status, setDoc, schedule, parsedDoc, userTables, schemaFor, renderForm, selectTab,
  showError, focusPath, kv, svg, formModule, csvModule,
  result, resultText, resultByPath, examples, templates, labels, engineExports, form,
  hooks, nameOf, pct, totalBasis, sectorMetrics, stageChart, lineLabel, lineBasis, contributorsOf,
} from './app.js';

// ---- the print report -----------------------------------------------------------------
/** The one-page print report (shown only by @media print), built for each result shown once
 * this module is loaded (app.js's `hooks.result`). */
function buildReport(r) {
  const metrics = sectorMetrics(r);
  const contributors = contributorsOf(r);
  const total = r.total_kg_co2e;
  const du = r.declared_unit ?? {};
  const rc = r.receipt ?? {};
  $('report').replaceChildren(
    h('h1', { text: t('reportTitle') }),
    kv([
      [t('product'), nameOf(r.product)],
      [t('template'), r.template ?? 'pcf/1'],
      [t('period'), r.reference_period ? `${r.reference_period.start} – ${r.reference_period.end}` : ''],
      [t('gwpSet'), r.gwp_set],
      [t('boundary'), r.boundary ? `${tz('b_', r.boundary.kind)}: ${(r.boundary.stages ?? []).map((x) => tz('st_', x)).join(', ')}` : ''],
    ]),
    h('p', { class: 'report-total' }, h('strong', { text: fmt(total) }), ` ${t('perUnit', `${fmt(du.amount)} ${tz('u_', du.unit)}`)}`,
      totalBasis(r) ? ` (${totalBasis(r)})` : ''),
    metrics.length ? kv(metrics) : '',
    h('h2', { text: t('byStage') }), stageChart(r.by_stage ?? [], total),
    h('h2', { text: t('hotspots') }),
    h('ol', {}, contributors.map((l, i) => h('li', { text: `${lineLabel(l, i)} — ${fmt(l.kg_co2e)} kg (${pct(l.kg_co2e, total)}) — ${lineBasis(l)[1]}` }))),
    h('h2', { text: t('byClass') }),
    h('p', { text: (r.by_class ?? []).map((c) => `${tz('c_', c.class)} ${fmt(c.kg_co2e)}`).join(' · ') }),
    h('h2', { text: t('dataBasis') }),
    h('p', { text: (r.by_data_basis ?? []).map((b) => `${tz('db_', b.basis)} ${fmt(b.kg_co2e)} (${pct(b.kg_co2e, total)})`).join(' · ') }),
    h('h2', { text: t('receipt') }),
    kv([[t('inputSha'), rc.input_sha256], [t('resultSha'), rc.result_sha256], [t('factorSetSha'), rc.factor_set_sha256]]),
    h('p', { class: 'muted', text: t('generated', rc.engine ?? r.engine ?? 'pcf') }),
  );
}

// ---- downloads ------------------------------------------------------------------------
function download(text, name, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = h('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
/** Download files are named after the product, in the page's language when the document
 * names it in both (`name_zh`). */
function stem() {
  const d = parsedDoc() ?? {};
  const o = d.product ?? d.battery ?? d.vehicle ?? d.garment ?? d.module ?? d.installation ?? d.good ?? result?.product ?? {};
  return (getLang() === 'zh' ? o.name_zh || o.name : o.name || o.name_zh) || 'pcf';
}

// ---- pre-check ------------------------------------------------------------------------
let lastPrecheck = null;
let precheckSeq = 0;
export function fillSchemes() {
  const zh = getLang() === 'zh';
  const schemes = engineExports.includes('pactExport')
    ? [...SCHEMES, ['pact-v2', 'PACT v2 footprint', 'PACT v2 碳足迹'], ['pact-v3', 'PACT v3 footprint', 'PACT v3 碳足迹']] : SCHEMES;
  $('scheme').replaceChildren(...schemes.map(([id, en, z]) => h('option', { value: id, text: zh ? z : en, selected: id === state.scheme })));
  const th = THRESHOLDS[state.scheme];
  $('threshold').hidden = !th;
  $('threshold-label').hidden = !th;
  $('threshold').replaceChildren(...(th ?? []).map(([id, en, z]) => h('option', { value: id, text: zh ? z : en, selected: id === state.threshold })));
}
export async function runPrecheck() {
  const mine = ++precheckSeq;
  const th = THRESHOLDS[state.scheme] ? $('threshold').value || undefined : undefined;
  try {
    const meta = state.scheme.startsWith('pact-') ? pactMeta() : undefined;
    const rep = await call('precheck', state.docText, state.scheme, userTables(), th, meta);
    if (mine !== precheckSeq) return;
    // The other schemes' verdicts on the same document, so that a difference is explained.
    const others = [];
    for (const [id] of SCHEMES) {
      if (id === state.scheme) continue;
      try {
        others.push(await call('precheck', state.docText, id, userTables()));
      } catch { /* a scheme that cannot read this document has no verdict to compare */ }
      if (mine !== precheckSeq) return;
    }
    lastPrecheck = { ...rep, others };
    showPrecheck(lastPrecheck);
  } catch (err) {
    if (mine !== precheckSeq) return;
    lastPrecheck = null;
    $('precheck-out').replaceChildren(h('div', { class: 'error', text: `${err.code} ${err.path}: ${te(err)}` }));
  }
}
/** One line when other schemes give this document another verdict: each scheme checks its own
 * rules, and the rules that failed with an error are what makes a verdict "not ready". */
function verdictsDiffer(rep) {
  const zh = getLang() === 'zh';
  // A scheme that wants another kind of document (a rule failed at `$.schema`: another
  // template) is no comparison.
  const forThis = (r) => !r.outcomes.some((o) => o.status === 'fail' && o.path === '$.schema');
  const differ = (rep.others ?? []).filter((o) => o.verdict !== rep.verdict && forThis(o));
  if (!differ.length) return null;
  const failed = (r) => r.outcomes.filter((o) => o.status === 'fail' && o.severity === 'error').map((o) => o.rule);
  const mine = failed(rep);
  const parts = differ.map((o) => {
    const f = failed(o);
    return t('verdictOther', zh ? o.scheme_name_zh : o.scheme_name_en, t(`verdict_${o.verdict}`), f.length ? f.join(', ') : t('none'));
  });
  return h('p', { class: 'muted small', id: 'verdicts-differ' },
    t('verdictsDiffer', mine.length ? mine.join(', ') : t('none')), ' ', parts.join('; '), '.');
}
/** A fix link: the field, added to the form first when the document does not have it yet. */
async function fixLink(path) {
  if (state.inTab !== 'form') {
    selectTab('in', 'form');
    await renderForm();
  }
  form?.ensureField?.(path);
  focusPath(path);
}
function showPrecheck(rep) {
  const zh = getLang() === 'zh';
  const out = $('precheck-out');
  const verdict = h('p', { class: `verdict v-${rep.verdict}`, id: 'verdict', 'data-verdict': rep.verdict },
    `${t('verdict')}: `, h('strong', { text: t(`verdict_${rep.verdict}`) }),
    ` — ${zh ? rep.scheme_name_zh : rep.scheme_name_en}`);
  const rows = (rep.outcomes ?? []).map((o) => h('tr', { class: `st-${o.status} sev-${o.severity}`, 'data-rule': o.rule },
    h('td', {}, h('span', { class: 'badge', text: t(`status_${o.status}`) }), ' ',
      o.status === 'fail' ? h('small', { text: t(`sev_${o.severity}`) }) : null),
    h('td', {},
      h('div', { text: zh ? o.message_zh : o.message_en }),
      o.status === 'fail' ? h('div', { class: 'hint' }, h('strong', { text: `${t('hint')}: ` }), zh ? o.hint_zh : o.hint_en) : null,
      o.detail ? h('div', { class: 'muted detail' }, `${t('found')}: ${zh ? o.detail_zh : o.detail}`) : null,
      h('div', { class: 'muted small' }, `${o.rule} · `, h('span', { lang: 'en', text: o.reference ?? '' }), ' ',
        o.path ? h('button', { type: 'button', class: 'link mono', text: o.path, onclick: () => fixLink(o.path) }) : null))));
  out.replaceChildren(verdict, verdictsDiffer(rep), h('p', { class: 'muted small', lang: 'en', text: rep.scheme_source ?? '' }),
    h('table', { class: 'outcomes' }, h('thead', {}, h('tr', {}, h('th', { text: t('outcome') }), h('th', { text: t('rule') }))), h('tbody', {}, rows)));
}

// ---- verify ---------------------------------------------------------------------------
let lastVerify = null;
async function verifyFile(f) {
  const { readText } = await csvModule();
  let text;
  try {
    text = await readText(f);
  } catch (err) {
    lastVerify = { error: err, name: f.name };
    showVerify(lastVerify);
    return;
  }
  await verifyText(text, f.name);
}
/** What a verified result file says it is: its product, total and digests, read from the file
 * (shown whatever the verdict, so the certifier sees which product was checked). */
function verifiedFile(text) {
  try {
    const r = JSON.parse(text);
    return {
      product: r.product ?? {}, total: r.total_kg_co2e, unit: r.declared_unit ?? r.product?.declared_unit,
      result: r.receipt?.result_sha256, input: r.receipt?.input_sha256,
    };
  } catch {
    return null;
  }
}
async function verifyText(text, name) {
  try {
    lastVerify = { report: await call('verify', text, userTables()), name, file: verifiedFile(text) };
  } catch (err) {
    lastVerify = { error: err, name };
  }
  showVerify(lastVerify);
}
function showVerify({ report, error, name, file }) {
  const out = $('verify-out');
  verified = error ? null : file;
  markUnrelated();
  if (error) {
    out.replaceChildren(h('div', { class: 'error', id: 'verify-status', 'data-status': 'error' },
      h('strong', { text: name ?? '' }), h('p', {}, h('code', { text: error.code }), ' ', h('code', { text: error.path ?? '' }), ` ${te(error)}`)));
    return;
  }
  const ok = report.status === 'match';
  const kids = [
    h('p', { class: `verdict ${ok ? 'v-ready' : 'v-not_ready'}`, id: 'verify-status', 'data-status': report.status },
      h('strong', { text: ok ? t('verifyMatch') : t('verifyMismatch') }), name ? ` — ${name}` : ''),
    ...verifiedWhat(file)];
  kids.push(
    h('table', {}, h('tbody', {}, (report.checks ?? []).map((c) => h('tr', { class: c.ok ? 'st-pass' : 'st-fail' },
      h('td', {}, h('span', { class: 'badge', text: c.ok ? '✓' : '✗' })), h('td', { text: tz('vc_', c.check) }), h('td', { text: (getLang() === 'zh' && c.detail_zh) || c.detail }))))));
  if (report.table_changes?.length) {
    kids.push(h('h3', { text: t('tableChanges') }), h('pre', { text: JSON.stringify(report.table_changes, null, 1) }));
  }
  if (report.factor_changes?.length) {
    kids.push(h('h3', { text: t('factorChanges') }), h('pre', { text: JSON.stringify(report.factor_changes, null, 1) }));
  }
  if (report.differences?.length) {
    kids.push(h('h3', { text: `${t('differences')} (${report.differences_total ?? report.differences.length})` }),
      h('div', { class: 'scroll' }, h('table', {}, h('thead', {}, h('tr', {}, h('th', { text: 'path' }), h('th', { text: t('recorded') }), h('th', { text: t('recomputed') }))),
        h('tbody', {}, report.differences.slice(0, 200).map((d) => h('tr', {}, h('td', { class: 'mono', text: d.path }),
          h('td', { class: 'num', text: JSON.stringify(d.recorded) }), h('td', { class: 'num', text: JSON.stringify(d.recomputed) })))))));
  }
  out.replaceChildren(...kids);
}

/** The verified file's product, total and digests in full, and whether the Result tab shows
 * the same input or another document. */
function verifiedWhat(file) {
  if (!file) return [];
  const zh = getLang() === 'zh';
  const pname = (zh ? file.product.name_zh || file.product.name : file.product.name || file.product.name_zh) ?? '';
  const unit = file.unit ? ` / ${file.unit.amount} ${file.unit.unit}` : '';
  const rows = h('dl', { class: 'receipt', id: 'verify-what' },
    h('dt', { text: t('verifyProduct') }), h('dd', { id: 'verify-product', text: pname }),
    h('dt', { text: t('verifyTotal') }), h('dd', { id: 'verify-total', 'data-value': String(file.total ?? ''), text: `${file.total ?? ''} kg CO₂e${unit}` }),
    h('dt', { text: t('verifyResultDigest') }), h('dd', { class: 'mono', id: 'verify-digest', text: file.result ?? '' }),
    h('dt', { text: t('verifyInputDigest') }), h('dd', { class: 'mono', text: file.input ?? '' }));
  const shown = result?.receipt?.input_sha256;
  const other = shown && file.input && shown !== file.input;
  return [rows, other ? h('p', { class: 'notice', id: 'verify-other', text: t('verifyOther', nameOfProduct(result?.product)) }) : null].filter(Boolean);
}
const nameOfProduct = nameOf;
/** The file the Verify tab shows (what `verifiedFile` read), while it shows one. */
let verified = null;
/** While the Verify tab shows a file other than the Result tab's document, the Result tab is
 * greyed, with a line naming both (issue 21). */
function markUnrelated() {
  const shown = result?.receipt?.input_sha256;
  const other = Boolean(verified?.input && shown && verified.input !== shown);
  $('results').classList.toggle('unrelated', other);
  $('result-unrelated')?.remove();
  if (other) {
    $('results').before(h('p', { class: 'notice', id: 'result-unrelated',
      text: t('resultUnrelated', nameOf(result?.product), nameOf(verified.product)) }));
  }
}

// ---- a document against a receipt (pcf verify --document) -------------------------------
// The document: a chosen file, else the one in the editor. The receipt: a chosen file (a sealed
// result, a report, a label's SVG, a pcf-receipt/1 object), else the text field (a result
// digest or a label's link, which a `#verify=<digest>` address fills in).
let vdocFile = null;
let vreceiptFile = null;
let lastVerifyDoc = null;
/** The digest of a label's verification link in the page's address, if any. */
const VERIFY_HASH = /^#verify=([0-9a-fA-F]{64})$/;

function verifyDocSection() {
  const fileButton = (id, key, onFile, accept) => [
    h('label', { class: 'button', for: id }, h('span', { 'data-i18n': key, text: t(key) })),
    h('input', { type: 'file', id, accept, class: 'visually-hidden',
      onchange: async (e) => {
        const f = e.target.files?.[0];
        e.target.value = '';
        if (!f) return;
        const { readText } = await csvModule();
        try {
          onFile({ name: f.name, text: await readText(f) });
        } catch (err) {
          lastVerifyDoc = { error: err };
          showVerifyDoc(lastVerifyDoc);
        }
      } })];
  return h('section', { id: 'verify-doc' },
    h('h3', { 'data-i18n': 'verifyDocTitle', text: t('verifyDocTitle') }),
    h('p', { class: 'muted', 'data-i18n': 'verifyDocIntro', text: t('verifyDocIntro') }),
    h('p', {}, h('strong', { 'data-i18n': 'verifyDocDocument', text: t('verifyDocDocument') }), ' ',
      h('span', { id: 'verify-doc-name', 'data-i18n': 'verifyDocEditor', text: t('verifyDocEditor') }), ' ',
      ...fileButton('verify-doc-file', 'verifyDocChoose', (f) => { vdocFile = f; $('verify-doc-name').textContent = f.name; delete $('verify-doc-name').dataset.i18n; },
        '.json,application/json')),
    h('p', {}, h('label', { for: 'verify-receipt' }, h('strong', { 'data-i18n': 'verifyReceipt', text: t('verifyReceipt') })), ' ',
      h('input', { id: 'verify-receipt', type: 'text', size: 70, class: 'mono', autocomplete: 'off', spellcheck: 'false',
        'data-i18n-placeholder': 'verifyReceiptHint', placeholder: t('verifyReceiptHint'),
        oninput: () => { vreceiptFile = null; } }), ' ',
      ...fileButton('verify-receipt-file', 'verifyReceiptChoose', (f) => { vreceiptFile = f; $('verify-receipt').value = f.name; },
        '.json,.svg,application/json,image/svg+xml')),
    h('p', {}, h('button', { type: 'button', id: 'verify-doc-run', 'data-i18n': 'verifyDocRun', text: t('verifyDocRun'), onclick: runVerifyDoc })),
    h('div', { id: 'verify-doc-out' }));
}
async function runVerifyDoc() {
  const doc = vdocFile ? vdocFile.text : state.docText;
  const receipt = vreceiptFile ? vreceiptFile.text : $('verify-receipt').value.trim();
  try {
    lastVerifyDoc = { report: await call('verifyDocument', doc, receipt, userTables()) };
  } catch (err) {
    lastVerifyDoc = { error: err };
  }
  showVerifyDoc(lastVerifyDoc);
}
function showVerifyDoc({ report, error }) {
  const out = $('verify-doc-out');
  if (error) {
    out.replaceChildren(h('div', { class: 'error', id: 'verify-doc-status', 'data-status': 'error' },
      h('code', { text: error.code ?? '' }), ' ', h('code', { text: error.path ?? '' }), ` ${error.message}`));
    return;
  }
  const ok = report.status === 'match';
  const label = { match: '✓', mismatch: '✗', not_given: '–' };
  out.replaceChildren(
    h('p', { class: `verdict ${ok ? 'v-ready' : 'v-not_ready'}`, id: 'verify-doc-status', 'data-status': report.status },
      h('strong', { text: ok ? t('verifyDocMatch') : t('verifyMismatch') })),
    h('p', { id: 'verify-doc-summary', class: 'mono small', text: report.summary }),
    h('table', {}, h('thead', {}, h('tr', {}, h('th', {}), h('th', { text: t('verifyDocCheck') }), h('th', { text: t('recorded') }), h('th', { text: t('recomputed') }))),
      h('tbody', {}, report.checks.map((c) => h('tr', { class: c.status === 'mismatch' ? 'st-fail' : 'st-pass', 'data-check': c.check, 'data-status': c.status },
        h('td', {}, h('span', { class: 'badge', text: label[c.status] ?? c.status })), h('td', { text: c.check }),
        h('td', { class: 'mono', text: c.recorded ?? t('verifyDocNotGiven') }), h('td', { class: 'mono', text: c.recomputed }))))));
}
/** Opens a label's link (`#verify=<digest>` in the address): the Verify tab, the digest filled in. */
export function openVerifyLink() {
  const m = VERIFY_HASH.exec(location.hash);
  if (!m || !$('verify-receipt')) return;
  selectTab('out', 'verify');
  vreceiptFile = null;
  $('verify-receipt').value = m[1].toLowerCase();
  $('verify-doc').scrollIntoView({ block: 'nearest' });
  $('verify-receipt').focus();
}

// ---- import ---------------------------------------------------------------------------
/** Activity-line arrays of the current document's schema: list key (dotted) → json path parts. */
function lineLists(schema) {
  const out = new Map();
  if (!form) return out;
  const walk = (node, parts, depth) => {
    if (depth > 4) return;
    const { type, node: n } = form.shape(node);
    if (form.isLineArray(node)) { out.set(parts.join('.'), parts); return; }
    if (type === 'object') {
      for (const [k, p] of Object.entries(n.properties ?? {})) {
        if (k === 'components') continue;
        walk(p, [...parts, k], depth + 1);
      }
    }
  };
  walk(schema, [], 0);
  return out;
}

async function importFile(file) {
  const { bomToLines, CsvError, readText } = await csvModule();
  let text;
  try {
    text = await readText(file);
  } catch (err) {
    status(t('importFailed', err.message));
    showImportError(err.message, err.code);
    return;
  }
  const isCsv = /\.csv$/i.test(file.name) || (!/\.json$/i.test(file.name) && !/^\s*[{[]/.test(text));
  try {
    if (!isCsv) {
      const v = JSON.parse(text); // syntax check; the engine validates the rest
      if (v && typeof v === 'object' && v.schema === 'pcf-result/1' && v.input) {
        setDoc(JSON.stringify(v.input, null, 2)); // a result file: take its sealed input
      } else {
        setDoc(text);
      }
      status(t('imported', file.name));
      return;
    }
    const rows = bomToLines(text);
    const doc = parsedDoc();
    if (!doc || typeof doc !== 'object') throw new CsvError(1, 'stage', 'the current document is not valid JSON');
    if (doc.schema === 'pcf/1') {
      const stages = doc.boundary?.stages ?? [];
      for (const r of rows) {
        if (stages.length && !stages.includes(r.stage)) throw new CsvError(r.row, 'stage', `"${r.stage}" is not a stage of the boundary (${stages.join(', ')})`);
      }
      doc.activities = rows.map((r) => ({ ...r.line, stage: r.stage }));
    } else {
      const schema = await schemaFor(doc.schema);
      if (!form) { selectTab('in', 'form'); await renderForm(); }
      const lists = lineLists(schema);
      const seen = new Set();
      for (const r of rows) {
        const parts = lists.get(r.stage);
        if (!parts) throw new CsvError(r.row, 'stage', `"${r.stage}" is not a line list of ${doc.schema} (${[...lists.keys()].join(', ')})`);
        let o = doc;
        for (const k of parts.slice(0, -1)) { o[k] ??= {}; o = o[k]; }
        const key = parts[parts.length - 1];
        if (!seen.has(r.stage)) { o[key] = []; seen.add(r.stage); } // the CSV replaces the lists it names
        o[key].push(r.line);
      }
    }
    setDoc(JSON.stringify(doc, null, 2));
    status(t('importCsvInto', rows.length, file.name));
  } catch (err) {
    const msg = err?.code === 'invalid_csv' ? t('csvErr', err.row, err.column, err.detail) : err.message;
    status(t('importFailed', msg));
    showImportError(msg);
  }
}
function showImportError(msg, code = 'invalid_csv') {
  const box = $('error');
  box.replaceChildren(h('p', {}, h('strong', { text: t('importFailed', '') }), h('code', { class: 'code', text: code })),
    h('p', { class: 'message', text: msg }));
  box.hidden = false;
}

// ---- user factor tables ---------------------------------------------------------------
export function showTables() {
  $('tables').hidden = state.tables.length === 0;
  $('tables-override').checked = state.override;
  $('tables-list').replaceChildren(...state.tables.map((x, i) => h('li', {},
    h('code', { text: x.name }), ` (${t('tableRows', Math.max(0, x.text.trim().split('\n').length - 1))}) `,
    h('button', {
      type: 'button', class: 'icon danger', text: '✕', 'aria-label': `${t('remove')} ${x.name}`,
      onclick: () => { state.tables.splice(i, 1); save(); showTables(); schedule(); },
    }))));
}
async function loadTables(files) {
  const { readText } = await csvModule();
  for (const f of files) {
    let text;
    try {
      text = await readText(f);
    } catch (err) {
      status(t('importFailed', err.message));
      showImportError(err.message, err.code);
      continue;
    }
    const at = state.tables.findIndex((x) => x.name === f.name);
    if (at >= 0) state.tables[at] = { name: f.name, text };
    else state.tables.push({ name: f.name, text });
  }
  save();
  showTables();
  schedule();
}

// ---- factor picker --------------------------------------------------------------------
let pickCb = null;
let pickTimer = 0;
export function openPicker(cb, query) {
  pickCb = cb;
  const q = $('picker-q');
  q.value = query ?? '';
  $('picker').showModal();
  searchFactors(q.value);
  q.focus();
}
async function searchFactors(q) {
  let rows;
  try { rows = await call('factors', q.trim() || undefined); } catch (e) { rows = []; status(e.message); }
  const zh = getLang() === 'zh';
  const list = $('picker-rows');
  if (!rows.length) { list.replaceChildren(h('tr', {}, h('td', { text: t('noFactors') }))); return; }
  list.replaceChildren(...rows.slice(0, 200).map((f) => h('tr', {},
    h('td', {}, h('button', {
      type: 'button', text: t('pick'), 'data-factor': f.id,
      onclick: () => { $('picker').close(); pickCb?.(f); },
    })),
    h('td', {}, h('div', { class: 'mono', text: f.id }), h('div', { text: zh ? f.name_zh || f.name_en : f.name_en }),
      h('div', { class: 'muted small', text: `${f.value} ${f.value_unit}/${f.per_unit} ${f.basis} · ${f.geography} ${f.year ?? ''} · ${f.source} · ${f.licence} · ${f.verification}` })))));
}

// ---- start menu -----------------------------------------------------------------------
export function fillStart() {
  const sel = $('start');
  const ex = h('optgroup', { label: t('examples') }, examples.map((e) => h('option', { value: `example:${e.file}`, text: e.title ?? e.name })));
  const blanks = h('optgroup', { label: t('blank') },
    [{ tag: 'pcf/1', name: 'pcf' }, ...templates].map((x) => h('option', { value: `blank:${x.tag}`, text: t('blankOf', x.tag) })));
  sel.replaceChildren(ex, blanks);
  sel.value = state.start;
  sel.disabled = false;
}
async function loadExample(file) {
  const resp = await fetch(`examples/${encodeURIComponent(file)}`);
  if (!resp.ok) throw new Error(`examples/${file}: HTTP ${resp.status}`);
  state.start = `example:${file}`;
  setDoc(await resp.text());
}
async function blankDoc(tag) {
  const schema = await schemaFor(tag);
  const { SchemaForm } = await formModule();
  const f = new SchemaForm(document.createElement('div'), { schema, labels, onChange() {}, lineResult() {} });
  const doc = f.skeleton(schema);
  doc.schema = tag;
  const y = new Date().getFullYear() - 1;
  if ('reference_period' in doc) doc.reference_period = { start: `${y}-01-01`, end: `${y}-12-31` };
  state.start = `blank:${tag}`;
  setDoc(JSON.stringify(doc, null, 2));
}

// ---- extension hooks ------------------------------------------------------------------
// PACT: pactExport(resultText, spec, meta) → ProductFootprint;
// pactImport(footprintText, options) → a pcf/1 component. Enabled when the engine has them.
export function enableExtensions() {
  const pact = engineExports.includes('pactExport') && engineExports.includes('pactImport');
  $('pact-unavailable').hidden = pact;
  $('pact-tools').hidden = !pact;
  // One step to add a supplier: pactImportInto(footprint, docText, {amount, unit, stage}) →
  // the document text with the component and its line (pcf pact import --into).
  if (pact && engineExports.includes('pactImportInto') && engineExports.includes('pactImportStages') && !$('pact-add-supplier')) {
    $('pact-tools').before(pactAddSection());
  }
  // The export's meta: a form, below what the export button says.
  if (pact && !$('pact-meta')) $('pact-out').after(pactMetaSection());
  $('dl-pact').hidden = !engineExports.includes('pactExport');
  // Uncertainty: uncertainty(doc, runs, seed, threshold?, tables?) →
  // pcf-uncertainty/1, drawn as a histogram and a tornado chart.
  const unc = engineExports.includes('uncertainty');
  $('unc-unavailable').hidden = unc;
  $('unc-tools').hidden = !unc;
  // A document against a receipt: verifyDocument(doc, receipt, tables?) → pcf-verify-document/1.
  if (engineExports.includes('verifyDocument') && !$('verify-doc')) {
    $('verify-out').after(verifyDocSection());
  }
}

let lastUnc = null;
async function runUncertainty() {
  const runs = Number($('unc-runs').value);
  const seed = Number($('unc-seed').value);
  const thText = $('unc-threshold').value.trim();
  const threshold = thText === '' ? undefined : Number(thText);
  const bar = h('progress', { id: 'unc-progress', max: '1', value: '0' });
  const text = state.docText;
  $('unc-out').replaceChildren(h('p', { class: 'muted', text: t('computing') }), bar);
  try {
    lastUnc = engineExports.includes('uncertaintyProgress')
      ? await callWithProgress('uncertaintyProgress', ({ done, runs: n }) => {
        bar.max = n;
        bar.value = done;
      }, text, runs, seed, threshold, userTables())
      : await call('uncertainty', text, runs, seed, threshold, userTables());
    uncDoc = text;
    showUncertainty(lastUnc);
  } catch (err) {
    lastUnc = null;
    $('unc-out').replaceChildren(h('div', { class: 'error', text: `${err.code ?? ''} ${err.path ?? ''}: ${te(err)}` }));
  }
}

function showUncertainty(u) {
  const st = u.statistics ?? {};
  const rows = [
    [t('uncDeterministic'), u.deterministic_kg_co2e], [t('uncMean'), st.mean], [t('uncSd'), st.sd],
    [t('uncMedian'), st.p50], [t('uncInterval'), `${fmt(st.p2_5)} – ${fmt(st.p97_5)}`],
  ];
  if (u.threshold) rows.push([t('uncExceed', fmt(u.threshold.kg_co2e)), `${(100 * u.threshold.probability_exceeding).toFixed(1)} % (± ${(100 * u.threshold.standard_error).toFixed(1)})`]);
  $('unc-out').replaceChildren(kv(rows),
    h('h3', { text: t('uncHistogram', u.method?.runs ?? '', u.method?.seed ?? '') }), histogram(u),
    h('h3', { text: t('uncTornado') }), tornado(u));
}

/** The histogram of the total, with the deterministic total and the threshold marked. */
function histogram(u) {
  const hgm = u.histogram ?? { counts: [] };
  const W = 600, H = 180, pad = 18;
  const max = Math.max(1, ...hgm.counts);
  const bw = (W - 2 * pad) / Math.max(1, hgm.counts.length);
  const x = (v) => pad + (W - 2 * pad) * (hgm.max > hgm.min ? (v - hgm.min) / (hgm.max - hgm.min) : 0.5);
  const g = svg('svg', { viewBox: `0 0 ${W} ${H + 20}`, role: 'img', class: 'bars hist', 'aria-label': 'histogram' });
  hgm.counts.forEach((c, i) => {
    const hh = (H - 10) * c / max;
    g.append(svg('rect', { x: (pad + i * bw).toFixed(1), y: (H - hh).toFixed(1), width: Math.max(0.5, bw - 1).toFixed(1), height: hh.toFixed(1), class: 'bar' }));
  });
  const mark = (v, cls, label) => {
    if (typeof v !== 'number' || v < hgm.min || v > hgm.max) return;
    g.append(svg('line', { x1: x(v), x2: x(v), y1: 0, y2: H, class: cls }), svg('text', { x: x(v) + 3, y: 10, class: 'lbl' }, label));
  };
  mark(u.deterministic_kg_co2e, 'det', fmt(u.deterministic_kg_co2e, 4));
  mark(u.threshold?.kg_co2e, 'thr', `${fmt(u.threshold?.kg_co2e, 4)}`);
  g.append(svg('text', { x: pad, y: H + 15, class: 'val' }, fmt(hgm.min, 4)),
    svg('text', { x: W - pad, y: H + 15, class: 'val', 'text-anchor': 'end' }, fmt(hgm.max, 4)));
  return g;
}

/** The tornado chart: the ten largest swings around the deterministic total. */
function tornado(u) {
  const items = (u.sensitivity ?? []).slice(0, 10);
  const W = 600, rowH = 24, labelW = 230;
  const base = u.deterministic_kg_co2e;
  const span = Math.max(1e-300, ...items.map((s) => Math.max(Math.abs(s.low_kg_co2e - base), Math.abs(s.high_kg_co2e - base))));
  const mid = labelW + (W - labelW) / 2;
  const scale = ((W - labelW) / 2 - 4) / span;
  const g = svg('svg', { viewBox: `0 0 ${W} ${rowH * items.length + 4}`, role: 'img', class: 'bars tornado', 'aria-label': 'tornado' });
  items.forEach((s, i) => {
    const y = i * rowH + 2;
    const a = mid + (Math.min(s.low_kg_co2e, s.high_kg_co2e) - base) * scale;
    const b = mid + (Math.max(s.low_kg_co2e, s.high_kg_co2e) - base) * scale;
    const full = resultByPath.get(s.id)?.name ?? s.id; // a line: its name; a factor: its id
    const name = full.length > 34 ? `${full.slice(0, 33)}…` : full;
    g.append(svg('text', { x: 0, y: y + 16, class: 'lbl' }, name),
      svg('rect', { x: a.toFixed(1), y: y + 4, width: Math.max(1, b - a).toFixed(1), height: rowH - 8, class: 'bar' }));
    g.lastChild.append(svg('title', {}, `${s.id}: ${s.low_kg_co2e} – ${s.high_kg_co2e} kg CO2e`));
  });
  g.append(svg('line', { x1: mid, x2: mid, y1: 0, y2: rowH * items.length + 4, class: 'det' }));
  return g;
}
const pactMeta = () => (state.pactMeta.trim() && state.pactMeta.trim() !== '{}' ? state.pactMeta : undefined);
async function pactExportDownload(e) {
  // An error is said where the user clicked: under the Result tab's downloads too.
  const fromResult = e?.currentTarget?.id === 'dl-pact'; // (read before any await: it is reset)
  const { safeFileName } = await csvModule();
  $('dl-pact-error')?.remove();
  // Every field the meta lacks, at once, where the user clicked (the export would name the
  // first only); each is also said beside its field in the PACT tab's form.
  const asked = engineExports.includes('pactMetaNeeds') ? await refreshPactNeeds() : null;
  if (asked?.needs?.length) {
    lastNeeds = { fromResult, needs: asked.needs };
    showLastNeeds();
    return;
  }
  lastNeeds = null;
  try {
    const spec = $('pact-spec').value;
    // With its warnings where the engine has them: parts the spec version cannot carry,
    // supplier figures that do not add up (each also a sentence of the footprint's comment).
    const report = engineExports.includes('pactExportReport')
      ? await call('pactExportReport', resultText, spec, pactMeta(), undefined)
      : { footprint: await call('pactExport', resultText, spec, pactMeta()), warnings: [] };
    // The file: the bytes of `pcf pact export` where the engine writes them (JSON.stringify
    // would write v2's 0.0 as 0).
    const text = engineExports.includes('pactExportJson')
      ? await call('pactExportJson', resultText, spec, pactMeta(), undefined)
      : JSON.stringify(report.footprint, null, 2);
    download(text, safeFileName(stem(), 'pact.json'), 'application/json');
    $('pact-out').replaceChildren(report.warnings.length
      ? h('div', { id: 'pact-warnings' }, h('p', { text: t('pactExportWarnings', report.warnings.length) }),
        h('ul', {}, ...report.warnings.map((w) => h('li', { class: 'warning', 'data-code': w.code, 'data-path': w.path, text: `${w.code}: ${w.message}` }))))
      : h('p', { id: 'pact-warnings', text: t('pactExportClean') }));
  } catch (err) {
    pactError(err);
    if (fromResult) {
      $('dl-pact').closest('.downloads').after(h('div', { class: 'error', id: 'dl-pact-error', role: 'alert', 'data-code': err.code ?? '', 'data-path': err.path ?? '' },
        h('p', { text: `${err.code ?? ''} ${err.path ?? ''}: ${te(err)}` }),
        h('button', { type: 'button', class: 'link', text: t('pactGiveMeta'), onclick: () => openPactForm() })));
    }
  }
}
async function pactImportFile(file) {
  try {
    const { readText } = await csvModule();
    const comp = await call('pactImport', await readText(file), undefined);
    const doc = parsedDoc();
    if (!doc || typeof doc !== 'object') throw new Error(t('formNoJson'));
    (doc.components ??= []).push(comp);
    setDoc(JSON.stringify(doc, null, 2));
    $('pact-out').replaceChildren(h('p', { text: t('pactImported', comp.id ?? '') }));
  } catch (err) {
    pactError(err);
  }
}

// ---- add a supplier in one step -------------------------------------------------------
let pending = null; // {text, component} of the footprint read, until it is added
function pactAddSection() {
  const drop = h('div', { id: 'pact-drop', class: 'dropzone' },
    h('p', { 'data-i18n': 'pactAddIntro', text: t('pactAddIntro') }),
    h('label', { class: 'button', for: 'pact-add-file' }, h('span', { 'data-i18n': 'pactAddChoose', text: t('pactAddChoose') })),
    h('input', { type: 'file', id: 'pact-add-file', accept: '.json,application/json', class: 'visually-hidden',
      onchange: (e) => { const f = e.target.files?.[0]; if (f) pactRead(f).finally(() => { e.target.value = ''; }); } }),
    h('p', { id: 'pact-add-what', class: 'muted' }));
  drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over'); });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    drop.classList.remove('over');
    const f = e.dataTransfer?.files?.[0];
    if (f) pactRead(f);
  });
  const field = (key, input) => h('label', {}, h('span', { 'data-i18n': key, text: t(key) }), ' ', input);
  return h('section', { id: 'pact-add-supplier' },
    h('h3', { 'data-i18n': 'pactAddTitle', text: t('pactAddTitle') }), drop,
    h('p', {},
      field('pactAmount', h('input', { id: 'pact-amount', type: 'number', min: '0', step: 'any', value: '1', size: 8 })), ' ',
      field('pactUnit', h('input', { id: 'pact-unit', size: 6, autocomplete: 'off', spellcheck: 'false' })), ' ',
      field('pactStage', h('select', { id: 'pact-stage' })), ' ',
      h('button', { type: 'button', id: 'pact-add', 'data-i18n': 'pactAdd', text: t('pactAdd'), onclick: pactAdd })));
}
/** An error in the PACT tab's output, with its code and path; `from` marks where it came from. */
const pactError = (err, from) => $('pact-out').replaceChildren(h('div', { class: 'error', 'data-from': from, title: err.message },
  h('code', { text: err.code ?? '' }), ` ${err.path ?? ''}: ${tz('e_', err.code, err.message)}`));
/** The stages the document takes for a supplier line, the current choice kept. */
async function fillPactStages() {
  const sel = $('pact-stage');
  const stages = await call('pactImportStages', state.docText);
  const keep = sel.value || (stages.includes('raw_material_acquisition') ? 'raw_material_acquisition' : stages[0]);
  sel.replaceChildren(...stages.map((s) => h('option', { value: s, text: tz('st_', s) })));
  if (stages.includes(keep)) sel.value = keep;
}
/** What the footprint read is: product, supplier, kg CO2e per unit, PACT id and spec. */
function showPending() {
  const c = pending?.component;
  const d = c?.declared ?? {};
  const what = $('pact-add-what');
  if (!c) { what.replaceChildren(); return; }
  const per = `${fmt(d.per?.amount)} ${d.per?.unit ?? ''}`;
  const p = d.parts ?? {};
  const incl = p.pcf_including_biogenic_uptake ?? d.kg_co2e + (p.biogenic_co2_uptake ?? 0);
  const findings = c.pact?.findings ?? [];
  what.replaceChildren(
    h('span', { text: t('pactRead', c.name ?? c.id, d.provenance?.supplier ?? '', fmt(d.kg_co2e), per, c.pact?.id ?? '', c.pact?.spec_version ?? '') }),
    ...(d.parts ? [h('br'), h('span', { id: 'pact-add-parts', text: t('pactParts', per, fmt(p.fossil_ghg_emissions ?? 0), fmt(p.biogenic_co2_uptake ?? 0), fmt(p.land_use_change_ghg_emissions ?? 0), fmt(incl)) })] : []),
    ...(findings.length ? [h('br'), h('span', { id: 'pact-add-findings', class: 'warning', text: t('pactFindings', findings.join('; ')) })] : []));
}
/** The stage list read again; a document the engine cannot read (a syntax error, a template
 * that takes no components …) is said, not swallowed: the stages come from the document. */
async function refreshPactStages() {
  const out = $('pact-out');
  try {
    await fillPactStages();
    if (out.querySelector('[data-from="stages"]')) out.replaceChildren(); // fixed since
    return true;
  } catch (err) {
    pactError(err, 'stages');
    return false;
  }
}
/** Reads a footprint (as pactImport would import it) and shows what it is. The footprint is
 * kept even when the product document has an error: fix the document, then Add, without
 * picking the file again. */
async function pactRead(file) {
  try {
    const { readText } = await csvModule();
    const text = await readText(file);
    const c = await call('pactImport', text, undefined);
    pending = { text, component: c };
    $('pact-unit').value = c.declared?.per?.unit ?? '';
    showPending();
    $('pact-out').replaceChildren();
  } catch (err) {
    pending = null;
    $('pact-add-what').replaceChildren();
    pactError(err);
    return;
  }
  await refreshPactStages();
}
async function pactAdd() {
  if (!pending) { pactError({ message: t('pactAddNoFile') }); return; }
  // No stage list yet (the document could not be read when the footprint was): read it now.
  if (!$('pact-stage').options.length && !(await refreshPactStages())) return;
  const amount = $('pact-amount').value.trim();
  const unit = $('pact-unit').value.trim();
  const stage = $('pact-stage').value || undefined;
  try {
    // The document as it is now (it may have been fixed since the footprint was read).
    const text = await call('pactImportInto', pending.text, state.docText, { amount: `${amount} ${unit}`.trim(), stage });
    setDoc(text);
    const comps = JSON.parse(text).components ?? [];
    const c = comps[comps.length - 1] ?? pending.component;
    $('pact-out').replaceChildren(h('p', { id: 'pact-added', text: t('pactAdded', amount, unit, c.name ?? c.id, c.declared?.provenance?.supplier ?? '', c.pact?.id ?? '', c.stage ?? '', c.id) }));
  } catch (err) {
    // The footprint read, the amount, unit and stage stay as they are: fix and Add again.
    pactError(err);
  }
}

// ---- the PACT export meta (pcf pact export --meta) ---------------------------------------
// What a PACT footprint needs that the result does not know, in a form made from the meta's JSON
// Schema (schema/pcf-pact-meta-1.schema.json) with English and Chinese labels (PACT_META_LABELS)
// and help (its descriptions; in Chinese from i18n-help-zh.js). Kept in this browser as state.pactMeta (the meta's JSON text, which the
// pact-v2/v3 pre-checks read too), loaded and saved as the `--meta` file. pactMetaNeeds lists
// every field the export needs and lacks for the shown result and spec, asked on opening the
// tab and whenever the spec, the result or the meta changes: each is said beside its field (a
// field the meta does not have yet is added, empty), with the document's value one click away
// where the document states it; an export button says them all where it was clicked.
let pactSchema = null;
let pactForm = null;
let pactDoc = null; // the meta as the form holds it (a needed field added empty)
let pactNeeds = null; // {needs} or {error} for the shown result, spec and meta; null: none asked
let lastNeeds = null; // {fromResult, needs}: what the last export click said
let pactSeq = 0;
let pactTimer = 0;
const pactPath = (key) => `$.${key}`;

function readPactMeta() {
  try {
    const v = JSON.parse(state.pactMeta);
    return v && typeof v === 'object' && !Array.isArray(v) ? v : {};
  } catch {
    return {}; // an unreadable saved meta: the engine names its error until the form replaces it
  }
}
function pactMetaSection() {
  return h('section', { id: 'pact-meta-section' },
    h('h3', { 'data-i18n': 'pactMetaTitle', text: t('pactMetaTitle') }),
    h('p', { class: 'muted small', 'data-i18n': 'pactMeta', text: t('pactMeta') }),
    h('div', { id: 'pact-needs', role: 'status' }),
    h('form', { id: 'pact-meta', tabindex: '-1', autocomplete: 'off', novalidate: '', onsubmit: (e) => e.preventDefault() }),
    h('p', {}, ...fileButtonPlain('pact-meta-file', 'pactMetaLoad', loadPactMetaFile, '.json,application/json'), ' ',
      h('button', { type: 'button', id: 'pact-meta-save', 'data-i18n': 'pactMetaSave', text: t('pactMetaSave'), onclick: savePactMetaFile })));
}
/** The meta as the form holds it, kept (cleaned: as `--meta` reads it) and asked about again. */
function pactMetaChanged(rerender) {
  state.pactMeta = JSON.stringify(cleanMeta(pactDoc));
  save();
  if (rerender) pactForm?.render(pactDoc);
  clearTimeout(pactTimer);
  pactTimer = setTimeout(refreshPactNeeds, rerender ? 0 : 250);
}
async function renderPactForm() {
  const root = $('pact-meta');
  if (!root) return;
  try {
    pactSchema ??= await (await fetch('schema/pcf-pact-meta-1.schema.json')).json();
  } catch (err) {
    root.replaceChildren(h('p', { class: 'error', text: String(err) }));
    return;
  }
  const { SchemaForm } = await formModule();
  pactDoc ??= readPactMeta();
  const labels = new Map(Object.entries(PACT_META_LABELS).map(([k, [en, zh]]) => [k, { en, zh }]));
  pactForm = new SchemaForm(root, {
    schema: pactSchema,
    labels,
    order: new Map(Object.keys(PACT_META_LABELS).map((k, i) => [k, i])),
    idPrefix: 'p',
    onChange: (d, structural) => {
      pactDoc = d;
      pactMetaChanged(false);
      // A structural change draws the form again (after this call): say the needs there again.
      if (structural) queueMicrotask(showPactNeeds);
    },
  });
  pactForm.render(pactDoc);
  showPactNeeds();
}
/** The PACT tab: its form, and what the export needs. */
async function showPactTab() {
  if (!$('pact-meta')) return;
  if (!pactForm) await renderPactForm();
  await refreshPactNeeds();
}
/** pactMetaNeeds for the shown result, spec and meta, said in the form when it is the latest
 * asked; returned to the caller either way. No result (or one the document's error made
 * stale): nothing to ask. */
async function refreshPactNeeds() {
  const mine = ++pactSeq;
  let got = null;
  if (engineExports.includes('pactMetaNeeds') && resultText && !$('results').classList.contains('stale')) {
    try {
      got = { needs: await call('pactMetaNeeds', resultText, $('pact-spec').value, pactMeta()) };
    } catch (err) {
      got = { error: err };
    }
  }
  if (mine === pactSeq) {
    pactNeeds = got;
    showPactNeeds();
  }
  return got;
}
/** What the export needs, beside each field of the form, in the page's language. */
function showPactNeeds() {
  const box = $('pact-needs');
  if (!box || !pactForm) return;
  pactForm.clearMarks();
  const zh = getLang() === 'zh';
  if (!pactNeeds) {
    box.replaceChildren();
    return;
  }
  if (pactNeeds.error) {
    const e = pactNeeds.error;
    box.replaceChildren(h('div', { class: 'error', id: 'pact-needs-error', 'data-code': e.code ?? '', 'data-path': e.path ?? '' },
      h('code', { text: e.code ?? '' }), ` ${e.path ?? ''}: ${te(e)}`));
    if (e.path?.startsWith('$meta.')) pactForm.mark(`$${e.path.slice('$meta'.length)}`, `${e.code}: ${te(e)}`);
    return;
  }
  const { needs } = pactNeeds;
  // A needed field the meta does not have yet: added to the form, empty (an empty field is not
  // given: cleanMeta).
  const absent = needs.filter((n) => !pactForm.fields.has(pactPath(n.key)));
  if (absent.length) {
    for (const n of absent) pactDoc[n.key] ??= pactForm.shape(pactSchema.properties?.[n.key]).type === 'array' ? [] : '';
    pactForm.render(pactDoc);
  }
  box.replaceChildren(h('p', {
    class: needs.length ? 'notice' : 'muted', id: 'pact-needs-head', 'data-count': String(needs.length),
    text: needs.length ? t('pactNeedsHead', needs.length) : t('pactNeedsNone', `v${$('pact-spec').value}`),
  }));
  for (const n of needs) {
    pactForm.mark(pactPath(n.key), zh ? n.message_zh : n.message_en);
    const said = [...pactForm.root.querySelectorAll('.field-error')].filter((x) => x.dataset.for === pactPath(n.key)).pop();
    if (!said) continue;
    said.dataset.path = n.path;
    said.dataset.key = n.key;
    if (n.suggestion) said.append(' ', useDocButton(n));
  }
}
/** One click to give a field the value the document states. */
function useDocButton(n) {
  const v = n.suggestion.value;
  return h('button', {
    type: 'button', class: 'link pact-use', 'data-key': n.key,
    text: t('pactUseDoc', Array.isArray(v) ? v.join(', ') : String(v), n.suggestion.from),
    onclick: () => {
      pactDoc[n.key] = structuredClone(v);
      pactMetaChanged(true);
    },
  });
}
/** What the last export click found missing, where it was clicked: under the Result tab's
 * button, or under the PACT tab's; each with a way to the fields. */
function showLastNeeds() {
  if (!lastNeeds) return;
  const { fromResult, needs } = lastNeeds;
  const zh = getLang() === 'zh';
  const id = fromResult ? 'dl-pact-error' : 'pact-export-needs';
  const box = h('div', { class: 'error', id, role: 'alert', 'data-code': needs[0].code, 'data-path': needs[0].path },
    h('p', { text: t('pactNeedsList', needs.length) }),
    h('ul', {}, ...needs.map((n) => h('li', { 'data-key': n.key, 'data-path': n.path, text: zh ? n.message_zh : n.message_en }))),
    h('button', { type: 'button', class: 'link', text: t(fromResult ? 'pactGiveMeta' : 'pactGoToFields'), onclick: () => openPactForm(needs[0].key) }));
  if (fromResult) {
    $('dl-pact-error')?.remove();
    $('dl-pact').closest('.downloads').after(box);
  } else {
    $('pact-out').replaceChildren(box);
  }
}
/** The PACT tab, its form drawn and the field of `key` (else the form) focused. */
async function openPactForm(key) {
  selectTab('out', 'pact');
  await showPactTab();
  const el = key ? pactForm?.fields.get(pactPath(key)) : null;
  (el ?? $('pact-meta'))?.focus();
}
async function loadPactMetaFile(f) {
  const { readText } = await csvModule();
  try {
    const v = JSON.parse(await readText(f));
    if (!v || typeof v !== 'object' || Array.isArray(v)) throw Object.assign(new Error('the meta is a JSON object'), { code: 'invalid_document', path: '$meta' });
    pactDoc = v;
    pactMetaChanged(true);
  } catch (err) {
    pactNeeds = { error: { code: err.code ?? 'malformed_json', path: err.path ?? '$meta', message: `${f.name}: ${err.message}` } };
    showPactNeeds();
  }
}
async function savePactMetaFile() {
  const { safeFileName } = await csvModule();
  download(`${JSON.stringify(cleanMeta(pactDoc ?? readPactMeta()), null, 2)}\n`, safeFileName(stem(), 'pact-meta.json'), 'application/json');
}

// ---- documents (pcf report) -------------------------------------------------------------
// The documents certifiers and regulators receive, written from the shown result and its
// receipt by the engine's `report` — the bytes of `pcf report KIND RESULT --format F --lang L
// --meta META`: every kind `reportKinds` says applies, in each format `reportFormats` lists,
// and a label also as PNG (its SVG drawn on a canvas). What the result does not know (the
// manufacturer, the plant, the installation, the date …) is the meta, filled in a form made
// from the meta's JSON Schema and kept in this browser; nothing leaves the page.
const DOCS_STORE = 'pcf.page.docs.v1';
const DOC_MIME = {
  json: 'application/json', html: 'text/html', svg: 'image/svg+xml', png: 'image/png',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};
let docs = loadDocs(); // {lang: '' (the page's) | 'en' | 'zh', meta: the meta as the form holds it}
let docFormats = null; // reportFormats(): [{kind, applies_to, formats}]
let metaSchema = null;
let metaForm = null;
let docsSeq = 0;
let lastDoc = null; // {name, bytes} or {error}: what the last button gave, re-said on relabel
let uncDoc = null; // the document text lastUnc was run on: a CFP report includes only its own study's run

function loadDocs() {
  try {
    const d = JSON.parse(localStorage.getItem(DOCS_STORE) ?? 'null');
    const meta = d?.meta && typeof d.meta === 'object' && !Array.isArray(d.meta) ? d.meta : {};
    return { lang: d?.lang === 'en' || d?.lang === 'zh' ? d.lang : '', meta };
  } catch {
    return { lang: '', meta: {} };
  }
}
function saveDocs() {
  try { localStorage.setItem(DOCS_STORE, JSON.stringify(docs)); } catch { /* storage full or disabled */ }
}
const docLang = () => docs.lang || getLang();

/** The meta as `pcf report --meta` reads it: a field the form added and left empty (an empty
 * text, an empty object or list) is not given, as if never added. */
export function cleanMeta(v) {
  if (Array.isArray(v)) return v.map(cleanMeta).filter((x) => x !== undefined);
  if (v && typeof v === 'object') {
    const o = {};
    for (const [k, x] of Object.entries(v)) {
      const c = cleanMeta(x);
      if (c !== undefined && !(typeof c === 'object' && Object.keys(c).length === 0)) o[k] = c;
    }
    return o;
  }
  if (v === null || v === undefined || (typeof v === 'string' && v.trim() === '')) return undefined;
  return v;
}
function metaText() {
  const m = cleanMeta(docs.meta);
  return Object.keys(m).length ? JSON.stringify(m) : undefined;
}

export function refreshTab(name) {
  if (name === 'precheck') runPrecheck();
  if (name === 'docs') showDocs();
  if (name === 'pact') showPactTab();
}

function docsPanel() {
  const langSel = h('select', {
    id: 'docs-lang',
    onchange: (e) => { docs.lang = e.target.value; saveDocs(); showDocs(); },
  });
  return [
    h('p', { class: 'muted', 'data-i18n': 'docsIntro', text: t('docsIntro') }),
    h('p', { class: 'row' }, h('label', { for: 'docs-lang', 'data-i18n': 'docsLang', text: t('docsLang') }), ' ', langSel),
    h('div', { id: 'docs-kinds' }),
    h('div', { id: 'docs-out', role: 'status' }),
    h('div', { id: 'docs-label' }),
    h('details', { id: 'docs-meta', open: '' },
      h('summary', { 'data-i18n': 'docsMeta', text: t('docsMeta') }),
      h('p', { class: 'muted small', 'data-i18n': 'docsMetaIntro', text: t('docsMetaIntro') }),
      h('form', { id: 'docs-meta-form', autocomplete: 'off', novalidate: '' }),
      h('p', {}, ...fileButtonPlain('docs-meta-file', 'docsMetaLoad', loadMetaFile, '.json,application/json'), ' ',
        h('button', { type: 'button', id: 'docs-meta-save', 'data-i18n': 'docsMetaSave', text: t('docsMetaSave'), onclick: saveMetaFile }))),
  ];
}
function fileButtonPlain(id, key, onFile, accept) {
  return [
    h('label', { class: 'button', for: id }, h('span', { 'data-i18n': key, text: t(key) })),
    h('input', { type: 'file', id, accept, class: 'visually-hidden',
      onchange: async (e) => {
        const f = e.target.files?.[0];
        e.target.value = '';
        if (f) await onFile(f);
      } }),
  ];
}
function fillDocsLang() {
  const sel = $('docs-lang');
  if (!sel) return;
  sel.replaceChildren(...[['', t('docsLangPage')], ['en', 'English'], ['zh', '中文']]
    .map(([v, text]) => h('option', { value: v, text, selected: v === docs.lang })));
}

async function showDocs() {
  const mine = ++docsSeq;
  const panel = $('panel-docs');
  if (!$('docs-kinds')) panel.replaceChildren(...docsPanel());
  fillDocsLang();
  renderMetaForm();
  const box = $('docs-kinds');
  if (!result || $('results').classList.contains('stale')) {
    box.replaceChildren(h('p', { class: 'notice', id: 'docs-none', 'data-i18n': 'docsStale', text: t('docsStale') }));
    $('docs-label').replaceChildren();
    return;
  }
  try {
    docFormats ??= await call('reportFormats');
    const kinds = await call('reportKinds', resultText);
    if (mine !== docsSeq) return;
    const rows = docFormats.filter((k) => kinds.includes(k.kind)).map((k) => {
      const formats = k.kind === 'label' ? [...k.formats, 'png'] : k.formats;
      return h('tr', { 'data-kind': k.kind },
        h('th', { scope: 'row' }, h('div', { text: t(`doc_${k.kind}`) }),
          h('div', { class: 'muted small', text: t(`docFor_${k.kind}`) })),
        h('td', { class: 'downloads' }, ...formats.map((f) => h('button', {
          type: 'button', id: `doc-${k.kind}-${f}`, 'data-format': f, text: f.toUpperCase(),
          title: t('docsDownload', t(`doc_${k.kind}`), f.toUpperCase()),
          onclick: () => makeDoc(k.kind, f),
        }))));
    });
    box.replaceChildren(h('table', { id: 'docs-table', class: 'doc-kinds' }, h('tbody', {}, ...rows)));
    const unc = uncFor();
    if (kinds.includes('cfp-report')) {
      box.append(h('p', { class: 'muted small', id: 'docs-unc', text: unc ? t('docsUnc', unc.method?.runs ?? '', unc.method?.seed ?? '') : t('docsNoUnc') }));
    }
    if (kinds.includes('label')) await previewLabel(mine);
    await vehicleBattery(mine, box);
  } catch (err) {
    if (mine !== docsSeq) return;
    box.replaceChildren(docError(err));
  }
}

/** A vehicle (pcf-ev/1) whose battery is a traction-battery study of its own (`battery.template`):
 * that study's text as the page computes it (the file `pcf compute` reads to reproduce it). */
function batteryStudy() {
  const d = parsedDoc();
  const b = d?.schema === 'pcf-ev/1' ? d.battery?.template : undefined;
  return b && typeof b === 'object' && b.schema === 'pcf-battery/1' ? `${JSON.stringify(b, null, 2)}\n` : null;
}

/** The battery documents of a vehicle's battery: from the battery's own sealed result (its own
 * receipt), with the battery study offered as the file that result is computed from. */
async function vehicleBattery(mine, box) {
  const study = batteryStudy();
  if (!study) return;
  const text = await call('computeJson', study, userTables());
  const kinds = (await call('reportKinds', text)).filter((k) => k.startsWith('battery-'));
  if (mine !== docsSeq) return;
  const stemOf = () => { // files named after the battery
    const b = JSON.parse(study).battery ?? {};
    return (getLang() === 'zh' ? b.name_zh || b.name : b.name || b.name_zh) || `${stem()}-battery`;
  };
  const rows = docFormats.filter((k) => kinds.includes(k.kind)).map((k) => h('tr', { 'data-kind': `battery:${k.kind}` },
    h('th', { scope: 'row' }, h('div', { text: t(`doc_${k.kind}`) }), h('div', { class: 'muted small', text: t(`docFor_${k.kind}`) })),
    h('td', { class: 'downloads' }, ...k.formats.map((f) => h('button', {
      type: 'button', id: `doc-battery-${k.kind}-${f}`, 'data-format': f, text: f.toUpperCase(),
      onclick: () => makeDoc(k.kind, f, text, stemOf()),
    })))));
  rows.push(h('tr', { 'data-kind': 'battery:study' },
    h('th', { scope: 'row' }, h('div', { 'data-i18n': 'docsBatteryStudy', text: t('docsBatteryStudy') })),
    h('td', { class: 'downloads' }, h('button', {
      type: 'button', id: 'doc-battery-study', text: 'JSON',
      onclick: async () => {
        const { safeFileName } = await csvModule();
        download(study, safeFileName(stemOf(), 'input.json'), DOC_MIME.json);
      },
    }))));
  box.append(h('h3', { 'data-i18n': 'docsBattery', text: t('docsBattery') }),
    h('p', { class: 'muted small', 'data-i18n': 'docsBatteryIntro', text: t('docsBatteryIntro') }),
    h('table', { id: 'docs-battery', class: 'doc-kinds' }, h('tbody', {}, ...rows)));
}

/** The uncertainty run of the document shown, if the Uncertainty tab made one. */
function uncFor() {
  return lastUnc && uncDoc === state.docText ? lastUnc : null;
}

function docError(err) {
  const path = err.path ?? '';
  // A meta field's error, beside it in the form as well.
  if (metaForm && path.startsWith('$meta')) {
    metaForm.clearMarks();
    metaForm.mark(`$${path.slice(5)}`, `${err.code}: ${te(err)}`);
  }
  return h('div', { class: 'error', id: 'docs-error', 'data-code': err.code ?? '', 'data-path': path,
    text: `${err.code ?? 'error'} ${path}: ${te(err)}` });
}

async function reportOf(kind, format, text = resultText) {
  const unc = kind === 'cfp-report' && text === resultText ? uncFor() : null;
  return call('report', kind, text, format, docLang(), metaText(), userTables(), unc ? JSON.stringify(unc) : undefined);
}

async function makeDoc(kind, format, text = resultText, fileStem = stem()) {
  const out = $('docs-out');
  metaForm?.clearMarks();
  try {
    const made = await reportOf(kind, format === 'png' ? 'svg' : format, text);
    const body = format === 'png' ? await svgToPng(made) : made;
    const { safeFileName } = await csvModule();
    // JSON carries both languages; the other formats are in one.
    const name = safeFileName(fileStem, `${kind}${format === 'json' ? '' : `.${docLang()}`}.${format}`);
    download(body, name, DOC_MIME[format]);
    const bytes = typeof body === 'string' ? new TextEncoder().encode(body).length : (body.size ?? body.length);
    lastDoc = { name, bytes };
  } catch (err) {
    lastDoc = { error: err };
  }
  showLastDoc(out);
}
function showLastDoc(out = $('docs-out')) {
  if (!lastDoc || !out) return;
  out.replaceChildren(lastDoc.error ? docError(lastDoc.error)
    : h('p', { class: 'muted', id: 'docs-made', 'data-file': lastDoc.name, text: t('docsMade', lastDoc.name, lastDoc.bytes) }));
}

/** The label's SVG as a PNG (4× its size, white behind it): drawn through an <img> from a data:
 * address (the page's CSP allows data: images), so nothing is fetched. */
async function svgToPng(svgText, scale = 4) {
  const img = new Image();
  img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svgText)}`;
  await img.decode();
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(img.naturalWidth * scale);
  canvas.height = Math.round(img.naturalHeight * scale);
  const g = canvas.getContext('2d');
  g.fillStyle = '#fff';
  g.fillRect(0, 0, canvas.width, canvas.height);
  g.drawImage(img, 0, 0, canvas.width, canvas.height);
  return new Promise((ok, fail) => canvas.toBlob((b) => (b ? ok(b) : fail(new Error('PNG not made'))), 'image/png'));
}

async function previewLabel(mine) {
  let svgText;
  try {
    svgText = await reportOf('label', 'svg');
  } catch (err) {
    if (mine === docsSeq) $('docs-label').replaceChildren(docError(err));
    return;
  }
  if (mine !== docsSeq) return;
  $('docs-label').replaceChildren(h('figure', { class: 'label-preview' },
    h('img', { id: 'docs-label-img', alt: t('doc_label'), src: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svgText)}` }),
    h('figcaption', { class: 'muted small', text: t('docsLabelCaption') })));
}

let metaTimer;
async function renderMetaForm() {
  const root = $('docs-meta-form');
  if (!root) return;
  try {
    metaSchema ??= await (await fetch('schema/pcf-report-meta-1.schema.json')).json();
  } catch (err) {
    root.replaceChildren(h('p', { class: 'error', text: String(err) }));
    return;
  }
  const { SchemaForm } = await formModule();
  metaForm = new SchemaForm(root, {
    schema: metaSchema,
    labels: metaLabels(),
    idPrefix: 'm',
    onChange: (d) => {
      docs.meta = d;
      saveDocs();
      // The label preview follows the meta; a document is made on its button only.
      clearTimeout(metaTimer);
      metaTimer = setTimeout(() => { const mine = ++docsSeq; if ($('docs-label-img')) previewLabel(mine); }, 300);
    },
  });
  metaForm.render(docs.meta);
}
function metaLabels() {
  const m = new Map();
  for (const [k, [en, zh]] of Object.entries(META_LABELS)) m.set(k, { en, zh });
  return m;
}

async function loadMetaFile(f) {
  const { readText } = await csvModule();
  try {
    const v = JSON.parse(await readText(f));
    if (!v || typeof v !== 'object' || Array.isArray(v)) throw Object.assign(new Error('the meta is a JSON object'), { code: 'invalid_document', path: '$meta' });
    docs.meta = v;
    saveDocs();
    lastDoc = null;
    $('docs-out').replaceChildren();
    showDocs();
  } catch (err) {
    lastDoc = { error: { code: err.code ?? 'invalid_json', path: err.path ?? '$meta', message: `${f.name}: ${err.message}` } };
    showLastDoc();
  }
}
async function saveMetaFile() {
  const { safeFileName } = await csvModule();
  download(`${JSON.stringify(cleanMeta(docs.meta), null, 2)}\n`, safeFileName(stem(), 'meta.json'), 'application/json');
}

// ---- wiring ---------------------------------------------------------------------------
/** Re-draws what this module shows in the current language. */
export function relabel() {
  fillSchemes();
  fillStart();
  if (lastPrecheck) showPrecheck(lastPrecheck);
  if (lastVerify) showVerify(lastVerify);
  if (lastVerifyDoc) showVerifyDoc(lastVerifyDoc);
  if (lastUnc) showUncertainty(lastUnc);
  if (pending && $('pact-add-what')) showPending();
  if (pactForm) {
    pactForm.render(pactDoc);
    showPactNeeds();
  }
  if (lastNeeds && $(lastNeeds.fromResult ? 'dl-pact-error' : 'pact-export-needs')) showLastNeeds();
  if ($('docs-kinds') && !$('panel-docs').hidden) showDocs().then(() => showLastDoc());
}

export function wireTools() {
  hooks.result = (r) => { buildReport(r); markUnrelated(); };
  if (result && !result.error) buildReport(result);
  $('start').addEventListener('change', (e) => {
    const [kind, rest] = [e.target.value.split(':')[0], e.target.value.slice(e.target.value.indexOf(':') + 1)];
    (kind === 'example' ? loadExample(rest) : blankDoc(rest)).catch((err) => showError(err));
  });
  $('import-file').addEventListener('change', (e) => {
    const f = e.target.files?.[0];
    if (f) importFile(f).finally(() => { e.target.value = ''; });
  });
  $('tables-file').addEventListener('change', (e) => {
    const fs = [...(e.target.files ?? [])];
    if (fs.length) loadTables(fs).finally(() => { e.target.value = ''; });
  });
  $('tables-override').addEventListener('change', (e) => { state.override = e.target.checked; save(); schedule(); });
  $('clear').addEventListener('click', async () => {
    if (!window.confirm(t('clearConfirm'))) return;
    localStorage.removeItem(STORE);
    localStorage.removeItem(DOCS_STORE);
    docs = { lang: '', meta: {} };
    lastDoc = null;
    state.pactMeta = '{}';
    pactDoc = {};
    pactForm?.render(pactDoc);
    $('panel-docs').replaceChildren(); // built again, empty, when the tab shows
    state.scheme = 'iso14067';
    state.threshold = '';
    state.tables = [];
    state.override = false;
    showTables();
    if (examples.length) await loadExample(examples[0].file);
    fillStart();
    status(t('cleared'));
  });
  $('dl-input').addEventListener('click', async () => {
    const { safeFileName } = await csvModule();
    download(state.docText.endsWith('\n') ? state.docText : `${state.docText}\n`, safeFileName(stem(), 'input.json'), 'application/json');
  });
  $('dl-result').addEventListener('click', async () => {
    const { safeFileName } = await csvModule();
    if (resultText) download(resultText, safeFileName(stem(), 'result.json'), 'application/json');
  });
  $('dl-csv').addEventListener('click', async () => {
    const { safeFileName, linesToCsv, UTF8_BOM } = await csvModule();
    if (result) download(UTF8_BOM + linesToCsv(result, getLang()), safeFileName(stem(), 'lines.csv'), 'text/csv;charset=utf-8');
  });
  $('dl-pact').addEventListener('click', pactExportDownload);
  $('pact-export').addEventListener('click', pactExportDownload);
  $('unc-run').addEventListener('click', runUncertainty);
  $('pact-spec').addEventListener('change', () => refreshPactNeeds());
  // The stages a supplier line can take, read again whenever the tab opens (the document may
  // have changed); not before, so that the extras module loads on first use only.
  $('tab-pact').addEventListener('click', () => { if ($('pact-add-supplier')) refreshPactStages(); });
  $('pact-file').addEventListener('change', (e) => { const f = e.target.files?.[0]; if (f) pactImportFile(f).finally(() => { e.target.value = ''; }); });
  $('print').addEventListener('click', () => window.print());
  $('scheme').addEventListener('change', (e) => { state.scheme = e.target.value; state.threshold = ''; fillSchemes(); save(); runPrecheck(); });
  $('threshold').addEventListener('change', (e) => { state.threshold = e.target.value; save(); runPrecheck(); });
  $('verify-file').addEventListener('change', async (e) => {
    const f = e.target.files?.[0];
    if (f) await verifyFile(f);
    e.target.value = '';
  });
  const dz = $('dropzone');
  dz.addEventListener('dragover', (e) => { e.preventDefault(); dz.classList.add('over'); });
  dz.addEventListener('dragleave', () => dz.classList.remove('over'));
  dz.addEventListener('drop', async (e) => {
    e.preventDefault();
    dz.classList.remove('over');
    const f = e.dataTransfer?.files?.[0];
    if (f) await verifyFile(f);
  });
  window.addEventListener('hashchange', openVerifyLink);
  $('picker-q').addEventListener('input', (e) => { clearTimeout(pickTimer); pickTimer = setTimeout(() => searchFactors(e.target.value), 150); });
}

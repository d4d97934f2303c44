// pcf calculator page. The engine runs in a Web Worker (worker.js); this module owns the
// state (the document text, language, scheme), the guided form (form.js), the result view,
// pre-checks, downloads, verification, imports and local storage. No framework and no
// innerHTML: every piece of document or result text goes in through textContent.
import { t, setLang, getLang, SCHEMES, THRESHOLDS } from './i18n.js';
import { h, fmt } from './dom.js';
// form.js (the guided form) loads after the first result, csv.js on first use (import,
// downloads): neither is needed for the first result.
const formModule = () => import('./form.js');
const csvModule = () => import('./csv.js');

const $ = (id) => document.getElementById(id);
const STORE = 'pcf.page.v1';
const DEBOUNCE_MS = 200;

// ---- the worker -----------------------------------------------------------------------
let worker = null;
const pending = new Map();
let nextId = 1;
function failAll(message, code = 'internal') {
  for (const p of pending.values()) p.fail(Object.assign(new Error(message), { code, path: '' }));
  pending.clear();
}
/** Replaces a worker that died or whose engine trapped: every pending call fails with
 * `engine_stopped` (the page says so and that the engine was restarted), and the next call
 * goes to a fresh worker with a fresh WASM instance. The work itself is in local storage. */
const restarts = [];
function restartWorker(reason) {
  worker?.terminate();
  failAll(t('engineStopped', reason), 'engine_stopped');
  // A worker that cannot even start (its script fails to load) would otherwise restart in a
  // tight loop: at most 5 restarts a minute, then the next call starts one.
  const now = performance.now();
  while (restarts.length && now - restarts[0] > 60_000) restarts.shift();
  restarts.push(now);
  if (restarts.length <= 5) startWorker();
  else worker = null;
}
function startWorker() {
  worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
  worker.onmessage = ({ data }) => {
    const p = pending.get(data.id);
    if (!p) return;
    if (data.progress) {
      p.progress?.(data.progress);
      return;
    }
    pending.delete(data.id);
    if (data.ok) p.ok(data.value);
    else if (data.fatal) {
      // The WASM instance trapped: its memory may be inconsistent, so it is not used again.
      pending.set(data.id, p);
      restartWorker(data.error.message);
    } else p.fail(Object.assign(new Error(data.error.message), data.error));
  };
  // A worker that dies (an uncaught error, a script that fails to load) is replaced.
  worker.onerror = (e) => {
    e.preventDefault?.();
    restartWorker(e.message ?? 'worker error');
  };
  worker.onmessageerror = () => restartWorker('unreadable message');
}
startWorker();
/** A computation still running after this long is abandoned when a newer one is asked for. */
const SUPERSEDE_MS = 1500;
/** Calls an engine function in the worker: call('computeJson', text) → Promise. */
function call(fn, ...args) {
  return callWithProgress(fn, undefined, ...args);
}
/** As `call`, with `progress({done, runs})` called for the worker's progress messages. */
function callWithProgress(fn, progress, ...args) {
  return new Promise((ok, fail) => {
    const id = nextId++;
    pending.set(id, { ok, fail, progress });
    if (!worker) startWorker();
    worker.postMessage({ id, fn, args });
  });
}

// ---- state ----------------------------------------------------------------------------
const state = {
  docText: '',
  scheme: 'iso14067',
  threshold: '',
  inTab: 'form',
  outTab: 'result',
  start: '',
  tables: [], // user factor tables [{name, text}] (CSV or JSON, as `pcf --factors`)
  override: false,
  pactMeta: '{}', // the PACT export meta (JSON text), for pactExport and the pact-v2/v3 pre-checks
};
/** The user tables argument of compute/precheck/verify (undefined: built-in tables only). */
const userTables = () => (state.tables.length ? state.tables.map((x) => ({ name: x.name, text: x.text, override: state.override })) : undefined);
let result = null; // parsed result of docText
let resultText = ''; // the exact sealed text computeJson returned
let resultByPath = new Map();
let examples = [];
let templates = []; // [{name, tag}]
const schemas = new Map(); // tag → JSON schema
const labels = new Map(); // field → {en, zh}
const labelOrder = new Map(); // template tag → Map field → index (the template's own order)
const factorById = new Map();
let engineExports = [];
let form = null;
let formTag = '';
let version = null;

function save() {
  try {
    localStorage.setItem(STORE, JSON.stringify({ ...state, lang: getLang() }));
  } catch { /* storage full or disabled: the page still works */ }
}
function load() {
  try { return JSON.parse(localStorage.getItem(STORE) ?? 'null'); } catch { return null; }
}

function status(text) {
  $('status').textContent = text;
}

// ---- language -------------------------------------------------------------------------
function applyLang() {
  document.documentElement.lang = getLang() === 'zh' ? 'zh-CN' : 'en';
  document.title = t('title');
  for (const e of document.querySelectorAll('[data-i18n]')) e.textContent = t(e.dataset.i18n);
  for (const e of document.querySelectorAll('[data-i18n-placeholder]')) e.placeholder = t(e.dataset.i18nPlaceholder);
  $('lang').textContent = t('lang');
  fillSchemes();
  fillStart();
  renderForm();
  if (result) showResult(result);
  if (lastPrecheck) showPrecheck(lastPrecheck);
  if (lastVerify) showVerify(lastVerify);
  if (lastUnc) showUncertainty(lastUnc);
}

// ---- tabs -----------------------------------------------------------------------------
function selectTab(group, name) {
  for (const b of document.querySelectorAll(`.tabs[data-group="${group}"] [role=tab]`)) {
    const on = b.id === `tab-${name}`;
    b.setAttribute('aria-selected', String(on));
    $(b.getAttribute('aria-controls')).hidden = !on;
  }
  if (group === 'in') {
    state.inTab = name;
    if (name === 'json') $('doc').value = state.docText;
    else renderForm();
  } else {
    state.outTab = name;
    if (name === 'precheck') runPrecheck();
  }
  save();
}

// ---- the document ---------------------------------------------------------------------
function parsedDoc() {
  try { return JSON.parse(state.docText); } catch { return undefined; }
}

/** A new document text from anywhere (example, import, form, textarea). */
function setDoc(text, { rerender = true } = {}) {
  state.docText = text;
  save();
  if (rerender) {
    if (state.inTab === 'json') $('doc').value = text;
    else renderForm();
  }
  schedule();
}

let timer = 0;
function schedule() {
  clearTimeout(timer);
  timer = setTimeout(recompute, DEBOUNCE_MS);
}

let seq = 0;
let inflightSince = 0;
async function recompute() {
  const mine = ++seq;
  if (inflightSince && performance.now() - inflightSince > SUPERSEDE_MS) {
    // The user changed the document while a long computation runs: drop it, start afresh.
    worker?.terminate();
    failAll('superseded');
    startWorker();
  }
  inflightSince = performance.now();
  const text = state.docText;
  $('results').classList.add('busy');
  try {
    const out = await call('computeJson', text, userTables());
    if (mine !== seq) return;
    resultText = out;
    result = JSON.parse(out);
    resultByPath = new Map((result.lines ?? []).map((l) => [l.path, l]));
    clearError();
    showResult(result);
    updateLineKg();
  } catch (err) {
    if (mine !== seq) return;
    showError(err);
  } finally {
    if (mine === seq) {
      inflightSince = 0;
      $('results').classList.remove('busy');
    }
  }
  if (state.outTab === 'precheck') runPrecheck();
}

// ---- the form -------------------------------------------------------------------------
async function schemaFor(tag) {
  if (schemas.has(tag)) return schemas.get(tag);
  let s;
  if (tag === 'pcf/1') s = await call('schema');
  else {
    const tpl = templates.find((x) => x.tag === tag);
    if (!tpl) return null;
    s = await call('templates', tpl.name);
  }
  schemas.set(tag, s);
  return s;
}

let renderToken = 0;
async function renderForm() {
  if (state.inTab !== 'form') return;
  const token = ++renderToken;
  const doc = parsedDoc();
  const msg = $('form-msg');
  if (doc === undefined || doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
    msg.textContent = t('formNoJson');
    msg.hidden = false;
    $('form').replaceChildren();
    form = null;
    return;
  }
  const schema = await schemaFor(doc.schema).catch(() => null);
  if (token !== renderToken) return;
  if (!schema) {
    msg.textContent = t('formUnknown', String(doc.schema ?? ''));
    msg.hidden = false;
    $('form').replaceChildren();
    form = null;
    return;
  }
  msg.hidden = true;
  const { SchemaForm } = await formModule();
  if (token !== renderToken) return;
  formTag = doc.schema;
  form = new SchemaForm($('form'), {
    schema,
    labels,
    order: labelOrder.get(doc.schema),
    onChange: (d, structural) => {
      state.docText = JSON.stringify(d, null, 2);
      save();
      if (structural) fillComponentIds(d);
      schedule();
    },
    onPickFactor: openPicker,
    factorInfo: (id) => factorById.get(id),
    lineResult: (p) => resultByPath.get(p),
  });
  form.render(doc);
  fillComponentIds(doc);
  if (lastError) markField(lastError);
  else if (result) updateLineKg();
}

function fillComponentIds(doc) {
  const ids = [];
  const walk = (v) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      if (Array.isArray(v.components)) for (const c of v.components) if (c?.id) ids.push(c.id);
      for (const x of Object.values(v)) if (x && typeof x === 'object') walk(x);
    }
  };
  walk(doc);
  $('component-ids').replaceChildren(...[...new Set(ids)].map((id) => h('option', { value: id })));
}

function updateLineKg() {
  if (!form) return;
  form.refreshResults();
  form.clearMarks();
  // Warnings (a valid but questionable input) beside their fields too, in amber.
  for (const w of result?.warnings ?? []) if (w.path) form.mark(w.path, `${w.code}: ${w.message ?? ''}`, true);
}

// ---- errors ---------------------------------------------------------------------------
let lastError = null;
function showError(err) {
  lastError = { code: err.code ?? 'error', path: err.path ?? '', message: err.message ?? String(err) };
  const box = $('error');
  const head = h('p', {}, h('strong', { text: `${t('errorNoPath', '').trim()} ` }),
    h('code', { class: 'code', text: lastError.code }));
  if (lastError.path) {
    head.append(' ', h('code', { class: 'path', text: lastError.path }), ' ',
      h('button', { type: 'button', class: 'link', text: t('goToField'), onclick: () => focusPath(lastError.path) }));
  }
  box.replaceChildren(head, h('p', { class: 'message', text: lastError.message }));
  box.hidden = false;
  $('results').classList.add('stale');
  // The shown result belongs to an earlier document: it cannot be downloaded as this one's.
  for (const id of ['dl-result', 'dl-csv', 'dl-pact', 'pact-export']) $(id).disabled = true;
  markField(lastError);
  const je = $('json-error');
  je.textContent = `${lastError.code}${lastError.path ? ` ${lastError.path}` : ''}: ${lastError.message}`;
  je.hidden = false;
}
function clearError() {
  lastError = null;
  $('error').hidden = true;
  $('error').replaceChildren();
  $('json-error').hidden = true;
  $('results').classList.remove('stale');
  for (const id of ['dl-result', 'dl-csv', 'dl-pact', 'pact-export']) $(id).disabled = false;
  form?.clearMarks();
}
function markField(e) {
  if (!form || !e.path) return;
  form.clearMarks();
  if (!form.fields.has(e.path)) {
    // An error inside a line's hidden fields: open its detail row first.
    const line = [...form.fields.keys()].filter((p) => e.path.startsWith(p) && form.fields.get(p).tagName === 'TR')
      .sort((a, b) => b.length - a.length)[0];
    if (line && !form.open.has(line)) { form.open.add(line); form.render(form.doc); }
  }
  form.mark(e.path, `${e.code}: ${e.message}`);
}
function focusPath(path) {
  if (state.inTab !== 'form') selectTab('in', 'form');
  const el = form?.fields.get(path) ?? document.querySelector(`.field-error[data-for="${CSS.escape(path)}"]`);
  el?.scrollIntoView({ block: 'center' });
  if (el && typeof el.focus === 'function') el.focus();
}

// ---- the result -----------------------------------------------------------------------
function nameOf(obj) {
  if (!obj) return '';
  return getLang() === 'zh' ? obj.name_zh || obj.name || '' : obj.name || obj.name_zh || '';
}

const pct = (x, total) => (total ? `${(100 * x / total).toFixed(1)} %` : '');

function sectorMetrics(r) {
  const s = r.sector ?? {};
  const m = [];
  if (s.battery) {
    const b = s.battery;
    m.push([t('m_battery_lifetime'), b.kg_co2e_per_kwh_lifetime_energy], [t('m_battery_capacity'), b.kg_co2e_per_kwh_capacity],
      [t('m_battery_energy'), b.lifetime_energy_kwh]);
    if (b.plausibility) m.push([b.plausibility.within_p5_p95 ? t('within') : t('outside'), `${b.plausibility.p5}–${b.plausibility.p95}`]);
  }
  if (s.ev) {
    const e = s.ev;
    m.push([t('m_ev_gate'), e.cradle_to_gate_kg_co2e]);
    if (e.cradle_to_grave_kg_co2e !== null && e.cradle_to_grave_kg_co2e !== undefined) m.push([t('m_ev_grave'), e.cradle_to_grave_kg_co2e]);
    if (e.per_km) m.push([t('m_ev_km', e.per_km.basis), e.per_km.kg_co2e_per_km]);
    if (typeof e.battery_share_of_cradle_to_gate === 'number') m.push([t('m_ev_battery'), pct(e.battery_share_of_cradle_to_gate, 1)]);
  }
  if (s.pv) {
    const p = s.pv;
    m.push([t('m_pv_kwp'), p.kg_co2e_per_kwp], [t('m_pv_rounded'), p.rounded_kg_co2e_per_kwp]);
    if (typeof p.kg_co2e_per_module === 'number') m.push([t('m_pv_module'), p.kg_co2e_per_module]);
    if (p.lifetime) m.push([t('m_pv_kwh'), p.lifetime.g_co2e_per_kwh]);
    for (const th of p.thresholds ?? []) m.push([`${th.name} (${th.comparison} ${th.limit_kg_co2e_per_kwp})`, th.pass ? t('pass') : t('fail')]);
  }
  if (s.steel) {
    const st = s.steel;
    m.push([t('m_steel_see_direct'), st.see_direct], [t('m_steel_see_indirect'), st.see_indirect]);
    if (st.cbam_default) m.push([t('m_steel_default', st.cbam_default.year), st.cbam_default.t_co2e_per_t]);
  }
  if (s.textile) {
    m.push([t('m_textile_garment'), s.textile.kg_co2e_per_garment], [t('m_textile_kg'), s.textile.kg_co2e_per_kg]);
  }
  return m;
}

function kv(rows) {
  return h('dl', { class: 'kv' }, rows.map(([k, v]) => [h('dt', { text: k }), h('dd', { text: typeof v === 'number' ? fmt(v) : String(v ?? '') })]));
}

const SVGNS = 'http://www.w3.org/2000/svg';
function svg(tag, attrs, text) {
  const e = document.createElementNS(SVGNS, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
}

/**
 * Horizontal bar chart of the stages (inline SVG; widths relative to the largest). Drawn at the
 * container's width in CSS pixels so its text stays readable; labels go above the bars when
 * narrow.
 */
function stageChart(stages, total, width = 600) {
  const W = Math.max(260, Math.round(width));
  const narrow = W < 480;
  const rowH = narrow ? 38 : 26;
  const labelW = narrow ? 0 : Math.min(210, W * 0.35);
  const valueW = 120;
  const max = Math.max(1e-300, ...stages.map((s) => Math.abs(s.kg_co2e)));
  const g = svg('svg', { viewBox: `0 0 ${W} ${rowH * stages.length + 4}`, width: W, role: 'img', class: 'bars', 'aria-label': t('byStage') });
  stages.forEach((s, i) => {
    const y = i * rowH + 2;
    const by = narrow ? y + 18 : y + 4;
    const bh = narrow ? 14 : rowH - 8;
    const w = Math.max(1, (W - labelW - valueW) * Math.abs(s.kg_co2e) / max);
    const maxChars = narrow ? 60 : Math.floor(labelW / 7);
    g.append(
      svg('text', { x: 0, y: narrow ? y + 13 : y + 17, class: 'lbl' }, s.stage.length > maxChars ? `${s.stage.slice(0, maxChars - 1)}…` : s.stage),
      svg('rect', { x: labelW, y: by, width: w.toFixed(1), height: bh, rx: 2, class: s.kg_co2e < 0 ? 'neg' : 'bar' }),
      svg('text', { x: labelW + w + 6, y: by + bh - 2, class: 'val' }, `${fmt(s.kg_co2e, 4)} (${pct(s.kg_co2e, total)})`),
    );
    g.lastChild.previousSibling.append(svg('title', {}, `${s.stage}: ${s.kg_co2e} kg CO2e`));
  });
  return g;
}

function lineLabel(l, i) {
  const what = l.name ?? l.id ?? l.path ?? `#${i + 1}`;
  return l.process && l.process !== '(product)' ? `${l.process}: ${what}` : what;
}
function lineBasis(l) {
  switch (l.kind) {
    case 'factor': {
      const f = l.factor ?? {};
      const name = getLang() === 'zh' ? f.name_zh || f.name_en : f.name_en;
      return [`${f.id ?? ''} = ${f.value} ${f.value_unit}/${f.per_unit}${name ? ` (${name})` : ''}`,
        [f.source, f.licence, f.verification].filter(Boolean).join(' · ')];
    }
    case 'gas': return [`${l.gas ?? ''} × GWP ${fmt(l.gwp)}`, t('directEmission', `${l.gwp_set ?? ''}`)];
    case 'declared': {
      const d = l.declared_by ?? {};
      return [t('declaredBy', d.supplier ?? ''), [d.source, d.verification].filter(Boolean).join(' · ')];
    }
    case 'input': return [`→ ${l.input ?? ''}`, t('fromComponent', l.input ?? '')];
    default: return ['', ''];
  }
}

function drawStages(r) {
  const stages = r.by_stage ?? [];
  const box = $('stage-chart');
  box.replaceChildren(stages.length ? stageChart(stages, r.total_kg_co2e, box.clientWidth || 600) : h('p', { class: 'muted', text: t('none') }));
}
let resizeTimer = 0;
window.addEventListener('resize', () => {
  clearTimeout(resizeTimer);
  resizeTimer = setTimeout(() => { if (result) drawStages(result); }, 150);
});

let firstShown = false;
function showResult(r) {
  if (!firstShown) {
    firstShown = true;
    performance.mark('pcf-first-result'); // read by scripts/page-size.mjs
  }
  const total = r.total_kg_co2e;
  $('total').textContent = fmt(total);
  $('total').dataset.value = String(total);
  const du = r.declared_unit;
  $('per-unit').textContent = du ? t('perUnit', `${fmt(du.amount)} ${du.unit}`) : '';
  $('product-name').textContent = [nameOf(r.product), r.template ?? 'pcf/1'].filter(Boolean).join(' · ');

  const metrics = sectorMetrics(r);
  $('metric').replaceChildren(...(metrics.length ? [h('h3', { text: t('sectorMetric') }), kv(metrics)] : []));
  $('metric').hidden = !metrics.length;

  drawStages(r);

  const contributors = (r.lines ?? []).filter((l) => typeof l.kg_co2e === 'number' && l.kind !== 'input')
    .sort((a, b) => Math.abs(b.kg_co2e) - Math.abs(a.kg_co2e)).slice(0, 5);
  $('hotspots').replaceChildren(...contributors.map((l, i) => h('li', {}, h('span', { class: 'hs' },
    h('span', { text: lineLabel(l, i) }), h('span', { class: 'num', text: `${fmt(l.kg_co2e)} kg (${pct(l.kg_co2e, total)})` })))));

  $('classes').tBodies[0].replaceChildren(...(r.by_class ?? []).map((c) => h('tr', {},
    h('td', { text: c.class }), h('td', { class: 'num', text: fmt(c.kg_co2e) }), h('td', { class: 'num', text: pct(c.kg_co2e, total) }))));
  $('gases').tBodies[0].replaceChildren(...(r.by_gas ?? []).map((g) => h('tr', {},
    h('td', { text: g.gas }), h('td', { class: 'num', text: typeof g.kg === 'number' ? `${fmt(g.kg)} ${t('kg')}` : '' }),
    h('td', { class: 'num', text: fmt(g.kg_co2e) }))));

  const MAX_LINES = 500; // a large model: the rest is in the CSV download
  const allLines = r.lines ?? [];
  $('lines').tBodies[0].replaceChildren(...allLines.slice(0, MAX_LINES).map((l, i) => {
    const [basis, source] = lineBasis(l);
    return h('tr', { class: `kind-${l.kind ?? 'line'}`, 'data-path': l.path },
      h('td', {}, h('button', { type: 'button', class: 'link', text: lineLabel(l, i), title: l.path, onclick: () => focusPath(l.path) })),
      h('td', { class: 'num', text: typeof l.amount === 'number' ? `${fmt(l.amount)} ${l.unit ?? ''}` : '' }),
      h('td', { class: 'mono', text: basis }),
      h('td', { text: source }),
      h('td', { class: 'num', text: typeof l.kg_co2e === 'number' ? fmt(l.kg_co2e) : '' }));
  }), ...(allLines.length > MAX_LINES ? [h('tr', {}, h('td', { colspan: 5, class: 'muted', text: t('moreLines', allLines.length - MAX_LINES) }))] : []));

  const warnings = r.warnings ?? [];
  $('warnings').replaceChildren(...(warnings.length ? warnings.map((w) => h('li', {},
    h('code', { class: 'code', text: w.code }), ' ',
    w.path ? h('button', { type: 'button', class: 'link mono', text: w.path, onclick: () => focusPath(w.path) }) : null,
    ` — ${w.message ?? ''}`)) : [h('li', { class: 'none', text: t('none') })]));

  const rc = r.receipt ?? {};
  $('receipt').replaceChildren(
    h('dt', { text: t('inputSha') }), h('dd', { class: 'mono', text: rc.input_sha256 ?? '' }),
    h('dt', { text: t('resultSha') }), h('dd', { class: 'mono', text: rc.result_sha256 ?? '' }),
    h('dt', { text: t('factorSetSha') }), h('dd', { class: 'mono', text: rc.factor_set_sha256 ?? '' }),
    h('dt', { text: t('engine') }), h('dd', { text: rc.engine ?? r.engine ?? '' }));

  buildReport(r, metrics, contributors);
}

/** The one-page print report (shown only by @media print). */
function buildReport(r, metrics, contributors) {
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
      [t('boundary'), r.boundary ? `${r.boundary.kind}: ${(r.boundary.stages ?? []).join(', ')}` : ''],
    ]),
    h('p', { class: 'report-total' }, h('strong', { text: fmt(total) }), ` ${t('perUnit', `${fmt(du.amount)} ${du.unit}`)}`),
    metrics.length ? kv(metrics) : '',
    h('h2', { text: t('byStage') }), stageChart(r.by_stage ?? [], total),
    h('h2', { text: t('hotspots') }),
    h('ol', {}, contributors.map((l, i) => h('li', { text: `${lineLabel(l, i)} — ${fmt(l.kg_co2e)} kg (${pct(l.kg_co2e, total)}) — ${lineBasis(l)[1]}` }))),
    h('h2', { text: t('byClass') }),
    h('p', { text: (r.by_class ?? []).map((c) => `${c.class} ${fmt(c.kg_co2e)}`).join(' · ') }),
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
function stem() {
  const d = parsedDoc() ?? {};
  const name = d.product?.name ?? d.battery?.name ?? d.vehicle?.name ?? d.garment?.name ?? d.module?.name
    ?? d.installation?.name ?? d.good?.name ?? result?.product?.name ?? 'pcf';
  return name;
}

// ---- pre-check ------------------------------------------------------------------------
let lastPrecheck = null;
let precheckSeq = 0;
function fillSchemes() {
  const zh = getLang() === 'zh';
  const schemes = engineExports.includes('pactExport')
    ? [...SCHEMES, ['pact-v2', 'PACT v2 footprint', 'PACT v2 碳足迹'], ['pact-v3', 'PACT v3 footprint', 'PACT v3 碳足迹']] : SCHEMES;
  $('scheme').replaceChildren(...schemes.map(([id, en, z]) => h('option', { value: id, text: zh ? z : en, selected: id === state.scheme })));
  const th = THRESHOLDS[state.scheme];
  $('threshold').hidden = !th;
  $('threshold-label').hidden = !th;
  $('threshold').replaceChildren(...(th ?? []).map(([id, en, z]) => h('option', { value: id, text: zh ? z : en, selected: id === state.threshold })));
}
async function runPrecheck() {
  const mine = ++precheckSeq;
  const th = THRESHOLDS[state.scheme] ? $('threshold').value || undefined : undefined;
  try {
    const meta = state.scheme.startsWith('pact-') ? pactMeta() : undefined;
    const rep = await call('precheck', state.docText, state.scheme, userTables(), th, meta);
    if (mine !== precheckSeq) return;
    lastPrecheck = rep;
    showPrecheck(rep);
  } catch (err) {
    if (mine !== precheckSeq) return;
    lastPrecheck = null;
    $('precheck-out').replaceChildren(h('div', { class: 'error', text: `${err.code} ${err.path}: ${err.message}` }));
  }
}
function showPrecheck(rep) {
  const zh = getLang() === 'zh';
  const out = $('precheck-out');
  const verdict = h('p', { class: `verdict v-${rep.verdict}`, id: 'verdict', 'data-verdict': rep.verdict },
    `${t('verdict')}: `, h('strong', { text: t(`verdict_${rep.verdict}`) }),
    ` — ${zh ? rep.scheme_name_zh : rep.scheme_name_en}`);
  const rows = (rep.outcomes ?? []).map((o) => h('tr', { class: `st-${o.status} sev-${o.severity}`, 'data-rule': o.rule },
    h('td', {}, h('span', { class: 'badge', text: t(`status_${o.status}`) }), ' ', h('small', { text: t(`sev_${o.severity}`) })),
    h('td', {},
      h('div', { text: zh ? o.message_zh : o.message_en }),
      o.status === 'fail' ? h('div', { class: 'hint' }, h('strong', { text: `${t('hint')}: ` }), zh ? o.hint_zh : o.hint_en) : null,
      o.detail ? h('div', { class: 'muted' }, `${t('found')}: ${o.detail}`) : null,
      h('div', { class: 'muted small' }, `${o.rule} · ${o.reference ?? ''} `,
        o.path ? h('button', { type: 'button', class: 'link mono', text: o.path, onclick: () => focusPath(o.path) }) : null))));
  out.replaceChildren(verdict, h('p', { class: 'muted small', text: rep.scheme_source ?? '' }),
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
async function verifyText(text, name) {
  try {
    lastVerify = { report: await call('verify', text, userTables()), name };
  } catch (err) {
    lastVerify = { error: err, name };
  }
  showVerify(lastVerify);
}
function showVerify({ report, error, name }) {
  const out = $('verify-out');
  if (error) {
    out.replaceChildren(h('div', { class: 'error', id: 'verify-status', 'data-status': 'error' },
      h('strong', { text: name ?? '' }), h('p', {}, h('code', { text: error.code }), ' ', h('code', { text: error.path ?? '' }), ` ${error.message}`)));
    return;
  }
  const ok = report.status === 'match';
  const kids = [
    h('p', { class: `verdict ${ok ? 'v-ready' : 'v-not_ready'}`, id: 'verify-status', 'data-status': report.status },
      h('strong', { text: ok ? t('verifyMatch') : t('verifyMismatch') }), name ? ` — ${name}` : ''),
    h('table', {}, h('tbody', {}, (report.checks ?? []).map((c) => h('tr', { class: c.ok ? 'st-pass' : 'st-fail' },
      h('td', {}, h('span', { class: 'badge', text: c.ok ? '✓' : '✗' })), h('td', { text: c.check }), h('td', { text: c.detail })))))];
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
function showTables() {
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
function openPicker(cb, query) {
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
function fillStart() {
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
function enableExtensions() {
  const pact = engineExports.includes('pactExport') && engineExports.includes('pactImport');
  $('pact-unavailable').hidden = pact;
  $('pact-tools').hidden = !pact;
  $('dl-pact').hidden = !engineExports.includes('pactExport');
  // Uncertainty: uncertainty(doc, runs, seed, threshold?, tables?) →
  // pcf-uncertainty/1, drawn as a histogram and a tornado chart.
  const unc = engineExports.includes('uncertainty');
  $('unc-unavailable').hidden = unc;
  $('unc-tools').hidden = !unc;
}

let lastUnc = null;
async function runUncertainty() {
  const runs = Number($('unc-runs').value);
  const seed = Number($('unc-seed').value);
  const thText = $('unc-threshold').value.trim();
  const threshold = thText === '' ? undefined : Number(thText);
  const bar = h('progress', { id: 'unc-progress', max: '1', value: '0' });
  $('unc-out').replaceChildren(h('p', { class: 'muted', text: t('computing') }), bar);
  try {
    lastUnc = engineExports.includes('uncertaintyProgress')
      ? await callWithProgress('uncertaintyProgress', ({ done, runs: n }) => {
        bar.max = n;
        bar.value = done;
      }, state.docText, runs, seed, threshold, userTables())
      : await call('uncertainty', state.docText, runs, seed, threshold, userTables());
    showUncertainty(lastUnc);
  } catch (err) {
    lastUnc = null;
    $('unc-out').replaceChildren(h('div', { class: 'error', text: `${err.code ?? ''} ${err.path ?? ''}: ${err.message}` }));
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
async function pactExportDownload() {
  const { safeFileName } = await csvModule();
  try {
    const pf = await call('pactExport', resultText, $('pact-spec').value, pactMeta());
    download(JSON.stringify(pf, null, 2), safeFileName(stem(), 'pact.json'), 'application/json');
  } catch (err) {
    $('pact-out').replaceChildren(h('div', { class: 'error', text: `${err.code} ${err.path}: ${err.message}` }));
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
    $('pact-out').replaceChildren(h('div', { class: 'error', text: `${err.code ?? ''} ${err.path ?? ''}: ${err.message}` }));
  }
}

// ---- wiring ---------------------------------------------------------------------------
function wire() {
  for (const b of document.querySelectorAll('[role=tab]')) {
    b.addEventListener('click', () => selectTab(b.closest('.tabs').dataset.group, b.id.slice(4)));
    b.addEventListener('keydown', (e) => {
      if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
      const tabs = [...b.closest('.tabs').querySelectorAll('[role=tab]')];
      const next = tabs[(tabs.indexOf(b) + (e.key === 'ArrowRight' ? 1 : tabs.length - 1)) % tabs.length];
      next.focus();
      next.click();
    });
  }
  $('lang').addEventListener('click', async () => { await setLang(getLang() === 'zh' ? 'en' : 'zh'); save(); applyLang(); });
  $('doc').addEventListener('input', (e) => { state.start = ''; setDoc(e.target.value, { rerender: false }); });
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
    const { safeFileName, linesToCsv } = await csvModule();
    if (result) download(linesToCsv(result), safeFileName(stem(), 'lines.csv'), 'text/csv');
  });
  $('dl-pact').addEventListener('click', pactExportDownload);
  $('pact-export').addEventListener('click', pactExportDownload);
  $('unc-run').addEventListener('click', runUncertainty);
  $('pact-meta').addEventListener('input', (e) => { state.pactMeta = e.target.value; save(); });
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
  $('picker-q').addEventListener('input', (e) => { clearTimeout(pickTimer); pickTimer = setTimeout(() => searchFactors(e.target.value), 150); });
}

async function main() {
  const saved = load();
  await setLang(saved?.lang ?? (navigator.language?.toLowerCase().startsWith('zh') ? 'zh' : 'en'));
  if (saved) {
    Object.assign(state, {
      scheme: saved.scheme ?? state.scheme, threshold: saved.threshold ?? '', start: saved.start ?? '',
      tables: Array.isArray(saved.tables) ? saved.tables.filter((x) => typeof x?.name === 'string' && typeof x?.text === 'string') : [],
      override: saved.override === true,
      pactMeta: typeof saved.pactMeta === 'string' ? saved.pactMeta : '{}',
    });
    $('pact-meta').value = state.pactMeta;
  }
  wire();
  showTables();
  document.documentElement.lang = getLang() === 'zh' ? 'zh-CN' : 'en';
  for (const e of document.querySelectorAll('[data-i18n]')) e.textContent = t(e.dataset.i18n);
  $('lang').textContent = t('lang');

  // The worked example first: the first result on screen does not wait for anything else.
  const idx = fetch('examples/index.json').then((r) => (r.ok ? r.json() : [])).catch(() => []);
  examples = await idx;
  let firstResult = null;
  if (saved?.docText) {
    state.docText = saved.docText;
    $('doc').value = saved.docText;
    firstResult = recompute();
    status(t('restored'));
  } else if (examples.length) {
    const first = examples[0].file;
    state.start = `example:${first}`;
    const resp = await fetch(`examples/${encodeURIComponent(first)}`);
    state.docText = await resp.text();
    $('doc').value = state.docText;
    firstResult = recompute();
    save();
  }
  // The rest (template list and labels, factor list, the functions of the extras module) is
  // asked for once the first result is on screen: nothing competes with it.
  await firstResult;

  [templates, version, engineExports] = await Promise.all([
    call('templates'), call('version'), call('exports'),
  ]);
  const all = await Promise.all(templates.map((x) => call('labels', x.name).then((ls) => [x.name, ls])));
  // Wildcard and shared fields from every template; a template's own fields are unique paths.
  for (const [name, ls] of all) {
    for (const l of ls) if (!labels.has(l.field)) labels.set(l.field, { en: l.en, zh: l.zh });
    const tag = templates.find((x) => x.name === name)?.tag;
    labelOrder.set(tag, new Map(ls.map((l, i) => [l.field, i])));
  }
  for (const f of await call('factors')) factorById.set(f.id, f);
  $('version').textContent = `${version.engine} · factor set ${String(version.factor_set_sha256).slice(0, 12)}`;
  enableExtensions();
  fillSchemes();
  fillStart();
  selectTab('in', saved?.inTab === 'json' ? 'json' : 'form');
  selectTab('out', ['result', 'precheck', 'verify', 'pact', 'uncertainty'].includes(saved?.outTab) ? saved.outTab : 'result');
  document.body.dataset.ready = 'true';
  csvModule(); // warm: imports and downloads then need no request
  import('./i18n-zh.js').catch(() => {}); // warm: the language switch then needs no request

  if ('serviceWorker' in navigator && location.protocol !== 'file:') {
    navigator.serviceWorker.register('sw.js').then(() => { $('offline').textContent = `· ${t('offlineReady')}`; })
      .catch(() => { /* no offline copy; the page still works */ });
  }
}

main().catch((err) => {
  console.error(err);
  showError(err);
});

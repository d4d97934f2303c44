// pcf calculator page. The engine runs in a Web Worker (worker.js); this module owns the
// state (the document text, language, scheme), the guided form (form.js), the result view,
// pre-checks, downloads, verification, imports and local storage. No framework and no
// innerHTML: every piece of document or result text goes in through textContent.
performance.mark('pcf-app-start');
import { t, setLang, getLang, tz, te } from './i18n.js';
import { h, fmt } from './dom.js';
import { call, setStoppedMessage, supersede } from './engine.js';
// form.js (the guided form) loads after the first result, csv.js on first use (import,
// downloads): neither is needed for the first result.
export const formModule = () => import('./form.js');
export const csvModule = () => import('./csv.js');
// tools.js (downloads, pre-check, verify, import, user tables, the factor picker, the start
// menu, PACT, uncertainty) loads once the first result is on screen.
const toolsModule = () => import('./tools.js');

export const $ = (id) => document.getElementById(id);
export const STORE = 'pcf.page.v1';
const DEBOUNCE_MS = 200;

// ---- the worker (engine.js) ------------------------------------------------------------
setStoppedMessage((reason) => t('engineStopped', reason));
/** A computation still running after this long is abandoned when a newer one is asked for. */
const SUPERSEDE_MS = 1500;

// ---- state ----------------------------------------------------------------------------
export const state = {
  docText: '',
  scheme: 'iso14067',
  threshold: '',
  inTab: 'form',
  outTab: 'result',
  start: '',
  tables: [], // user factor tables [{name, text}] (CSV or JSON, as `pcf --factors`)
  override: false,
  pactMeta: '{}', // the PACT export meta (JSON text: the PACT tab's form), for pactExport and the pact-v2/v3 pre-checks
};
/** The user tables argument of compute/precheck/verify (undefined: built-in tables only). */
export const userTables = () => (state.tables.length ? state.tables.map((x) => ({ name: x.name, text: x.text, override: state.override })) : undefined);
export let result = null; // parsed result of docText
export let resultText = ''; // the exact sealed text computeJson returned
export let resultByPath = new Map();
export let examples = [];
export let templates = []; // [{name, tag}]
const schemas = new Map(); // tag → JSON schema
export const labels = new Map(); // field → {en, zh}
const labelOrder = new Map(); // template tag → Map field → index (the template's own order)
const factorById = new Map();
export let engineExports = [];
export let form = null;
let formTag = '';
let version = null;

export function save() {
  try {
    localStorage.setItem(STORE, JSON.stringify({ ...state, lang: getLang() }));
  } catch { /* storage full or disabled: the page still works */ }
}
function load() {
  try { return JSON.parse(localStorage.getItem(STORE) ?? 'null'); } catch { return null; }
}

export function status(text) {
  $('status').textContent = text;
}

// ---- language -------------------------------------------------------------------------
function applyLang() {
  document.documentElement.lang = getLang() === 'zh' ? 'zh-CN' : 'en';
  document.title = t('title');
  for (const e of document.querySelectorAll('[data-i18n]')) e.textContent = t(e.dataset.i18n);
  for (const e of document.querySelectorAll('[data-i18n-placeholder]')) e.placeholder = t(e.dataset.i18nPlaceholder);
  $('lang').textContent = t('lang');
  renderForm();
  if (result) showResult(result);
  toolsModule().then((m) => m.relabel());
}

// ---- tabs -----------------------------------------------------------------------------
export function selectTab(group, name) {
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
    if (name === 'precheck' || name === 'docs' || name === 'pact') toolsModule().then((m) => m.refreshTab(name));
  }
  save();
}

// ---- the document ---------------------------------------------------------------------
export function parsedDoc() {
  try { return JSON.parse(state.docText); } catch { return undefined; }
}

/** A new document text from anywhere (example, import, form, textarea). */
export function setDoc(text, { rerender = true } = {}) {
  state.docText = text;
  save();
  if (rerender) {
    if (state.inTab === 'json') $('doc').value = text;
    else renderForm();
  }
  schedule();
}

let timer = 0;
export function schedule() {
  clearTimeout(timer);
  timer = setTimeout(recompute, DEBOUNCE_MS);
}

let seq = 0;
let inflightSince = 0;
async function recompute() {
  const mine = ++seq;
  if (inflightSince && performance.now() - inflightSince > SUPERSEDE_MS) {
    // The user changed the document while a long computation runs: drop it, start afresh.
    supersede('superseded');
  }
  inflightSince = performance.now();
  const text = state.docText;
  $('results').classList.add('busy');
  try {
    if (!firstShown) performance.mark('pcf-compute-asked');
    const out = await call('computeJson', text, userTables());
    if (!firstShown) performance.mark('pcf-compute-answered');
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
  if (state.outTab === 'precheck' || state.outTab === 'docs' || state.outTab === 'pact') toolsModule().then((m) => m.refreshTab(state.outTab));
}

// ---- the form -------------------------------------------------------------------------
export async function schemaFor(tag) {
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
export async function renderForm() {
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
    onPickFactor: (cb, query) => toolsModule().then((m) => m.openPicker(cb, query)),
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
  // A warning lists every line its fact applies to (`paths`; `path` is the first).
  for (const w of result?.warnings ?? []) {
    for (const p of w.paths ?? (w.path ? [w.path] : [])) form.mark(p, `${w.code}: ${tz('w_', w.code, w.message ?? '')}`, true);
  }
}

// ---- errors ---------------------------------------------------------------------------
let lastError = null;
export function showError(err) {
  lastError = { code: err.code ?? 'error', path: err.path ?? '', message: err.message ?? String(err), message_zh: err.message_zh };
  const box = $('error');
  const head = h('p', {}, h('strong', { text: `${t('errorNoPath', '').trim()} ` }),
    h('code', { class: 'code', text: lastError.code }));
  if (lastError.path) {
    head.append(' ', h('code', { class: 'path', text: lastError.path }), ' ',
      h('button', { type: 'button', class: 'link', text: t('goToField'), onclick: () => focusPath(lastError.path) }));
  }
  box.replaceChildren(head, h('p', { class: 'message', title: lastError.message, text: te(lastError) }));
  box.hidden = false;
  $('results').classList.add('stale');
  // The shown result belongs to an earlier document: it cannot be downloaded as this one's.
  for (const id of ['dl-result', 'dl-csv', 'dl-pact', 'pact-export']) $(id).disabled = true;
  markField(lastError);
  const je = $('json-error');
  je.textContent = `${lastError.code}${lastError.path ? ` ${lastError.path}` : ''}: ${te(lastError)}`;
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
  form.mark(e.path, `${e.code}: ${te(e)}`);
}
export function focusPath(path) {
  if (state.inTab !== 'form') selectTab('in', 'form');
  const el = form?.fields.get(path) ?? document.querySelector(`.field-error[data-for="${CSS.escape(path)}"]`);
  el?.scrollIntoView({ block: 'center' });
  if (el && typeof el.focus === 'function') el.focus();
}

// ---- the result -----------------------------------------------------------------------
export function nameOf(obj) {
  if (!obj) return '';
  return getLang() === 'zh' ? obj.name_zh || obj.name || '' : obj.name || obj.name_zh || '';
}

export const pct = (x, total) => (total ? `${(100 * x / total).toFixed(1)} %` : '');

/** Which total the headline figure is, when the biogenic CO2 uptake makes the two differ:
 * the result's parts give the totals including and excluding the uptake, and the headline
 * (`total_kg_co2e`) is labelled with the one it equals, the other beside it. '' otherwise. */
export function totalBasis(r) {
  const p = r.parts?.total;
  const incl = p?.pcf_including_biogenic_uptake;
  const excl = p?.pcf_excluding_biogenic_uptake;
  if (typeof incl !== 'number' || typeof excl !== 'number' || incl === excl) return '';
  if (r.total_kg_co2e === excl) return t('totalExclUptake', fmt(incl));
  if (r.total_kg_co2e === incl) return t('totalInclUptake', fmt(excl));
  return '';
}

export function sectorMetrics(r) {
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
    if (e.per_km) m.push([t('m_ev_km', tz('b_', e.per_km.basis)), e.per_km.kg_co2e_per_km]);
    if (typeof e.battery_share_of_cradle_to_gate === 'number') m.push([t('m_ev_battery'), pct(e.battery_share_of_cradle_to_gate, 1)]);
  }
  if (s.pv) {
    const p = s.pv;
    m.push([t('m_pv_kwp'), p.kg_co2e_per_kwp], [t('m_pv_rounded'), p.rounded_kg_co2e_per_kwp]);
    if (typeof p.kg_co2e_per_module === 'number') m.push([t('m_pv_module'), p.kg_co2e_per_module]);
    if (p.lifetime) m.push([t('m_pv_kwh'), p.lifetime.g_co2e_per_kwh]);
    for (const th of p.thresholds ?? []) m.push([`${tz('th_', th.id, th.name)} (${th.comparison} ${th.limit_kg_co2e_per_kwp})`, th.pass ? t('pass') : t('fail')]);
  }
  if (s.steel) {
    const st = s.steel;
    m.push([t('m_steel_see_direct'), st.see_direct], [t('m_steel_see_indirect'), st.see_indirect]);
    const d = st.cbam_default;
    if (d) m.push([t('m_steel_default', d.year), d.t_co2e_per_t]);
    if (typeof d?.see_direct_vs_default_percent === 'number') m.push([t('m_steel_vs'), `${d.see_direct_vs_default_percent > 0 ? '+' : ''}${d.see_direct_vs_default_percent.toFixed(1)} %`]);
  }
  if (s.textile) {
    m.push([t('m_textile_garment'), s.textile.kg_co2e_per_garment], [t('m_textile_kg'), s.textile.kg_co2e_per_kg]);
  }
  return m;
}

export function kv(rows) {
  return h('dl', { class: 'kv' }, rows.map(([k, v]) => [h('dt', { text: k }), h('dd', { text: typeof v === 'number' ? fmt(v) : String(v ?? '') })]));
}

const SVGNS = 'http://www.w3.org/2000/svg';
export function svg(tag, attrs, text) {
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
export function stageChart(stages, total, width = 600) {
  const W = Math.max(260, Math.round(width));
  const narrow = W < 480;
  const rowH = narrow ? 38 : 26;
  const labelW = narrow ? 0 : Math.min(210, W * 0.35);
  const vals = stages.map((s) => `${fmt(s.kg_co2e, 4)} (${pct(s.kg_co2e, total)})`);
  const valueW = 12 + 7.5 * Math.max(...vals.map((v) => v.length)); // the longest value label fits
  const max = Math.max(1e-300, ...stages.map((s) => Math.abs(s.kg_co2e)));
  const g = svg('svg', { viewBox: `0 0 ${W} ${rowH * stages.length + 4}`, width: W, role: 'img', class: 'bars', 'aria-label': t('byStage') });
  stages.forEach((s, i) => {
    const y = i * rowH + 2;
    const by = narrow ? y + 18 : y + 4;
    const bh = narrow ? 14 : rowH - 8;
    const w = Math.max(1, (W - labelW - valueW) * Math.abs(s.kg_co2e) / max);
    const maxChars = narrow ? 60 : Math.floor(labelW / 7);
    const st = tz('st_', s.stage);
    g.append(
      svg('text', { x: 0, y: narrow ? y + 13 : y + 17, class: 'lbl', 'data-stage': s.stage }, st.length > maxChars ? `${st.slice(0, maxChars - 1)}…` : st),
      svg('rect', { x: labelW, y: by, width: w.toFixed(1), height: bh, rx: 2, class: s.kg_co2e < 0 ? 'neg' : 'bar' }),
      svg('text', { x: labelW + w + 6, y: by + bh - 2, class: 'val' }, vals[i]),
    );
    g.lastChild.previousSibling.append(svg('title', {}, `${s.stage}: ${s.kg_co2e} kg CO2e`));
  });
  return g;
}

export function lineLabel(l, i) {
  const what = l.name ?? l.id ?? l.path ?? `#${i + 1}`;
  return l.process && l.process !== '(product)' ? `${l.process}: ${what}` : what;
}
export function lineBasis(l) {
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

/** The five lines that contribute most (by size). */
export const contributorsOf = (r) => (r.lines ?? []).filter((l) => typeof l.kg_co2e === 'number' && l.kind !== 'input')
  .sort((a, b) => Math.abs(b.kg_co2e) - Math.abs(a.kg_co2e)).slice(0, 5);
/** What tools.js adds to each result shown (`result(r)`), once loaded. */
export const hooks = {};

let firstShown = false;
function showResult(r) {
  const total = r.total_kg_co2e;
  $('total').textContent = fmt(total);
  $('total').dataset.value = String(total);
  const du = r.declared_unit;
  $('per-unit').textContent = du ? t('perUnit', `${fmt(du.amount)} ${tz('u_', du.unit)}`) : '';
  $('total-basis').textContent = totalBasis(r);
  $('product-name').textContent = [nameOf(r.product), r.template ?? 'pcf/1'].filter(Boolean).join(' · ');

  const generic = (r.by_data_basis ?? []).filter((b) => b.basis === 'secondary' || b.basis === 'derived')
    .reduce((sum, b) => sum + b.kg_co2e, 0);
  $('data-basis').hidden = !(generic > 0 && total > 0);
  $('data-basis').textContent = generic > 0 && total > 0 ? t('genericShare', pct(generic, total)) : '';
  $('data-basis').title = (r.by_data_basis ?? []).map((b) => `${b.basis} ${fmt(b.kg_co2e)} (${pct(b.kg_co2e, total)})`).join(' · ');

  const metrics = sectorMetrics(r);
  $('metric').replaceChildren(...(metrics.length ? [h('h3', { text: t('sectorMetric') }), kv(metrics)] : []));
  $('metric').hidden = !metrics.length;

  drawStages(r);

  const contributors = contributorsOf(r);
  $('hotspots').replaceChildren(...contributors.map((l, i) => h('li', {}, h('span', { class: 'hs' },
    h('span', { text: lineLabel(l, i) }), h('span', { class: 'num', text: `${fmt(l.kg_co2e)} kg (${pct(l.kg_co2e, total)})` })))));

  $('classes').tBodies[0].replaceChildren(...(r.by_class ?? []).map((c) => h('tr', {},
    h('td', { text: tz('c_', c.class) }), h('td', { class: 'num', text: fmt(c.kg_co2e) }), h('td', { class: 'num', text: pct(c.kg_co2e, total) }))));
  $('gases').tBodies[0].replaceChildren(...(r.by_gas ?? []).map((g) => h('tr', {},
    h('td', { text: g.gas }), h('td', { class: 'num', text: typeof g.kg === 'number' ? `${fmt(g.kg)} ${t('kg')}` : '' }),
    h('td', { class: 'num', text: fmt(g.kg_co2e) }))));

  const MAX_LINES = 500; // a large model: the rest is in the CSV download
  const MAX_WARNING_PATHS = 20; // a warning on many lines: the rest are marked in the form
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
  // One warning per fact, with a link to each line it applies to (the first MAX_WARNING_PATHS).
  const pathLinks = (w) => {
    const paths = w.paths ?? (w.path ? [w.path] : []);
    const links = paths.slice(0, MAX_WARNING_PATHS).flatMap((p, i) => [i ? ' ' : null,
      h('button', { type: 'button', class: 'link mono', text: p, onclick: () => focusPath(p) })]);
    return paths.length > MAX_WARNING_PATHS ? [...links, ` ${t('morePaths', paths.length - MAX_WARNING_PATHS)}`] : links;
  };
  $('warnings').replaceChildren(...(warnings.length ? warnings.map((w) => h('li', {},
    h('code', { class: 'code', text: w.code }), ' ', ...pathLinks(w),
    ' — ', h('span', { title: w.message, text: tz('w_', w.code, w.message) }))) : [h('li', { class: 'none', text: t('none') })]));

  const rc = r.receipt ?? {};
  $('receipt').replaceChildren(
    h('dt', { text: t('inputSha') }), h('dd', { class: 'mono', text: rc.input_sha256 ?? '' }),
    h('dt', { text: t('resultSha') }), h('dd', { class: 'mono', text: rc.result_sha256 ?? '' }),
    h('dt', { text: t('factorSetSha') }), h('dd', { class: 'mono', text: rc.factor_set_sha256 ?? '' }),
    h('dt', { text: t('engine') }), h('dd', { text: rc.engine ?? r.engine ?? '' }));

  hooks.result?.(r); // tools.js: the print report
  if (!firstShown) {
    firstShown = true;
    performance.mark('pcf-first-result'); // the result is drawn; read by scripts/page-size.mjs
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
}

async function main() {
  const saved = load();
  // The worked example first, its requests before anything else: the first result on screen
  // does not wait for anything else. Saved work needs none. The built page (scripts/build-www.mjs)
  // names the first example in index.html's preload, so the examples index (for the start menu)
  // waits until after the first result; www/ as is preloads the index and reads it first.
  const listed = () => fetch('examples/index.json').then((r) => (r.ok ? r.json() : [])).catch(() => []);
  const example = async (file) => ({ file, text: await (await fetch(`examples/${encodeURIComponent(file)}`)).text() });
  const named = document.querySelector('link[data-first-example]')?.getAttribute('href');
  let idx = named ? null : listed();
  const firstExample = saved?.docText ? null
    : named ? example(decodeURIComponent(named.slice('examples/'.length)))
      : idx.then((list) => (list.length ? example(list[0].file) : null));
  await setLang(saved?.lang ?? (navigator.language?.toLowerCase().startsWith('zh') ? 'zh' : 'en'));
  performance.mark('pcf-lang-ready');
  fmt(1); // the first Intl.NumberFormat loads the locale's data (~30 ms): now, while the engine starts, not after it answers
  if (saved) {
    Object.assign(state, {
      scheme: saved.scheme ?? state.scheme, threshold: saved.threshold ?? '', start: saved.start ?? '',
      tables: Array.isArray(saved.tables) ? saved.tables.filter((x) => typeof x?.name === 'string' && typeof x?.text === 'string') : [],
      override: saved.override === true,
      pactMeta: typeof saved.pactMeta === 'string' ? saved.pactMeta : '{}',
    });
  }
  wire();
  document.documentElement.lang = getLang() === 'zh' ? 'zh-CN' : 'en';
  for (const e of document.querySelectorAll('[data-i18n]')) e.textContent = t(e.dataset.i18n);
  $('lang').textContent = t('lang');

  let firstResult = null;
  if (saved?.docText) {
    state.docText = saved.docText;
    $('doc').value = saved.docText;
    firstResult = recompute();
    status(t('restored'));
  } else {
    const first = await firstExample;
    if (first) {
      state.start = `example:${first.file}`;
      state.docText = first.text;
      performance.mark('pcf-doc-ready');
      $('doc').value = state.docText;
      firstResult = recompute();
      save();
    }
  }
  // The rest (examples index, template list and labels, factor list, the functions of the
  // extras module) is asked for once the first result is on screen: nothing competes with it.
  await firstResult;
  examples = await (idx ??= listed());
  const tools = await toolsModule();
  tools.wireTools();
  tools.showTables();

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
  $('version').replaceChildren(`${version.engine} · `, h('span', { 'data-i18n': 'factorSet', text: t('factorSet') }), ` ${String(version.factor_set_sha256).slice(0, 12)}`);
  tools.enableExtensions();
  tools.fillSchemes();
  tools.fillStart();
  selectTab('in', saved?.inTab === 'json' ? 'json' : 'form');
  selectTab('out', ['result', 'precheck', 'docs', 'verify', 'pact', 'uncertainty'].includes(saved?.outTab) ? saved.outTab : 'result');
  tools.openVerifyLink(); // a label's link, `#verify=<digest>`: the Verify tab with the digest
  document.body.dataset.ready = 'true';
  csvModule(); // warm: imports and downloads then need no request
  import('./i18n-zh.js').catch(() => {}); // warm: the language switch then needs no request

  if ('serviceWorker' in navigator && location.protocol !== 'file:') {
    navigator.serviceWorker.register('sw.js').then(() => { $('offline').dataset.i18n = 'offlineReady'; $('offline').textContent = t('offlineReady'); })
      .catch(() => { /* no offline copy; the page still works */ });
  }
}

main().catch((err) => {
  console.error(err);
  showError(err);
});

// pcf calculator page: loads the WebAssembly engine, the examples, and recomputes the
// document in the textarea as it is edited. No framework, no innerHTML: every piece of
// document or result text goes in through textContent.
import init, { compute, version } from './pkg/pcf.js';

const $ = (id) => document.getElementById(id);
const els = {
  example: $('example'),
  doc: $('doc'),
  error: $('error'),
  results: $('results'),
  total: $('total'),
  declared: $('declared'),
  stages: $('stages').tBodies[0],
  lines: $('lines').tBodies[0],
  warnings: $('warnings'),
  version: $('version'),
};

const DEBOUNCE_MS = 150;

/** Six significant digits, plain decimal text where possible (no locale separators). */
export function fmt(x, digits = 6) {
  if (typeof x !== 'number') return String(x ?? '');
  if (!Number.isFinite(x)) return String(x);
  return String(Number(x.toPrecision(digits)));
}

function el(tag, text, className) {
  const e = document.createElement(tag);
  if (text !== undefined && text !== null) e.textContent = String(text);
  if (className) e.className = className;
  return e;
}

function row(cells) {
  const tr = document.createElement('tr');
  for (const [text, cls] of cells) tr.append(el('td', text, cls));
  return tr;
}

// A result line: kind "factor" (emission factor with provenance), "gas" (direct emission and
// its GWP), "declared" (supplier's declared footprint) or "input" (a link to another process,
// whose emissions are in that process's own lines).
function lineLabel(line, i) {
  const what = line.name ?? line.id ?? line.path ?? `#${i + 1}`;
  return line.process && line.process !== '(product)' ? `${line.process}: ${what}` : what;
}
function lineQuantity(line) {
  if (typeof line.amount !== 'number') return '';
  return line.unit ? `${fmt(line.amount)} ${line.unit}` : fmt(line.amount);
}
function lineBasis(line) {
  switch (line.kind) {
    case 'factor': return [line.factor?.id ?? '', line.factor?.source ?? ''];
    case 'gas': return [`${line.gas ?? 'gas'} × GWP ${fmt(line.gwp)}`, 'direct emission'];
    case 'declared': {
      const d = line.declared_by ?? {};
      return ['declared', [d.supplier, d.source].filter(Boolean).join(' — ')];
    }
    case 'input': return [`→ ${line.input ?? ''}`, 'from another process'];
    default: return ['', ''];
  }
}

function showError(err) {
  els.error.replaceChildren();
  const code = err && typeof err.code === 'string' ? err.code : 'error';
  const head = el('p');
  head.append(el('strong', 'Error '), el('code', code, 'code'));
  if (err && typeof err.path === 'string' && err.path) {
    head.append(el('span', ' at '), el('code', err.path, 'path'));
  }
  els.error.append(head, el('p', err && err.message ? err.message : String(err), 'message'));
  els.error.hidden = false;
  els.results.classList.add('stale');
}

function clearError() {
  els.error.hidden = true;
  els.error.replaceChildren();
  els.results.classList.remove('stale');
}

function showResult(r) {
  const total = r.total_kg_co2e;
  els.total.textContent = fmt(total);
  els.total.dataset.value = String(total);
  const du = r.declared_unit;
  els.declared.textContent = du ? `per ${fmt(du.amount)} ${du.unit}` : '';

  els.stages.replaceChildren(
    ...(r.by_stage ?? []).map((s) => row([
      [s.stage],
      [fmt(s.kg_co2e), 'num'],
      [total ? `${(100 * s.kg_co2e / total).toFixed(1)} %` : '', 'num'],
    ])),
  );

  els.lines.replaceChildren(
    ...(r.lines ?? []).map((l, i) => {
      const [basis, source] = lineBasis(l);
      const tr = row([
        [lineLabel(l, i)],
        [lineQuantity(l), 'num'],
        [basis, 'mono'],
        [source],
        [typeof l.kg_co2e === 'number' ? fmt(l.kg_co2e) : '', 'num'],
      ]);
      tr.className = `kind-${l.kind ?? 'line'}`;
      return tr;
    }),
  );

  const warnings = r.warnings ?? [];
  els.warnings.replaceChildren(
    ...(warnings.length ? warnings.map((w) => {
      const li = el('li');
      li.append(el('code', w.code, 'code'));
      if (w.path) li.append(el('span', ' at '), el('code', w.path, 'path'));
      li.append(el('span', ` — ${w.message ?? ''}`));
      return li;
    }) : [el('li', 'none', 'none')]),
  );
}

function recompute() {
  try {
    const result = compute(els.doc.value);
    clearError();
    showResult(result);
  } catch (err) {
    showError(err);
  }
}

let timer = 0;
function scheduleRecompute() {
  clearTimeout(timer);
  timer = setTimeout(recompute, DEBOUNCE_MS);
}

async function loadExample(file) {
  const resp = await fetch(`examples/${encodeURIComponent(file)}`);
  if (!resp.ok) throw new Error(`examples/${file}: HTTP ${resp.status}`);
  els.doc.value = await resp.text();
  recompute();
}

async function main() {
  await init();
  try {
    const v = version();
    const digest = String(v.factor_set_sha256 ?? v.factor_set_digest ?? '');
    els.version.textContent = `${v.engine} · factor set sha256 ${digest.slice(0, 12)}`;
  } catch { /* version is informative only */ }

  let examples = [];
  try {
    const resp = await fetch('examples/index.json');
    if (resp.ok) examples = await resp.json();
  } catch { /* no examples: the textarea stays usable */ }

  els.example.replaceChildren(...examples.map((ex) => {
    const o = el('option', ex.title ?? ex.name);
    o.value = ex.file;
    return o;
  }));
  els.example.disabled = examples.length === 0;
  els.example.addEventListener('change', () => {
    loadExample(els.example.value).catch(showError);
  });
  els.doc.addEventListener('input', scheduleRecompute);

  if (examples.length) await loadExample(examples[0].file);
  else recompute();
}

main().catch((err) => {
  console.error(err);
  showError(err);
});

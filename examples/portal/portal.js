// Supplier portal example (issue 7): three suppliers send their product footprints as PACT v3
// JSON (suppliers/*.pact.json, made by make-suppliers.mjs); the portal imports each as a
// supplier-declared component (pactImport: checked against the PACT spec, its validity period,
// its ids kept in the audit trail), adds its own assembly electricity and computes the product
// with the pcf package in a Web Worker.
import { init, pactImport, versions } from 'pcf';
import { createPcfWorker } from 'pcf/worker-client';

// What each supplier delivers per battery module.
const SUPPLIERS = [
  { id: 'cells', name: 'LFP cells', amount: 2.4, unit: 'kWh' },
  { id: 'housing', name: 'aluminium housing', amount: 3.2, unit: 'kg' },
  { id: 'bms', name: 'battery management board', amount: 1, unit: 'item' },
];

const $ = (id) => document.getElementById(id);
const fmt = (x) => String(Number(x.toPrecision(6)));

async function renderSuppliers() {
  const box = $('suppliers');
  for (const s of SUPPLIERS) {
    const pf = await (await fetch(`suppliers/${s.id}.pact.json`)).text();
    const fs = document.createElement('fieldset');
    fs.innerHTML = `<legend></legend>
      <label>Amount per module (<span class="unit"></span>) <input type="number" min="0" step="any"></label>
      <label>Footprint from the supplier (PACT v3 JSON)</label><textarea spellcheck="false"></textarea>`;
    fs.querySelector('legend').textContent = `${s.name} — ${JSON.parse(pf).companyName}`;
    fs.querySelector('.unit').textContent = s.unit;
    const input = fs.querySelector('input');
    input.value = String(s.amount);
    input.id = `amount-${s.id}`;
    const ta = fs.querySelector('textarea');
    ta.id = `pact-${s.id}`;
    ta.value = pf;
    box.append(fs);
  }
}

// The product document the portal builds from the three submissions (throws the PcfError of
// a footprint that fails PACT's checks, naming the field).
export function productDocument() {
  const components = [];
  const activities = [];
  for (const s of SUPPLIERS) {
    components.push(pactImport($(`pact-${s.id}`).value, { id: s.id, stage: 'raw_materials' }));
    activities.push({ name: s.name, amount: Number($(`amount-${s.id}`).value), unit: s.unit, input: s.id, stage: 'raw_materials' });
  }
  activities.push({
    name: 'module assembly electricity', amount: Number($('assembly-kwh').value), unit: 'kWh',
    factor: 'cn.elec.footprint.2023.national', stage: 'production',
  });
  return {
    schema: 'pcf/1',
    product: { name: 'LFP battery module (portal example)', sector: 'battery', declared_unit: { amount: 1, unit: 'item' } },
    gwp_set: 'AR6',
    boundary: { kind: 'cradle-to-gate', stages: ['raw_materials', 'production'] },
    reference_period: { start: '2025-01-01', end: '2025-12-31' },
    activities,
    components,
  };
}

function show(result) {
  $('error').hidden = true;
  $('total').textContent = fmt(result.total_kg_co2e);
  const body = $('breakdown').querySelector('tbody');
  body.replaceChildren();
  for (const line of result.lines) {
    if (line.kg_co2e === undefined || line.kg_co2e === null) continue;
    const tr = document.createElement('tr');
    const d = line.declared_by;
    const from = d ? `${d.supplier}${d.pact ? ` (PACT ${d.pact.spec_version || ''} ${d.pact.id || ''})` : ''}` : line.factor ? line.factor.source : '';
    for (const [text, cls] of [[line.name || line.path, ''], [from, ''], [fmt(line.kg_co2e), 'num']]) {
      const td = document.createElement('td');
      td.textContent = text;
      if (cls) td.className = cls;
      tr.append(td);
    }
    tr.dataset.path = line.path;
    body.append(tr);
  }
  $('breakdown').hidden = false;
  $('receipt').textContent = `Sealed result: input ${result.receipt.input_sha256.slice(0, 12)}…, factor set ${result.factor_set.sha256.slice(0, 12)}…, ${result.engine}`;
}

function showError(err) {
  $('error').hidden = false;
  $('error').textContent = `${err.code || 'error'} at ${err.path || '$'}: ${err.message}`;
  $('total').textContent = '–';
  $('breakdown').hidden = true;
}

async function main() {
  await renderSuppliers();
  // The main thread loads the engine too, for quick look-ups; the worker computes.
  await init();
  const worker = createPcfWorker();
  await worker.ready;
  const v = versions();
  $('engine').textContent = `${v.engine} · package ${v.package}`;
  const button = $('compute');
  button.disabled = false;
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      show(await worker.compute(productDocument()));
    } catch (err) {
      showError(err);
    } finally {
      button.disabled = false;
    }
  });
  document.body.dataset.ready = 'true';
}

main().catch(showError);

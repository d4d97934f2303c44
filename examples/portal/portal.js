// Supplier portal example (issue 7): three supplier footprints -> one product, computed by the
// pcf package in a Web Worker. Each supplier's footprint enters as a supplier-declared
// component of a pcf/1 document (`components[].declared`), so the result keeps the supplier,
// the source and the verification status of each number in its audit trail.
//
// NOTE: the issue asks for supplier footprints as PACT JSON. PACT import (`pactImport`) is
// being added to the engine separately; until it is merged, suppliers submit the declared
// footprint fields that a PACT ProductFootprint maps to (pcfExcludingBiogenic per declared
// unit, company name, verification). When `supports('pactImport')` is true, the portal can
// take PACT JSON and call `pactImport(footprint)` to get the same component.
import { init, supports, versions } from 'pcf';
import { createPcfWorker } from 'pcf/worker-client';

// What each supplier delivers per battery module, and their declaration (illustrative data).
const SUPPLIERS = [
  {
    id: 'cells', name: 'LFP cells', amount: 2.4, unit: 'kWh',
    declared: {
      kg_co2e: 55, per: { amount: 1, unit: 'kWh' },
      provenance: { supplier: 'Example Cell Co. (illustrative)', source: 'supplier PCF declaration 2025, cradle-to-gate', year: 2025, verification: 'third-party verified' },
    },
  },
  {
    id: 'housing', name: 'aluminium housing', amount: 3.2, unit: 'kg',
    declared: {
      kg_co2e: 8.6, per: { amount: 1, unit: 'kg' },
      provenance: { supplier: 'Example Castings Ltd. (illustrative)', source: 'supplier PCF declaration 2025, cradle-to-gate', year: 2025, verification: 'unverified' },
    },
  },
  {
    id: 'bms', name: 'battery management board', amount: 1, unit: 'item',
    declared: {
      kg_co2e: 12.5, per: { amount: 1, unit: 'item' },
      provenance: { supplier: 'Example Electronics Inc. (illustrative)', source: 'supplier PCF declaration 2025, cradle-to-gate', year: 2025, verification: 'unverified' },
    },
  },
];

const $ = (id) => document.getElementById(id);
const fmt = (x) => String(Number(x.toPrecision(6)));

function renderSuppliers() {
  const box = $('suppliers');
  for (const s of SUPPLIERS) {
    const fs = document.createElement('fieldset');
    fs.innerHTML = `<legend></legend>
      <label>Amount per module (<span class="unit"></span>) <input type="number" min="0" step="any"></label>
      <label>Declared footprint (JSON from the supplier)</label><textarea spellcheck="false"></textarea>`;
    fs.querySelector('legend').textContent = `${s.name} — ${s.declared.provenance.supplier}`;
    fs.querySelector('.unit').textContent = s.unit;
    const input = fs.querySelector('input');
    input.value = String(s.amount);
    input.id = `amount-${s.id}`;
    const ta = fs.querySelector('textarea');
    ta.id = `declared-${s.id}`;
    ta.value = JSON.stringify(s.declared, null, 2);
    box.append(fs);
  }
}

// The product document the portal builds from the three submissions.
export function productDocument() {
  const components = [];
  const activities = [];
  for (const s of SUPPLIERS) {
    let declared;
    try {
      declared = JSON.parse($(`declared-${s.id}`).value);
    } catch (err) {
      throw Object.assign(new Error(`${s.name}: the declaration is not JSON (${err.message})`), { code: 'malformed_json', path: s.id });
    }
    components.push({ id: s.id, name: s.name, stage: 'raw_materials', declared });
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
    const from = line.declared_by ? `${line.declared_by.supplier} (${line.declared_by.verification || 'unverified'})` : line.factor ? line.factor.source : '';
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
  renderSuppliers();
  // The main thread loads the engine too, for quick look-ups; the worker computes.
  await init();
  const worker = createPcfWorker();
  await worker.ready;
  const v = versions();
  $('engine').textContent = `${v.engine} · package ${v.package}${supports('pactImport') ? ' · PACT import available' : ''}`;
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

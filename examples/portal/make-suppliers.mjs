// Writes the three supplier footprints of the portal example (suppliers/*.pact.json): each
// supplier's own small study, computed and exported as a PACT v3 ProductFootprint with the
// package, as a supplier's system would send it. Illustrative figures, not real declarations.
//   node examples/portal/make-suppliers.mjs     (after scripts/build-wasm.sh)
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compute, pactExport } from '../../pkg/index.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));

// Supplier study: one declared unit made with one line of `kg CO2e per unit` (their own figure).
function study(name, unit, kgPerUnit, source) {
  return {
    schema: 'pcf/1',
    product: { name, sector: 'battery', declared_unit: { amount: 1, unit } },
    gwp_set: 'AR6',
    boundary: { kind: 'cradle-to-gate', stages: ['production'] },
    reference_period: { start: '2024-01-01', end: '2024-12-31' },
    activities: [{ name: `${name}, supplier's own inventory (aggregated)`, amount: 1, unit, stage: 'production',
      inline_factor: { value: kgPerUnit, per_unit: unit, source } }],
    study: { standards: ['ISO 14067:2018', 'PACT 3.0'] },
  };
}

const SUPPLIERS = [
  ['cells', study('LFP cells', 'kWh', 55, 'Example Cell Co. inventory 2024 (illustrative)'),
    { companyName: 'Example Cell Co. (illustrative)', companyIds: ['urn:pcf:example:cell-co'], productIds: ['urn:pcf:example:lfp-cell'] }],
  ['housing', study('aluminium housing', 'kg', 8.6, 'Example Castings Ltd. inventory 2024 (illustrative)'),
    { companyName: 'Example Castings Ltd. (illustrative)', companyIds: ['urn:pcf:example:castings'], productIds: ['urn:pcf:example:housing'] }],
  ['bms', study('battery management board', 'item', 12.5, 'Example Electronics Inc. inventory 2024 (illustrative)'),
    { companyName: 'Example Electronics Inc. (illustrative)', companyIds: ['urn:pcf:example:electronics'], productIds: ['urn:pcf:example:bms'], productMassKg: 0.4 }],
];

for (const [id, doc, meta] of SUPPLIERS) {
  const pf = pactExport(compute(doc), 3, meta);
  writeFileSync(join(HERE, 'suppliers', `${id}.pact.json`), `${JSON.stringify(pf, null, 2)}\n`);
  console.log(`suppliers/${id}.pact.json: ${pf.pcf.pcfExcludingBiogenicUptake} kg CO2e per ${pf.pcf.declaredUnitAmount} ${pf.pcf.declaredUnitOfMeasurement}`);
}

// A typed usage example of the package, compiled by `tsc --strict --noEmit` (tests/pkg/types.test.mjs)
// against the generated declarations in pkg/: it must keep compiling, and the @ts-expect-error
// lines must keep failing (so the types are not `any`).
import {
  init,
  compute,
  computeJson,
  computeTotals,
  Calculator,
  batch,
  precheck,
  verify,
  factors,
  searchFactors,
  loadFactorTables,
  clearFactorTables,
  getSchema,
  templates,
  versions,
  pactExport,
  pactMetaNeeds,
  pactExportJson,
  type PactMeta,
  type PactMetaNeed,
  pactImportInto,
  pactImportStages,
  type AnyDocument,
  uncertainty,
  report,
  reportKinds,
  reportFormats,
  type ReportKindInfo,
  verifyDocument,
  type ReportKind,
  type ReportMeta,
  type BatteryPassport,
  type CbamCommunication,
  type CfpReport,
  PcfError,
  ERROR_CODES,
  type PcfDocument,
  type BatteryDocument,
  type FootprintResult,
  type Totals,
  type PrecheckReport,
  type VerifyReport,
  type DocumentVerifyReport,
  type BatchItem,
  type ErrorCode,
} from '../../pkg/index.js';
import { createPcfWorker } from '../../pkg/worker-client.js';

export async function example(): Promise<number> {
  await init();
  const doc: PcfDocument = {
    schema: 'pcf/1',
    product: { name: 'demo', sector: 'other', declared_unit: { amount: 1, unit: 'item' } },
    gwp_set: 'AR6',
    boundary: { kind: 'cradle-to-gate', stages: ['production'] },
    reference_period: { start: '2025-01-01', end: '2025-12-31' },
    activities: [{ amount: 10, unit: 'kWh', factor: 'cn.elec.footprint.2023.national', stage: 'production' }],
  };
  const result: FootprintResult = compute(doc);
  const total: number = result.total_kg_co2e;
  const stages: string[] = result.by_stage.map((s) => s.stage);
  const firstFactor: string | undefined = result.lines[0]?.factor?.source;
  const text: string = computeJson(JSON.stringify(doc));
  const totals: Totals = computeTotals(doc);
  const calc = new Calculator(doc);
  const live: number = calc.setAmount(0, 12.5).setAmount('$.activities[0]', 13).totals().total_kg_co2e;
  const perLine: (number | null)[] = totals.lines_kg_co2e;
  const lineCount: number = calc.lineCount;
  calc.free();
  // @ts-expect-error: an amount is a number
  calc.setAmount(0, '12');

  const items: BatchItem[] = batch([doc, text]);
  for (const item of items) {
    if (item.ok) {
      const t: number = item.result.total_kg_co2e;
      void t;
    } else {
      const code: ErrorCode = item.error.code;
      void code;
    }
  }

  const checked: PrecheckReport = precheck(doc, 'iso14067');
  const verdict: string = checked.verdict;
  const v: VerifyReport = verify(result);
  const status: string = v.status;

  const rows = factors.search('aluminium');
  const ids: string[] = rows.map((r) => r.id).concat(searchFactors('steel').map((r) => r.id));
  loadFactorTables([{ name: 'mine.csv', text: 'id,...', override: true }]);
  clearFactorTables();
  const schema = getSchema('battery');
  const names: string[] = templates().map((t) => t.name);
  const digest: string = versions().factor_set_sha256;

  const battery: BatteryDocument | undefined = undefined;
  void battery;

  // A supplier in one step: text in, text out; an object in, an object out.
  const supplier = '{"specVersion": "3.0.0"}';
  const productText: string = pactImportInto(supplier, text, { amount: '2.5 kg', stage: 'production' });
  const productDoc: AnyDocument = pactImportInto(supplier, doc, { amount: 2.5, unit: 'kg' });
  const supplierStages: string[] = pactImportStages(productText);
  void productDoc;
  void supplierStages;
  // @ts-expect-error: the amount is required
  pactImportInto(supplier, doc, { stage: 'production' });
  // @ts-expect-error: a document given as text comes back as text
  const notAnObject: AnyDocument = pactImportInto(supplier, text, { amount: 1 });
  void notAnObject;

  // What a PACT export needs from the meta, typed: the keys of PactMeta.
  const pactMeta: PactMeta = { productMassKg: 0.17, crossSectoralStandards: ['ISO14067'] };
  const needs: PactMetaNeed[] = pactMetaNeeds(result, 3, pactMeta);
  const neededKeys: (keyof PactMeta)[] = needs.map((n) => n.key);
  const given: number | null | undefined = needs[0]?.suggestion?.from ? pactMeta.productMassKg : undefined;
  const pactFile: string = pactExportJson(result, 2, pactMeta, { nonConformant: false });
  void pactFile;
  void neededKeys;
  void given;
  // @ts-expect-error: not a key of the PACT meta
  const notMeta: PactMeta = { productMass: 1 };
  void notMeta;
  try {
    pactExport(result, '3.0');
    const u = uncertainty(doc, { runs: 1000, seed: 42 });
    const schemaTag: string = u.format;
    void schemaTag;
  } catch (err) {
    if (err instanceof PcfError) {
      const code: ErrorCode = err.code;
      const path: string = err.path;
      void code;
      void path;
    }
  }
  const allCodes: readonly ErrorCode[] = ERROR_CODES;

  const worker = createPcfWorker();
  const remote: FootprintResult = await worker.compute(doc);
  worker.terminate();

  // Documents for certifiers and regulators: text out, typed meta in.
  const meta: ReportMeta = { public_study_url: 'https://example.invalid/study', plant: { locality: 'Ningde', country: 'CN' } };
  const kinds: ReportKind[] = reportKinds(result);
  const infos: ReportKindInfo[] = reportFormats();
  const defaultFormat: 'json' | 'html' | 'xlsx' | 'svg' = infos[0].formats[0];
  const passport: BatteryPassport = JSON.parse(report('battery-passport', result, { meta }));
  const perKwh: number = passport.carbon_footprint.batteryCarbonFootprint;
  const page: string = report('battery-declaration', result, { format: 'html', lang: 'zh', meta });
  // @ts-expect-error: a plant's latitude is a number
  const badMeta: ReportMeta = { plant: { latitude: 'north' } };
  // The CFP study report of any result, with its goal and an uncertainty run of the same study.
  const cfpMeta: ReportMeta = { cfp_study: { intended_application: 'B2B disclosure', comparative_assertion: false } };
  const cfp: CfpReport = JSON.parse(
    report('cfp-report', result, { format: 'json', meta: cfpMeta, uncertainty: uncertainty(doc, { runs: 100, seed: 1 }) }),
  );
  const stageKg: number = cfp.results.by_stage[0].kg_co2e;
  const reviewer: string | null | undefined = cfp.critical_review.reviewers;
  // @ts-expect-error: comparative_assertion is a boolean
  const badGoal: ReportMeta = { cfp_study: { comparative_assertion: 'no' } };
  // @ts-expect-error: the page's languages are en and zh
  report('battery-declaration', result, { lang: 'fr' });
  // The CBAM communication: JSON text, or the workbook's bytes for format 'xlsx'.
  const cbamMeta: ReportMeta = {
    cbam: {
      installation: { street_address: '1 Road', city: 'Tangshan', unlocode: 'CNTSN', latitude: 39.6, longitude: 118.2 },
      operator: { name: 'Operator', email: 'cbam@example.invalid' },
      carbon_price: { instrument: 'ETS', currency: 'CNY', due_per_t: 12.5 },
    },
  };
  const communication: CbamCommunication = JSON.parse(report('cbam-communication', result, { meta: cbamMeta }));
  const seeDirect: number = communication.goods[0].see_direct;
  const workbook: Uint8Array = report('cbam-communication', result, { format: 'xlsx', meta: cbamMeta });
  // @ts-expect-error: a workbook is bytes, not text
  const workbookText: string = report('cbam-communication', result, { format: 'xlsx', meta: cbamMeta });
  const label: string = report('label', result, { format: 'svg', meta: { label: { scheme: 'China carbon label', verify_url: 'https://example.invalid/pcf/' } } });
  const againstReceipt: DocumentVerifyReport = verifyDocument(doc, result);
  const line: string = againstReceipt.summary;
  const byDigest: DocumentVerifyReport = verifyDocument(doc, result.receipt!.result_sha256, { tables: [] });
  // @ts-expect-error: a document is an object, text or bytes, not a number
  verifyDocument(7, result);

  // @ts-expect-error: a result's total is a number, not a string
  const wrong: string = result.total_kg_co2e;
  // @ts-expect-error: unknown scheme
  precheck(doc, 'iso9001');
  // @ts-expect-error: pcf/1 documents have no `battery` field
  const bad: PcfDocument = { ...doc, battery: {} };

  void [live, perLine, lineCount, stages, firstFactor, verdict, status, ids, schema, names, digest, allCodes, remote, wrong, bad, kinds, infos, defaultFormat, perKwh, page, badMeta, seeDirect, workbook, workbookText];
  return total;
}

// The pcf package API (hand-written over the generated document types in ./types.d.ts).
// Every function is synchronous once the engine is loaded (init() in browsers; at import in
// Node) and throws a PcfError on bad input.
import type {
  PcfDocument,
  BatteryDocument,
  EvDocument,
  PvDocument,
  SteelDocument,
  TextileDocument,
  Component,
  FootprintResult,
  Totals,
  PrecheckReport,
  VerifyReport,
  DocumentVerifyReport,
  ErrorReport,
  ReportMeta,
  PactMeta,
} from './types.js';

export type * from './types.js';

/** Any document the engine computes: pcf/1 or one of the five sector templates. */
export type AnyDocument =
  | PcfDocument
  | BatteryDocument
  | EvDocument
  | PvDocument
  | SteelDocument
  | TextileDocument;

/**
 * A document as an object, as JSON text (read byte for byte, exactly as the CLI reads a file),
 * or as a file's bytes (`Uint8Array`, checked as UTF-8: `invalid_utf8` rather than U+FFFD).
 */
export type DocumentInput = AnyDocument | string | Uint8Array;

/** A user factor table: CSV (header of factors/README.md) or JSON (an array of rows) by `name`'s extension. */
export interface FactorTableInput {
  /** File name; `.json` reads JSON, anything else CSV. Results list it with its SHA-256. */
  name: string;
  /** The table's text, or the file's bytes (checked as UTF-8: `invalid_utf8` at `name`). */
  text: string | Uint8Array;
  /** Let this table's rows replace built-in (or earlier) rows with the same id. */
  override?: boolean;
}

/** Options of most calls. */
export interface CallOptions {
  /** User factor tables for this call (default: those of loadFactorTables(), else none). */
  tables?: FactorTableInput[];
}

/** Options of precheck(). */
export interface PrecheckOptions extends CallOptions {
  /** The threshold parameter of schemes with a choice (fr-cre-pv: `fr.cre.pv.threshold.feed-in`, the default, `fr.cre.pv.threshold.rooftop-tender`, `epeat.pv.threshold.low-carbon`, `epeat.pv.threshold.ultra-low-carbon`). */
  threshold?: string;
  /** For pact-v2/pact-v3 on a study or result: the export's meta (object or JSON text). */
  meta?: Record<string, unknown> | string;
}

/** Certification schemes of precheck(). */
export type Scheme =
  | 'iso14067'
  | 'cn-label'
  | 'eu-battery'
  | 'cn-battery-declaration'
  | 'cbam-steel'
  | 'fr-cre-pv'
  | 'pact-v2'
  | 'pact-v3';

/** Codes of the engine's errors (crates/pcf-core/src/error.rs). */
export type EngineErrorCode =
  | 'malformed_json'
  | 'invalid_document'
  | 'unsupported_schema'
  | 'limit_exceeded'
  | 'non_finite'
  | 'negative_amount'
  | 'not_positive'
  | 'unknown_unit'
  | 'dimension_mismatch'
  | 'unknown_factor'
  | 'no_matching_factor'
  | 'unknown_component'
  | 'duplicate_id'
  | 'unknown_gas'
  | 'missing_gwp'
  | 'invalid_value'
  | 'unsolvable_network'
  | 'factor_conflict'
  | 'invalid_factor_table'
  | 'expired_footprint'
  | 'invalid_utf8'
  | 'non_finite_result';

/** Codes the package raises itself. */
export type PackageErrorCode = 'not_initialized' | 'unsupported' | 'invalid_argument' | 'worker' | 'internal';

export type ErrorCode = EngineErrorCode | PackageErrorCode;

/** The one error class of the package. */
export declare class PcfError extends Error {
  constructor(code: ErrorCode, path: string, message: string, options?: { cause?: unknown; message_zh?: string });
  readonly name: 'PcfError';
  /** Stable machine code (see ERROR_CODES and the README). */
  code: ErrorCode;
  /** JSON path of the field concerned (`$.activities[0].unit`), a table location or an argument name. */
  path: string;
  /** The message in Chinese, with the same facts: every engine error has it; a package error (a bad argument) may not. */
  message_zh?: string;
  toJSON(): ErrorReport;
}

export declare const ERROR_CODES: readonly ErrorCode[];
export declare const ENGINE_ERROR_CODES: readonly EngineErrorCode[];
export declare const PACKAGE_ERROR_CODES: readonly PackageErrorCode[];

/** What init() accepts: the wasm's URL or path, a Response (or its promise), its bytes or a compiled module. */
export type InitInput =
  | string
  | URL
  | Request
  | Response
  | Promise<Response>
  | BufferSource
  | WebAssembly.Module;

/** Loads the engine: async in browsers (default URL: web/pcf_bg.wasm next to index.js); a no-op in Node. */
export declare function init(input?: InitInput): Promise<void> | void;
/** Loads the engine synchronously from its bytes or a compiled module (a no-op in Node). */
export declare function initSync(input: BufferSource | WebAssembly.Module): void;
/** Whether the engine is loaded. */
export declare function isReady(): boolean;

/** Computes a document: the sealed pcf-result/1 (audit trail, factor set, receipt). */
export declare function compute(doc: DocumentInput, options?: CallOptions): FootprintResult;
/** Computes a document without sealing it (no receipt, no canonical input): for live recomputation. */
export declare function computeUnsealed(doc: DocumentInput, options?: CallOptions): FootprintResult;
/**
 * The figures without the audit trail (pcf-totals/1: total, by stage, class, gas and
 * component, each line's kg CO2e, warnings), the same bits as compute()'s.
 */
export declare function computeTotals(doc: DocumentInput, options?: CallOptions): Totals;
/**
 * A pcf/1 document read and validated once, for recomputing as a user types: setAmount()
 * changes one line (that line's checks only), totals() recomputes every line and total; the
 * same bits as computeTotals() of the edited document.
 */
export declare class Calculator {
  /** Reads and validates a pcf/1 document (errors as computeTotals'); a template is `unsupported_schema`. */
  constructor(doc: PcfDocument | string | Uint8Array, options?: CallOptions);
  /**
   * Sets a line's amount (in its unit). `line`: an index into the top-level `activities`, or a
   * line's JSON path (`'$.components[0].activities[2]'`). A refused value (`negative_amount`,
   * `non_finite` … at `….amount`; `invalid_value` at `line` for no such line) changes nothing.
   */
  setAmount(line: number | string, value: number): this;
  /** The figures of the document as it stands. */
  totals(): Totals;
  /** The document as it stands, with the amounts set so far. */
  document(): PcfDocument;
  /** Number of lines (activities and emissions of the product and its components). */
  readonly lineCount: number;
  /** Releases the engine's memory now (otherwise at garbage collection); later calls throw. */
  free(): void;
}
/** Computes a document: the result as JSON text, byte-identical to `pcf compute`. */
export declare function computeJson(doc: DocumentInput, options?: CallOptions): string;

/** One entry of batch(). */
export type BatchItem =
  | { index: number; ok: true; result: FootprintResult }
  | { index: number; ok: false; error: PcfError };
/** Computes many documents in one call across the JS/WASM boundary; one entry per document, in order. */
export declare function batch(documents: DocumentInput[], options?: CallOptions): BatchItem[];

/** Runs a scheme's certification pre-checks (pact-v2/pact-v3 also read a PACT footprint or a result). */
export declare function precheck(
  doc: DocumentInput | PactFootprint | FootprintResult,
  scheme: Scheme,
  options?: PrecheckOptions,
): PrecheckReport;
/** Verifies a sealed result (its receipt, and a recomputation with the factors at hand). */
export declare function verify(result: FootprintResult | string, options?: CallOptions): VerifyReport;

/** A factor row (`pcf factors list --json`). */
export interface FactorRow {
  id: string;
  name_en: string;
  name_zh: string;
  value: number;
  /** Numerator unit (`kg`, `t` …). */
  value_unit: string;
  /** Denominator unit (`kWh`, `t`, `tkm` …). */
  per_unit: string;
  /** `CO2e` or a gas. */
  basis: string;
  gwp_set: string;
  /** fossil, biogenic, luc, aircraft … */
  class: string;
  geography: string;
  year: number | null;
  source: string;
  licence: string;
  verification: string;
  notes: string;
  /** Series id, for selection by geography and year (absent when empty). */
  series?: string;
  /** The row's own distribution, e.g. `lognormal:gsd=1.1` (absent when the row gives none). */
  uncertainty?: string;
  /** For a row without its own distribution: the documented default of its data type. */
  uncertainty_default?: {
    /** A lognormal with GSD = sqrt(u95), written as an `uncertainty` cell. */
    distribution: string;
    /** `basic.demand`, `basic.transport`, `basic.air.co2` … (`factors/uncertainty_defaults.csv`). */
    data_type: string;
    /** The 95 % interval factor U (= GSD²). */
    u95: number;
    table: string;
    source: string;
  };
  [key: string]: unknown;
}
/** A parameter row (`pcf factors params --json`). */
export type ParameterRow = Record<string, unknown> & { id: string; value: number; source: string };

/** Every factor row in effect. */
export declare function listFactors(options?: CallOptions): FactorRow[];
/** Factor rows matching every word of `query`. */
export declare function searchFactors(query: string, options?: CallOptions): FactorRow[];
/** listFactors and searchFactors as `factors.list()` / `factors.search(query)`. */
export declare const factors: {
  readonly list: typeof listFactors;
  readonly search: typeof searchFactors;
};
/** Parameter rows, optionally those matching every word of `query`. */
export declare function parameters(query?: string): ParameterRow[];

/** Loads user factor tables for every later call without `tables`; returns the rows they add or change. */
export declare function loadFactorTables(tables: FactorTableInput[]): FactorRow[];
/** Goes back to the built-in factor set. */
export declare function clearFactorTables(): void;
/** The user tables loaded (copies). */
export declare function loadedFactorTables(): FactorTableInput[];

/** Short names of the sector templates. */
export type TemplateName = 'battery' | 'ev' | 'pv' | 'steel' | 'textile';
/** The JSON Schema of pcf/1 (no name) or of a sector template. */
export declare function getSchema(name?: TemplateName | 'pcf' | 'pcf/1'): Record<string, unknown>;
/** The sector templates. */
export declare function templates(): { name: TemplateName; tag: string }[];
/** English and Chinese labels of a template's fields. */
export declare function labels(name: TemplateName): { field: string; en: string; zh: string }[];
/** Solves a pcf-bench-system process network. */
export declare function network(system: Record<string, unknown> | string): Record<string, unknown>;
/** As network(), the result as compact JSON text (`pcf network`'s bytes, `input` being "input"). */
export declare function networkJson(system: Record<string, unknown> | string): string;

/** Engine, built-in factor-set digest and package version. */
export interface Versions {
  /** `pcf <version>`, as written into every result. */
  engine: string;
  /** SHA-256 of the built-in factor set (results list the digest of the set they used). */
  factor_set_sha256: string;
  /** This package's version. */
  package: string;
}
export declare function versions(): Versions;

/** A PACT ProductFootprint (typed loosely: its schemas are PACT's own, checked by the engine). */
export type PactFootprint = Record<string, unknown>;
/** Exports a sealed result as a PACT ProductFootprint (`spec` 2 or 3); `unsupported` in engines without PACT. */
export declare function pactExport(
  result: FootprintResult | string,
  spec: 2 | 3 | '2' | '3' | '2.3' | '3.0' | string,
  meta?: PactMeta | string,
): PactFootprint;
/** Options of pactExportReport(). */
export interface PactExportOptions {
  /** Write a footprint that breaks a MUST of the spec, marked as not conformant (its comment starts with `NOT CONFORMANT`), instead of throwing. */
  nonConformant?: boolean;
}
/** Something an exported footprint cannot say, or says against the spec. */
export interface PactExportWarning {
  /** `part_not_carried`, `spec_crossing`, `supplier_finding`, `dqi_partial` or `not_conformant`. */
  code: string;
  /** The field it is about. */
  path: string;
  /** What it is, with the figures. */
  message: string;
}
/** A footprint and what it cannot say (`pcf pact export`'s footprint and warnings). */
export interface PactExportReport {
  footprint: PactFootprint;
  /** False only for a footprint written with `nonConformant` that breaks the spec. */
  conformant: boolean;
  warnings: PactExportWarning[];
}
/** As pactExport(), with its warnings; `unsupported` in engines without PACT. */
export declare function pactExportReport(
  result: FootprintResult | string,
  spec: 2 | 3 | '2' | '3' | '2.3' | '3.0' | string,
  meta?: PactMeta | string,
  options?: PactExportOptions,
): PactExportReport;
/** As pactExportReport(), the footprint as text: the bytes `pcf pact export [--non-conformant]` prints (a final newline; numbers as the CLI writes them). */
export declare function pactExportJson(
  result: FootprintResult | string,
  spec: 2 | 3 | '2' | '3' | '2.3' | '3.0' | string,
  meta?: PactMeta | string,
  options?: PactExportOptions,
): string;
/** A value for a meta key that the result's document states. */
export interface PactMetaSuggestion {
  /** The value as the meta takes it: kg per declared unit (`productMassKg`), a list of standard names (`crossSectoralStandards`). */
  value: unknown;
  /** Where the document states it: a path in the result (`$.input.garment.mass_kg`, `$.input.study.standards`). */
  from: string;
}
/** A field of the meta a PACT export needs and the meta does not give, or gives wrong. */
export interface PactMetaNeed {
  /** The path pactExport()'s error names for it: `$meta.productMassKg`, `$.declared_unit.unit`, `$.input.study.standards`, `$meta.fossilCarbonContentKg`, or a footprint field a meta value breaks (`$pact.companyIds[0]`). */
  path: string;
  /** The meta key that gives it. */
  key: keyof PactMeta;
  /** `missing` (not given) or `invalid` (given, but PACT does not take it). */
  kind: 'missing' | 'invalid';
  /** pactExport()'s error code for it (`invalid_value`, or `invalid_document`). */
  code: string;
  /** What is needed, in English, naming the field and its key. */
  message_en: string;
  /** The same in Chinese. */
  message_zh: string;
  /** The value the result's document states for it, when it states one. */
  suggestion?: PactMetaSuggestion;
}
/** Every field the meta must give, or give right, for a PACT export of `result` in `spec`, at once (`[]`: none); `unsupported` in engines without PACT. */
export declare function pactMetaNeeds(
  result: FootprintResult | string,
  spec: 2 | 3 | '2' | '3' | '2.3' | '3.0' | string,
  meta?: PactMeta | string,
): PactMetaNeed[];
/** The kinds of document report() writes. */
export type ReportKind =
  | 'battery-passport'
  | 'battery-declaration'
  | 'cbam-communication'
  | 'cfp-report'
  | 'label';
/** Options of report(). */
export interface ReportOptions extends CallOptions {
  /** `json`, `html` (battery-declaration, cfp-report), `xlsx` (cbam-communication only: bytes) or `svg` (label, its only format); the default is the kind's first: `json`, `html` for cfp-report, `svg` for label. */
  format?: 'json' | 'html' | 'xlsx' | 'svg';
  /** The language of an HTML page or a label: `en` (the default) or `zh`; JSON carries both. */
  lang?: 'en' | 'zh';
  /** What the document needs and the result does not know (schema/pcf-report-meta-1.schema.json; pcf's docs/reports.md). */
  meta?: ReportMeta | string;
  /** cfp-report: a pcf-uncertainty/1 report of the same study (uncertainty()), shown in the report. */
  uncertainty?: UncertaintyReport | string;
}
/**
 * Writes a document a certifier or regulator receives from a sealed result: the bytes of
 * `pcf report` as a Uint8Array for `format: 'xlsx'` (the cbam-communication workbook).
 * `unsupported` in engines without it.
 */
export declare function report(
  kind: ReportKind | string,
  result: FootprintResult | string,
  options: ReportOptions & { format: 'xlsx' },
): Uint8Array;
/**
 * Writes a document a certifier or regulator receives from a sealed result: the text of
 * `pcf report` (JSON: a pcf-battery-passport/1, pcf-battery-declaration/1,
 * pcf-cbam-communication/1 or pcf-cfp-report/1 document; an HTML page; or a label's SVG).
 * `unsupported` in engines without it.
 */
export declare function report(
  kind: ReportKind | string,
  result: FootprintResult | string,
  options?: ReportOptions & { format?: 'json' | 'html' | 'svg' },
): string;
/** The kinds of document report() writes for a sealed result, in `pcf report`'s order. */
export declare function reportKinds(result: FootprintResult | string): ReportKind[];
/** One kind of document, as reportFormats() lists it. */
export interface ReportKindInfo {
  kind: ReportKind;
  /** What it applies to, in words. */
  applies_to: string;
  /** Its formats, the default first. */
  formats: Array<'json' | 'html' | 'xlsx' | 'svg'>;
}
/** Every kind of document report() writes, in `pcf report`'s order, with its formats. */
export declare function reportFormats(): ReportKindInfo[];
/**
 * What verifyDocument() takes as a receipt: a sealed result, a report carrying one (report()'s
 * JSON as text or object, a label's SVG text), a pcf-receipt/1 object, or the result digest
 * (a label's `#verify=` link).
 */
export type ReceiptInput = FootprintResult | Record<string, unknown> | string;
/**
 * Checks an input document against a receipt: computes the document (built-in tables plus
 * `options.tables`) and compares its input digest, factor set and result digest with the
 * receipt's; `summary` is the one line of `pcf verify --document`. `unsupported` in engines
 * without it.
 */
export declare function verifyDocument(
  doc: DocumentInput,
  receipt: ReceiptInput,
  options?: CallOptions,
): DocumentVerifyReport;
/** One finding of pactCheck(). */
export interface PactCheckFinding {
  /** JSON path in the file. */
  path: string;
  /** `invalid_document`, `invalid_value` or `inconsistent`. */
  code: string;
  /** What was found. */
  detail: string;
}
/** The report of pactCheck() (`pcf pact check`). */
export interface PactCheckReport {
  /** Where the footprint is in the file. */
  path: string;
  id: string;
  spec_version: string;
  /** True when no MUST of the spec is broken (`schema` and `rules` are empty). */
  conformant: boolean;
  /** True when the totals and parts agree (`identities` is empty). */
  consistent: boolean;
  /** Against the schema. */
  schema: PactCheckFinding[];
  /** Against the data model's rules (validity period, v2's 5 % exemption limit). */
  rules: PactCheckFinding[];
  /** Against the identities between totals and parts (v3). */
  identities: PactCheckFinding[];
}
/** Checks a PACT footprint against its spec version (`pcf pact check`); `unsupported` in engines without PACT. */
export declare function pactCheck(
  footprint: PactFootprint | string,
  options?: { spec?: 2 | 3 | string; index?: number },
): PactCheckReport;
/** Options of pactImport(), as for `pcf pact import`. */
export interface PactImportOptions {
  /** Component id (default `pact-` and the first 8 characters of the footprint id). */
  id?: string;
  /** Stage of the component (default `raw_material_acquisition`). */
  stage?: string;
  /** The quantity the footprint is stated per: `"1000"` (in its unit) or `"1 t"`; default one declared unit. */
  amount?: string;
  /** A date (`YYYY-MM-DD`) or RFC 3339 date-time the footprint must be valid on (else `expired_footprint`). */
  at?: string;
  /** Which footprint of a list response, default the only one. */
  index?: number;
}
/** Imports a supplier's PACT footprint as a pcf/1 component (declared footprint + `pact` provenance). */
export declare function pactImport(footprint: PactFootprint | string, options?: PactImportOptions): Component;
/** Options of pactImportInto(), as for `pcf pact import --into`. */
export interface PactImportIntoOptions {
  /**
   * How much of the supplier's product the product uses per its declared unit (as the lines of
   * the list it joins): `"2.5 kg"` (any unit of the footprint's declared unit's dimension) or
   * a number in `unit` (default the footprint's declared unit). Required.
   */
  amount: string | number;
  /** The unit of a numeric `amount`. */
  unit?: string;
  /** The quantity the footprint is stated per (pactImport()'s `amount`): `"1000"` or `"1 t"`; default one declared unit. */
  per?: string;
  /** Stage of the line and the component (default `raw_material_acquisition`): one of pactImportStages(product). */
  stage?: string;
  /** Component id (default `pact-` and the first 8 characters of the footprint id); one already in the product is `duplicate_id`. */
  id?: string;
  /** A date (`YYYY-MM-DD`) or RFC 3339 date-time the footprint must be valid on (else `expired_footprint`). */
  at?: string;
  /** Which footprint of a list response, default the only one. */
  index?: number;
}
/**
 * Adds a supplier's PACT footprint to a product document (pcf/1, pcf-battery/1, pcf-ev/1 or
 * pcf-textile/1) in one step: its component and a line using it. Text in, text out (every
 * other byte kept); an object in, an object out. Errors name the product's field (`$.…`), the
 * footprint's (`$pact.…`) or the option (`amount`, `per`, `stage`, `id`, `at`, `index`).
 */
export declare function pactImportInto<P extends DocumentInput>(
  footprint: PactFootprint | string | Uint8Array,
  product: P,
  options: PactImportIntoOptions,
): P extends string | Uint8Array ? string : AnyDocument;
/** The stages a supplier line can take in a product document (pactImportInto()'s `stage`). */
export declare function pactImportStages(product: DocumentInput): string[];
/** Options of uncertainty(). */
export interface UncertaintyOptions extends CallOptions {
  /** Monte Carlo runs. */
  runs: number;
  /** Seed of the random generator (an integer up to 2^53 − 1): the same seed, the same bits. */
  seed: number;
  /** Report the probability of exceeding this total (kg CO2e per declared unit). */
  threshold?: number;
}
/** The pcf-uncertainty/1 report (typed loosely for now). */
export type UncertaintyReport = Record<string, unknown> & { format: string; deterministic_kg_co2e: number };
/** Monte Carlo uncertainty and ±10 % sensitivity of a footprint (`pcf uncertainty`). */
export declare function uncertainty(doc: DocumentInput, options: UncertaintyOptions): UncertaintyReport;
/** As uncertainty(), as JSON text byte-identical to `pcf uncertainty`. */
export declare function uncertaintyJson(doc: DocumentInput, options: UncertaintyOptions): string;
/** Whether the engine has a raw function (`pactExport`, `pactImport`, `pactImportInto`, `uncertainty` …). */
export declare function supports(name: string): boolean;

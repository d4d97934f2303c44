// The promise-based client of the pcf Web Worker (worker-client.js).
import type * as pcf from './index.js';

type Async<F> = F extends (...args: infer A) => infer R ? (...args: A) => Promise<R> : never;

export interface PcfWorkerOptions {
  /** URL of worker.js (default: next to worker-client.js). */
  workerUrl?: string | URL;
  /** The wasm URL or bytes for init() in the worker (default: next to index.js). */
  wasm?: pcf.InitInput;
}

/** The package's functions, each returning a promise; errors reject with a PcfError. */
export interface PcfWorker {
  /** Resolves when the engine in the worker is loaded. */
  readonly ready: Promise<unknown>;
  /** Stops the worker; pending calls reject with code `worker`. */
  terminate(): void;
  compute: Async<typeof pcf.compute>;
  computeJson: Async<typeof pcf.computeJson>;
  computeUnsealed: Async<typeof pcf.computeUnsealed>;
  computeTotals: Async<typeof pcf.computeTotals>;
  batch: Async<typeof pcf.batch>;
  precheck: Async<typeof pcf.precheck>;
  verify: Async<typeof pcf.verify>;
  listFactors: Async<typeof pcf.listFactors>;
  searchFactors: Async<typeof pcf.searchFactors>;
  parameters: Async<typeof pcf.parameters>;
  loadFactorTables: Async<typeof pcf.loadFactorTables>;
  clearFactorTables: Async<typeof pcf.clearFactorTables>;
  getSchema: Async<typeof pcf.getSchema>;
  templates: Async<typeof pcf.templates>;
  labels: Async<typeof pcf.labels>;
  network: Async<typeof pcf.network>;
  networkJson: Async<typeof pcf.networkJson>;
  versions: Async<typeof pcf.versions>;
  pactExport: Async<typeof pcf.pactExport>;
  pactExportReport: Async<typeof pcf.pactExportReport>;
  pactExportJson: Async<typeof pcf.pactExportJson>;
  pactMetaNeeds: Async<typeof pcf.pactMetaNeeds>;
  pactCheck: Async<typeof pcf.pactCheck>;
  pactImport: Async<typeof pcf.pactImport>;
  pactImportInto: Async<typeof pcf.pactImportInto>;
  pactImportStages: Async<typeof pcf.pactImportStages>;
  uncertainty: Async<typeof pcf.uncertainty>;
  uncertaintyJson: Async<typeof pcf.uncertaintyJson>;
  report: Async<typeof pcf.report>;
  reportKinds: Async<typeof pcf.reportKinds>;
  reportFormats: Async<typeof pcf.reportFormats>;
  verifyDocument: Async<typeof pcf.verifyDocument>;
  supports: Async<typeof pcf.supports>;
}

/** Starts the engine in a module Web Worker. */
export declare function createPcfWorker(options?: PcfWorkerOptions): PcfWorker;

// A CommonJS TypeScript consumer of the package (`require`), compiled by tsc --strict --noEmit
// (tests/pkg/types.test.mjs) with the package installed as node_modules/pcf: the exports map's
// `require` branch gives index.d.cts.
import pcf = require('pcf');

const r: pcf.FootprintResult = pcf.compute('{}');
const total: number = r.total_kg_co2e;
const items: pcf.BatchItem[] = pcf.batch([]);
let code: pcf.ErrorCode | undefined;
try {
  pcf.precheck('{}', 'eu-battery');
} catch (err) {
  if (err instanceof pcf.PcfError) code = err.code;
}
// @ts-expect-error: the total is a number
const wrong: string = r.total_kg_co2e;
export = { total, items, code, wrong };

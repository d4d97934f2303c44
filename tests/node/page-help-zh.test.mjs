// The forms' field help in Chinese (issue 21 item 1): every `description` of every input schema
// the page shows as a form (www/schema/*.schema.json, written by scripts/build-wasm.sh from the
// engine, and the Documents tab's report meta) has its translation in www/i18n-help-zh.js, in
// Chinese, with the numbers of the English; and no translation is left whose description is
// gone. A pure module, loaded in Node.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const WWW = join(resolve(dirname(fileURLToPath(import.meta.url)), '..', '..'), 'www');
const SCHEMAS = readdirSync(join(WWW, 'schema')).filter((f) => f.endsWith('.schema.json')).sort();

/** description → the schema files that have it (every `description` string, at any depth). */
function descriptions() {
  const out = new Map();
  const walk = (v, file) => {
    if (Array.isArray(v)) for (const x of v) walk(x, file);
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (k === 'description' && typeof x === 'string') out.set(x, [...(out.get(x) ?? []), file]);
        else walk(x, file); // a property named `description` is a schema node
      }
    }
  };
  for (const f of SCHEMAS) walk(JSON.parse(readFileSync(join(WWW, 'schema', f), 'utf8')), f);
  return out;
}

test('every schema description has its Chinese field help, and every translation its description', async () => {
  assert.ok(SCHEMAS.includes('pcf-1.schema.json') && SCHEMAS.includes('pcf-report-meta-1.schema.json'),
    `the schemas are built (bash scripts/build-wasm.sh): ${SCHEMAS.join(', ')}`);
  const { HELP_ZH } = await import(pathToFileURL(join(WWW, 'i18n-help-zh.js')).href);
  const all = descriptions();
  assert.ok(all.size > 400, `${all.size} descriptions`);
  const missing = [...all].filter(([d]) => !Object.hasOwn(HELP_ZH, d) || typeof HELP_ZH[d] !== 'string' || !HELP_ZH[d].trim());
  assert.deepEqual(missing.map(([d]) => d), [],
    `${missing.length} schema descriptions without a translation in www/i18n-help-zh.js:\n${missing.map(([d, files]) => `  ${files[0]}: ${JSON.stringify(d)}`).join('\n')}`);
  const orphans = Object.keys(HELP_ZH).filter((d) => !all.has(d));
  assert.deepEqual(orphans, [], 'translations in www/i18n-help-zh.js whose description no schema has');
});

test('each field help is in Chinese and keeps the numbers and code of the English', async () => {
  const { HELP_ZH } = await import(pathToFileURL(join(WWW, 'i18n-help-zh.js')).href);
  const bad = [];
  for (const [en, zh] of Object.entries(HELP_ZH)) {
    if (!/[\u3400-\u9fff]/.test(zh)) bad.push(`no Chinese: ${JSON.stringify(zh)}`);
    // Digit runs (years, limits, standard numbers, `AR6`, `CO2` …) are those of the English.
    const digits = new Set(zh.match(/\d+/g) ?? []);
    const lost = [...new Set(en.match(/\d+/g) ?? [])].filter((d) => !digits.has(d));
    if (lost.length) bad.push(`numbers ${lost.join(', ')} missing: ${JSON.stringify(zh)}`);
    // What the English names in backticks (field names, values, commands) is named as it is.
    const code = new Set(zh.match(/`[^`]*`/g) ?? []);
    const gone = [...new Set(en.replace(/\s+/g, ' ').match(/`[^`]*`/g) ?? [])].filter((c) => !code.has(c));
    if (gone.length) bad.push(`${gone.join(', ')} missing: ${JSON.stringify(zh)}`);
    if (/\n/.test(zh) || zh !== zh.trim()) bad.push(`not one trimmed line: ${JSON.stringify(zh)}`);
  }
  assert.deepEqual(bad, [], bad.join('\n'));
});

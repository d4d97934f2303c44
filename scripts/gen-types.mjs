// Generates js/types.d.ts, the TypeScript declarations of every document the package reads or
// writes, from the committed JSON Schemas (schema/*.schema.json, themselves generated from the
// Rust types by schemars and drift-checked by tests/schema.rs), with json-schema-to-typescript.
// Doc comments come from the Rust doc comments through the schemas' descriptions.
//   node scripts/gen-types.mjs          write js/types.d.ts
//   node scripts/gen-types.mjs --check  exit 1 when js/types.d.ts is out of date
// tests/pkg/types.test.mjs runs the check too.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compile } from 'json-schema-to-typescript';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const TYPES_FILE = join(ROOT, 'js', 'types.d.ts');

// Schema file -> the exported name of its root type, and a prefix for its own definitions
// when another schema already has a different definition of the same name.
const OUTPUTS = [
  ['pcf-result-1.schema.json', 'FootprintResult', 'Result'],
  ['pcf-totals-1.schema.json', 'Totals', 'Totals'],
  ['pcf-precheck-1.schema.json', 'PrecheckReport', 'Precheck'],
  ['pcf-verify-1.schema.json', 'VerifyReport', 'Verify'],
  ['pcf-error.schema.json', 'ErrorReport', 'Error'],
  ['pcf-battery-passport-1.schema.json', 'BatteryPassport', 'Passport'],
  ['pcf-battery-declaration-1.schema.json', 'BatteryDeclaration', 'Declaration'],
  ['pcf-report-meta-1.schema.json', 'ReportMeta', 'ReportMeta'],
  ['pcf-pact-meta-1.schema.json', 'PactMeta', 'PactMeta'],
  ['pcf-cbam-communication-1.schema.json', 'CbamCommunication', 'CbamCommunication'],
  ['pcf-cfp-report-1.schema.json', 'CfpReport', 'CfpReport'],
  ['pcf-verify-document-1.schema.json', 'DocumentVerifyReport', 'VerifyDocument'],
];
// Every other `pcf-<name>-1.schema.json` is a sector template's input (one per sector of the
// Rust registry, src/sectors/mod.rs, which writes them: tests/schema.rs), in name order:
// `pcf-battery-1` -> BatteryDocument, prefix Battery.
const pascal = (name) => name.split('-').map((w) => w[0].toUpperCase() + w.slice(1)).join('');
const TEMPLATES = readdirSync(join(ROOT, 'schema'))
  .filter((f) => /^pcf-[a-z0-9-]+-1\.schema\.json$/.test(f) && !OUTPUTS.some(([o]) => o === f))
  .sort()
  .map((f) => {
    const prefix = pascal(f.slice('pcf-'.length, -'-1.schema.json'.length));
    return [f, `${prefix}Document`, prefix];
  });
const ROOTS = [['pcf-1.schema.json', 'PcfDocument', 'Pcf'], ...TEMPLATES, ...OUTPUTS];

// JSON with sorted keys: the schemas list the same definition's keys in different orders.
function canonical(v) {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

// Rewrites every `$ref: "#/$defs/<old>"` of a schema through `rename`.
function rewriteRefs(node, rename) {
  if (Array.isArray(node)) return node.map((n) => rewriteRefs(n, rename));
  if (node && typeof node === 'object') {
    const out = {};
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string' && v.startsWith('#/$defs/') && Object.keys(node).length > 1) {
        // A reference with a description beside it: json-schema-to-typescript would declare a
        // copy of the type (Period1, Period2 …); name the type instead and keep the comment.
        return { tsType: rename(v.slice('#/$defs/'.length)), description: node.description };
      } else if (k === '$ref' && typeof v === 'string' && v.startsWith('#/$defs/')) {
        out[k] = `#/$defs/${rename(v.slice('#/$defs/'.length))}`;
      } else {
        out[k] = rewriteRefs(v, rename);
      }
    }
    return out;
  }
  return node;
}

// One schema with every definition of every file in `$defs` (shared ones once) and a root
// object whose properties reference the root types, so json-schema-to-typescript declares
// each type once.
export function combinedSchema() {
  const defs = {};
  const properties = {};
  for (const [file, rootName, prefix] of ROOTS) {
    const schema = JSON.parse(readFileSync(join(ROOT, 'schema', file), 'utf8'));
    const own = { ...(schema.$defs || {}) };
    const root = { ...schema };
    delete root.$defs;
    delete root.$schema;
    const title = root.title;
    delete root.title;
    if (title && title !== rootName) {
      root.description = root.description ? `${title}: ${root.description}` : title;
    }
    own[rootName] = root;
    for (const def of Object.values(own)) delete def.title;
    // Same name, same definition: shared; same name, different definition: prefixed.
    const names = {};
    for (const [name, def] of Object.entries(own)) {
      const existing = defs[name];
      names[name] = existing === undefined || canonical(existing) === canonical(def)
        ? name
        : `${prefix}${name}`;
    }
    // A second pass: a shared name whose rewritten definition differs gets the prefix too.
    for (let changed = true; changed;) {
      changed = false;
      for (const [name, def] of Object.entries(own)) {
        const target = names[name];
        const rewritten = rewriteRefs(def, (n) => names[n] || n);
        if (defs[target] !== undefined && canonical(defs[target]) !== canonical(rewritten) && target === name) {
          names[name] = `${prefix}${name}`;
          changed = true;
        }
      }
    }
    for (const [name, def] of Object.entries(own)) {
      defs[names[name]] = rewriteRefs(def, (n) => names[n] || n);
    }
    properties[rootName] = { $ref: `#/$defs/${rootName}` };
  }
  return {
    title: 'PcfTypes',
    description: 'Every document of the pcf package (generated; see scripts/gen-types.mjs).',
    type: 'object',
    properties,
    required: Object.keys(properties),
    additionalProperties: false,
    $defs: defs,
  };
}

export async function generate() {
  const banner = [
    '/* eslint-disable */',
    '/**',
    ' * The documents pcf reads and writes: pcf/1 and the five sector templates (inputs), the',
    ' * pcf-result/1 result, the pcf-precheck/1 and pcf-verify/1 reports and the error report,',
    ' * the documents of `pcf report` with their meta, and the meta of a PACT export.',
    ' * GENERATED by scripts/gen-types.mjs from schema/*.schema.json (themselves generated from',
    ' * the Rust types): do not edit; run `node scripts/gen-types.mjs`.',
    ' */',
  ].join('\n');
  return compile(combinedSchema(), 'PcfTypes', {
    bannerComment: banner,
    additionalProperties: false,
    declareExternallyReferenced: true,
    unreachableDefinitions: true,
    strictIndexSignatures: true,
    style: { singleQuote: true, printWidth: 100 },
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const text = await generate();
  if (process.argv.includes('--check')) {
    if (readFileSync(TYPES_FILE, 'utf8') !== text) {
      console.error('js/types.d.ts is out of date: run `node scripts/gen-types.mjs`');
      process.exit(1);
    }
    console.log('js/types.d.ts is up to date');
  } else {
    writeFileSync(TYPES_FILE, text);
    console.log(`wrote ${TYPES_FILE} (${text.length} bytes)`);
  }
}

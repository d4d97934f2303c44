// The page's strings: every English key (i18n.js for the first result, i18n-tools.js added when
// tools.js loads) has its Chinese string (i18n-zh.js) with the same placeholders, and no Chinese
// key is left without an English one. Pure modules, loaded in Node.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const WWW = join(resolve(dirname(fileURLToPath(import.meta.url)), '..', '..'), 'www');
const load = (f) => import(pathToFileURL(join(WWW, f)).href);

test('every English string of the page has its Chinese string, with the same placeholders', async () => {
  const { STRINGS } = await load('i18n.js');
  const first = Object.keys(STRINGS.en).length;
  const { TOOLS_EN } = await load('i18n-tools.js');
  const { ZH } = await load('i18n-zh.js');
  const en = STRINGS.en;
  assert.ok(first > 100 && Object.keys(TOOLS_EN).length > 40, `${first} + ${Object.keys(TOOLS_EN).length} keys`);
  for (const k of Object.keys(TOOLS_EN)) assert.equal(en[k], TOOLS_EN[k], `${k}: i18n-tools.js is added to the English table`);
  const holes = (s) => [...String(s).matchAll(/\{(\d)\}/g)].map((m) => m[1]).sort().join(',');
  const missing = Object.keys(en).filter((k) => !(k in ZH));
  assert.deepEqual(missing, [], 'English keys without a Chinese string');
  const orphans = Object.keys(ZH).filter((k) => !(k in en));
  assert.deepEqual(orphans, [], 'Chinese keys without an English string');
  for (const k of Object.keys(en)) assert.equal(holes(ZH[k]), holes(en[k]), `${k}: the same placeholders`);
});

// The words of the data the page shows in Chinese by code (tz() in i18n.js): every error code
// of the engine (crates/pcf-core/src/error.rs), every warning code a result or a PACT export
// can carry (read from the Rust sources: `Warning::new("code"`, `code: "code"` of an export
// warning), and every stage, declared unit, gas class and data basis of the golden results.
test('every error and warning code, stage, unit and class of the engine has its Chinese word', async () => {
  const { readFileSync, readdirSync, existsSync, statSync } = await import('node:fs');
  const ROOT = resolve(WWW, '..');
  const { ZH } = await load('i18n-zh.js');
  const rust = (dir) => readdirSync(join(ROOT, dir), { recursive: true }).filter((f) => f.endsWith('.rs'))
    .map((f) => readFileSync(join(ROOT, dir, f), 'utf8')).join('\n');
  const src = rust('crates/pcf-core/src') + rust('src');
  const errorRs = readFileSync(join(ROOT, 'crates/pcf-core/src/error.rs'), 'utf8');
  const errors = [...errorRs.matchAll(/Error::\w+ \{ \.\. \} => "([a-z_0-9]+)"/g)].map((m) => m[1]);
  assert.ok(errors.length >= 20, `${errors.length} error codes read`);
  const warnings = new Set([
    ...[...src.matchAll(/Warning::new\(\s*"([a-z_0-9]+)"/g)].map((m) => m[1]),
    ...[...src.matchAll(/ExportWarning \{\s*code: "([a-z_0-9]+)"/g)].map((m) => m[1]),
    ...[...src.matchAll(/"(gwp_set_[a-z]+)",/g)].map((m) => m[1]),
  ]);
  assert.ok(warnings.size >= 10, `${warnings.size} warning codes read: ${[...warnings]}`);
  const words = { st: new Set(), u: new Set(), c: new Set(), db: new Set() };
  const golden = join(ROOT, 'tests', 'golden');
  for (const d of readdirSync(golden)) {
    const f = join(golden, d, 'expected.json');
    if (!existsSync(f) || !statSync(f).isFile()) continue;
    const r = JSON.parse(readFileSync(f, 'utf8'));
    for (const s of r.by_stage ?? []) words.st.add(s.stage);
    if (r.declared_unit) words.u.add(r.declared_unit.unit);
    for (const c of r.by_class ?? []) words.c.add(c.class);
    for (const b of r.by_data_basis ?? []) words.db.add(b.basis);
  }
  assert.ok(words.st.size >= 25, `${words.st.size} stages read`);
  const missing = [
    ...errors.map((c) => `e_${c}`), ...[...warnings].map((c) => `w_${c}`),
    ...Object.entries(words).flatMap(([p, set]) => [...set].map((w) => `${p}_${w}`)),
  ].filter((k) => !/[\u4e00-\u9fff]/.test(ZH[k] ?? '') && !(k.startsWith('u_') && typeof ZH[k] === 'string'));
  assert.deepEqual(missing, [], 'codes and words without their Chinese text in i18n-zh.js');
});

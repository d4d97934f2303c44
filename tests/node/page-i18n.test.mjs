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

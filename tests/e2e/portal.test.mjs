// Browser end-to-end test of examples/portal/ (issue 7): the supplier-portal page embeds the pcf
// package (pkg/, ES module + Web Worker) in Debian's headless Chromium (playwright-core), and
// aggregates three supplier footprints into a product. The test owns its static server over
// the repository root (node:http on a free 127.0.0.1 port). Needs scripts/build-wasm.sh (pkg/).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SCREENSHOT = process.env.PCF_PORTAL_SCREENSHOT ?? '/tmp/pcf-portal.png';
// The same flags as tests/e2e/page.test.mjs.
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

for (const p of ['pkg/index.js', 'pkg/web/pcf_bg.wasm', 'pkg/worker.js', 'pkg/index.cjs', 'examples/portal/index.html', 'examples/portal/suppliers/cells.pact.json']) {
  if (!existsSync(join(ROOT, p))) throw new Error(`${p} is missing: run \`bash scripts/build-wasm.sh\` first`);
}
const pcf = createRequire(import.meta.url)(join(ROOT, 'pkg', 'index.cjs'));
const fmt = (x) => String(Number(x.toPrecision(6)));

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
};
// Only what the portal needs: the example and the package.
const SERVED = [join(ROOT, 'examples', 'portal') + sep, join(ROOT, 'pkg') + sep];

function startServer() {
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url, 'http://127.0.0.1');
      let rel = decodeURIComponent(url.pathname);
      if (rel.endsWith('/')) rel += 'index.html';
      const file = normalize(join(ROOT, rel));
      if (!SERVED.some((d) => file.startsWith(d)) || !existsSync(file) || !statSync(file).isFile()) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        return;
      }
      res.writeHead(200, { 'content-type': MIME[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
      res.end(await readFile(file));
    } catch (err) {
      res.writeHead(500).end(String(err));
    }
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => ok(server));
  });
}

let server;
let browser;
let page;
let base;
const requests = [];
const consoleErrors = [];
const pageErrors = [];

before(async () => {
  server = await startServer();
  base = `http://127.0.0.1:${server.address().port}`;
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
  });
  const context = await browser.newContext({ viewport: { width: 1200, height: 1000 } });
  page = await context.newPage();
  page.on('request', (r) => requests.push(r.url()));
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => pageErrors.push(String(e)));
});

after(async () => {
  await browser?.close();
  await new Promise((ok) => (server ? server.close(ok) : ok()));
});

test('the portal aggregates three supplier PACT footprints into the product, computed in a worker', async () => {
  await page.goto(`${base}/examples/portal/`);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30000 });
  assert.match(await page.textContent('#engine'), /^pcf \d/);

  // The document the page builds, computed by the same package in Node.
  const doc = await page.evaluate(async () => (await import('./portal.js')).productDocument());
  assert.equal(doc.components.length, 3, 'three supplier components');
  assert.deepEqual(doc.components.map((c) => Boolean(c.declared && c.pact)), [true, true, true], 'imported from PACT');
  for (const c of doc.components) {
    const pf = JSON.parse(readFileSync(join(ROOT, 'examples', 'portal', 'suppliers', `${c.id}.pact.json`), 'utf8'));
    assert.deepEqual(c, pcf.pactImport(pf, { id: c.id, stage: 'raw_materials' }), `${c.id}: the browser's import = Node's`);
    assert.equal(c.pact.id, pf.id);
  }
  const expected = pcf.compute(doc);
  // By hand: 2.4 kWh × 55 + 3.2 kg × 8.6 + 1 × 12.5 + 4 kWh × 0.6205 = 132 + 27.52 + 12.5 + 2.482.
  assert.ok(Math.abs(expected.total_kg_co2e - (132 + 27.52 + 12.5 + 2.482)) < 1e-9, String(expected.total_kg_co2e));

  await page.click('#compute');
  await page.waitForFunction(() => document.getElementById('total').textContent !== '–', null, { timeout: 30000 });
  assert.equal(await page.textContent('#total'), fmt(expected.total_kg_co2e));
  const rows = await page.$$eval('#breakdown tbody tr', (trs) => trs.map((tr) => [...tr.children].map((td) => td.textContent)));
  assert.equal(rows.length, 4, 'three supplier lines and the assembly line');
  const suppliers = rows.filter((r) => r[1].startsWith('Example'));
  assert.equal(suppliers.length, 3, 'each supplier named with its verification');
  assert.deepEqual(rows.map((r) => r[2]), expected.lines.filter((l) => l.kg_co2e != null).map((l) => fmt(l.kg_co2e)));
  assert.match(await page.textContent('#receipt'), new RegExp(expected.receipt.input_sha256.slice(0, 12)));

  // A worker was used: the page fetched worker.js, and only from its own origin.
  assert.ok(requests.some((u) => u.endsWith('/pkg/worker.js')), 'worker.js loaded');
  assert.ok(requests.every((u) => u.startsWith(base)), `no other origin: ${requests.filter((u) => !u.startsWith(base))}`);
  await page.screenshot({ path: SCREENSHOT, fullPage: true });
});

test('in Chromium, the package (ES module build) gives the CLI\'s bytes on every golden case', async () => {
  const golden = join(ROOT, 'tests', 'golden');
  const cases = readdirSync(golden).filter((d) => existsSync(join(golden, d, 'input.json'))).sort();
  assert.ok(cases.length >= 20, `golden cases: ${cases.length}`);
  const inputs = cases.map((c) => readFileSync(join(golden, c, 'input.json'), 'utf8'));
  const outputs = await page.evaluate(async (docs) => {
    const pcf = await import('pcf');
    await pcf.init();
    const batch = pcf.batch(docs).map((item) => (item.ok ? item.result : item.error.toJSON()));
    return { texts: docs.map((d) => pcf.computeJson(d)), batch };
  }, inputs);
  cases.forEach((c, i) => {
    const expected = readFileSync(join(golden, c, 'expected.json'), 'utf8');
    assert.ok(outputs.texts[i] === expected, `${c}: computeJson in Chromium differs from expected.json`);
    assert.deepEqual(outputs.batch[i], JSON.parse(expected), `${c}: batch in Chromium`);
  });
});

test('in the browser a call before init() is not_initialized; after it, the engine answers', async () => {
  // A second instance of the wrapper (another URL), not yet initialised.
  const out = await page.evaluate(async () => {
    const fresh = await import('../../pkg/index.js?fresh');
    let before;
    try {
      fresh.versions();
    } catch (err) {
      before = { cls: err instanceof fresh.PcfError, code: err.code, path: err.path, ready: fresh.isReady() };
    }
    await fresh.init();
    return { before, after: fresh.versions().engine, ready: fresh.isReady() };
  });
  assert.deepEqual(out.before, { cls: true, code: 'not_initialized', path: '$', ready: false });
  assert.equal(out.after, pcf.versions().engine);
  assert.equal(out.ready, true);
});

test('a supplier footprint that breaks the PACT spec shows the import error with its path', async () => {
  const text = await page.evaluate(() => {
    const ta = document.getElementById('pact-cells');
    const pf = JSON.parse(ta.value);
    delete pf.companyName;
    ta.value = JSON.stringify(pf, null, 2);
    return ta.value;
  });
  let expected;
  try {
    pcf.pactImport(text, { id: 'cells', stage: 'raw_materials' });
  } catch (err) {
    expected = err;
  }
  assert.ok(expected instanceof pcf.PcfError, 'Node rejects it too');
  assert.match(expected.path, /companyName/);
  await page.click('#compute');
  await page.waitForSelector('#error:not([hidden])', { timeout: 30000 });
  const shown = await page.textContent('#error');
  assert.ok(shown.startsWith(`${expected.code} at ${expected.path}:`), shown);
  assert.equal(await page.textContent('#total'), '–');
  assert.deepEqual(pageErrors, []);
  assert.deepEqual(consoleErrors, []);
});

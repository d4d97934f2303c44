// Browser end-to-end test of the static page (www/), in Debian's headless Chromium driven by
// playwright-core. The test owns its static server (node:http on a free 127.0.0.1 port).
// Needs scripts/build-wasm.sh to have run (www/pkg, www/examples, target/pkg-node).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const WWW = join(ROOT, 'www');
const NODE_PKG = join(ROOT, 'target', 'pkg-node', 'pcf.js');
const SCREENSHOT = process.env.PCF_SCREENSHOT ?? '/tmp/pcf-page.png';
const SCREENSHOT_PHONE = SCREENSHOT.replace(/\.png$/, '-phone.png');
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

for (const p of [join(WWW, 'pkg', 'pcf.js'), join(WWW, 'pkg', 'pcf_bg.wasm'), join(WWW, 'examples', 'index.json'), NODE_PKG]) {
  if (!existsSync(p)) throw new Error(`${p} is missing: run \`bash scripts/build-wasm.sh\` first`);
}
const pcf = createRequire(import.meta.url)(NODE_PKG);

// Same formatting as www/app.js fmt(): six significant digits, plain decimal text.
const fmt = (x) => String(Number(x.toPrecision(6)));

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.ts': 'text/plain; charset=utf-8',
};

function startServer() {
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url, 'http://127.0.0.1');
      let rel = decodeURIComponent(url.pathname);
      if (rel.endsWith('/')) rel += 'index.html';
      const file = normalize(join(WWW, rel));
      if (file !== WWW && !file.startsWith(WWW + sep)) {
        res.writeHead(403).end('forbidden');
        return;
      }
      if (!existsSync(file) || !statSync(file).isFile()) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        return;
      }
      const body = await readFile(file);
      res.writeHead(200, {
        'content-type': MIME[extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-store',
      });
      res.end(req.method === 'HEAD' ? undefined : body);
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
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  page.on('request', (r) => requests.push(r.url()));
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => pageErrors.push(String(e)));
});

after(async () => {
  await browser?.close();
  await new Promise((ok) => (server ? server.close(ok) : ok()));
});

test('page shows the first example\'s total, matching the node package', async () => {
  const index = JSON.parse(readFileSync(join(WWW, 'examples', 'index.json'), 'utf8'));
  assert.ok(Array.isArray(index) && index.length > 0, 'www/examples/index.json lists examples');
  const firstDoc = readFileSync(join(WWW, 'examples', index[0].file), 'utf8');
  const expected = pcf.compute(firstDoc);

  await page.goto(`${base}/`, { waitUntil: 'load' });
  await page.waitForFunction(
    () => /^-?\d/.test(document.getElementById('total')?.textContent ?? ''),
    null,
    { timeout: 20_000 },
  );
  const totalText = (await page.textContent('#total')).trim();
  assert.equal(totalText, fmt(expected.total_kg_co2e), 'displayed total (6 significant digits)');
  assert.equal(Number(await page.getAttribute('#total', 'data-value')), expected.total_kg_co2e, 'exact total');
  assert.equal(await page.inputValue('#example'), index[0].file, 'first example selected');
  assert.equal(await page.inputValue('#doc'), firstDoc, 'textarea holds the first example');

  assert.equal(await page.locator('#stages tbody tr').count(), expected.by_stage.length, 'one stage row per stage');
  assert.equal(await page.locator('#lines tbody tr').count(), expected.lines.length, 'one line row per line');
  const linesText = await page.textContent('#lines');
  for (const l of expected.lines.filter((x) => x.kind === 'factor')) {
    assert.ok(linesText.includes(l.factor.id), `lines table shows factor ${l.factor.id}`);
    assert.ok(linesText.includes(l.factor.source), `lines table shows source of ${l.factor.id}`);
  }
  assert.equal(await page.isVisible('#error'), false, 'no error shown');

  await page.screenshot({ path: SCREENSHOT, fullPage: true });
});

test('a bad unit shows error unknown_unit with its JSON path', async () => {
  // A pcf/1 example with a unit at $.activities[0] (templates name their lines otherwise).
  const index = JSON.parse(readFileSync(join(WWW, 'examples', 'index.json'), 'utf8'));
  const entry = index.find((e) => {
    const d = JSON.parse(readFileSync(join(WWW, 'examples', e.file), 'utf8'));
    return Array.isArray(d.activities) && d.activities.length > 0 && 'unit' in d.activities[0];
  });
  assert.ok(entry, 'an example has activities[0].unit');
  const good = readFileSync(join(WWW, 'examples', entry.file), 'utf8');
  await page.selectOption('#example', entry.file);
  await page.waitForFunction((text) => document.getElementById('doc').value === text, good);
  const doc = JSON.parse(good);
  doc.activities[0].unit = 'furlong_per_fortnight';
  const bad = JSON.stringify(doc, null, 2);

  // What the engine itself says about this document.
  let engineErr;
  try { pcf.compute(bad); } catch (e) { engineErr = e; }
  assert.ok(engineErr, 'node package rejects the bad unit');
  assert.equal(engineErr.code, 'unknown_unit');
  assert.equal(engineErr.path, '$.activities[0].unit');

  await page.fill('#doc', bad);
  await page.waitForSelector('#error:not([hidden])', { timeout: 5_000 });
  const errText = await page.textContent('#error');
  assert.ok(errText.includes('unknown_unit'), `#error shows the code (got: ${errText})`);
  assert.ok(errText.includes('$.activities[0].unit'), `#error shows the JSON path (got: ${errText})`);
  await page.screenshot({ path: SCREENSHOT.replace(/\.png$/, '-error.png') });

  // Typing a bad unit character by character goes through the same debounce path.
  await page.fill('#doc', good);
  await page.waitForSelector('#error', { state: 'hidden', timeout: 5_000 });
  const unitAt = good.indexOf(`"${JSON.parse(good).activities[0].unit}"`);
  assert.ok(unitAt > 0);
  await page.focus('#doc');
  await page.evaluate((pos) => {
    const t = document.getElementById('doc');
    t.setSelectionRange(pos + 1, pos + 1);
  }, unitAt);
  await page.keyboard.type('zz');
  await page.waitForSelector('#error:not([hidden])', { timeout: 5_000 });
  assert.ok((await page.textContent('#error')).includes('unknown_unit'));

  // Back to the example: the error goes away and the total comes back.
  await page.fill('#doc', good);
  await page.waitForSelector('#error', { state: 'hidden', timeout: 5_000 });
});

test('every example in the select shows the node package\'s total', async () => {
  const index = JSON.parse(readFileSync(join(WWW, 'examples', 'index.json'), 'utf8'));
  assert.equal(await page.locator('#example option').count(), index.length, 'one option per example');
  for (const ex of index) {
    const expected = pcf.compute(readFileSync(join(WWW, 'examples', ex.file), 'utf8'));
    await page.selectOption('#example', ex.file);
    await page.waitForFunction(
      (want) => document.getElementById('total')?.dataset.value === want,
      String(expected.total_kg_co2e),
      { timeout: 10_000 },
    );
    assert.equal((await page.textContent('#total')).trim(), fmt(expected.total_kg_co2e), ex.file);
    assert.equal(await page.isVisible('#error'), false, `${ex.file}: no error`);
  }
  await page.selectOption('#example', index[0].file);
});

test('the page is usable at phone width', async () => {
  await page.setViewportSize({ width: 390, height: 844 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `no horizontal page scroll at 390 px (overflow ${overflow}px)`);
  await page.screenshot({ path: SCREENSHOT_PHONE, fullPage: true });
});

test('strict CSP meta, same-origin requests only, no console errors', async () => {
  const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
  assert.ok(csp, 'CSP meta tag present');
  for (const directive of [
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "style-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
  ]) {
    assert.ok(csp.includes(directive), `CSP has ${directive}`);
  }
  assert.ok(!csp.includes('unsafe-inline'), 'CSP has no unsafe-inline');

  assert.ok(requests.length > 0, 'requests were recorded');
  const origin = new URL(base).origin;
  const foreign = requests.filter((u) => !u.startsWith('data:') && new URL(u).origin !== origin);
  assert.deepStrictEqual(foreign, [], 'no request to another origin');
  for (const needed of ['/pkg/pcf.js', '/pkg/pcf_bg.wasm', '/examples/index.json']) {
    assert.ok(requests.some((u) => new URL(u).pathname === needed), `page loaded ${needed}`);
  }
  assert.deepStrictEqual(pageErrors, [], 'no uncaught page errors');
  assert.deepStrictEqual(consoleErrors, [], 'no console errors (CSP violations would show here)');
});

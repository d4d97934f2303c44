#!/usr/bin/env node
// Size and speed report of the calculator page's first load (issue 6: goal ≤ 300 KB gzip,
// first result ≤ 300 ms). Serves www/ from its own 127.0.0.1 server with gzip -9 on every
// response (as any static host with compression would), loads the page in Debian's headless
// Chromium with an empty cache RUNS times (default 5), and prints:
//   - each file of the first load with its transferred (gzip) bytes, and the total;
//   - the time from navigation start to the first result on screen (the page's
//     performance mark `pcf-first-result`), median and range over the runs.
// Usage: node scripts/page-size.mjs [RUNS]   (after bash scripts/build-wasm.sh)
import { createServer } from 'node:http';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const WWW = join(ROOT, 'www');
const RUNS = Math.max(1, Number(process.argv[2] ?? 5) || 5);
const GOAL_BYTES = 300 * 1024;
const GOAL_MS = 300;
const MIME = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.json': 'application/json', '.wasm': 'application/wasm', '.csv': 'text/csv; charset=utf-8',
};
if (!existsSync(join(WWW, 'pkg', 'pcf_bg.wasm'))) {
  console.error('www/pkg is missing: run `bash scripts/build-wasm.sh` first');
  process.exit(2);
}

const gz = new Map();
let served = []; // [{url, body}] of the current run, counted by the server itself
const server = createServer((req, res) => {
  let rel = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  if (rel.endsWith('/')) rel += 'index.html';
  const file = normalize(join(WWW, rel));
  if (!file.startsWith(WWW + sep) || !existsSync(file) || !statSync(file).isFile()) { res.writeHead(404).end(); return; }
  if (!gz.has(file)) gz.set(file, gzipSync(readFileSync(file), { level: 9 }));
  res.writeHead(200, {
    'content-type': MIME[extname(file)] ?? 'application/octet-stream',
    'content-encoding': 'gzip',
    'cache-control': 'no-cache',
  });
  served.push({ url: rel, body: gz.get(file).length });
  res.end(gz.get(file));
});
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const base = `http://127.0.0.1:${server.address().port}`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run'],
});

const times = [];
let files = [];
try {
  for (let run = 0; run < RUNS; run++) {
    // A fresh context: empty HTTP cache, no service worker, no local storage.
    const context = await browser.newContext({ serviceWorkers: 'block' });
    const page = await context.newPage();
    served = [];
    await page.goto(`${base}/`);
    await page.waitForFunction(() => performance.getEntriesByName('pcf-first-result').length > 0, null, { timeout: 60_000 });
    const ms = await page.evaluate(() => performance.getEntriesByName('pcf-first-result')[0].startTime);
    await page.waitForSelector('body[data-ready]', { timeout: 60_000 });
    await page.waitForLoadState('networkidle');
    times.push(ms);
    if (run === 0) files = served.slice();
    await context.close();
  }
} finally {
  await browser.close();
  server.close();
}

const total = files.reduce((a, f) => a + f.body, 0);
console.log('first load (gzip -9 bodies as transferred):');
for (const f of files.sort((a, b) => b.body - a.body)) console.log(`  ${String(f.body).padStart(9)}  ${f.url}`);
console.log(`  ${String(total).padStart(9)}  total bytes (${(total / 1024).toFixed(1)} KiB, bodies only) over ${files.length} requests`);
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)];
console.log(`time to first result (navigation start → result on screen), ${RUNS} runs: median ${median.toFixed(0)} ms`
  + ` (min ${times[0].toFixed(0)}, max ${times[times.length - 1].toFixed(0)})`);
console.log(`goal: ≤ ${GOAL_BYTES / 1024} KiB gzip ${total <= GOAL_BYTES ? 'met' : 'NOT met'}; ≤ ${GOAL_MS} ms ${median <= GOAL_MS ? 'met' : 'NOT met'}`);

#!/usr/bin/env node
// The README's screenshots of the calculator page (docs/img/*.png), in English and Chinese:
// the result of the first example, the number entry of the form, the pre-check, and the PACT
// tab. Serves the built page (target/www, after `bash scripts/build-wasm.sh`) on 127.0.0.1 and
// drives Debian's headless Chromium (playwright-core). Chinese needs a CJK font on the machine
// (Debian: `apt-get install fonts-noto-cjk`); without one the script stops rather than writing
// pictures of empty boxes.
// Usage: node scripts/screenshots.mjs [OUT_DIR]   (default docs/img)
import { createServer } from 'node:http';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const WWW = join(ROOT, 'target', 'www');
const OUT = resolve(process.argv[2] ?? join(ROOT, 'docs', 'img'));
if (!existsSync(join(WWW, 'pkg', 'pcf_bg.wasm'))) {
  console.error('target/www is not built: run `bash scripts/build-wasm.sh` first');
  process.exit(2);
}
let cjk = '';
try { cjk = execFileSync('fc-list', [':lang=zh'], { encoding: 'utf8' }); } catch { /* no fontconfig */ }
if (!cjk.trim()) {
  console.error('no CJK font (fc-list :lang=zh is empty): install one, e.g. `apt-get install fonts-noto-cjk`');
  process.exit(2);
}
mkdirSync(OUT, { recursive: true });

const MIME = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.wasm': 'application/wasm', '.csv': 'text/csv' };
const server = createServer((req, res) => {
  let rel = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  if (rel.endsWith('/')) rel += 'index.html';
  const file = normalize(join(WWW, rel));
  if (!file.startsWith(WWW + sep) || !existsSync(file) || !statSync(file).isFile()) { res.writeHead(404).end(); return; }
  res.writeHead(200, { 'content-type': MIME[extname(file)] ?? 'application/octet-stream' });
  res.end(readFileSync(file));
});
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const base = `http://127.0.0.1:${server.address().port}`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const shots = [];
try {
  for (const lang of ['en', 'zh']) {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1, serviceWorkers: 'block' });
    const page = await ctx.newPage();
    await page.goto(`${base}/`);
    await page.waitForFunction(() => document.getElementById('total')?.dataset.value, null, { timeout: 30_000 });
    await page.waitForFunction(() => document.querySelector('#start option[value^="example:"]'), null, { timeout: 30_000 });
    if (lang === 'zh') {
      await page.click('#lang');
      await page.waitForFunction(() => document.documentElement.lang === 'zh-CN', null, { timeout: 10_000 });
    }
    const shot = async (name) => {
      const path = join(OUT, `page-${name}-${lang}.png`);
      await page.waitForTimeout(300);
      await page.screenshot({ path });
      shots.push(path);
    };
    await page.click('#tab-result');
    await shot('result');
    await page.click('#tab-precheck');
    await page.waitForSelector('#verdict', { timeout: 20_000 });
    await shot('precheck');
    // The PACT tab: every field the export needs, said at once beside the meta form.
    await page.click('#tab-pact');
    await page.waitForSelector('#pact-tools:not([hidden])', { timeout: 20_000 });
    await page.locator('#pact-meta').scrollIntoViewIfNeeded();
    await shot('pact');
    // The form, with an amount typed as people type it (grouping; full-width digits).
    await page.click('#tab-form');
    await page.waitForSelector('#form fieldset');
    const amount = page.locator('#form input[data-path="$.activities[0].amount"]');
    await amount.fill(lang === 'zh' ? '２４００' : '2,400');
    await amount.scrollIntoViewIfNeeded();
    await shot('form');
    await ctx.close();
  }
} finally {
  await browser.close();
  server.close();
}
for (const p of shots) console.log(p);

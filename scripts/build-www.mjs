#!/usr/bin/env node
// The served page: target/www/, made from www/ (the sources, plus www/pkg, www/schema and
// www/examples that scripts/build-wasm.sh writes; it runs this script last). Every file keeps
// its name and place, so the module structure, the CSP and the service worker's precache list
// (www/sw.js) stay as they are:
//   - *.js (the page's modules, the workers, wasm-bindgen's pkg/*.js): esbuild --minify, one file
//     at a time (no bundling): whitespace, syntax and local names; exported names, property
//     names and strings are kept, non-ASCII text stays UTF-8. sw.js is a classic script: its
//     top-level names are kept too;
//   - style.css: esbuild's CSS minifier;
//   - index.html: indentation and comments dropped, and the first example's preload named
//     (app.js then fetches it at once, and the examples index after the first result);
//   - the rest (WASM, JSON, CSV) copied as is.
// Why target/www/: a build output beside target/pkg-node (git-ignored with /target), not inside
// the source tree that it is made from (www/dist/ would be served again as www/dist/ by anyone
// serving www/). www/ itself still works unminified (served as is: the examples index is then
// read first), for reading the code in the browser.
// Usage: node scripts/build-www.mjs   (after scripts/build-wasm.sh, which calls it)
// tests/e2e imports `minifyJs` to build a patched www/worker.js the way the page's is built.
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, extname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { transform } from 'esbuild';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const SRC = join(ROOT, 'www');
export const OUT = join(ROOT, 'target', 'www');

/** Classic scripts (not modules): their top-level names may be read by others, keep them. */
const CLASSIC = new Set(['sw.js']);

/** A JS file minified as the page's is (`file`: its path under www/, for esbuild's messages). */
export async function minifyJs(text, file) {
  const esm = !CLASSIC.has(file);
  const r = await transform(text, {
    loader: 'js',
    minify: true,
    // esnext: no syntax is lowered, so the minified code is the same program.
    target: 'esnext',
    ...(esm ? { format: 'esm' } : {}),
    charset: 'utf8', // else every Chinese string would be \u escapes (larger, even gzipped)
    legalComments: 'none',
    sourcefile: file,
  });
  return r.code;
}

async function minifyCss(text, file) {
  const r = await transform(text, { loader: 'css', minify: true, charset: 'utf8', legalComments: 'none', sourcefile: file });
  return r.code;
}

/** index.html without indentation and comments; whitespace between tags stays a newline (the
 * same rendering). The first example is preloaded by name: app.js reads that link. */
function buildHtml(text, firstExample) {
  let html = text.replace(/<!--[\s\S]*?-->\n?/g, '').replace(/^[ \t]+/gm, '').replace(/\n{2,}/g, '\n');
  if (firstExample) {
    const from = '<link rel="preload" href="examples/index.json" as="fetch" type="application/json" crossorigin>';
    if (!html.includes(from)) throw new Error('index.html: the examples index preload is missing');
    html = html.replace(from, `<link rel="preload" href="examples/${encodeURIComponent(firstExample)}" as="fetch" type="application/json" crossorigin data-first-example>`);
  }
  return html;
}

function* files(dir) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) yield* files(p);
    else if (e.isFile()) yield p;
  }
}

/** Builds `out` from `src`; returns [[file, bytes in, bytes out]] of the minified files. */
export async function buildWww(src = SRC, out = OUT) {
  for (const need of ['pkg/pcf.js', 'pkg/pcf_bg.wasm', 'examples/index.json', 'schema/index.json']) {
    if (!existsSync(join(src, need))) throw new Error(`${join(src, need)} is missing: run \`bash scripts/build-wasm.sh\` first`);
  }
  rmSync(out, { recursive: true, force: true });
  const index = JSON.parse(readFileSync(join(src, 'examples', 'index.json'), 'utf8'));
  const sizes = [];
  for (const p of files(src)) {
    const rel = relative(src, p).split('\\').join('/');
    const dest = join(out, rel);
    mkdirSync(dirname(dest), { recursive: true });
    const ext = extname(p);
    if (ext !== '.js' && ext !== '.css' && rel !== 'index.html') {
      cpSync(p, dest);
      continue;
    }
    const text = readFileSync(p, 'utf8');
    const min = ext === '.js' ? await minifyJs(text, rel) : ext === '.css' ? await minifyCss(text, rel) : buildHtml(text, index[0]?.file);
    writeFileSync(dest, min);
    sizes.push([rel, Buffer.byteLength(text), Buffer.byteLength(min)]);
  }
  // The service worker precaches these names: each must be in the output.
  const shell = /const SHELL = \[([^\]]*)\]/.exec(readFileSync(join(src, 'sw.js'), 'utf8'))?.[1];
  if (!shell) throw new Error('www/sw.js: no SHELL list');
  for (const [, name] of shell.matchAll(/'([^']*)'/g)) {
    if (name !== './' && !existsSync(join(out, name))) throw new Error(`www/sw.js precaches ${name}, which the build does not have`);
  }
  return sizes;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const sizes = await buildWww();
  const tot = sizes.reduce((a, [, i, o]) => [a[0] + i, a[1] + o], [0, 0]);
  console.error(`[pcf] ${relative(ROOT, OUT)}/: ${sizes.length} files minified, ${tot[0]} → ${tot[1]} bytes raw; the rest copied`);
}

// What the JS package's tests share (not a test file itself): the repository's root, the
// package pkg/ loaded both ways (ESM import and CommonJS require), and the native CLI they
// compare it with.
import { createRequire } from 'node:module';
import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const PKG = join(ROOT, 'pkg');
if (!existsSync(join(PKG, 'index.cjs'))) {
  throw new Error(`${PKG} is missing: run \`bash scripts/build-wasm.sh\` first`);
}
export const viaImport = await import(join(PKG, 'index.mjs'));
export const viaRequire = createRequire(import.meta.url)(join(PKG, 'index.cjs'));

/** The native CLI: PCF_BIN, else the newest of <target>/{debug,release}/pcf. */
export function findPcf() {
  if (process.env.PCF_BIN) return process.env.PCF_BIN;
  const dirs = [process.env.CARGO_TARGET_DIR, join(ROOT, 'target')].filter(Boolean);
  const found = dirs.flatMap((d) => ['debug', 'release'].map((p) => join(d, p, 'pcf')))
    .filter((p) => existsSync(p)).sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  if (!found.length) throw new Error('no pcf binary: run `cargo build` first (or set PCF_BIN)');
  return found[0];
}

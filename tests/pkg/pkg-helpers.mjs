// What the JS package's tests share (not a test file itself): the repository's root, the
// package pkg/ loaded both ways (ESM import and CommonJS require), and the native CLI they
// compare it with.
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const PKG = join(ROOT, 'pkg');
if (!existsSync(join(PKG, 'index.cjs'))) {
  throw new Error(`${PKG} is missing: run \`bash scripts/build-wasm.sh\` first`);
}
export const viaImport = await import(join(PKG, 'index.mjs'));
export const viaRequire = createRequire(import.meta.url)(join(PKG, 'index.cjs'));

export { findPcf } from '../pcf-bin.mjs';

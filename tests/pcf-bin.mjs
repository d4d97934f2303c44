// The native CLI the Node and browser tests compare with (not a test file itself).
import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The native CLI: PCF_BIN, else the newest of <target>/{debug,release}/pcf. */
export function findPcf() {
  if (process.env.PCF_BIN) return process.env.PCF_BIN;
  const dirs = [process.env.CARGO_TARGET_DIR, join(ROOT, 'target')].filter(Boolean);
  const found = dirs.flatMap((d) => ['debug', 'release'].map((p) => join(d, p, 'pcf')))
    .filter((p) => existsSync(p)).sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  if (!found.length) throw new Error('no pcf binary: run `cargo build` first (or set PCF_BIN)');
  return found[0];
}

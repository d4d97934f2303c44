#!/usr/bin/env bash
# Build the embeddable JS/TS package pkg/ from the FULL wasm module (default features, release
# profile: speed first, as target/pkg-node) and the committed template js/ (issue 7). Called by scripts/build-wasm.sh
# right after the full build, with the module's path; runnable alone:
#   bash scripts/build-pkg.sh [path/to/pcf_wasm.wasm]
# Output (git-ignored):
#   pkg/index.js     ES module for browsers and bundlers (wasm-bindgen --target web, async init)
#   pkg/index.cjs    Node `require` (wasm-bindgen --target nodejs, loaded synchronously)
#   pkg/index.mjs    Node `import`: re-exports index.cjs (one instance for both)
#   pkg/web/, pkg/node/  the bindings; one pcf_bg.wasm (wasm-opt -O1: smaller, as fast) shared by both
#   pkg/index.d.ts, types.d.ts (+ .d.cts copies for CommonJS TypeScript), worker.js, worker-client.js (+ .d.ts), README.md, schema/
# and prints the package-size report (wasm + glue, raw and gzip).
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$PCF_ROOT"

WASM="${1:-${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/release/pcf_wasm.wasm}"
[ -f "$WASM" ] || die "$WASM not found: build it with scripts/build-wasm.sh"
ensure_wasm_bindgen
ensure_node_modules

OUT=pkg
rm -rf "$OUT"
mkdir -p "$OUT/web" "$OUT/node" "$OUT/schema"

log "wasm-bindgen --target web -> $OUT/web, --target nodejs -> $OUT/node (full module)"
wasm-bindgen --target web --out-dir "$OUT/web" --out-name pcf "$WASM"
wasm-bindgen --target nodejs --out-dir "$OUT/node" --out-name pcf "$WASM"
printf '{ "type": "commonjs" }\n' >"$OUT/node/package.json"
rm -f "$OUT"/web/*.d.ts "$OUT"/node/*.d.ts "$OUT"/web/*_bg.wasm.d.ts

# Both targets emit the same module; ship it once (the Node bindings read ../web/pcf_bg.wasm).
if cmp -s "$OUT/web/pcf_bg.wasm" "$OUT/node/pcf_bg.wasm"; then
    rm "$OUT/node/pcf_bg.wasm"
    node -e '
const fs = require("fs"); const f = process.argv[1];
const s = fs.readFileSync(f, "utf8");
const t = s.replace(/\/pcf_bg\.wasm([`"'"'"'])/g, "/../web/pcf_bg.wasm$1");
if (t === s) { console.error("[pcf] error: no pcf_bg.wasm reference in " + f); process.exit(1); }
fs.writeFileSync(f, t);' "$OUT/node/pcf.js"
    SHARED=1
else
    log "the web and nodejs modules differ: shipping both"
    SHARED=0
fi

WASM_OPT="node_modules/.bin/wasm-opt"
if [ "${PCF_NO_WASM_OPT:-}" = "1" ]; then
    log "PCF_NO_WASM_OPT=1: package ships the unoptimised module"
else
    modules=("$OUT/web/pcf_bg.wasm")
    [ "$SHARED" = 1 ] || modules+=("$OUT/node/pcf_bg.wasm")
    for w in "${modules[@]}"; do
        # -O1, not -Oz: the full module is built for speed (release profile, where rustc and
        # LLVM have optimised it already). -O1 shrinks it (5,842,671 → 5,424,230 bytes raw,
        # 1,662,633 gzip) in 32 s; -O3 took 212 s for 0.4 % less gzip and no speed V8 shows
        # (BENCHMARKS.md, "Test-run time"). Bit-identical results are tested (tests/pkg).
        log "wasm-opt -O1 $w"
        "$WASM_OPT" -O1 "$w" -o "$w.opt"
        mv "$w.opt" "$w"
    done
fi

VERSION="$(awk -F'"' '/^version = / {print $2; exit}' Cargo.toml)"
node - "$OUT" "$VERSION" <<'JS'
const fs = require('fs');
const path = require('path');
const [out, version] = process.argv.slice(2);
const js = (f) => fs.readFileSync(path.join('js', f), 'utf8');
// The public names, in the order of the README's API section.
const names = ['init', 'initSync', 'isReady', 'compute', 'computeJson', 'computeUnsealed', 'computeTotals', 'Calculator', 'batch', 'precheck', 'verify',
  'factors', 'listFactors', 'searchFactors', 'parameters', 'loadFactorTables', 'clearFactorTables',
  'loadedFactorTables', 'getSchema', 'templates', 'labels', 'network', 'networkJson', 'versions', 'pactExport',
  'pactExportReport', 'pactExportJson', 'pactMetaNeeds', 'pactCheck', 'pactImport', 'pactImportInto', 'pactImportStages', 'uncertainty', 'uncertaintyJson', 'report', 'reportKinds', 'reportFormats', 'verifyDocument', 'supports', 'PcfError', 'ERROR_CODES', 'ENGINE_ERROR_CODES',
  'PACKAGE_ERROR_CODES'];
const core = js('core.js');
for (const n of names) {
  if (!new RegExp(`(function|class|const) ${n}\\b`).test(core + js('prelude-browser.js'))) {
    throw new Error(`export ${n} is not defined in js/`);
  }
}
const ver = `const PACKAGE_VERSION = ${JSON.stringify(version)};\n`;
fs.writeFileSync(path.join(out, 'index.js'),
  `${js('prelude-browser.js')}\n${ver}\n${core}\nexport {\n  ${names.join(',\n  ')},\n};\n`);
fs.writeFileSync(path.join(out, 'index.cjs'),
  `${js('prelude-node.cjs')}\n${ver}\n${core}\nmodule.exports = {\n  ${names.join(',\n  ')},\n};\n`);
fs.writeFileSync(path.join(out, 'index.mjs'),
  `// pcf package, Node \`import\` entry: the CommonJS module, so import and require share one\n` +
  `// engine instance and one PcfError class. Built by scripts/build-pkg.sh.\n` +
  `import { createRequire } from 'node:module';\n\nconst pcf = createRequire(import.meta.url)('./index.cjs');\n\n` +
  names.map((n) => `export const ${n} = pcf.${n};`).join('\n') + '\n');
const pkg = JSON.parse(js('package.json'));
pkg.version = version;
fs.writeFileSync(path.join(out, 'package.json'), JSON.stringify(pkg, null, 2) + '\n');
for (const f of ['README.md', 'index.d.ts', 'types.d.ts', 'worker.js', 'worker-client.js', 'worker-client.d.ts']) {
  fs.copyFileSync(path.join('js', f), path.join(out, f));
}
// Declarations for CommonJS TypeScript consumers (`require`, moduleResolution node16/nodenext):
// the same text as .d.cts files, since .d.ts files are ES modules in a "type": "module" package.
fs.writeFileSync(path.join(out, 'index.d.cts'), js('index.d.ts').replaceAll("'./types.js'", "'./types.cjs'"));
fs.copyFileSync(path.join('js', 'types.d.ts'), path.join(out, 'types.d.cts'));
for (const f of fs.readdirSync('schema')) fs.copyFileSync(path.join('schema', f), path.join(out, 'schema', f));
JS

# The package-size report: what a browser and a Node process load.
gz() { gzip -9 -c "$@" | wc -c; }
raw() { cat "$@" | wc -c; }
report() {
    local label="$1"; shift
    printf '  %-44s %9s bytes raw %9s bytes gzip\n' "$label" "$(raw "$@")" "$(gz "$@")"
}
log "package size ($OUT/, version $VERSION)"
{
    report "wasm (web/pcf_bg.wasm, shared)" "$OUT/web/pcf_bg.wasm"
    report "glue, browser (web/pcf.js + index.js)" "$OUT/web/pcf.js" "$OUT/index.js"
    report "glue, Node (node/pcf.js + index.cjs/.mjs)" "$OUT/node/pcf.js" "$OUT/index.cjs" "$OUT/index.mjs"
    report "worker (worker.js + worker-client.js)" "$OUT/worker.js" "$OUT/worker-client.js"
    report "browser total (wasm + glue)" "$OUT/web/pcf_bg.wasm" "$OUT/web/pcf.js" "$OUT/index.js"
    report "types (index.d.ts + types.d.ts)" "$OUT/index.d.ts" "$OUT/types.d.ts"
} >&2

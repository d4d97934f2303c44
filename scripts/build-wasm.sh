#!/usr/bin/env bash
# Build the WebAssembly library and its JS bindings:
#   www/pkg/pcf.js + pcf_bg.wasm        (--target web, the static page's core module; wasm-opt -Os)
#   www/pkg/pcf_extras.js + pcf_extras_bg.wasm (the page's extras module, loaded on first use)
#   www/schema/*.schema.json             (the input schemas, read by the page's form)
#   target/pkg-node/pcf.js + pcf_bg.wasm (--target nodejs, CommonJS, used by tests/node and tests/e2e)
#   pkg/                                 the embeddable JS/TS package (scripts/build-pkg.sh, full module)
#   www/examples/*.json + index.json     (copied from examples/)
#   target/www/                          the served page: www/ with its JS, CSS and HTML minified
#                                        (scripts/build-www.mjs; what serve.sh, tests/e2e and
#                                        page-size.mjs use)
# Installs what is missing first: the wasm32 target, wasm-bindgen-cli at the version in
# Cargo.lock, and the npm devDependencies (binaryen 132 for wasm-opt, esbuild for the page).
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$PCF_ROOT"

ensure_wasm_target
ensure_wasm_bindgen
ensure_node_modules

# Two builds:
# - full (release profile, opt-level 3, default features incl. the sparse LU `direct-solver`):
#   the Node package target/pkg-node, what portals and certifiers embed — speed first;
# - lean (Cargo profile `wasm`: opt-level "z", no `direct-solver`): the page's two modules in
#   www/pkg (below) — size first (about 150 KB gzip smaller, about 2x slower on a 1,000-line product: BENCHMARKS.md);
#   a loop without a convergence proof there is an `unsolvable_network` error, never a
#   different number.
log "cargo build --release -p pcf-wasm --target wasm32-unknown-unknown (full)"
cargo build --release -p pcf-wasm --target wasm32-unknown-unknown
TARGET_DIR="${CARGO_TARGET_DIR:-target}"
FULL="$TARGET_DIR/wasm32-unknown-unknown/release/pcf_wasm.wasm"
[ -f "$FULL" ] || die "$FULL was not produced"
log "wasm-bindgen --target nodejs -> target/pkg-node"
rm -rf target/pkg-node
wasm-bindgen --target nodejs --out-dir target/pkg-node --out-name pcf "$FULL"
printf '{ "type": "commonjs" }\n' >target/pkg-node/package.json
# The embeddable package (pkg/) from the same full module, before the lean build replaces it.
bash scripts/build-pkg.sh "$FULL"

# The page loads two modules (Cargo profile `wasm`, no `direct-solver`): the core
# (crate pcf-wasm-page → www/pkg/pcf.js + pcf_bg.wasm: computeJson for pcf/1 documents with
# the built-in tables, version), all that the first result needs, and the extras (crate
# pcf-wasm, the full module → www/pkg/pcf_extras.js + pcf_extras_bg.wasm: everything), loaded
# by www/worker.js on the first call the core cannot answer (a sector template document, user
# factor tables, verify, pre-check, PACT, uncertainty) and precached by www/sw.js after load.
WASM_DIR="$TARGET_DIR/wasm32-unknown-unknown/wasm"
WASM_OPT="node_modules/.bin/wasm-opt"
rm -rf www/pkg
page_module() { # page_module OUT_NAME CRATE CONVERGE(1|0)
    local out="$1" crate="$2" converge="$3"
    log "cargo build --profile wasm -p $crate --target wasm32-unknown-unknown --no-default-features (page: $out)"
    cargo build --profile wasm -p "$crate" --target wasm32-unknown-unknown --no-default-features
    log "wasm-bindgen --target web -> www/pkg/$out.js"
    wasm-bindgen --target web --out-dir www/pkg --out-name "$out" "$WASM_DIR/${crate//-/_}.wasm"
    if [ "${PCF_NO_WASM_OPT:-}" = "1" ]; then
        log "PCF_NO_WASM_OPT=1: skipping wasm-opt"
    elif [ -x "$WASM_OPT" ]; then
        # The producers and target-features sections are metadata no browser reads. -Os
        # --converge rather than -Oz: a larger raw file (+0.5 %) that gzip makes smaller
        # (core module 270,067 → 269,067 bytes gzip -9, issue 17's last commit), and what the
        # page transfers is the gzip. --low-memory-unused lets wasm-opt fold an added constant
        # below 1,024 into a load's or store's offset (core module −844 bytes gzip): the two
        # differ only when the add wraps past 2^32 to an address below 1,024, where the folded
        # access traps (out of bounds) instead; nothing lives there: rustc's wasm32 linker puts
        # the 1 MiB stack first (data from 0x100000, the stack growing down towards 0), so the
        # low 1 KiB is the stack's last KiB, reached only a KiB short of a stack overflow,
        # which traps anyway. The failure mode is a trap, never a different number.
        # --converge only for the first-load core module: on the extras module (loaded on first
        # use, precached after load) it took 207 s instead of 41 s for 994 bytes gzip of
        # 1,016,313 (BENCHMARKS.md, "Test-run time").
        local opts=(-Os)
        [ "$converge" = 1 ] && opts+=(--converge)
        opts+=(--low-memory-unused --strip-producers --strip-target-features)
        log "wasm-opt ${opts[*]} (binaryen $("$WASM_OPT" --version | awk '{print $3}'))"
        size_report "www/pkg/${out}_bg.wasm" >&2
        "$WASM_OPT" "${opts[@]}" "www/pkg/${out}_bg.wasm" -o "www/pkg/${out}_bg.opt.wasm"
        mv "www/pkg/${out}_bg.opt.wasm" "www/pkg/${out}_bg.wasm"
    else
        log "node_modules/.bin/wasm-opt not found: page ships the unoptimised module"
    fi
}
page_module pcf_extras pcf-wasm 0
page_module pcf pcf-wasm-page 1
printf '{ "type": "module" }\n' >www/pkg/package.json

# What the page's form needs besides the core module, as static files made from the full
# module (so the core module need not carry them): www/schema/
#   <tag with / as ->.schema.json  the input schemas (pcf/1 and each template's): the committed
#                                  files the engine embeds and `schema()`/`templates(name)` return;
#   templates.json                 `templates()`: [{name, tag}];
#   factors.json                   `factors()`: the built-in factor list;
#   labels-<name>.json             `labels(name)`: the template's bilingual field labels;
#   pcf-report-meta-1.schema.json  the report meta's schema (the Documents tab's form), committed;
#   pcf-pact-meta-1.schema.json    the PACT export meta's schema (the PACT tab's form), committed;
#   index.json                     the list of these files (precached by www/sw.js).
# tests/e2e checks them against `pcf schema` and `pcf labels`.
rm -rf www/schema
mkdir -p www/schema
node - <<'JS'
const { copyFileSync, writeFileSync } = require('node:fs');
const pcf = require('./target/pkg-node/pcf.js');
const templates = pcf.templates();
const files = ['pcf/1', ...templates.map((t) => t.tag)].map((tag) => `${tag.replace('/', '-')}.schema.json`);
for (const f of files) copyFileSync(`schema/${f}`, `www/schema/${f}`);
const json = (v) => `${JSON.stringify(v, null, 2)}\n`;
// The report meta's schema (what `pcf report --meta` reads), for the Documents tab's form.
copyFileSync('schema/pcf-report-meta-1.schema.json', 'www/schema/pcf-report-meta-1.schema.json');
files.push('pcf-report-meta-1.schema.json');
// The PACT export meta's schema (what `pcf pact export --meta` reads), for the PACT tab's form.
copyFileSync('schema/pcf-pact-meta-1.schema.json', 'www/schema/pcf-pact-meta-1.schema.json');
files.push('pcf-pact-meta-1.schema.json');
writeFileSync('www/schema/templates.json', json(templates));
files.push('templates.json');
// `factors()`: the built-in factor list (each row with its source and data-type default
// uncertainty), read by the form once the page is ready (the core module has no listing).
writeFileSync('www/schema/factors.json', json(pcf.factors()));
files.push('factors.json');
for (const t of templates) {
  writeFileSync(`www/schema/labels-${t.name}.json`, json(pcf.labels(t.name)));
  files.push(`labels-${t.name}.json`);
}
writeFileSync('www/schema/index.json', json(files));
console.error(`[pcf] www/schema: ${files.join(', ')}`);
JS

rm -rf www/examples
mkdir -p www/examples
shopt -s nullglob
examples=(examples/*.json)
if [ "${#examples[@]}" -gt 0 ]; then
    cp "${examples[@]}" www/examples/
else
    log "no examples/*.json yet: using tests/golden/*/input.json for the page"
    for f in tests/golden/*/input.json; do
        case_dir="$(basename "$(dirname "$f")")"
        [ "$case_dir" = "errors" ] && continue
        cp "$f" "www/examples/$case_dir.json"
    done
fi
shopt -u nullglob
python3 - <<'PY'
import json, pathlib
d = pathlib.Path("www/examples")
index = []
for p in sorted(d.glob("*.json")):
    if p.name == "index.json":
        continue
    entry = {"name": p.stem, "file": p.name}
    try:
        name = json.loads(p.read_text(encoding="utf-8")).get("product", {}).get("name")
        if isinstance(name, str) and name:
            entry["title"] = f"{p.stem}: {name}"
    except (ValueError, AttributeError):
        pass  # the page shows the engine's error for it
    index.append(entry)
(d / "index.json").write_text(json.dumps(index, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
print(f"[pcf] www/examples/index.json: {len(index)} example(s): {', '.join(e['file'] for e in index) or 'none'}")
PY

log "node scripts/build-www.mjs -> target/www (the served page)"
node scripts/build-www.mjs

log "sizes"
size_report www/pkg/pcf_bg.wasm
size_report www/pkg/pcf_extras_bg.wasm
size_report target/pkg-node/pcf_bg.wasm

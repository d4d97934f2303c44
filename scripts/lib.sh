# shellcheck shell=bash
# Shared helpers for scripts/*.sh: repo root, logging, and install-if-missing steps for every
# tool the build and the tests need. Sourced, never run. Each ensure_* is idempotent and cheap
# when the tool is already there, so CI on a fresh machine and a developer's warm machine run
# the same scripts.

set -euo pipefail

PCF_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PCF_ROOT
# cargo-installed tools (wasm-bindgen, wasm-bindgen-test-runner) live here.
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

log() { printf '[pcf] %s\n' "$*" >&2; }
die() { printf '[pcf] error: %s\n' "$*" >&2; exit 1; }

# Run as root directly, otherwise through sudo when there is one (apt-get only).
as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"
    elif command -v sudo >/dev/null 2>&1; then sudo "$@"
    else die "need root for: $*"; fi
}

ensure_rust_components() {
    command -v cargo >/dev/null 2>&1 || die "cargo not found: install Rust with rustup first"
    if ! cargo fmt --version >/dev/null 2>&1; then
        log "installing rustfmt"; rustup component add rustfmt
    fi
    if ! cargo clippy --version >/dev/null 2>&1; then
        log "installing clippy"; rustup component add clippy
    fi
}

ensure_wasm_target() {
    if ! rustup target list --installed | grep -qx 'wasm32-unknown-unknown'; then
        log "adding Rust target wasm32-unknown-unknown"
        rustup target add wasm32-unknown-unknown
    fi
}

# The wasm-bindgen version the crate is locked to (the CLI must be exactly this version).
wasm_bindgen_lock_version() {
    awk '$0 == "name = \"wasm-bindgen\"" { getline; gsub(/version = |"/, ""); print; exit }' \
        "$PCF_ROOT/Cargo.lock"
}

ensure_wasm_bindgen() {
    local want have_cli have_runner
    [ -f "$PCF_ROOT/Cargo.lock" ] || die "Cargo.lock missing: it is committed and pins wasm-bindgen"
    want="$(wasm_bindgen_lock_version)"
    [ -n "$want" ] || die "no wasm-bindgen entry in Cargo.lock"
    have_cli="$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)"
    have_runner="$(wasm-bindgen-test-runner --version 2>/dev/null | awk '{print $2}' || true)"
    if [ "$have_cli" != "$want" ] || [ "$have_runner" != "$want" ]; then
        log "installing wasm-bindgen-cli $want (found '${have_cli:-none}'; about 2 minutes)"
        # Not --locked: the CLI's own lockfile pins a webpki-roots release the registry here lacks.
        cargo install wasm-bindgen-cli --version "$want" --force
    fi
}

ensure_chromium() {
    ensure_debian_packages chromium
    export CHROMEDRIVER=/usr/bin/chromedriver
}

# Debian postgresql for the PACT host's PostgreSQL runs (scripts/test-postgres.sh).
have_postgresql() { ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; }

# ensure_debian_packages [chromium] [postgresql]: what is missing of those, in one apt-get
# (apt's lock allows one at a time): chromium and chromium-driver for the browser tests,
# postgresql for scripts/test-postgres.sh.
ensure_debian_packages() {
    local want=() p
    for p in "$@"; do
        case "$p" in
            chromium) [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ] || want+=(chromium chromium-driver) ;;
            postgresql) have_postgresql || want+=(postgresql) ;;
            *) die "ensure_debian_packages: unknown $p" ;;
        esac
    done
    if [ "${#want[@]}" -gt 0 ]; then
        log "installing Debian ${want[*]} (about a minute)"
        as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${want[@]}" >/dev/null
    fi
}

# The venv with Ray for scripts/scale-out.sh (PCF_SCALE_OUT_VENV to put it elsewhere).
scale_out_venv() { printf '%s' "${PCF_SCALE_OUT_VENV:-${CARGO_TARGET_DIR:-$PCF_ROOT/target}/scale-out-venv}"; }
# Made from PyPI (scripts/scale-out-requirements.txt) the first time, and again when the
# requirements change (their digest is kept inside it). Exit 3 when it cannot be made.
ensure_scale_out_venv() {
    local venv req want t0
    venv="$(scale_out_venv)"
    req="$PCF_ROOT/scripts/scale-out-requirements.txt"
    want="$(sha256sum "$req" | cut -c1-64)"
    if [ "$(cat "$venv/.requirements-sha256" 2>/dev/null || true)" != "$want" ]; then
        command -v python3 >/dev/null 2>&1 || { echo "[pcf] error: python3 not found (3.9 or later is needed)" >&2; exit 3; }
        log "installing Ray into $venv (from PyPI, about 300 MB, under a minute)"
        t0=$SECONDS
        rm -rf "$venv"
        python3 -m venv "$venv" || { echo "[pcf] error: cannot make a venv at $venv" >&2; exit 3; }
        "$venv/bin/python" -m pip install -q --disable-pip-version-check -r "$req" \
            || { echo "[pcf] error: pip could not install $req" >&2; exit 3; }
        echo "$want" >"$venv/.requirements-sha256"
        log "Ray installed in $((SECONDS - t0)) s"
    fi
}

# devDependencies from package-lock.json (playwright-core, binaryen's wasm-opt, esbuild for the
# served page (scripts/build-www.mjs), typescript and json-schema-to-typescript for the
# package's declarations). `npm ci` when node_modules is missing or older than the lockfile.
node_modules_complete() {
    local nm="$PCF_ROOT/node_modules"
    [ -d "$nm/playwright-core" ] && [ -x "$nm/.bin/wasm-opt" ] && [ -x "$nm/.bin/esbuild" ] \
        && [ -x "$nm/.bin/tsc" ] && [ -d "$nm/json-schema-to-typescript" ] && [ -d "$nm/jsqr" ] && [ -d "$nm/pngjs" ]
}
ensure_node_modules() {
    command -v node >/dev/null 2>&1 || die "node not found (Node 20 or later is needed)"
    command -v npm >/dev/null 2>&1 || die "npm not found"
    local stamp="$PCF_ROOT/node_modules/.package-lock.json"
    # A node_modules that is a symlink (shared with another checkout, e.g. a git worktree): npm ci
    # here would empty the directory it points to under the other checkout. Never run it then.
    if [ -L "$PCF_ROOT/node_modules" ]; then
        node_modules_complete \
            || die "node_modules (a symlink to $(readlink "$PCF_ROOT/node_modules")) lacks a devDependency: run npm ci there"
        return 0
    fi
    if [ ! -f "$stamp" ] || [ "$PCF_ROOT/package-lock.json" -nt "$stamp" ] || ! node_modules_complete; then
        log "npm ci (playwright-core, binaryen, esbuild, typescript, json-schema-to-typescript, jsqr, pngjs)"
        (cd "$PCF_ROOT" && npm ci --no-audit --no-fund)
    fi
}

# Bytes of a file, raw and gzip -9.
size_report() {
    local f="$1" raw gz
    raw="$(wc -c <"$f")"
    gz="$(gzip -9 -c "$f" | wc -c)"
    printf '%s: %s bytes raw (%s KiB), %s bytes gzip (%s KiB)\n' "${f#"$PCF_ROOT"/}" \
        "$raw" "$(( (raw + 1023) / 1024 ))" "$gz" "$(( (gz + 1023) / 1024 ))"
}

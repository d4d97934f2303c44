#!/usr/bin/env bash
# README command 2 and what .ci/run calls: every check, in order, failing fast.
#   fmt, clippy (native all targets, wasm32 lib; the whole workspace, and the page's module alone), native
#   tests (unit, integration, CLI, doctests; with cargo-nextest when there is one), the PACT host on PostgreSQL, the scale-out test on Ray, wasm-bindgen tests (Node and headless Chromium), release wasm build (and the JS
#   package pkg/), Node tests of the wasm package and of pkg/, browser end-to-end tests of the
#   page and of the portal example, the page's size report.
# Installs what is missing first (see scripts/lib.sh): rustfmt/clippy, the wasm32 target,
# wasm-bindgen-cli at the Cargo.lock version, Debian chromium + chromium-driver, npm ci (and,
# in their own steps, Debian postgresql and a venv with Ray).
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$PCF_ROOT"

T_START=$SECONDS
SUMMARY=()

# step NAME CMD...: header, run, elapsed seconds; stop the whole run on the first failure.
step() {
    local name="$1" t0=$SECONDS rc=0
    shift
    printf '\n==== %s ====\n' "$name"
    printf '$ %s\n' "$*"
    "$@" || rc=$?
    local dt=$((SECONDS - t0))
    # Disk after each step: CI machines can have little, and a full disk fails a link step.
    local disk
    disk="$(printf 'target %s, free %s' "$(du -sh "${CARGO_TARGET_DIR:-target}" 2>/dev/null | cut -f1)" \
        "$(df -h . | awk 'NR==2 {print $4}')")"
    if [ "$rc" -ne 0 ]; then
        printf '==== FAILED: %s (exit %d, %ds) ====\n' "$name" "$rc" "$dt"
        SUMMARY+=("$(printf '%5ds  FAILED  %s  [%s]' "$dt" "$name" "$disk")")
        print_summary
        exit "$rc"
    fi
    printf '==== ok: %s (%ds) ====\n' "$name" "$dt"
    SUMMARY+=("$(printf '%5ds  ok      %s  [%s]' "$dt" "$name" "$disk")")
}

print_summary() {
    printf '\n==== step times ====\n'
    printf '%s\n' "${SUMMARY[@]}"
    printf '%5ds  total\n' "$((SECONDS - T_START))"
}

# On a fresh machine the downloads (Debian chromium and postgresql, npm ci, the Ray venv, about
# 2 minutes together) run in the background while cargo compiles wasm-bindgen-cli (about 3).
install_tools() {
    ensure_rust_components
    ensure_wasm_target
    local bg_log rc=0 pid
    bg_log="$(mktemp /tmp/pcf-install.XXXXXX)"
    (
        set -e
        ensure_debian_packages chromium postgresql
        ensure_node_modules
        ensure_scale_out_venv
    ) >"$bg_log" 2>&1 &
    pid=$!
    ensure_wasm_bindgen || rc=$?
    wait "$pid" || rc=$?
    cat "$bg_log" >&2
    rm -f "$bg_log"
    return "$rc"
}

step "install missing tools" install_tools
export CHROMEDRIVER=/usr/bin/chromedriver

step "cargo fmt --check" cargo fmt --all -- --check
step "Markdown links (files and anchors)" python3 scripts/check-links.py
# --workspace: every crate (pcf-core, pcf, pcf-cli, pcf-pact-host, pcf-wasm, pcf-wasm-page,
# pcf-wasm-common; the WebAssembly crates are empty natively, pcf-pact-host is empty in wasm32,
# so the wasm32 steps build none of its server dependencies). `cargo test --workspace` runs
# the PACT host's conformance tests (crates/pcf-pact-host/tests/host.rs). The page's first-load crate is linted alone too:
# cargo unifies features across a workspace build, and alone it builds pcf-core without
# `wasm-extras` (the values-only tables), as scripts/build-wasm.sh does.
step "clippy (native, all targets)" cargo clippy --workspace --all-targets -- -D warnings
step "clippy (wasm32, every crate)" cargo clippy --workspace --lib --target wasm32-unknown-unknown -- -D warnings
step "clippy (wasm32, the page's first-load module alone)" \
    cargo clippy -p pcf-wasm-page --target wasm32-unknown-unknown -- -D warnings
# cargo-nextest when the machine has it (this machine kind does): every test its own process,
# two at a time across all test binaries, where `cargo test` runs the binaries one after the
# other (the tests took 217 s that way). The PACT host's own runner
# (crates/pcf-pact-host/tests/harness) speaks nextest's part of libtest's command line. nextest
# runs no doctests: `cargo test --doc` does. Without nextest, `cargo test` runs them all.
native_tests() {
    if cargo nextest --version >/dev/null 2>&1; then
        # `|| return`: step() runs this in an `||` list, where set -e does not stop a function.
        cargo nextest run --workspace --status-level fail --final-status-level slow || return
        cargo test --workspace --doc || return
    else
        log "cargo-nextest not found: cargo test runs the test binaries one at a time"
        cargo test --workspace
    fi
}
step "cargo test (native)" native_tests
step "cargo test (lean build: no direct solver, as the page's WASM)" \
    cargo test -p pcf-core --no-default-features --lib network::
# No -q here: cargo forwards it to the runner, which rejects it.
# The PACT host's conformance tests again, on PostgreSQL: a throwaway server from the Debian
# packages (installed on the first run, ~30 s), the store's feature `postgres`.
step "PACT host on PostgreSQL (scripts/test-postgres.sh)" bash scripts/test-postgres.sh
# Ray from PyPI into target/scale-out-venv on the first run (~30 s), then ~1 minute.
step "scale-out: pcf batch on a Ray cluster equals one process (scripts/test-scale-out.sh)" \
    bash scripts/test-scale-out.sh
step "wasm-bindgen tests (Node + headless Chromium)" \
    env CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
    cargo test -p pcf --target wasm32-unknown-unknown --lib --tests
step "build wasm package" bash scripts/build-wasm.sh
step "node tests of the wasm package" node --test tests/node/
step "JS package (pkg/): goldens via import and require, errors, types drift, tsc --strict" \
    node --test tests/pkg/
step "browser end-to-end tests (page, portal example)" node --test tests/e2e/
step "page size report" node scripts/page-size.mjs 3

print_summary

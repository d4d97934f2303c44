#!/usr/bin/env bash
# Fuzzing (issue 9; SECURITY.md "Fuzzing"). Not part of CI: it needs the nightly toolchain and
# time. Runs each cargo-fuzz target (fuzz/fuzz_targets/) for a bounded time, one at a time on one
# core (nice), then minimises its corpus (cargo fuzz cmin) and prints executions, new corpus
# entries and crashes per target. Also runs the page's bill-of-materials CSV importer
# (www/csv.js, JavaScript only) through its Node mutation fuzzer (fuzz/js/bom.mjs).
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]     default 60 s each, every target
#
# Corpora: fuzz/corpus/<target>/ (committed, minimised, fuzzer-generated entries only); seeds
# are rebuilt in fuzz/seeds/ (git-ignored) from examples/, tests/golden/, factors/ and the PACT
# examples in ../shared/standards/pact. Crashes land in fuzz/artifacts/<target>/ (git-ignored);
# a fixed one is copied, minimised, to fuzz/regressions/<target>/, which tests/fuzz_corpus.rs
# (stable, part of `cargo test`) replays with the corpora.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$PCF_ROOT"

SECS="${1:-60}"
[ $# -gt 0 ] && shift
ALL=(document factor_table_csv factor_table_json pact_import verify engine bom_csv)
if [ $# -gt 0 ]; then TARGETS=("$@"); else TARGETS=("${ALL[@]}"); fi
TARGET_DIR="${CARGO_TARGET_DIR:-$PCF_ROOT/target}/fuzz"
# No sanitizer: pcf has no `unsafe`; what the fuzzer looks for is panics, wrong properties and
# slowness, and without ASan it runs several times as many inputs per second.
FUZZ=(cargo +nightly fuzz)
FLAGS=(-O -s none --target-dir "$TARGET_DIR")

rustup toolchain list | grep -q '^nightly' || { log "installing the nightly toolchain"; rustup toolchain install nightly --profile minimal; }
command -v cargo-fuzz >/dev/null 2>&1 || { log "installing cargo-fuzz"; cargo install cargo-fuzz; }

node fuzz/seeds.mjs
"${FUZZ[@]}" build "${FLAGS[@]}"

# The committed corpus stays small: after cmin, the smallest entries are kept up to
# FUZZ_CORPUS_BUDGET bytes per target (default 256 KiB; the full minimised corpus of a 10-minute
# run is several MB). Small inputs reach most of the same code and replay fast in cargo test.
BUDGET="${FUZZ_CORPUS_BUDGET:-262144}"
prune() {
    local total=0 size f
    while read -r size f; do
        total=$((total + size))
        [ "$total" -gt "$BUDGET" ] && rm -f "$f"
    done < <(find "$1" -type f -printf '%s %p\n' | sort -n -k1,1 -k2,2)
    return 0
}

REPORT=()
for t in "${TARGETS[@]}"; do
    mkdir -p "fuzz/corpus/$t" "fuzz/artifacts/$t" "fuzz/seeds/$t"
    log "fuzzing $t for ${SECS}s"
    logf="fuzz/artifacts/$t.log"
    before=$(find "fuzz/artifacts/$t" -type f | wc -l)
    t0=$SECONDS
    if [ "$t" = bom_csv ]; then
        nice -n 10 node fuzz/js/bom.mjs --seconds "$SECS" >"$logf" 2>&1 || true
        execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$logf" | tail -1)
    else
        # One core: -fork=1 runs one child at a time and goes on after a crash, a timeout or
        # an out-of-memory (each saved in fuzz/artifacts/<target>/), so a bounded run always
        # lasts its time and reports every distinct crash it met.
        nice -n 10 "${FUZZ[@]}" run "${FLAGS[@]}" "$t" "fuzz/corpus/$t" "fuzz/seeds/$t" -- \
            -max_total_time="$SECS" -fork=1 -ignore_crashes=1 -ignore_timeouts=1 \
            -ignore_ooms=1 -timeout=10 -rss_limit_mb=4096 \
            >"$logf" 2>&1 || true
        # Executions: the last status line of libFuzzer ("#N: cov: … time: …").
        execs=$(grep -o '^#[0-9]*' "$logf" | tail -1 | tr -d '#')
        # Minimise the committed corpus (the seeds stay outside it).
        "${FUZZ[@]}" cmin "${FLAGS[@]}" "$t" "fuzz/corpus/$t" >"fuzz/artifacts/$t.cmin.log" 2>&1 || true
    fi
    # Keep no copy of a seed (the PACT examples must not be committed) and no huge entry.
    if [ -d "fuzz/seeds/$t" ]; then
        for s in "fuzz/seeds/$t"/*; do
            [ -f "$s" ] || continue
            h=$(sha1sum "$s" | cut -d' ' -f1)
            [ -f "fuzz/corpus/$t/$h" ] && rm -f "fuzz/corpus/$t/$h"
        done
    fi
    [ "$t" = pact_import ] && node fuzz/seeds.mjs --drop-pact-derived "fuzz/corpus/$t"
    find "fuzz/corpus/$t" -type f -size +64k -delete
    prune "fuzz/corpus/$t"
    after=$(find "fuzz/artifacts/$t" -type f | wc -l)
    REPORT+=("$(printf '%-18s %6ss %12s execs %5s corpus files %3s new crashes' "$t" "$((SECONDS - t0))" "${execs:-?}" "$(find "fuzz/corpus/$t" -type f | wc -l)" "$((after - before))")")
done

printf '\n==== fuzz summary (%ss per target) ====\n' "$SECS"
printf '%s\n' "${REPORT[@]}"
printf 'corpus total: %s\n' "$(du -sh fuzz/corpus | cut -f1)"
if find fuzz/artifacts -mindepth 2 -type f | grep -q .; then
    printf 'artifacts (crashes, timeouts, OOMs) in fuzz/artifacts/:\n'
    find fuzz/artifacts -mindepth 2 -type f | sort
fi

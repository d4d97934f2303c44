#!/usr/bin/env bash
# Products per second for `pcf batch` in one process and on 1, 2 … all local Ray workers
# (scripts/scale-out.sh), for summaries and for Monte Carlo per record; BENCHMARKS.md has the
# figures. Not part of scripts/test.sh.
#   bash scripts/bench-scale-out.sh [PRODUCTS] [MC_RECORDS] [MC_RUNS]
# Defaults: 20,000 products of 20 lines (summaries), 400 records × 10,000 runs (Monte Carlo).
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$PCF_ROOT"

PRODUCTS="${1:-20000}"
MC_RECORDS="${2:-400}"
MC_RUNS="${3:-10000}"
T="${CARGO_TARGET_DIR:-$PCF_ROOT/target}"
cargo build --release -q -p pcf-cli
export PCF_BIN="$T/release/pcf"
W="$(mktemp -d /tmp/pcf-bench-scale-out.XXXXXX)"
trap 'rm -rf "$W"' EXIT
export RAY_USAGE_STATS_ENABLED=0 RAY_AUTH_MODE=token RAY_AUTH_TOKEN_PATH="$W/ray-token"
python3 -c 'import secrets, sys; open(sys.argv[1], "w").write(secrets.token_hex(32))' "$RAY_AUTH_TOKEN_PATH"
bash scripts/scale-out.sh --help >/dev/null   # the venv

python3 scripts/gen-batch.py --products "$PRODUCTS" --lines 20 --seed 1 -o "$W/catalogue.jsonl"
head -n "$MC_RECORDS" "$W/catalogue.jsonl" >"$W/mc.jsonl"
CORES="$(nproc)"
echo "machine: $CORES cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%FT%TZ)"
echo "pcf: $("$PCF_BIN" --version 2>/dev/null || echo "$PCF_BIN")"

# one_process NAME RECORDS ARGS…: wall time of one pcf batch process.
one_process() {
    local name="$1" n="$2"; shift 2
    local t0 t1
    t0=$(date +%s.%N)
    "$PCF_BIN" batch "$@" -q -o "$W/one.jsonl"
    t1=$(date +%s.%N)
    python3 -c "import sys; n,a,b=int(sys.argv[1]),float(sys.argv[2]),float(sys.argv[3]); print(f'| {sys.argv[4]} | {n} | {b-a:.2f} s | – | {n/(b-a):,.1f} |')" "$n" "$t0" "$t1" "$name"
}

# ray_run NAME RECORDS WORKERS ARGS…: the scale-out script's own figures (in all, and once the
# cluster was up) and a check that the output is the one process's.
ray_run() {
    local name="$1" n="$2" workers="$3"; shift 3
    local log="$W/ray.log"
    bash scripts/scale-out.sh --workers "$workers" "$@" "$W/ray.jsonl" 2>"$log" \
        || { cat "$log" >&2; exit 3; }
    cmp -s "$W/ray.jsonl" "$W/one.jsonl" || { echo "output differs from one process" >&2; exit 1; }
    python3 - "$log" "$name" "$n" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
m = re.search(r"([\d.]+) s in all, ([\d.]+) s once the cluster was up \(([\d.]+) records/s\)", text)
print(f"| {sys.argv[2]} | {sys.argv[3]} | {m.group(1)} s | {m.group(2)} s | {float(m.group(3)):,.1f} |")
PY
}

echo
echo "| run | records | wall | after cluster start | records/s (after start) |"
echo "|---|---|---|---|---|"
one_process "summaries: one pcf batch process, -j 1" "$PRODUCTS" "$W/catalogue.jsonl" --output summary -j 1
one_process "summaries: one pcf batch process, -j $CORES" "$PRODUCTS" "$W/catalogue.jsonl" --output summary -j "$CORES"
for w in $(seq 1 "$CORES"); do
    ray_run "summaries: Ray, $w worker(s)" "$PRODUCTS" "$w" --output summary "$W/catalogue.jsonl"
done
MC=(--output uncertainty --runs "$MC_RUNS" --seed 1)
one_process "Monte Carlo ($MC_RUNS runs): one process, -j 1" "$MC_RECORDS" "$W/mc.jsonl" "${MC[@]}" -j 1
one_process "Monte Carlo ($MC_RUNS runs): one process, -j $CORES" "$MC_RECORDS" "$W/mc.jsonl" "${MC[@]}" -j "$CORES"
for w in $(seq 1 "$CORES"); do
    ray_run "Monte Carlo ($MC_RUNS runs): Ray, $w worker(s)" "$MC_RECORDS" "$w" "${MC[@]}" "$W/mc.jsonl"
done

#!/usr/bin/env bash
# Side-by-side: Brightway (the shared harness's run_bw.py, bw2calc) and pcf on the same
# network files, in one run, with a table of ratios. One command reproduces BENCHMARKS.md:
#   bash scripts/bench-compare.sh
# Knobs (env): REPS (default 3: median of REPS process runs per engine and case),
#   SOLVERS (default "pardiso superlu"), CASES (default the five issue-8 networks),
#   PCF_BENCH_DIR (default /tmp/pcf-bench), BENCH_SHARED (default ../shared/bench).
# Steps: generate the files with the shared generator (scripts/bench-networks.sh, GEN_ONLY=1,
# pinned virtualenv), run Brightway REPS times per solver (MKL_NUM_THREADS=1: one thread, as
# pcf), run the release CLI (`pcf network --timings REPS`: medians of parse and solve in one
# process, warm), the full WASM module under Node (parse + solve, median), check pcf's result
# against a Brightway reference with the harness's compare.py (rtol 1e-9), print the table.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SHARED="${BENCH_SHARED:-$ROOT/../shared/bench}"
export PCF_BENCH_DIR="${PCF_BENCH_DIR:-${TMPDIR:-/tmp}/pcf-bench}"
REPS=${REPS:-3}
SOLVERS=${SOLVERS:-"pardiso superlu"}
CASES=${CASES:-"tree_5000 dag_50000 cyclic_50000 dag-far20_10000 cyclic-far20_10000"}
VPY="$PCF_BENCH_DIR/venv/bin/python"
OUT="$PCF_BENCH_DIR/compare"
mkdir -p "$OUT"

GEN_ONLY=1 bash "$ROOT/scripts/bench-networks.sh" >&2
if ! "$VPY" -c 'import bw2calc' 2>/dev/null; then
  "$VPY" -m pip install -q -r "$SHARED/requirements.lock.txt"
fi
(cd "$ROOT" && cargo build -q --release -p pcf-cli --bin pcf)
TD="${CARGO_TARGET_DIR:-target}"; case "$TD" in /*) ;; *) TD="$ROOT/$TD" ;; esac
PCF="$TD/release/pcf"  # where cargo put it (CARGO_TARGET_DIR honoured)
if [ ! -f "$ROOT/target/pkg-node/pcf.js" ]; then
  bash "$ROOT/scripts/build-wasm.sh" >&2
fi

median() { sort -g | awk '{a[NR]=$1} END {if (NR==0) print "nan"; else print a[int((NR+1)/2)]}'; }

printf '%s\n' "engine timings: median of $REPS; machine: $(nproc) cores, $(uname -m), $(date -u +%Y-%m-%dT%H:%MZ)" >"$OUT/table.md"
{
  printf '| network | Brightway PARDISO solve | Brightway SuperLU solve | pcf native solve | ratio (PARDISO / pcf) | pcf native parse | Brightway parse | pcf WASM parse+solve | score vs Brightway |\n'
  printf '|---|---|---|---|---|---|---|---|---|\n'
} >>"$OUT/table.md"

for c in $CASES; do
  f="$PCF_BENCH_DIR/data/$c.json"
  declare -A BW=()
  BWPARSE=nan
  for s in $SOLVERS; do
    flag=""; [ "$s" = "superlu" ] && flag="--no-pardiso"
    : >"$OUT/$c.$s.jsonl"
    for _ in $(seq 1 "$REPS"); do
      MKL_NUM_THREADS=1 OMP_NUM_THREADS=1 "$VPY" "$SHARED/run_bw.py" "$f" $flag --skip-topo --skip-iter >>"$OUT/$c.$s.jsonl"
    done
    BW[$s]=$("$VPY" -c 'import json,sys
v=[json.loads(l) for l in open(sys.argv[1]) if l.strip()]
k="time_solve_warm_s" if all("time_solve_warm_s" in x for x in v) else "time_solve_s"
print(*[x[k]*1e3 for x in v], sep="\n")' "$OUT/$c.$s.jsonl" | median)
    BWPARSE=$("$VPY" -c 'import json,sys
print(*[json.loads(l)["time_parse_s"]*1e3 for l in open(sys.argv[1]) if l.strip()], sep="\n")' "$OUT/$c.$s.jsonl" | median)
  done
  ref="$PCF_BENCH_DIR/results/ref/$c.pardiso.ref.json"
  if [ ! -s "$ref" ]; then
    mkdir -p "$(dirname "$ref")"
    MKL_NUM_THREADS=1 "$VPY" "$SHARED/run_bw.py" "$f" --skip-topo --skip-iter --ref-out "$ref" >/dev/null
  fi
  "$PCF" network "$f" --timings "$REPS" >"$OUT/$c.pcf.json" 2>"$OUT/$c.pcf.timings"
  read -r PPARSE PSOLVE < <("$VPY" -c 'import json,sys; t=json.load(open(sys.argv[1])); print(t["parse_ms"], t["solve_ms"])' "$OUT/$c.pcf.timings")
  WASM=$(cd "$ROOT" && REPS=$REPS CASES=$c node scripts/bench-wasm.mjs --networks-only | awk -v c="$c" '$0 ~ "network "c":" {print $(NF-1)}')
  if "$VPY" "$SHARED/compare.py" "$ref" "$OUT/$c.pcf.json" --rtol 1e-9 >"$OUT/$c.compare.txt" 2>&1; then CMP="pass (1e-9)"; else CMP="FAIL"; fi
  RATIO=$(awk -v a="${BW[pardiso]:-nan}" -v b="$PSOLVE" 'BEGIN { if (b > 0 && a == a+0) printf "%.0f×", a / b; else print "-" }')
  printf '| %s | %s ms | %s ms | %s ms | %s | %s ms | %s ms | %s ms | %s |\n' "$c" \
    "$(printf '%.1f' "${BW[pardiso]:-nan}")" "$(printf '%.1f' "${BW[superlu]:-nan}")" \
    "$(printf '%.3f' "$PSOLVE")" "$RATIO" "$(printf '%.1f' "$PPARSE")" "$(printf '%.1f' "$BWPARSE")" \
    "${WASM:--}" "$CMP" >>"$OUT/table.md"
  unset BW
done
cat "$OUT/table.md"

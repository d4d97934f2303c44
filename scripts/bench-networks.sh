#!/usr/bin/env bash
# Generates the large benchmark networks with the shared generator and runs the network
# benchmark (criterion):
#   scripts/bench-networks.sh                 # generate (if missing) + cargo bench --bench network
#   GEN_ONLY=1 scripts/bench-networks.sh      # only generate the files
#   REF=1 scripts/bench-networks.sh           # also write Brightway (PARDISO) references for them
#                                             # and check pcf's results with compare.py
# Knobs (env): PCF_BENCH_DIR (default ${TMPDIR:-/tmp}/pcf-bench), SEED=42, PYTHON=python3,
#              BENCH_SHARED (default ../shared/bench beside the repository: gen.py, run_bw.py, compare.py,
#              requirements.lock.txt), extra arguments are passed to `cargo bench`.
# File names follow the shared bench.sh: data/tree_5000.json, data/dag_50000.json,
# data/cyclic_50000.json, data/dag-far20_10000.json, data/cyclic-far20_10000.json.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SHARED="${BENCH_SHARED:-$ROOT/../shared/bench}"
export PCF_BENCH_DIR="${PCF_BENCH_DIR:-${TMPDIR:-/tmp}/pcf-bench}"
SEED=${SEED:-42}
PYTHON=${PYTHON:-python3}
VPY="$PCF_BENCH_DIR/venv/bin/python"
mkdir -p "$PCF_BENCH_DIR/data"

# Same virtualenv as the shared bench.sh (pinned numpy, so files are reproducible byte for byte).
if [ ! -x "$VPY" ]; then
  echo "== creating venv in $PCF_BENCH_DIR/venv" >&2
  "$PYTHON" -m venv "$PCF_BENCH_DIR/venv"
  "$VPY" -m pip install -q --upgrade pip
  "$VPY" -m pip install -q -r "$SHARED/requirements.lock.txt" || "$VPY" -m pip install -q numpy
fi

gen() {  # name n args...
  local name=$1 n=$2; shift 2
  local out="$PCF_BENCH_DIR/data/${name}_${n}.json"
  if [ ! -s "$out" ] || [ "$SHARED/gen.py" -nt "$out" ]; then
    "$VPY" "$SHARED/gen.py" --n "$n" --seed "$SEED" "$@" -o "$out"
  fi
  CASES+=("${name}_${n}")
}
CASES=()
gen tree 5000 --tree
gen dag 50000 --dag
gen cyclic 50000
gen dag-far20 10000 --dag --p-far 0.2
gen cyclic-far20 10000 --p-far 0.2

if [ -n "${REF:-}" ]; then
  mkdir -p "$PCF_BENCH_DIR/results/ref" "$PCF_BENCH_DIR/results/pcf"
  for c in "${CASES[@]}"; do
    ref="$PCF_BENCH_DIR/results/ref/${c}.pardiso.ref.json"
    if [ ! -s "$ref" ]; then
      echo "== Brightway (PARDISO) reference for $c" >&2
      MKL_NUM_THREADS=1 "$VPY" "$SHARED/run_bw.py" "$PCF_BENCH_DIR/data/${c}.json" --ref-out "$ref" > /dev/null
    fi
  done
  # pcf's results with the release CLI, then the harness's compare.py.
  (cd "$ROOT" && cargo build --release -p pcf-cli --bin pcf)
  fail=0
  for c in "${CASES[@]}"; do
    TD="${CARGO_TARGET_DIR:-target}"; case "$TD" in /*) ;; *) TD="$ROOT/$TD" ;; esac
    "$TD/release/pcf" network "$PCF_BENCH_DIR/data/${c}.json" > "$PCF_BENCH_DIR/results/pcf/${c}.pcf.json"
    printf '%-20s ' "$c" >&2
    "$VPY" "$SHARED/compare.py" "$PCF_BENCH_DIR/results/ref/${c}.pardiso.ref.json" \
      "$PCF_BENCH_DIR/results/pcf/${c}.pcf.json" | tr -d '\n' >&2 || fail=1
    echo >&2
  done
  [ "$fail" = 0 ] || { echo "== compare.py: some results differ from Brightway" >&2; exit 1; }
fi

[ -n "${GEN_ONLY:-}" ] && exit 0
cd "$ROOT"
cargo bench --bench network -- "$@"

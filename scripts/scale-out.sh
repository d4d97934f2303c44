#!/usr/bin/env bash
# pcf batch over a JSONL catalogue on a Ray cluster (docs/scale-out.md):
#   bash scripts/scale-out.sh [--address local|auto|ray://HOST:10001] [--workers N]
#        [--partitions P] [--output full|summary|uncertainty] [--check] … INPUT OUTPUT
# Installs Ray from PyPI into its own venv the first time (scripts/scale-out-requirements.txt;
# PCF_SCALE_OUT_VENV to put it elsewhere), builds the release pcf binary unless --pcf or
# PCF_BIN names one, then runs scripts/scale_out.py, whose exit status it returns.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

VENV="$(scale_out_venv)"
ensure_scale_out_venv

have_pcf=""
for a in "$@"; do [ "$a" = "--pcf" ] || [[ "$a" == --pcf=* ]] && have_pcf=1; done
if [ -z "$have_pcf" ] && [ -z "${PCF_BIN:-}" ]; then
    log "building pcf (release)"
    (cd "$PCF_ROOT" && cargo build --release -q -p pcf-cli) || { echo "[pcf] error: cargo build failed" >&2; exit 3; }
    export PCF_BIN="${CARGO_TARGET_DIR:-$PCF_ROOT/target}/release/pcf"
fi

exec "$VENV/bin/python" "$PCF_ROOT/scripts/scale_out.py" "$@"

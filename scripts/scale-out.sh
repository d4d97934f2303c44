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

VENV="${PCF_SCALE_OUT_VENV:-${CARGO_TARGET_DIR:-$PCF_ROOT/target}/scale-out-venv}"
REQ="$PCF_ROOT/scripts/scale-out-requirements.txt"

# The venv is made again when the requirements change (their digest is kept inside it).
want="$(sha256sum "$REQ" | cut -c1-64)"
if [ "$(cat "$VENV/.requirements-sha256" 2>/dev/null || true)" != "$want" ]; then
    command -v python3 >/dev/null 2>&1 || { echo "[pcf] error: python3 not found (3.9 or later is needed)" >&2; exit 3; }
    log "installing Ray into $VENV (from PyPI, about 300 MB, under a minute)"
    t0=$SECONDS
    rm -rf "$VENV"
    python3 -m venv "$VENV" || { echo "[pcf] error: cannot make a venv at $VENV" >&2; exit 3; }
    "$VENV/bin/python" -m pip install -q --disable-pip-version-check -r "$REQ" \
        || { echo "[pcf] error: pip could not install $REQ" >&2; exit 3; }
    echo "$want" >"$VENV/.requirements-sha256"
    log "Ray installed in $((SECONDS - t0)) s"
fi

have_pcf=""
for a in "$@"; do [ "$a" = "--pcf" ] || [[ "$a" == --pcf=* ]] && have_pcf=1; done
if [ -z "$have_pcf" ] && [ -z "${PCF_BIN:-}" ]; then
    log "building pcf (release)"
    (cd "$PCF_ROOT" && cargo build --release -q -p pcf-cli) || { echo "[pcf] error: cargo build failed" >&2; exit 3; }
    export PCF_BIN="${CARGO_TARGET_DIR:-$PCF_ROOT/target}/release/pcf"
fi

exec "$VENV/bin/python" "$PCF_ROOT/scripts/scale_out.py" "$@"

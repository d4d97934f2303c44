#!/usr/bin/env bash
# README command 1: build the WASM package and the page, then serve the page (target/www/, made
# from www/ by scripts/build-www.mjs) on http://127.0.0.1:${PORT:-8080}/ (Ctrl-C stops the server).
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$PCF_ROOT"

bash scripts/build-wasm.sh
PORT="${PORT:-8080}"
log "serving target/www/ on http://127.0.0.1:$PORT/ (Ctrl-C to stop)"
exec python3 -m http.server "$PORT" --bind 127.0.0.1 --directory target/www

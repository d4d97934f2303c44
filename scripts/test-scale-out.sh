#!/usr/bin/env bash
# The scale-out test (a step of scripts/test.sh): scripts/scale-out.sh as a process on a Ray
# head node the test starts on this machine (two CPUs) and on Ray's own local cluster, against
# one `pcf batch` process: tests/scale-out/test_scale_out.py. Installs Ray in its venv the first
# time (through scale-out.sh); uses the debug pcf binary of the workspace's test build.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$PCF_ROOT"

T="${CARGO_TARGET_DIR:-$PCF_ROOT/target}"
export PCF_SCALE_OUT_VENV="${PCF_SCALE_OUT_VENV:-$T/scale-out-venv}"
# The pcf binary of the workspace's test build, which scripts/test.sh's native tests built
# already: `cargo build -p pcf-cli` would build it again with other features (75 s in CI).
PCF_BIN="$(cargo test -q --workspace --no-run --message-format=json | python3 -c '
import json, sys
for line in sys.stdin:
    m = json.loads(line)
    t = m.get("target", {})
    if m.get("reason") == "compiler-artifact" and t.get("name") == "pcf" and "bin" in t.get("kind", []) and m.get("executable"):
        print(m["executable"])
        break
')"
[ -x "$PCF_BIN" ] || die "cargo test --workspace --no-run gave no pcf binary"
export PCF_BIN
# The venv, made by scale-out.sh itself (a --help run installs it and does nothing else).
bash scripts/scale-out.sh --help >/dev/null
export SCALE_OUT_RAY="$PCF_SCALE_OUT_VENV/bin/ray"
# Each test run gets its own cache of shipped binaries, so the shipping itself is exercised,
# and its own Ray token: Ray 2.60 turns token authentication on for a new local cluster and
# would otherwise write ~/.ray/auth_token, which a later `ray start` then half-uses.
TEST_TMP="$(mktemp -d /tmp/pcf-scale-out-run.XXXXXX)"
trap 'rm -rf "$TEST_TMP"' EXIT
export PCF_SCALE_OUT_CACHE="$TEST_TMP/cache" RAY_USAGE_STATS_ENABLED=0
export RAY_AUTH_MODE=token RAY_AUTH_TOKEN_PATH="$TEST_TMP/ray-token"
python3 -c 'import secrets, sys; open(sys.argv[1], "w").write(secrets.token_hex(32))' "$RAY_AUTH_TOKEN_PATH"
"$PCF_SCALE_OUT_VENV/bin/python" tests/scale-out/test_scale_out.py

#!/usr/bin/env bash
# The PACT host on PostgreSQL (a step of scripts/test.sh): starts a throwaway PostgreSQL server
# from the Debian packages (installed when missing), runs the host's conformance tests
# (crates/pcf-pact-host/tests/host.rs, every case, the kill -9 one included) against the
# PostgreSQL store (feature `postgres`), and stops the server. The SQLite runs of the same tests
# are in `cargo test --workspace`.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$PCF_ROOT"

ensure_debian_packages postgresql
PGBIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"

W="$(mktemp -d /tmp/pcf-postgres.XXXXXX)"
PORT="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
PASSWORD="$(python3 -c 'import secrets; print(secrets.token_hex(16))')"
printf '%s\n' "$PASSWORD" >"$W/pwfile"
# PostgreSQL will not run as root: as root, the server runs as the packages' `postgres` user.
as_pg() {
    if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
[ "$(id -u)" -eq 0 ] && chown -R postgres "$W"
stop() {
    as_pg "$PGBIN/pg_ctl" -D "$W/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$W"
}
trap stop EXIT
as_pg "$PGBIN/initdb" -D "$W/data" -U pcf --pwfile="$W/pwfile" -A scram-sha-256 >/dev/null
as_pg "$PGBIN/pg_ctl" -D "$W/data" -l "$W/server.log" -w \
    -o "-p $PORT -k $W -c listen_addresses=127.0.0.1 -c fsync=on -c synchronous_commit=on" start >/dev/null
log "PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PORT"

export PCF_TEST_POSTGRES="postgres://pcf@127.0.0.1:$PORT/postgres" PGPASSWORD="$PASSWORD"
# The store's PostgreSQL code is linted here, where it is built (the workspace lint leaves the
# feature off).
cargo clippy -q -p pcf-pact-host --all-targets --features postgres -- -D warnings
cargo test --workspace --features pcf-pact-host/postgres --test host

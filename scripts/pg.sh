#!/usr/bin/env bash
# A throwaway PostgreSQL server on 127.0.0.1 for the test suite.
#
#   scripts/pg.sh COMMAND [ARGS...]   start a server, run COMMAND with SITREP_TEST_PG_URL set, stop it
#   scripts/pg.sh                     start a server, print its URL, keep it up until Ctrl-C
#
# The cluster lives in a fresh folder under .pg/ (gitignored) and is deleted on exit. PostgreSQL is
# installed from Debian's packages when initdb/pg_ctl are missing. PostgreSQL refuses to run as
# root, so as root the server runs as the `postgres` user (created when absent).
# With PG_OPTIONAL=1, a server that cannot start is a warning and COMMAND runs without it.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
export PATH="$PATH:/usr/sbin:/sbin"  # runuser, useradd

say() { echo "pg.sh: $*" >&2; }

find_pg_bin() {
  local dir
  if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
    dirname "$(readlink -f "$(command -v pg_ctl)")"
    return 0
  fi
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [[ -x "$dir/initdb" && -x "$dir/pg_ctl" ]]; then
      echo "$dir"
      return 0
    fi
  done
  return 1
}

install_pg() {
  say "PostgreSQL not found: installing it from Debian's packages"
  local sudo=""
  [[ $(id -u) -ne 0 ]] && sudo="sudo"
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# Run a PostgreSQL program as the server's owner.
as_owner() {
  if [[ $(id -u) -eq 0 ]]; then
    runuser -u "$PG_OWNER" -- "$@"
  else
    "$@"
  fi
}

start_server() {
  PG_BIN=$(find_pg_bin) || { install_pg && PG_BIN=$(find_pg_bin); } || { say "no initdb/pg_ctl after install"; return 1; }
  PG_OWNER=$(id -un)
  if [[ $(id -u) -eq 0 ]]; then
    PG_OWNER=postgres
    id "$PG_OWNER" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$PG_OWNER"
  fi
  mkdir -p "$ROOT/.pg"
  PG_DIR=$(mktemp -d "$ROOT/.pg/run-XXXXXX")
  chmod 755 "$PG_DIR"
  [[ $(id -u) -eq 0 ]] && chown "$PG_OWNER" "$PG_DIR"
  PG_PORT=$(free_port)
  as_owner "$PG_BIN/initdb" -D "$PG_DIR/data" -U sitrep --auth=trust -E UTF8 --no-locale >"$PG_DIR/initdb.log" 2>&1 \
    || { say "initdb failed:"; cat "$PG_DIR/initdb.log" >&2; return 1; }
  # fsync off: a throwaway test server, speed over durability.
  as_owner "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $PG_DIR -c fsync=off -c full_page_writes=off -c max_connections=200" \
    start >/dev/null || { say "server did not start:"; cat "$PG_DIR/server.log" >&2; return 1; }
  as_owner "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U sitrep sitrep_test
  export SITREP_TEST_PG_URL="postgresql+psycopg://sitrep@127.0.0.1:$PG_PORT/sitrep_test"
  say "PostgreSQL up: $SITREP_TEST_PG_URL"
}

stop_server() {
  if [[ -n "${PG_DIR:-}" && -d "$PG_DIR" ]]; then
    [[ -f "$PG_DIR/data/postmaster.pid" ]] && as_owner "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
    rm -rf "$PG_DIR"
  fi
}
trap stop_server EXIT
trap 'exit 130' INT TERM

if ! start_server; then
  if [[ "${PG_OPTIONAL:-0}" == "1" && "${CI:-}" != "true" ]]; then
    say "warning: no PostgreSQL server; tests marked 'postgres' will be skipped"
    stop_server
    unset SITREP_TEST_PG_URL
  else
    say "error: could not start PostgreSQL"
    exit 3
  fi
fi

if [[ $# -gt 0 ]]; then
  "$@"
else
  echo "SITREP_TEST_PG_URL=${SITREP_TEST_PG_URL:-}"
  say "press Ctrl-C to stop the server"
  while true; do sleep 3600; done
fi

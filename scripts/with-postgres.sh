#!/usr/bin/env bash
# Runs a command against a throwaway PostgreSQL 15 server on 127.0.0.1:55432, with
# DATABASE_URL set; the server and its files are removed afterwards, whatever happens.
set -euo pipefail

bin=/usr/lib/postgresql/15/bin
port=${TANDEM_TEST_PG_PORT:-55432}
dir=$(mktemp -d /tmp/tandem-pg-XXXXXX)
chown postgres "$dir" 2>/dev/null || true
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

cleanup() {
  as_pg "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap cleanup EXIT

password=$(od -An -tx1 -N16 /dev/urandom | tr -d ' \n')
printf '%s\n' "$password" > "$dir/pw"
chown postgres "$dir/pw" 2>/dev/null || true
as_pg "$bin/initdb" -D "$dir/data" -U tandem --pwfile="$dir/pw" --auth=scram-sha-256 -E UTF8 >/dev/null
as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
  -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir" start >/dev/null
PGPASSWORD=$password as_pg "$bin/createdb" -h 127.0.0.1 -p "$port" -U tandem tandem

export DATABASE_URL="postgresql://tandem:$password@127.0.0.1:$port/tandem"
"$@"

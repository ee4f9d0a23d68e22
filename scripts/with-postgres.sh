#!/usr/bin/env bash
# Runs a command against a throwaway PostgreSQL cluster that lives only as long as it.
# The server listens on a Unix socket in a private folder, so it never clashes with
# another PostgreSQL on the machine.
set -euo pipefail

pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$pg_bin" ]; then
  echo "PostgreSQL is not installed (see docs/operators.md: the system packages)." >&2
  exit 1
fi
work=$(mktemp -d /tmp/ledertrivsel-pg.XXXXXX)
as_owner=()
if [ "$(id -u)" -eq 0 ]; then
  # PostgreSQL refuses to run as root.
  chown postgres "$work"
  as_owner=(runuser -u postgres --)
fi

cleanup() {
  "${as_owner[@]}" "$pg_bin/pg_ctl" -D "$work/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

"${as_owner[@]}" "$pg_bin/initdb" -D "$work/data" -U postgres --auth=trust -E UTF8 \
  --locale=C.UTF-8 >/dev/null
# The test suites trade durability for speed; PG_DURABLE=1 (make soak, which restarts
# the server and counts lost writes) keeps PostgreSQL's defaults.
options="-c listen_addresses='' -k $work"
if [ -z "${PG_DURABLE:-}" ]; then
  options="$options -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
fi
"${as_owner[@]}" "$pg_bin/pg_ctl" -D "$work/data" -l "$work/server.log" -w -o "$options" \
  start >/dev/null

socket=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$work")
export DATABASE_URL="postgres://postgres@${socket}/ledertrivsel"
echo "PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') on $work"
"$@"

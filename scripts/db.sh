#!/usr/bin/env bash
# Private PostgreSQL cluster for this checkout: `db.sh ensure` starts (or reuses) it and prints
# its DATABASE_URL, `db.sh stop` stops it, `db.sh status` tells whether it runs.
# The cluster lives outside the checkout (an unprivileged server user may not be able to enter
# it) in a folder named after a hash of the checkout's path, on a port derived from that hash.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd -P)
key=$(printf '%s' "$top" | sha1sum | cut -c1-10)
base="${PORTAL_PG_ROOT:-/tmp}/hospital-portal-pg-$key"
data="$base/data"
dbname="${PORTAL_DB_NAME:-hospital_portal}"

find_bindir() {
  local d
  for d in "${PG_BINDIR:-}" /usr/lib/postgresql/15/bin "$(command -v pg_config >/dev/null 2>&1 && pg_config --bindir)" \
           "$(dirname "$(command -v initdb 2>/dev/null || echo /nonexistent/x)")"; do
    [ -n "$d" ] && [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ] && { echo "$d"; return 0; }
  done
  return 1
}

bindir=$(find_bindir) || {
  echo "PostgreSQL 15 server binaries not found: run 'apt-get install postgresql-15' or set DATABASE_URL." >&2
  exit 1
}

# As root the server must run as an unprivileged user.
if [ "$(id -u)" = 0 ]; then
  owner=postgres
  id "$owner" >/dev/null 2>&1 || useradd --system --home-dir "$base" --shell /usr/sbin/nologin "$owner"
  as_owner() { runuser -u "$owner" -- "$@"; }
else
  owner=$(id -un)
  as_owner() { "$@"; }
fi

port_file="$base/port"

port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0 || return 1
}

is_running() {
  [ -f "$data/postmaster.pid" ] && as_owner "$bindir/pg_ctl" -D "$data" status >/dev/null 2>&1
}

choose_port() {
  local p=$((20000 + 0x${key:0:4} % 20000))
  while port_in_use "$p"; do p=$((p + 1)); done
  echo "$p"
}

# fsync is off: this cluster holds development and test data only.
start_server() {
  as_owner "$bindir/pg_ctl" -D "$data" -l "$base/server.log" -w -t 60 start \
    -o "-p $(cat "$port_file") -k $base -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c max_connections=200" >/dev/null
}

url() { echo "postgres://postgres@127.0.0.1:$(cat "$port_file")/$dbname"; }

ensure() {
  mkdir -p "$base"
  chmod 755 "$base"
  chown "$owner" "$base"
  if [ ! -f "$data/PG_VERSION" ]; then
    as_owner "$bindir/initdb" -D "$data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$base/initdb.log" 2>&1 \
      || { cat "$base/initdb.log" >&2; exit 1; }
  fi
  if ! is_running; then
    choose_port >"$port_file"
    start_server || { tail -n 20 "$base/server.log" >&2; exit 1; }
  fi
  local port
  port=$(cat "$port_file")
  if ! "$bindir/psql" -h 127.0.0.1 -p "$port" -U postgres -Atqc "select 1 from pg_database where datname='$dbname'" postgres | grep -q 1; then
    "$bindir/createdb" -h 127.0.0.1 -p "$port" -U postgres "$dbname"
  fi
  url
}

case "${1:-ensure}" in
  ensure) ensure ;;
  url) url ;;
  stop) if is_running; then as_owner "$bindir/pg_ctl" -D "$data" -m fast -w stop >/dev/null && echo "stopped $data"; else echo "not running"; fi ;;
  start-server) is_running || start_server ;;
  stop-server) is_running && as_owner "$bindir/pg_ctl" -D "$data" -m fast -w stop >/dev/null || true ;;
  status) if is_running; then echo "running: $(url)"; else echo "stopped ($data)"; fi ;;
  dir) echo "$base" ;;
  *) echo "usage: $0 ensure|url|stop|status|dir" >&2; exit 2 ;;
esac

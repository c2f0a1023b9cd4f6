#!/usr/bin/env bash
# Runs a command with DATABASE_URL set: the caller's when given, else this checkout's private cluster.
set -euo pipefail
if [ -z "${DATABASE_URL:-}" ]; then
  DATABASE_URL=$("$(dirname "$0")/db.sh" ensure)
  export DATABASE_URL
fi
exec "$@"

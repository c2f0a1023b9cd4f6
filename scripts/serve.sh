#!/usr/bin/env bash
# Production server (`make serve`): checks the environment, applies migrations, collects static
# files, then runs gunicorn with deploy/gunicorn.conf.py. DEBUG is always off here.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-.venv/bin/python}
GUNICORN=${GUNICORN:-.venv/bin/gunicorn}

missing=()
for name in SECRET_KEY ALLOWED_HOSTS DATABASE_URL; do
  [ -n "${!name:-}" ] || missing+=("$name")
done
if [ ${#missing[@]} -gt 0 ]; then
  cat >&2 <<MESSAGE
make serve: ${missing[*]} must be set in the environment.
  SECRET_KEY     a long random string, e.g. from: python3 -c 'import secrets; print(secrets.token_urlsafe(50))'
  ALLOWED_HOSTS  the site's host names, comma-separated, e.g. www.example.org
  DATABASE_URL   postgres://USER:PASSWORD@HOST:5432/NAME
Every variable is described in docs/deployment.md and listed in .env.example.
MESSAGE
  exit 2
fi
export DEBUG=false

# Any warning stops the start too: a deploy warning is silenced only in settings, with its reason.
"$PYTHON" manage.py check --deploy --fail-level WARNING
# With several app servers, one runs the migrations at upgrade time; the others set MIGRATE_ON_START=false.
if [ "${MIGRATE_ON_START:-true}" = true ]; then
  "$PYTHON" manage.py migrate --no-input
fi
"$PYTHON" manage.py collectstatic --no-input --verbosity 0
exec "$GUNICORN" --config deploy/gunicorn.conf.py hospital_portal.wsgi

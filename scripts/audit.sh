#!/usr/bin/env bash
# `make audit`: pip-audit over the pinned runtime requirements. A package the advisory service could
# not look up is reported as skipped while pip-audit still says "No known vulnerabilities found";
# that is not a clean audit, so this script fails on it.
set -uo pipefail
cd "$(dirname "$0")/.."

report=$(mktemp)
trap 'rm -f "$report"' EXIT
"${PIP_AUDIT:-.venv/bin/pip-audit}" --requirement requirements.txt --strict "$@" 2>&1 | tee "$report"
status=${PIPESTATUS[0]}
if grep -q "could not be audited" "$report"; then
  echo "make audit: pip-audit could not check every package (is the advisory service reachable from this machine?). This is not a clean audit." >&2
  exit 1
fi
exit "$status"

#!/usr/bin/env bash
# Restores a backup made by scripts/backup.sh: the database named by DATABASE_URL is replaced by the
# archive's dump (pg_restore --clean --if-exists, in one transaction) and the media folder by the
# archive's media. Usage: scripts/restore.sh backups/portal-<timestamp>.tar.gz (or `make restore FILE=…`).
# Stop the application servers first and start them again afterwards; the page cache (Redis too) is
# emptied at the end (manage.py clear_page_cache), so the first request shows the restored content.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd -P)
file="${1:-${FILE:-}}"
[ -n "$file" ] || { echo "usage: $0 backups/portal-<timestamp>.tar.gz" >&2; exit 2; }
[ -f "$file" ] || { echo "no such backup: $file" >&2; exit 1; }
: "${DATABASE_URL:?DATABASE_URL is not set: run 'make restore FILE=…', or scripts/with-db.sh scripts/restore.sh FILE}"
bindir="${PG_BINDIR:-/usr/lib/postgresql/15/bin}"
[ -x "$bindir/pg_restore" ] || { echo "pg_restore not found in $bindir: install postgresql-client-15 or set PG_BINDIR." >&2; exit 1; }
python="${PYTHON:-$top/.venv/bin/python}"
media_root="${MEDIA_ROOT:-$(cd "$top" && DJANGO_SETTINGS_MODULE=hospital_portal.settings "$python" -c \
  'from django.conf import settings; print(settings.MEDIA_ROOT)')}"
media_root="${media_root%/}"
db_url=$(printf '%s' "$DATABASE_URL" | sed -E 's,^[a-z0-9+]+://,postgresql://,')

if [ -t 0 ] && [ "${CONFIRM:-}" != yes ]; then
  printf 'This replaces the database %s and the media folder %s with %s.\nType "yes" to go on: ' \
    "${db_url##*/}" "$media_root" "$file"
  read -r answer
  [ "$answer" = yes ] || { echo "nothing changed" >&2; exit 1; }
fi

# Unpacked beside the media folder, so that putting the new media in place is a rename.
mkdir -p "$(dirname "$media_root")"
work=$(mktemp -d "$(dirname "$media_root")/.restore-XXXXXX")
trap 'rm -rf "$work"' EXIT
tar -xzf "$file" -C "$work" --no-same-owner
[ -f "$work/database.dump" ] && [ -d "$work/media" ] || { echo "$file is not a portal backup" >&2; exit 1; }

# One transaction: if anything fails the database is left as it was, and the media is not touched.
"$bindir/pg_restore" --clean --if-exists --no-owner --no-privileges --single-transaction --exit-on-error \
  --dbname="$db_url" "$work/database.dump"

# The folder's contents are swapped rather than the folder itself, which may be a mount point.
mkdir -p "$media_root" "$work/media.replaced"
find "$media_root" -mindepth 1 -maxdepth 1 -exec mv -t "$work/media.replaced" {} +
find "$work/media" -mindepth 1 -maxdepth 1 -exec mv -t "$media_root" {} +
echo "restored $file into ${db_url##*/} and $media_root"
(cd "$top" && "$python" manage.py clear_page_cache)

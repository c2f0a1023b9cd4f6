#!/usr/bin/env bash
# Backs up the database and the media folder into one archive, backups/portal-<timestamp>.tar.gz:
# `database.dump` (pg_dump, custom format) and `media/`. Needs DATABASE_URL (`make backup` sets it).
# BACKUP_DIR, MEDIA_ROOT and PG_BINDIR override where the archive goes, what media is saved and
# which PostgreSQL client is used (the server's major version, 15, by default).
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd -P)
: "${DATABASE_URL:?DATABASE_URL is not set: run 'make backup', or scripts/with-db.sh scripts/backup.sh}"
bindir="${PG_BINDIR:-/usr/lib/postgresql/15/bin}"
[ -x "$bindir/pg_dump" ] || { echo "pg_dump not found in $bindir: install postgresql-client-15 or set PG_BINDIR." >&2; exit 1; }
python="${PYTHON:-$top/.venv/bin/python}"
# Django's own setting, so that a MEDIA_ROOT from .env or the environment is honoured.
media_root="${MEDIA_ROOT:-$(cd "$top" && DJANGO_SETTINGS_MODULE=hospital_portal.settings "$python" -c \
  'from django.conf import settings; print(settings.MEDIA_ROOT)')}"
backup_dir="${BACKUP_DIR:-$top/backups}"
# libpq knows postgres:// and postgresql:// only; django-environ also accepts aliases such as pgsql://.
db_url=$(printf '%s' "$DATABASE_URL" | sed -E 's,^[a-z0-9+]+://,postgresql://,')

mkdir -p "$backup_dir" "$media_root"
archive="$backup_dir/portal-$(date +%Y%m%d-%H%M%S).tar.gz"
work=$(mktemp -d)
trap 'rm -rf "$work" "$archive.partial"' EXIT

"$bindir/pg_dump" --format=custom --no-owner --no-privileges --dbname="$db_url" --file="$work/database.dump"
# Written under a temporary name and renamed at the end: an archive that exists is always complete.
tar -czf "$archive.partial" -C "$work" database.dump -C "$media_root" --transform 's,^\.,media,' .
mv "$archive.partial" "$archive"
echo "$archive ($(du -h "$archive" | cut -f1); media from $media_root)"

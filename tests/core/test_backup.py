"""make backup / make restore: one archive holds the database and the media, and brings both back.

The round trip runs against a scratch database created for it on the same PostgreSQL cluster, never
against the developer's database nor the test database.
"""

import json
import os
import re
import subprocess
import sys
import tarfile
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest

from tests.factories import image_bytes

TOP = Path(__file__).resolve().parents[2]


def database_url(name):
    """DATABASE_URL (as scripts/with-db.sh sets it) with another database name."""
    parts = urlsplit(os.environ["DATABASE_URL"])
    return urlunsplit(parts._replace(scheme="postgresql", path=f"/{name}"))


def sql(url, statement, params=None):
    with psycopg.connect(url, autocommit=True) as connection:
        cursor = connection.execute(statement, params)
        return cursor.fetchall() if cursor.description else None


@pytest.fixture
def scratch(tmp_path):
    """A scratch database and media folder, and the environment that points the scripts at them."""
    name = f"portal_backup_test_{uuid.uuid4().hex[:8]}"
    maintenance = database_url("postgres")
    sql(maintenance, f'CREATE DATABASE "{name}"')
    env = {
        **os.environ,
        "DATABASE_URL": database_url(name),
        "MEDIA_ROOT": str(tmp_path / "media"),
        "BACKUP_DIR": str(tmp_path / "backups"),
        "DEBUG": "true",
        "PYTHON": sys.executable,
    }
    env.pop("TEST_DATABASE_NAME", None)
    yield env
    sql(maintenance, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def run(env, *command):
    return subprocess.run(command, cwd=TOP, env=env, check=True, capture_output=True, text=True, timeout=300)


def media_tree(root):
    return {str(path.relative_to(root)): path.read_bytes() for path in sorted(Path(root).rglob("*")) if path.is_file()}


def campuses(env):
    return sql(env["DATABASE_URL"], "SELECT id, name, phone, slug FROM core_campus ORDER BY id")


def test_backup_and_restore_bring_back_database_and_media(scratch, tmp_path):
    run(scratch, sys.executable, "manage.py", "migrate", "--no-input")
    records = [
        {
            "model": "core.campus",
            "pk": pk,
            "fields": {"name": f"示例院区{pk}", "slug": f"shi-li-{pk}", "phone": "0734-0"},
        }
        for pk in (1, 2, 3)
    ]
    fixture = tmp_path / "synthetic.json"
    fixture.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    run(scratch, sys.executable, "manage.py", "loaddata", str(fixture))
    media = Path(scratch["MEDIA_ROOT"])
    (media / "editor/2024/05").mkdir(parents=True)
    (media / "editor/2024/05/0123abcd.png").write_bytes(image_bytes("PNG"))
    (media / "experts").mkdir()
    (media / "experts/photo.jpg").write_bytes(image_bytes("JPEG"))
    saved_rows, saved_media = campuses(scratch), media_tree(media)

    output = run(scratch, "scripts/backup.sh").stdout

    archives = list(Path(scratch["BACKUP_DIR"]).iterdir())
    assert len(archives) == 1
    archive = archives[0]
    assert re.fullmatch(r"portal-\d{8}-\d{6}\.tar\.gz", archive.name)
    assert str(archive) in output
    with tarfile.open(archive) as contents:
        names = contents.getnames()
        dump = contents.extractfile("database.dump").read()
    assert {"database.dump", "media/editor/2024/05/0123abcd.png", "media/experts/photo.jpg"} <= set(names)
    assert dump.startswith(b"PGDMP")  # pg_dump's custom format

    # Everything changes after the backup: rows edited, deleted and added, files deleted, changed and added.
    sql(scratch["DATABASE_URL"], "UPDATE core_campus SET phone = '已改'")
    sql(scratch["DATABASE_URL"], "DELETE FROM core_campus WHERE id = 2")
    sql(scratch["DATABASE_URL"], "INSERT INTO core_campus (name, slug, address, phone, opening_hours, transport,"
        " map_url, description, display_order, emergency_phone, emergency_hours, photo)"
        " VALUES ('新增院区', 'xin-zeng', '', '', '', '', '', '', 9, '', '', '')")  # fmt: skip
    (media / "editor/2024/05/0123abcd.png").unlink()
    (media / "experts/photo.jpg").write_bytes(b"overwritten")
    (media / "stray.gif").write_bytes(image_bytes("GIF"))
    assert campuses(scratch) != saved_rows

    run(scratch, "scripts/restore.sh", str(archive))

    assert campuses(scratch) == saved_rows
    assert media_tree(media) == saved_media
    # The restored database is a working one: Django sees every migration applied and the data in place.
    check = run(scratch, sys.executable, "manage.py", "migrate", "--check", "--no-input")
    assert check.returncode == 0


def test_restore_refuses_a_file_that_is_not_a_backup_and_changes_nothing(scratch, tmp_path):
    media = Path(scratch["MEDIA_ROOT"])
    media.mkdir()
    (media / "keep.png").write_bytes(image_bytes("PNG"))
    not_a_backup = tmp_path / "portal-20240101-000000.tar.gz"
    with tarfile.open(not_a_backup, "w:gz") as archive:
        archive.add(media / "keep.png", arcname="keep.png")

    result = subprocess.run(
        ["scripts/restore.sh", str(not_a_backup)], cwd=TOP, env=scratch, capture_output=True, text=True, timeout=60
    )

    assert result.returncode != 0
    assert "is not a portal backup" in result.stderr
    assert media_tree(media) == {"keep.png": image_bytes("PNG")}

"""A restore leaves no page from before it in any cache: with Redis (which outlives the app servers'
restart) the first request after `scripts/restore.sh` shows the restored content."""

import re
import subprocess

from .conftest import ADMIN_USERNAME
from .processes import BASE_DIR, PYTHON, Browser, production_env


def main_content(html):
    return re.search(r"<main.*?</main>", html, re.DOTALL).group(0)


def test_the_first_page_after_a_restore_shows_the_restored_content(
    new_cluster, app_server, redis_url, admin_password, tmp_path
):
    cluster = new_cluster()
    shared = {"REDIS_URL": redis_url, "MEDIA_ROOT": tmp_path / "media"}
    server = app_server(cluster.url(), **shared)
    editor = Browser(server.port)
    editor.log_in_to_admin(ADMIN_USERNAME, admin_password)
    editor.save_in_admin("/admin/core/campus/add/", "campus", name="备份时院区", display_order="0")
    campus_id = cluster.sql("SELECT id FROM core_campus WHERE name = '备份时院区'", dbname="portal")
    scripts_env = production_env(
        DATABASE_URL=cluster.url(),
        BACKUP_DIR=tmp_path / "backups",
        PG_BINDIR=cluster.bindir,
        PYTHON=PYTHON,
        CONFIRM="yes",
        **shared,
    )
    (tmp_path / "media").mkdir(exist_ok=True)
    subprocess.run(["scripts/backup.sh"], cwd=BASE_DIR, env=scripts_env, check=True, capture_output=True, timeout=120)
    archive = next((tmp_path / "backups").iterdir())

    editor.save_in_admin(f"/admin/core/campus/{campus_id}/change/", "campus", name="备份后院区")
    assert "备份后院区" in main_content(Browser(server.port).get("/campuses/").body)  # cached, in Redis

    server.stop()  # as the guide says: stop, restore, start
    restored = subprocess.run(
        ["scripts/restore.sh", str(archive)], cwd=BASE_DIR, env=scripts_env, capture_output=True, text=True, timeout=120
    )
    assert restored.returncode == 0, restored.stderr
    assert "缓存的页面已全部作废" in restored.stdout
    server = app_server(cluster.url(), **shared)

    page = main_content(Browser(server.port).get("/campuses/").body)
    assert "备份时院区" in page
    assert "备份后院区" not in page

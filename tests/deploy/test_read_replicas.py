"""With DATABASE_REPLICA_URLS set, visitors' pages read from a replica; writes and editors use the primary.

The replica is a real streaming hot standby, made with pg_basebackup -R from a primary cluster the
test starts itself. Pausing its replay makes it lag on purpose, which shows where each read went.
"""

import re
import time

from django.contrib.auth.models import User
from django.db import DEFAULT_DB_ALIAS

from apps.core import db_router
from apps.core.models import Campus

from .conftest import ADMIN_USERNAME
from .processes import Browser, wait_until

NEW_CAMPUS = "副本测试院区"
SETTLE_SECONDS = 3


def main_content(html):
    """The page's <main>: the footer lists campuses too, from its own cache."""
    return re.search(r"<main.*?</main>", html, re.DOTALL).group(0)


def campus_form(token):
    fields = ("slug", "address", "phone", "opening_hours", "transport", "map_url", "description")
    return {"csrfmiddlewaretoken": token, "name": NEW_CAMPUS, "display_order": "0", **dict.fromkeys(fields, "")}


def test_visitors_read_from_the_replica_while_writes_and_editors_use_the_primary(
    new_cluster, app_server, redis_url, admin_password
):
    primary = new_cluster()
    replica = new_cluster(replica_of=primary)
    assert replica.sql("SELECT pg_is_in_recovery()") == "t"
    server = app_server(
        primary.url(),
        DATABASE_REPLICA_URLS=replica.url(),
        DATABASE_REPLICA_SETTLE_SECONDS=SETTLE_SECONDS,
        REDIS_URL=redis_url,
        # Each read below must reach a database to show which one it was: a page the page cache holds
        # would answer every one of them.
        PAGE_CACHE="false",
    )
    visitor, editor = Browser(server.port), Browser(server.port)
    assert visitor.get("/campuses/").status == 200

    replica.sql("SELECT pg_wal_replay_pause()")
    # Logging in and adding a campus write to the database: a replica would refuse them.
    editor.log_in_to_admin(ADMIN_USERNAME, admin_password)
    added = editor.post("/admin/core/campus/add/", campus_form(editor.csrf_token("/admin/core/campus/add/")))
    edited_at = time.monotonic()
    assert added.status == 302, added.body[:2000]
    count = f"SELECT count(*) FROM core_campus WHERE name = '{NEW_CAMPUS}'"
    assert primary.sql(count, "portal") == "1"
    assert replica.sql(count, "portal") == "0"

    # Right after an edit visitors read from the primary too, so no stale page gets cached.
    assert NEW_CAMPUS in main_content(visitor.get("/campuses/").body)
    # The editor always reads from the primary.
    assert NEW_CAMPUS in main_content(editor.get("/campuses/").body)

    # Once the edit has settled, visitors read from the replica, which has not replayed it yet.
    time.sleep(max(0, edited_at + SETTLE_SECONDS + 0.3 - time.monotonic()))
    assert NEW_CAMPUS not in main_content(visitor.get("/campuses/").body)
    assert NEW_CAMPUS in main_content(editor.get("/campuses/").body)

    replica.sql("SELECT pg_wal_replay_resume()")
    wait_until(lambda: replica.sql(count, "portal") == "1", timeout=10, what="the replica replaying the edit")
    assert NEW_CAMPUS in main_content(visitor.get("/campuses/").body)


def test_reads_outside_a_visitor_request_go_to_the_primary(monkeypatch):
    monkeypatch.setattr(db_router, "replica_aliases", lambda: ["replica_1"])
    router = db_router.PrimaryReplicaRouter()
    assert router.db_for_read(Campus) == DEFAULT_DB_ALIAS

    with db_router.reads_from_a_replica():
        assert router.db_for_read(Campus) == "replica_1"
        assert router.db_for_read(User) == DEFAULT_DB_ALIAS  # logins and sessions never read a copy
        assert router.db_for_write(Campus) == DEFAULT_DB_ALIAS
        assert router.db_for_read(Campus) == DEFAULT_DB_ALIAS  # after a write, the request sees its write
    assert router.db_for_read(Campus) == DEFAULT_DB_ALIAS
    assert router.allow_migrate("replica_1", "core") is False

"""Redis only accelerates: when it stops or hangs, every page is still served (uncached, from the
database), editors stay logged in, /healthz says so, and caching resumes by itself when it is back.

The portal runs under gunicorn against a redis-server of the test's own, which the test stops,
pauses (SIGSTOP: a host that no longer answers) and starts again.
"""

import json
import re
from urllib.parse import urlencode

from .conftest import ADMIN_USERNAME
from .processes import Browser, wait_until

PAGES = [
    "/",
    "/about/",
    "/history/",
    "/honors/",
    "/campuses/",
    "/departments/",
    "/departments/?from=singlemessage",
    "/experts/",
    "/equipment/",
    "/news/",
    "/news/feed/",
    "/guide/",
    "/search/",
    "/search/?" + urlencode({"q": "心内科"}),
    "/sitemap.xml",
    "/robots.txt",
]


def cached_pages(redis_server):
    client = redis_server.client()
    try:
        return len(client.keys("*page3:*"))
    finally:
        client.close()


def health(answer):
    return answer.status, json.loads(answer.body)


def main_content(html):
    return re.search(r"<main.*?</main>", html, re.DOTALL).group(0)


def test_with_redis_stopped_every_page_answers_and_caching_resumes_when_it_returns(
    new_cluster, app_server, own_redis, admin_password
):
    server = app_server(new_cluster().url(), workers=2, REDIS_URL=own_redis.url)
    workers = server.workers()
    visitor = Browser(server.port)
    for path in PAGES:
        assert visitor.get(path).status == 200, path
    assert cached_pages(own_redis) > 0
    editor = Browser(server.port)
    editor.log_in_to_admin(ADMIN_USERNAME, admin_password)

    own_redis.stop()
    for _ in range(2):
        for path in PAGES:
            answer = visitor.get(path)
            assert answer.status == 200, path
            assert answer.seconds < 1, path
    for answer in visitor.get_from_every_worker("/healthz", len(workers)):
        assert health(answer) == (200, {"status": "degraded", "database": "ok", "cache": "unavailable"})
    admin_index = editor.get("/admin/")  # the session is in the database, not in Redis
    assert admin_index.status == 200
    assert "内容管理" in admin_index.body

    own_redis.start()  # same address, empty
    wait_until(
        lambda: all(
            health(answer)[1]["cache"] == "ok" for answer in visitor.get_from_every_worker("/healthz", len(workers))
        ),
        timeout=5,
        what="every worker using the cache again",
        interval=0.2,
    )
    for path in PAGES:
        assert visitor.get(path).status == 200
    assert cached_pages(own_redis) > 0
    assert health(visitor.get("/healthz")) == (200, {"status": "ok", "database": "ok", "cache": "ok"})
    assert server.workers() == workers  # nothing was restarted


def test_a_hanging_redis_costs_each_worker_one_short_wait_and_an_edit_made_meanwhile_shows_when_it_returns(
    new_cluster, app_server, own_redis, admin_password
):
    cluster = new_cluster()
    server = app_server(cluster.url(), workers=2, REDIS_URL=own_redis.url)
    workers = server.workers()
    editor = Browser(server.port)
    editor.log_in_to_admin(ADMIN_USERNAME, admin_password)
    editor.save_in_admin("/admin/core/campus/add/", "campus", name="停机前院区", display_order="0")
    campus_id = cluster.sql("SELECT id FROM core_campus WHERE name = '停机前院区'", dbname="portal")
    visitor = Browser(server.port)
    for answer in visitor.get_from_every_worker("/campuses/", len(workers)):
        assert "停机前院区" in main_content(answer.body)  # now in Redis, under the current generation

    own_redis.pause()  # Redis keeps its data, the old generation and the old page among it
    saved = editor.save_in_admin(f"/admin/core/campus/{campus_id}/change/", "campus", name="停机后院区")
    assert saved.seconds < 3
    for _ in range(3):
        for answer in visitor.get_from_every_worker("/campuses/", len(workers)):
            assert answer.status == 200
            assert answer.seconds < 1.5  # at most one socket timeout, then Redis is left alone a while
            assert "停机后院区" in main_content(answer.body)

    own_redis.resume()
    # Once a worker reaches Redis again it moves the generation on: the page stored before the edit
    # is never served again, by any worker.
    wait_until(
        lambda: all(
            health(answer)[1]["cache"] == "ok" for answer in visitor.get_from_every_worker("/healthz", len(workers))
        ),
        timeout=5,
        what="every worker using the cache again",
        interval=0.2,
    )
    for _ in range(5):
        for answer in visitor.get_from_every_worker("/campuses/", len(workers)):
            assert "停机后院区" in main_content(answer.body)
            assert "停机前院区" not in answer.body

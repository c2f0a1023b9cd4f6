"""When PostgreSQL goes away the running site says so in Chinese, and recovers by itself when it returns.

The portal runs under gunicorn against a PostgreSQL cluster of the test's own, which the test
stops and starts again; the shared development cluster is never touched.
"""

import time

import pytest

from .processes import Browser, wait_until


@pytest.mark.parametrize(
    "pool, outage_seconds", [("false", 0), ("true", 17)], ids=["persistent connections", "connection pool"]
)
def test_database_outage_gets_the_chinese_503_page_and_the_server_recovers_without_a_restart(
    new_cluster, app_server, pool, outage_seconds
):
    cluster = new_cluster()
    server = app_server(cluster.url(), workers=2, DATABASE_POOL=pool)
    browser = Browser(server.port)
    assert browser.get("/healthz").status == 200
    assert browser.get("/campuses/").status == 200
    workers = server.workers()
    assert len(workers) == 2

    cluster.stop(mode="fast")
    stopped_at = time.monotonic()
    health = browser.get("/healthz")
    assert health.status == 503
    assert time.monotonic() - stopped_at < 2
    assert '"database": "unavailable"' in health.body

    page = browser.get("/departments/")  # a page the page cache does not hold
    assert page.status == 503
    assert "网站暂时无法访问" in page.body
    assert "如需急诊" in page.body
    assert "Traceback" not in page.body and "OperationalError" not in page.body
    assert page.header("Retry-After") == "30"
    assert page.header("Content-Security-Policy")
    # An editor's session is read before any view runs; that failure gets the same page.
    editor = Browser(server.port)
    editor.cookies["sessionid"] = "0" * 32
    page = editor.get("/campuses/")
    assert page.status == 503
    assert "网站暂时无法访问" in page.body

    # Every worker meets the outage, each answering within two seconds.
    for answer in browser.get_from_every_worker("/healthz", len(workers)):
        assert answer.status == 503
        assert answer.seconds < 2
    # A pool retries with a growing delay while the database is away (1, 3, 7, 15, 31 s after the
    # first failure): after this long an outage, a pool left to it would wait about 15 s more.
    time.sleep(max(0, stopped_at + outage_seconds - time.monotonic()))

    cluster.start()
    wait_until(
        lambda: {answer.status for answer in browser.get_from_every_worker("/healthz", len(workers))} == {200},
        timeout=6,
        what="every worker answering 200 again",
        interval=0.1,
    )
    # Once a worker has its database back it keeps it.
    for answer in browser.get_from_every_worker("/news/", len(workers)):
        assert answer.status == 200
        assert "新闻" in answer.body
    assert server.process.running()
    assert server.workers() == workers  # the same worker processes: nothing was restarted

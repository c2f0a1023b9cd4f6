"""When PostgreSQL goes away the running site says so in Chinese, and recovers by itself when it returns.

The portal runs under gunicorn against a PostgreSQL cluster of the test's own, which the test
stops and starts again; the shared development cluster is never touched.
"""

import time

import pytest

from .processes import Browser, wait_until


@pytest.mark.parametrize("pool", ["false", "true"], ids=["persistent connections", "connection pool"])
def test_database_outage_gets_the_chinese_503_page_and_the_server_recovers_without_a_restart(
    new_cluster, app_server, pool
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

    page = browser.get("/campuses/?during-the-outage")  # a page the page cache cannot answer
    assert page.status == 503
    assert "网站暂时无法访问" in page.body
    assert "如需急诊" in page.body
    assert "Traceback" not in page.body and "OperationalError" not in page.body
    assert page.header("Retry-After") == "30"
    assert page.header("Content-Security-Policy")
    # An editor's session is read before any view runs; that failure gets the same page.
    editor = Browser(server.port)
    editor.cookies["sessionid"] = "0" * 32
    page = editor.get("/campuses/?an-editor-during-the-outage")
    assert page.status == 503
    assert "网站暂时无法访问" in page.body
    # Every worker meets the outage, each answering within two seconds.
    for _ in range(6):
        answer = browser.get("/healthz")
        assert answer.status == 503
        assert answer.seconds < 2

    cluster.start()
    wait_until(
        lambda: all(browser.get("/healthz").status == 200 for _ in range(6)),
        timeout=15,
        what="every worker answering 200 again",
        interval=0.2,
    )
    page = browser.get("/campuses/?after-the-outage")
    assert page.status == 200
    assert "院区" in page.body
    assert server.process.running()
    assert server.workers() == workers  # the same worker processes: nothing was restarted

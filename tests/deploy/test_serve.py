"""`make serve`: refuses to start without its secrets or on any deploy warning; gunicorn's worker count follows
WEB_CONCURRENCY; the application is loaded once in gunicorn's master, so a new worker serves at once."""

import multiprocessing
import os
import re
import runpy
import signal
import subprocess
import time
import urllib.parse
from pathlib import Path

import pytest

from .processes import BASE_DIR, HOST, Browser, production_env, wait_until


def test_make_serve_refuses_to_start_without_its_secrets_and_says_which():
    environment = production_env()
    for name in ("SECRET_KEY", "DATABASE_URL"):
        environment.pop(name, None)

    done = subprocess.run(
        ["scripts/serve.sh"], env=environment, cwd=BASE_DIR, capture_output=True, text=True, timeout=30
    )

    assert done.returncode == 2
    assert "SECRET_KEY DATABASE_URL must be set in the environment" in done.stderr
    assert "ALLOWED_HOSTS" in done.stderr  # every required variable is explained
    assert done.stdout == ""  # nothing was migrated, collected or served


UNUSED_DATABASE = f"postgres://unused@{HOST}:9/unused"  # reached only if the checks let the start go on


@pytest.mark.parametrize(
    ("weakened", "refusals"),
    [
        (
            {"SECRET_KEY": "short", "SECURE_HSTS_SECONDS": "0", "SECURE_SSL_REDIRECT": "false"},
            ["security.W009", "security.W004", "security.W008"],
        ),
        ({"SITE_URL": ""}, ["core.E001", "必须设置 SITE_URL"]),
        ({"SITE_URL": f"http://{HOST}"}, ["core.E002"]),
        ({"SITE_URL": "https://www.example.org"}, ["core.E003", "不在 ALLOWED_HOSTS 中"]),
        ({}, ["core.E004", "REDIS_URL"]),
    ],
    ids=["short-key-no-hsts-no-redirect", "no-site-url", "http-site-url", "site-url-on-another-host", "no-redis"],
)
def test_make_serve_refuses_to_start_on_any_deploy_warning(weakened, refusals):
    environment = production_env(DATABASE_URL=UNUSED_DATABASE, **weakened)

    done = subprocess.run(
        ["scripts/serve.sh"], env=environment, cwd=BASE_DIR, capture_output=True, text=True, timeout=60
    )

    assert done.returncode != 0
    for refusal in refusals:
        assert refusal in done.stderr
    assert "SystemCheckError" in done.stderr
    assert "Connection refused" not in done.stderr  # stopped before migrating: the database was never asked


def test_gunicorn_runs_two_workers_per_core_plus_one_unless_told(monkeypatch):
    for name in ("WEB_CONCURRENCY", "BIND", "PORT", "GUNICORN_PRELOAD", "GUNICORN_MAX_REQUESTS"):
        monkeypatch.delenv(name, raising=False)
    default = runpy.run_path(str(BASE_DIR / "deploy" / "gunicorn.conf.py"))
    monkeypatch.setenv("WEB_CONCURRENCY", "3")
    monkeypatch.setenv("BIND", "127.0.0.1:8765")
    monkeypatch.setenv("GUNICORN_MAX_REQUESTS", "5000")
    told = runpy.run_path(str(BASE_DIR / "deploy" / "gunicorn.conf.py"))

    assert default["workers"] == multiprocessing.cpu_count() * 2 + 1
    assert default["worker_class"] == "sync"
    assert default["bind"] == "127.0.0.1:8000"
    assert told["workers"] == 3
    assert told["bind"] == "127.0.0.1:8765"
    assert default["preload_app"] is True
    assert default["max_requests"] == 0  # no recycling unless asked
    assert (told["max_requests"], told["max_requests_jitter"]) == (5000, 500)


def memory_kb(pid, field):
    return int(re.search(rf"^{field}:\s+(\d+) kB", Path(f"/proc/{pid}/smaps_rollup").read_text(), re.M).group(1))


def test_a_worker_that_replaces_another_serves_a_search_at_once_in_memory_shared_with_the_master(
    shared_cluster, app_server
):
    server = app_server(shared_cluster.url(), workers=1)
    browser = Browser(server.port)
    assert browser.get("/search/?q=" + urllib.parse.quote("胸痛")).status == 200
    (old,) = server.workers()

    os.kill(old, signal.SIGTERM)  # as gunicorn does when a worker is recycled or times out
    new = wait_until(lambda: server.workers() - {old}, timeout=30, what="a new worker forked")
    started = time.monotonic()
    answer = browser.get("/search/?q=" + urllib.parse.quote("神经外科"))
    seconds = time.monotonic() - started

    assert answer.status == 200
    assert "神经外科" in answer.body
    # Loading Django and jieba's dictionary in the worker itself took several seconds.
    assert seconds < 2, f"the new worker's first search took {seconds:.1f} s"
    (pid,) = new
    private = memory_kb(pid, "Private_Clean") + memory_kb(pid, "Private_Dirty")
    assert private < memory_kb(pid, "Rss") / 2  # the rest is the master's, shared

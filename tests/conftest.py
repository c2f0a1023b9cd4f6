"""Fixtures shared by every test: browser set-up for Debian's Chromium and common data."""

import os
from pathlib import Path
from types import SimpleNamespace

import pytest

# Playwright's sync API runs an event loop in the test thread; the ORM must still be usable there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"

PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 800}


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture(scope="session")
def playwright(django_db_setup, playwright):
    """pytest-playwright's, closing the database connection its tests used before it stops.

    While Playwright runs, its event loop counts as running in the test thread, and Django then keeps
    that thread's connections apart from those it had before (asgiref's Local, as for async code).
    The browser tests' connection would outlive them, and the test database could not be dropped.
    The test database is made first, so that it is dropped after Playwright stops, when the thread
    is back to its own connections, even in a run whose first test drives the browser.
    """
    yield playwright
    from django.db import connections

    connections.close_all()


@pytest.fixture(scope="session")
def live_server(django_db_setup, live_server):
    """pytest-django's, stopped (and its thread's connection closed) before the test database is dropped."""
    return live_server


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "zh-CN", "timezone_id": "Asia/Shanghai"}


@pytest.fixture
def artifacts_dir():
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture(autouse=True)
def _clear_cache(settings, tmp_path):
    """Each test starts with an empty cache, as a freshly deployed site would.

    The whole-page cache is off unless a test asks for it with the `page_cache` fixture, so that
    tests of rendering (and of query counts) measure the page, not the cache.
    """
    from django.core.cache import cache

    settings.PAGE_CACHE = False
    settings.PAGE_CACHE_GENERATION_FILE = tmp_path / "content-generation"
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _content_changes_count_at_once(request, monkeypatch):
    """A test's transaction is never committed: content changes move the generation when made.

    Tests with a real commit (`transactional_db`, the live server of browser journeys) keep Django's
    behaviour: the generation moves at the commit.
    """
    marker = request.node.get_closest_marker("django_db")
    if "transactional_db" in request.fixturenames or (marker and marker.kwargs.get("transaction")):
        return
    monkeypatch.setattr("apps.core.cache.transaction", SimpleNamespace(on_commit=lambda func, **options: func()))


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE = True
    return settings

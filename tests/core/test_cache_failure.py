"""With Redis unreachable (nothing listens on its port), every page is rendered from the database and
/healthz tells the cache apart; the gunicorn tests in tests/deploy/test_cache_outage.py stop a real one."""

import socket
import time

import pytest

from apps.core.cache import content_generation
from apps.core.models import Campus

pytestmark = pytest.mark.django_db


@pytest.fixture
def dead_redis(settings, page_cache):
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.CACHES = {
        "default": {
            "BACKEND": "apps.core.redis_cache.FailSafeRedisCache",
            "LOCATION": f"redis://127.0.0.1:{port}/0",
            "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.5},
        }
    }


def test_pages_are_rendered_from_the_database_and_an_edit_shows_at_once(client, dead_redis):
    Campus.objects.create(name="雁峰院区")
    started = time.monotonic()
    for path in ("/", "/campuses/", "/departments/?from=singlemessage", "/search/?q=院区", "/sitemap.xml"):
        assert client.get(path).status_code == 200, path
    assert time.monotonic() - started < 10
    assert content_generation() == 0  # nothing is cached meanwhile

    Campus.objects.filter(name="雁峰院区").update(name="华新院区")  # no signal: only a fresh render shows it
    assert "华新院区" in client.get("/campuses/").content.decode()


def test_healthz_says_the_cache_is_unavailable_and_the_site_up(client, dead_redis):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "degraded", "database": "ok", "cache": "unavailable"}

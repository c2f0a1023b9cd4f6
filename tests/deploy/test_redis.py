"""With REDIS_URL set, the cache and the sessions live in Redis (a private redis-server on a loopback port)."""

import pytest
import redis
from django.contrib.sessions.models import Session
from django.core.cache import cache

from apps.core.models import Campus

from .processes import production_env, settings_under

pytestmark = pytest.mark.django_db


@pytest.fixture
def redis_settings(settings, redis_url):
    """The cache and session settings hospital_portal/settings.py gives under REDIS_URL, applied to this test."""
    values = settings_under(production_env(REDIS_URL=redis_url), ["CACHES", "SESSION_ENGINE"])
    settings.CACHES = values["CACHES"]
    settings.SESSION_ENGINE = values["SESSION_ENGINE"]
    client = redis.Redis.from_url(redis_url)
    yield client
    client.close()


def keys(client):
    return [key.decode() for key in client.keys("*")]


def test_without_redis_url_the_cache_is_local_memory():
    values = settings_under(production_env(), ["CACHES", "SESSION_ENGINE"])
    assert values["CACHES"]["default"]["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"
    assert values["SESSION_ENGINE"] == "django.contrib.sessions.backends.db"


def test_cache_entries_are_written_to_and_read_from_redis(client, redis_settings):
    cache.set("deploy-test", "衡阳市中心医院", 60)

    assert cache.get("deploy-test") == "衡阳市中心医院"
    assert any(key.endswith("deploy-test") for key in keys(redis_settings))

    Campus.objects.create(name="雁峰院区")
    assert "雁峰院区" in client.get("/campuses/").content.decode()
    # The footer's campuses were cached by the page, in Redis.
    assert any(key.endswith("core:footer-campuses") for key in keys(redis_settings))


def test_an_admin_session_is_kept_in_redis_and_read_back(client, redis_settings, django_user_model):
    django_user_model.objects.create_superuser("redis-admin", password="测试用的长密码-redis-2026")

    answer = client.post(
        "/admin/login/?next=/admin/", {"username": "redis-admin", "password": "测试用的长密码-redis-2026"}
    )

    assert answer.status_code == 302
    session_key = client.cookies["sessionid"].value
    assert any(key.endswith(session_key) for key in keys(redis_settings))
    assert not Session.objects.exists()  # nothing in the database's session table
    assert client.get("/admin/").status_code == 200  # the session read back from Redis

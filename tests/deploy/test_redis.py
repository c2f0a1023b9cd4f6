"""With REDIS_URL set, the cache lives in Redis (a private redis-server on a loopback port); sessions stay in
the database, so that neither an outage nor an eviction of Redis logs an editor out."""

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


def test_with_redis_url_the_cache_is_redis_with_short_timeouts_and_sessions_stay_in_the_database(redis_url):
    values = settings_under(production_env(REDIS_URL=redis_url), ["CACHES", "SESSION_ENGINE"])
    assert values["CACHES"]["default"]["BACKEND"] == "apps.core.redis_cache.FailSafeRedisCache"
    assert values["CACHES"]["default"]["OPTIONS"]["socket_connect_timeout"] <= 0.5
    assert values["CACHES"]["default"]["OPTIONS"]["socket_timeout"] <= 1
    assert values["SESSION_ENGINE"] == "django.contrib.sessions.backends.db"


def test_cache_entries_are_written_to_and_read_from_redis(client, redis_settings):
    cache.set("deploy-test", "衡阳市中心医院", 60)

    assert cache.get("deploy-test") == "衡阳市中心医院"
    assert any(key.endswith("deploy-test") for key in keys(redis_settings))

    Campus.objects.create(name="雁峰院区")
    assert "雁峰院区" in client.get("/campuses/").content.decode()
    # The footer's campuses were cached by the page, in Redis.
    assert any("core:footer-campuses" in key for key in keys(redis_settings))


def test_an_admin_session_is_kept_in_the_database_not_in_redis(client, redis_settings, django_user_model):
    django_user_model.objects.create_superuser("redis-admin", password="测试用的长密码-redis-2026")

    answer = client.post(
        "/admin/login/?next=/admin/", {"username": "redis-admin", "password": "测试用的长密码-redis-2026"}
    )

    assert answer.status_code == 302
    session_key = client.cookies["sessionid"].value
    assert Session.objects.filter(session_key=session_key).exists()
    assert not any(session_key in key for key in keys(redis_settings))
    assert client.get("/admin/").status_code == 200

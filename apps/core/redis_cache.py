"""Django's Redis cache backend, made an accelerator the site never depends on.

When Redis cannot be reached (stopped, restarted, unreachable, out of memory), every cache operation
answers as a miss: reads return their default, writes do nothing. Pages are then rendered from the
database, uncached. After a connection failure the process leaves Redis alone for `RETRY_AFTER`
seconds (so a dead Redis costs one short timeout per process and interval, not one per operation),
then tries again: caching resumes within seconds of Redis' return, without a restart.

`outages` counts the failures that started an interval in this process: apps.core.cache uses it to
move the content generation on once Redis is back, since an edit made meanwhile could not.
"""

import logging
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import RedisError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

DEFAULT_RETRY_AFTER = 2


class FailSafeRedisCache(RedisCache):
    """RedisCache whose failures are misses; `available` is False while Redis is being left alone."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self.retry_after = params.get("RETRY_AFTER", DEFAULT_RETRY_AFTER)
        self.outages = 0
        self._unavailable_until = 0.0

    @property
    def available(self):
        return time.monotonic() >= self._unavailable_until

    def _attempt(self, operation, fallback, *args, **kwargs):
        if not self.available:
            return fallback
        try:
            result = operation(*args, **kwargs)
        except (RedisConnectionError, RedisTimeoutError) as error:
            if self._unavailable_until == 0.0:
                logger.error("cache unavailable, serving without it: %s", error)
            self.outages += 1
            self._unavailable_until = time.monotonic() + self.retry_after
            return fallback
        except RedisError as error:  # e.g. OOM under maxmemory with noeviction: this entry only
            logger.warning("cache operation refused: %s", error)
            return fallback
        if self._unavailable_until:
            logger.warning("cache available again")
            self._unavailable_until = 0.0
        return result

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._attempt(super().add, False, key, value, timeout, version)

    def get(self, key, default=None, version=None):
        return self._attempt(super().get, default, key, default, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._attempt(super().set, None, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._attempt(super().touch, False, key, timeout, version)

    def delete(self, key, version=None):
        return self._attempt(super().delete, False, key, version)

    def get_many(self, keys, version=None):
        return self._attempt(super().get_many, {}, keys, version)

    def has_key(self, key, version=None):
        return self._attempt(super().has_key, False, key, version)

    def incr(self, key, delta=1, version=None):
        # A missing key raises ValueError (Django's contract): an unreachable cache holds no key.
        result = self._attempt(super().incr, None, key, delta, version)
        if result is None:
            raise ValueError(f"Key '{key}' not found")
        return result

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._attempt(super().set_many, list(data), data, timeout, version)

    def delete_many(self, keys, version=None):
        return self._attempt(super().delete_many, None, keys, version)

    def clear(self):
        return self._attempt(super().clear, False)

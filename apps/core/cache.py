"""Whole-page cache for visitors, emptied by any content edit and by scheduled content going live.

Anonymous GET requests for public pages are answered from the cache. Every cache key carries the
"content generation"; saving or deleting any content record moves the generation on, so the next
request renders afresh in every worker at once. The generation also records when the next
scheduled item goes live, and moves on by itself at that moment: no background job is needed.

With a shared cache (Redis) the generation lives in the cache. With the per-process local-memory
cache it lives in a small file, so that every worker process of one machine sees an edit made
through any other. Whatever else a process keeps of the content (the footer's campuses, the
navigation, the search dictionary) is keyed on the generation too.

Right after an edit, while one request renders a page afresh, the others asking for it get the page
as it was for up to STALE_GRACE seconds (X-Cache: stale) rather than queue behind that render; after
that they wait for it. No reader gets the old page once the edit is a second old.

A page is keyed on the query parameters its view reads, listed in the view's `query_parameters`
(function views: `reads_query_parameters`); the view sees only those, so `?utm_source=…` or
WeChat's `?from=singlemessage` get the cached canonical page.
"""

import functools
import hashlib
import os
import threading
import time
from contextlib import contextmanager
from email.utils import formatdate
from pathlib import Path
from typing import NamedTuple
from urllib.parse import urlencode

from django.apps import apps
from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.locmem import LocMemCache
from django.db import transaction
from django.db.models import Min
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse, QueryDict
from django.middleware.gzip import GZipMiddleware, re_accepts_gzip
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers, set_response_etag
from django.utils.text import compress_string

from .models import PublishableModel

GENERATION_KEY = "core:content-generation"
PAGE_TIMEOUT = 60 * 60
# After an edit every page is a miss at once: one request renders each page, the others for the same page
# wait up to RENDER_WAIT seconds for it (checking every RENDER_POLL) instead of rendering it too.
RENDER_WAIT = 2.0
RENDER_POLL = 0.05
STALE_GRACE = 0.8
EXCLUDED_PREFIXES = ("/admin/", "/ckeditor5/", "/healthz", "/static/", "/media/")


def _generation_file():
    return Path(getattr(settings, "PAGE_CACHE_GENERATION_FILE", Path(settings.BASE_DIR) / "var" / "content-generation"))


def _cache_is_shared():
    return not isinstance(caches["default"], LocMemCache)


def _next_publish_time():
    """When the next scheduled item of any publishable model goes live, as a timestamp (0: none)."""
    now = timezone.now()
    times = []
    for model in apps.get_models():
        if issubclass(model, PublishableModel):
            upcoming = model._default_manager.filter(
                status=PublishableModel.Status.PUBLISHED, published_at__gt=now
            ).aggregate(next=Min("published_at"))["next"]
            if upcoming:
                times.append(upcoming.timestamp())
    return min(times, default=0)


class Generation(NamedTuple):
    number: int  # when it began, in ns
    next_publish: float  # when the next scheduled item goes live (0: none)
    previous: int = 0  # a generation whose pages may stand in for a moment after an edit (0: none)
    previous_ended: int = 0  # when that one stopped being current, in ns

    @property
    def stand_in(self):
        """The generation whose pages may be shown while this one's are rendered, or None."""
        if self.previous and time.time_ns() - self.previous_ended < STALE_GRACE * 1e9:
            return self.previous
        return None


def _read():
    if _cache_is_shared():
        value = cache.get(GENERATION_KEY)
    else:
        try:
            value = _generation_file().read_text().split()
        except FileNotFoundError:
            value = None
    try:
        number, next_publish, previous, previous_ended = value
        return Generation(int(number), float(next_publish), int(previous), int(previous_ended))
    except (TypeError, ValueError):
        return None  # none yet, or written by an older release


def bump_content_generation(stand_in=True):
    """Moves the generation on; `stand_in=False` when no page from before may be shown even for a moment."""
    now, current = time.time_ns(), _read()
    if current is None or not stand_in:
        value = Generation(now, _next_publish_time())
    elif now - current.number < STALE_GRACE * 1e9:
        # Edits in quick succession (an admin save of several records moves it once for each): the pages
        # worth standing in are those from before the first move.
        value = Generation(now, _next_publish_time(), current.previous, current.previous_ended)
    else:
        value = Generation(now, _next_publish_time(), current.number, now)
    if _cache_is_shared():
        cache.set(GENERATION_KEY, tuple(value), None)
    else:
        path = _generation_file()
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(f".{os.getpid()}")
        temporary.write_text(" ".join(str(part) for part in value))
        temporary.replace(path)
    return value


_outages_seen = 0


def _back_after_an_outage():
    """True once per cache outage this process saw, when the cache answers again.

    An edit made during the outage could not move the generation in the cache, so pages stored
    before it would come back with the cache.
    """
    global _outages_seen
    outages = getattr(cache, "outages", 0)
    if outages == _outages_seen:
        return False
    _outages_seen = outages
    return True


def current_generation():
    """The content generation (number 0 while the cache is down: nothing is stored or read meanwhile)."""
    value = _read()
    if not getattr(cache, "available", True):
        return Generation(0, 0)  # apps.core.redis_cache
    if _back_after_an_outage():
        value = bump_content_generation(stand_in=False)  # an edit made meanwhile did not reach the cache
    elif value is None or (value.next_publish and time.time() >= value.next_publish):
        value = bump_content_generation()
    return value


def content_generation():
    """A value that changes whenever visitors' pages may have changed (0 while the cache is down)."""
    return current_generation().number


def cached_per_generation(key, compute):
    """`compute()`, kept in the cache under `key` until the content generation moves on (any edit)."""
    return cache.get_or_set(f"{key}:{content_generation()}", compute, PAGE_TIMEOUT)


_suspended = threading.local()


@contextmanager
def invalidation_deferred():
    """Within this block, content changes empty the page cache once, at the end (for bulk jobs)."""
    if getattr(_suspended, "active", False):
        yield
        return
    _suspended.active, _suspended.changed = True, False
    try:
        yield
    finally:
        changed = _suspended.changed
        _suspended.active = False
        if changed:
            transaction.on_commit(bump_content_generation)


def _content_changed(sender, **kwargs):
    if kwargs.get("raw"):
        return
    if getattr(_suspended, "active", False):
        _suspended.changed = True
        return
    # When the change is visible to other requests (at once outside a transaction). Until then they read the
    # old rows, and the pages they store belong to the generation that is still current.
    transaction.on_commit(bump_content_generation)


def connect_invalidation():
    """Any save or delete of a model editors edit (an app with `editor_roles`) empties the page cache,
    unless its app says visitors never see its records (`shown_to_visitors = False`)."""
    for app_config in apps.get_app_configs():
        if not getattr(app_config, "editor_roles", None) or not getattr(app_config, "shown_to_visitors", True):
            continue
        for model in app_config.get_models():
            uid = f"page-cache:{model._meta.label}"
            post_save.connect(_content_changed, sender=model, dispatch_uid=f"{uid}:save")
            post_delete.connect(_content_changed, sender=model, dispatch_uid=f"{uid}:delete")
            for field in model._meta.local_many_to_many:
                through = field.remote_field.through
                m2m_changed.connect(_content_changed, sender=through, dispatch_uid=f"{uid}:{field.name}")


def gzipped_copy(response):
    """The response compressed as GZipMiddleware would (weak ETag, Vary), or None when not worth it."""
    if len(response.content) < 200 or response.has_header("Content-Encoding"):
        return None
    patch_vary_headers(response, ("Accept-Encoding",))
    compressed = HttpResponse(
        compress_string(response.content, max_random_bytes=GZipMiddleware.max_random_bytes),
        status=response.status_code,
    )
    for header, value in response.items():
        compressed[header] = value
    if compressed.get("ETag", "").startswith('"'):
        compressed["ETag"] = "W/" + compressed["ETag"]
    compressed["Content-Encoding"] = "gzip"
    compressed["Content-Length"] = str(len(compressed.content))
    return compressed


def reads_query_parameters(*names):
    """Declares the query parameters a function view reads (a class-based view sets `query_parameters`)."""

    def decorate(view):
        @functools.wraps(view)
        def wrapped(*args, **kwargs):
            return view(*args, **kwargs)

        wrapped.query_parameters = names
        return wrapped

    return decorate


def declared_query(request, view_func):
    """The request's query reduced to the parameters the view declares it reads, in a fixed order."""
    names = getattr(getattr(view_func, "view_class", view_func), "query_parameters", ())
    pairs = [(name, value) for name in sorted(names) for value in request.GET.getlist(name)]
    return QueryDict(urlencode(pairs), encoding=request.encoding)


class PageCacheMiddleware:
    """Serves visitors' pages from the cache; logged-in editors always get a fresh page.

    The lookup happens once the URL is resolved (process_view), since the key depends on the view.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        key = getattr(request, "page_cache_key", None)
        if key is None:
            return response
        response["X-Cache"] = "miss"
        try:
            return self._store(request, key, response)
        finally:
            cache.delete(f"{key}:rendering")  # requests waiting for this render take the stored page

    def _store(self, request, key, response):
        if not self._storable(response):
            return response
        response["Last-Modified"] = formatdate(time.time(), usegmt=True)
        patch_cache_control(response, max_age=0, must_revalidate=True)
        # The ETag and the gzip copy are made once here, not by the middleware above on every hit.
        set_response_etag(response)
        compressed = gzipped_copy(response)
        cache.set(key, (response, compressed), PAGE_TIMEOUT)
        if self._wants_gzip(request) and compressed is not None:
            return compressed
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not self._cacheable(request):
            return None
        # The view sees only what the key holds: a parameter it does not read cannot change the page.
        request.GET = declared_query(request, view_func)
        generation = current_generation()
        key = self._key(request, generation.number)
        cached, source = cache.get(key), "hit"
        if cached is None and not self._claim_render(key):
            cached, source = self._stand_in(request, generation), "stale"
            if cached is None:
                cached, source = self._wait_for_render(key), "hit"
        if cached is not None:
            plain, compressed = cached
            answer = compressed if self._wants_gzip(request) and compressed is not None else plain
            answer["X-Cache"] = source  # tells operators and `make soak` which answers came from the cache
            return answer
        request.page_cache_key = key
        return None

    def _stand_in(self, request, generation):
        """The page as it was before an edit under STALE_GRACE seconds old, if the cache still holds it."""
        previous = generation.stand_in
        return None if previous is None else cache.get(self._key(request, previous))

    @staticmethod
    def _claim_render(key):
        """True when this request is to render the page: no other request is rendering it, or no cache."""
        return cache.add(f"{key}:rendering", 1, RENDER_WAIT * 5) or not getattr(cache, "available", True)

    @staticmethod
    def _wait_for_render(key):
        """The page another request is rendering, once stored; None when it takes longer than RENDER_WAIT."""
        deadline = time.monotonic() + RENDER_WAIT
        while time.monotonic() < deadline and getattr(cache, "available", True):
            time.sleep(RENDER_POLL)
            cached = cache.get(key)
            if cached is not None:
                return cached
        return None

    @staticmethod
    def _wants_gzip(request):
        return bool(re_accepts_gzip.search(request.headers.get("Accept-Encoding", "")))

    @staticmethod
    def _cacheable(request):
        return (
            getattr(settings, "PAGE_CACHE", True)
            and request.method in ("GET", "HEAD")
            and not request.path_info.startswith(EXCLUDED_PREFIXES)
            and not request.user.is_authenticated
        )

    @staticmethod
    def _key(request, generation=None):
        if generation is None:
            generation = content_generation()
        query = request.GET.urlencode()
        raw = f"{request.method}|{request.get_host()}|{request.path}?{query}"
        digest = hashlib.md5(raw.encode("utf-8", "surrogateescape"), usedforsecurity=False).hexdigest()
        # The date is part of the key: pages such as an expert's coming seven days change at midnight.
        # "page3": entries are (page, gzip copy) pairs, keyed on the declared parameters; a shared cache
        # may still hold entries of the previous release for up to PAGE_TIMEOUT, under older prefixes.
        return f"page3:{generation}:{timezone.localdate():%Y%m%d}:{digest}"

    @staticmethod
    def _storable(response):
        cache_control = response.get("Cache-Control", "")
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and "private" not in cache_control
            and "no-store" not in cache_control
            and "no-cache" not in cache_control
        )

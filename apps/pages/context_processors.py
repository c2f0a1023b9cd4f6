"""The published patient-service pages, for the main navigation."""

from django.core.cache import cache

from apps.core.cache import PAGE_TIMEOUT, content_generation

from .models import ServicePage

NAVIGATION_CACHE_KEY = "pages:service-navigation"


def service_navigation(request):
    # Keyed on the content generation, which also moves on when a scheduled page goes live.
    key = f"{NAVIGATION_CACHE_KEY}:{content_generation()}"
    items = cache.get(key)
    if items is None:
        pages = ServicePage.objects.published().only("title", "slug")
        items = [(page.get_absolute_url(), page.title) for page in pages]
        cache.set(key, items, PAGE_TIMEOUT)
    return {"service_navigation": items}

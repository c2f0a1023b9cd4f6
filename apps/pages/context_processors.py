"""The published patient-service pages, for the main navigation, and their addresses by purpose (预约挂号, 联系我们)."""

from django.core.cache import cache

from apps.core.cache import PAGE_TIMEOUT, content_generation

from .models import ServicePage

NAVIGATION_CACHE_KEY = "pages:service-navigation:with-purposes"


def service_navigation(request):
    # Keyed on the content generation, which also moves on when a scheduled page goes live.
    key = f"{NAVIGATION_CACHE_KEY}:{content_generation()}"
    cached = cache.get(key)
    if cached is None:
        pages = ServicePage.objects.published().only("title", "slug", "purpose")
        items = [(page.get_absolute_url(), page.title) for page in pages]
        urls = {page.purpose: page.get_absolute_url() for page in pages if page.purpose}
        cached = (items, urls)
        cache.set(key, cached, PAGE_TIMEOUT)
    items, urls = cached
    return {"service_navigation": items, "service_urls": urls}

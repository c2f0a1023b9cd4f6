"""The published patient-service pages, for the main navigation, and their addresses by purpose (预约挂号, 联系我们)."""

from apps.core.cache import cached_per_generation

from .models import ServicePage

NAVIGATION_CACHE_KEY = "pages:service-navigation:with-purposes"


def service_navigation(request):
    # Keyed on the content generation, which also moves on when a scheduled page goes live.
    items, urls = cached_per_generation(NAVIGATION_CACHE_KEY, _published_pages)
    return {"service_navigation": items, "service_urls": urls}


def _published_pages():
    """(url, title) of each published page, and the addresses of those with a purpose."""
    pages = ServicePage.objects.published().only("title", "slug", "purpose")
    items = [(page.get_absolute_url(), page.title) for page in pages]
    urls = {page.purpose: page.get_absolute_url() for page in pages if page.purpose}
    return items, urls

"""The published patient-service pages, for the main navigation, and their addresses by purpose (预约挂号, 联系我们)."""

from django.core.cache import cache
from django.utils import timezone

from .models import ServicePage

NAVIGATION_CACHE_KEY = "pages:service-navigation:with-purposes"


def service_navigation(request):
    cached = cache.get(NAVIGATION_CACHE_KEY)
    if cached is None:
        now = timezone.now()
        pages = ServicePage.objects.filter(status=ServicePage.Status.PUBLISHED).only(
            "title", "slug", "published_at", "purpose"
        )
        items, urls, upcoming = [], {}, []
        for page in pages:
            if page.published_at <= now:
                items.append((page.get_absolute_url(), page.title))
                if page.purpose:
                    urls[page.purpose] = page.get_absolute_url()
            else:
                upcoming.append(page.published_at)
        # A scheduled page joins the navigation at its publish time, without any job.
        timeout = 300
        if upcoming:
            timeout = max(1, min(timeout, int((min(upcoming) - now).total_seconds()) + 1))
        cached = (items, urls)
        cache.set(NAVIGATION_CACHE_KEY, cached, timeout)
    items, urls = cached
    return {"service_navigation": items, "service_urls": urls}

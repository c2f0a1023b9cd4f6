"""The published patient-service pages, for the main navigation."""

from django.core.cache import cache
from django.utils import timezone

from .models import ServicePage

NAVIGATION_CACHE_KEY = "pages:service-navigation"


def service_navigation(request):
    items = cache.get(NAVIGATION_CACHE_KEY)
    if items is None:
        now = timezone.now()
        pages = ServicePage.objects.filter(status=ServicePage.Status.PUBLISHED).only("title", "slug", "published_at")
        items, upcoming = [], []
        for page in pages:
            if page.published_at <= now:
                items.append((page.get_absolute_url(), page.title))
            else:
                upcoming.append(page.published_at)
        # A scheduled page joins the navigation at its publish time, without any job.
        timeout = 300
        if upcoming:
            timeout = max(1, min(timeout, int((min(upcoming) - now).total_seconds()) + 1))
        cache.set(NAVIGATION_CACHE_KEY, items, timeout)
    return {"service_navigation": items}

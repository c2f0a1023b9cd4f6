"""The published patient-service pages, for the main navigation."""

from django.core.cache import cache
from django.utils import timezone

from .models import ServicePage

NAVIGATION_CACHE_KEY = "pages:service-navigation"


def service_navigation(request):
    items = cache.get(NAVIGATION_CACHE_KEY)
    if items is None:
        pages = list(ServicePage.objects.published().only("title", "slug"))
        items = [(page.get_absolute_url(), page.title) for page in pages]
        # A scheduled page joins the navigation at its publish time, without any job.
        upcoming = (
            ServicePage.objects.filter(status=ServicePage.Status.PUBLISHED, published_at__gt=timezone.now())
            .order_by("published_at")
            .values_list("published_at", flat=True)
            .first()
        )
        timeout = 300
        if upcoming:
            timeout = max(1, min(timeout, int((upcoming - timezone.now()).total_seconds()) + 1))
        cache.set(NAVIGATION_CACHE_KEY, items, timeout)
    return {"service_navigation": items}

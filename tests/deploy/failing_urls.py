"""The portal's URLs plus one page that fails, for the test that follows an error to Sentry."""

from django.urls import path

from hospital_portal.urls import handler400, handler404, handler500
from hospital_portal.urls import urlpatterns as portal_urlpatterns

__all__ = ["handler400", "handler404", "handler500", "urlpatterns"]


def failing_page(request):
    raise RuntimeError("a failing page for the Sentry test")


urlpatterns = [path("failing/", failing_page), *portal_urlpatterns]

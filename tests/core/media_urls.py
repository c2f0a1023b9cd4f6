"""The site's URLs plus media served the way `DEBUG` serves it (django.conf.urls.static), for tests."""

from django.conf import settings
from django.urls import re_path
from django.views.static import serve

from hospital_portal.urls import urlpatterns as site_urlpatterns


def media(request, path):
    # static() fixes MEDIA_ROOT when the module is imported; tests give each test its own MEDIA_ROOT.
    return serve(request, path, document_root=settings.MEDIA_ROOT)


# First: the site's own static() route exists too when hospital_portal.urls was imported with DEBUG on
# (at test collection), and it serves the MEDIA_ROOT of that moment.
urlpatterns = [re_path(r"^media/(?P<path>.*)$", media), *site_urlpatterns]

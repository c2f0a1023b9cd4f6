"""The site's URLs plus media served the way `DEBUG` serves it (django.conf.urls.static), for tests."""

from django.conf import settings
from django.urls import re_path
from django.views.static import serve

from hospital_portal.urls import urlpatterns as site_urlpatterns


def media(request, path):
    # static() fixes MEDIA_ROOT when the module is imported; tests give each test its own MEDIA_ROOT.
    return serve(request, path, document_root=settings.MEDIA_ROOT)


urlpatterns = [*site_urlpatterns, re_path(r"^media/(?P<path>.*)$", media)]

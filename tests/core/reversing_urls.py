"""A URLconf that puts departments elsewhere, for tests of cached_reverse()."""

from django.http import HttpResponse
from django.urls import include, path

department_patterns = ([path("<slug:slug>/", lambda request, slug: HttpResponse(slug), name="detail")], "departments")

urlpatterns = [path("elsewhere/", include(department_patterns))]

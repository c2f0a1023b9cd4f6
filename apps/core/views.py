"""Site-wide views: health check, robots.txt, error pages and the page for sections still being built."""

from django.db import DatabaseError, connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django.views.generic import ListView, TemplateView

from .context_processors import base_context
from .models import Campus


@never_cache
@require_safe
def healthz(request):
    """200 when the application and its database answer, 503 otherwise."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


@require_safe
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /ckeditor5/",
        "Disallow: /search/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


class SectionUnderConstructionView(TemplateView):
    """A section of the URL contract whose content has not been published yet."""

    template_name = "core/under_construction.html"
    section_title = ""

    def get_context_data(self, **kwargs):
        return super().get_context_data(section_title=self.section_title, **kwargs)


def bad_request(request, exception=None):
    return render(request, "400.html", status=400)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # Rendered without context processors or database: the failure may be the database itself.
    return HttpResponse(render_to_string("500.html", base_context()), status=500)


class CampusListView(ListView):
    template_name = "core/campus_list.html"
    context_object_name = "campuses"

    def get_queryset(self):
        return Campus.objects.all()

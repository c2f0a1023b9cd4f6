"""Site-wide views: health check, robots.txt, error pages, campuses and the editor's image upload."""

import os
import secrets

from django.conf import settings
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import DatabaseError, connection
from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST, require_safe
from django.views.generic import ListView

from .context_processors import base_context
from .images import validate_image
from .models import Campus, OldSlug, UploadedImage


@never_cache
@require_safe
def healthz(request):
    """The database's and the cache's state, as JSON; 503 only when pages cannot be served.

    Without the database nothing can be served (503, "error"). Without the cache pages are served
    uncached: 200, "degraded", so that a load balancer keeps the server while monitoring sees it.
    """
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        database = "ok"
    except DatabaseError:
        database = "unavailable"
    cache_state = "ok" if _cache_answers() else "unavailable"
    status = {("ok", "ok"): "ok", ("ok", "unavailable"): "degraded"}.get((database, cache_state), "error")
    return JsonResponse(
        {"status": status, "database": database, "cache": cache_state}, status=200 if database == "ok" else 503
    )


def _cache_answers():
    """A value written to the cache reads back (apps.core.redis_cache turns a failing Redis into misses)."""
    key, token = f"core:healthz:{os.getpid()}", secrets.token_hex(8)
    cache.set(key, token, 60)
    return cache.get(key) == token


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


def bad_request(request, exception=None):
    return render(request, "400.html", status=400)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def permission_denied(request, exception=None):
    """403 in Chinese: in the admin's own look, with a way back, for admin pages; the site's look elsewhere."""
    if not request.path.startswith(reverse("admin:index")):
        return render(request, "403.html", status=403)
    referer = request.headers.get("Referer", "")
    back = referer if referer and url_has_allowed_host_and_scheme(referer, {request.get_host()}) else ""
    context = {**admin.site.each_context(request), "title": gettext("没有权限"), "back_url": back}
    return render(request, "admin/403.html", context, status=403)


def server_error(request):
    # Rendered without context processors or database: the failure may be the database itself.
    return HttpResponse(render_to_string("500.html", base_context()), status=500)


class CampusListView(ListView):
    template_name = "core/campus_list.html"
    context_object_name = "campuses"

    def get_queryset(self):
        return Campus.objects.all()


# What a multipart request adds to the file it carries (boundaries, headers, the CSRF field).
MULTIPART_ALLOWANCE = 64 * 1024


def _may_upload_images(user):
    return user.is_active and user.is_staff and user.has_perm("core.add_uploadedimage")


def _error(message, status):
    return JsonResponse({"error": {"message": message}}, status=status)


@csrf_exempt  # the CSRF check reads the body: an oversized one is refused first, unread; see _receive_editor_image
@require_POST
def upload_editor_image(request):
    """Image upload from CKEditor: only for editors allowed to upload, through the same checks as any image.

    Answers what CKEditor's upload adapter reads: `{"url": …}`, or `{"error": {"message": …}}` shown to the editor.
    A request whose Content-Length already says the file is over the limit is refused before its body is read.
    """
    if not _may_upload_images(request.user):
        return _error(gettext("您没有上传图片的权限。"), 403)
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    limit = settings.MAX_IMAGE_UPLOAD_BYTES
    if length > limit + MULTIPART_ALLOWANCE:
        message = gettext("图片文件太大（%(size).1f MB），请上传不超过 %(limit)d MB 的图片。") % {
            "size": length / 1024 / 1024,
            "limit": limit // 1024 // 1024,
        }
        return _error(message, 413)
    return _receive_editor_image(request)


@csrf_protect
def _receive_editor_image(request):
    user = request.user
    upload = request.FILES.get("upload")
    if upload is None:
        return _error(gettext("没有收到图片文件，请重新选择。"), 400)
    try:
        # Before the model exists: building it would already read the file for its dimensions.
        validate_image(upload)
        record = UploadedImage(image=upload, uploaded_by=user)
        record.full_clean()
    except ValidationError as error:
        messages = error.message_dict.get("image", error.messages) if hasattr(error, "error_dict") else error.messages
        return _error(" ".join(messages), 400)
    record.save()
    return JsonResponse({"url": record.image.url})


class PublishedForVisitorsMixin:
    """Detail views: visitors see what visible_to_visitors() lets through; editors may preview the rest.

    One rule for every content type: an editor is an admin user (is_staff) with the model's change
    permission. An account taken out of the admin keeps its groups but previews nothing.
    """

    def get_queryset(self):
        queryset = super().get_queryset()
        return queryset if self.may_preview() else self.visible_to_visitors(queryset)

    def visible_to_visitors(self, queryset):
        """The records a visitor may see; a model whose rule is not published() overrides this."""
        return queryset.published()

    def may_preview(self):
        opts = self.model._meta
        user = self.request.user
        return user.is_staff and user.has_perm(f"{opts.app_label}.change_{opts.model_name}")


class OldSlugRedirectMixin:
    """Detail views: an address with a record's former slug answers 301 to its current address."""

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            slug = kwargs.get(self.slug_url_kwarg)
            content_type = ContentType.objects.get_for_model(self.model, for_concrete_model=False)
            old = OldSlug.objects.filter(content_type=content_type, slug=slug).first()
            # Only the record itself is needed for its address, not what the page shows with it.
            target = old and self.get_queryset().prefetch_related(None).filter(pk=old.object_id).first()
            if not target:
                raise
            return HttpResponsePermanentRedirect(self.get_current_url(target))

    def get_current_url(self, record):
        """Where the former slug sends the visitor: the record's page, or the same view's address under the new slug."""
        return record.get_absolute_url()

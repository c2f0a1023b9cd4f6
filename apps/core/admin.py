"""Admin building blocks for every content app: version history with revert and recovery, publishing; and
the media library (图片库)."""

import reversion
from django.contrib import admin, messages
from django.db import models
from django.http import Http404, JsonResponse
from django.urls import path
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from reversion.admin import VersionAdmin

from .images import PortalImageField
from .library import LibraryImageWidget, thumbnail, usages
from .models import Campus, UploadedImage
from .richtext import RichTextFormField

# A web address typed without its scheme ("www.example.org/...") is saved with https, as Django 6 will do
# by default; an editor who means http types it.
URL_FIELDS_ASSUME_HTTPS = {models.URLField: {"assume_scheme": "https"}}


class ContentAdmin(VersionAdmin):
    """Every change is recorded (who, when, what) and can be reverted; deleted records can be recovered.

    Image fields can take an image from the media library instead of a new upload; rich-text fields can
    insert one (static/js/admin-library.js).
    """

    save_on_top = True
    formfield_overrides = {**URL_FIELDS_ASSUME_HTTPS, PortalImageField: {"widget": LibraryImageWidget}}

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        for field in form.base_fields.values():
            if isinstance(field, RichTextFormField):
                field.uploaded_by = request.user  # images copied from other sites are this editor's uploads
        return form

    class Media:
        js = ("js/admin-library.js",)


class PublishableAdmin(ContentAdmin):
    """Content with a draft/published status and a publish time; the site link previews a draft."""

    list_filter = ("status",)
    date_hierarchy = "published_at"
    actions = ("publish_now", "unpublish")

    @admin.display(description=_("线上状态"))
    def publication_state(self, obj):
        if obj.status != obj.Status.PUBLISHED:
            return _("草稿")
        if obj.published_at > timezone.now():
            return _("定时发布（%(time)s）") % {"time": timezone.localtime(obj.published_at).strftime("%Y-%m-%d %H:%M")}
        return _("已发布")

    def _set_status(self, request, queryset, status, comment):
        # One revision per action, so the change shows in each record's history and can be reverted.
        with reversion.create_revision():
            reversion.set_user(request.user)
            reversion.set_comment(comment)
            for obj in queryset:
                obj.status = status
                if status == obj.Status.PUBLISHED:
                    obj.published_at = min(obj.published_at, timezone.now())
                obj.save()
        return len(queryset)

    @admin.action(description=_("立即发布所选内容"), permissions=["change"])
    def publish_now(self, request, queryset):
        count = self._set_status(request, queryset, queryset.model.Status.PUBLISHED, "批量发布")
        self.message_user(request, _("已发布 %(count)d 条内容。") % {"count": count}, messages.SUCCESS)

    @admin.action(description=_("撤回为草稿"), permissions=["change"])
    def unpublish(self, request, queryset):
        count = self._set_status(request, queryset, queryset.model.Status.DRAFT, "撤回为草稿")
        self.message_user(request, _("已撤回 %(count)d 条内容。") % {"count": count}, messages.SUCCESS)


@admin.register(Campus)
class CampusAdmin(ContentAdmin):
    list_display = ("name", "address", "phone", "display_order")
    list_editable = ("display_order",)
    search_fields = ("name", "address")


class MissingAltFilter(admin.SimpleListFilter):
    title = _("替代文字")
    parameter_name = "alt"

    def lookups(self, request, model_admin):
        return [("missing", _("缺少替代文字")), ("present", _("已填写"))]

    def queryset(self, request, queryset):
        if self.value() == "missing":
            return queryset.filter(alt_text="")
        if self.value() == "present":
            return queryset.exclude(alt_text="")
        return queryset


@admin.register(UploadedImage)
class UploadedImageAdmin(admin.ModelAdmin):
    """The media library: every image with a thumbnail, found by file name, title or text alternative, with
    where it is used; an image in use cannot be deleted."""

    list_display = ("preview", "title", "alt_text", "dimensions", "uploaded_by", "uploaded_at")
    list_display_links = ("preview", "title")
    list_filter = ("uploaded_at", ("uploaded_by", admin.RelatedOnlyFieldListFilter), MissingAltFilter)
    list_select_related = ("uploaded_by",)
    search_fields = ("image", "title", "alt_text", "source_url")
    date_hierarchy = "uploaded_at"
    fields = ("image", "preview", "title", "alt_text", "dimensions", "used_in", "source_url", "uploaded_by")
    readonly_fields = ("preview", "dimensions", "used_in", "source_url", "uploaded_by")
    list_per_page = 40

    @admin.display(description=_("预览"))
    def preview(self, obj):
        return thumbnail(obj) if obj.pk else ""

    @admin.display(description=_("尺寸（像素）"))
    def dimensions(self, obj):
        return f"{obj.width}×{obj.height}" if obj.width and obj.height else ""

    @admin.display(description=_("使用位置"))
    def used_in(self, obj):
        found = usages(obj.image.name) if obj.pk else []
        if not found:
            return _("未被使用")
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "",
                '<li>{}：<a href="{}">{}</a></li>',
                ((usage.label, usage.admin_url or "#", usage.record) for usage in found),
            ),
        )

    def get_urls(self):
        insert = self.admin_site.admin_view(self.insert_data)
        return [path("insert/", insert, name="core_uploadedimage_insert"), *super().get_urls()]

    def insert_data(self, request):
        """What the editor needs to insert a library image into rich text: its address and text alternative."""
        if not self.has_view_permission(request):
            raise Http404
        pk = request.GET.get("id", "")
        record = UploadedImage.objects.filter(pk=int(pk)).first() if pk.isascii() and pk.isdigit() else None
        if record is None:
            raise Http404
        return JsonResponse({"url": record.image.url, "alt": record.alt_text})

    def get_deleted_objects(self, objs, request):
        """An image still shown somewhere is listed as protected, which refuses its deletion."""
        deleted, model_count, perms_needed, protected = super().get_deleted_objects(objs, request)
        for obj in objs:
            for usage in usages(obj.image.name):
                protected.append(
                    _("图片“%(image)s”正在被使用：%(usage)s") % {"image": obj.title or obj.image.name, "usage": usage}
                )
        return deleted, model_count, perms_needed, protected

    def save_model(self, request, obj, form, change):
        if not change:
            obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)

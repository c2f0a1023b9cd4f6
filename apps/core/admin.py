"""Admin building blocks for every content app: version history with revert and recovery, publishing."""

import reversion
from django.contrib import admin, messages
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from reversion.admin import VersionAdmin

from .m2m_names import name_link_tables
from .models import Campus, UploadedImage

# Every app's models are loaded when the admin modules are: name their link tables for the admin now.
name_link_tables()

# A web address typed without its scheme ("www.example.org/...") is saved with https, as Django 6 will do
# by default; an editor who means http types it.
URL_FIELDS_ASSUME_HTTPS = {models.URLField: {"assume_scheme": "https"}}


class ContentAdmin(VersionAdmin):
    """Every change is recorded (who, when, what) and can be reverted; deleted records can be recovered."""

    save_on_top = True
    formfield_overrides = URL_FIELDS_ASSUME_HTTPS

    class Media:
        # The rich-text editor's body styled as on the site, its image-caption button named as such, and
        # inline tables that fit the screen.
        css = {"all": ["css/admin-editor.css", "css/admin-fit.css"]}
        js = ["js/admin-editor.js"]


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


@admin.register(UploadedImage)
class UploadedImageAdmin(admin.ModelAdmin):
    list_display = ("image", "width", "height", "uploaded_by", "uploaded_at")
    list_filter = ("uploaded_at",)
    readonly_fields = ("width", "height", "uploaded_by", "uploaded_at")

    def save_model(self, request, obj, form, change):
        if not change:
            obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)

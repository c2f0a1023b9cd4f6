"""Admin building blocks for every content app: version history with revert and recovery, publishing; and
the media library (图片库)."""

import reversion
from django.contrib import admin, messages
from django.contrib.admin.utils import flatten_fieldsets, unquote
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404, JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from reversion.admin import VersionAdmin
from reversion.models import Version

from .conflicts import change_form_opened, current_token, with_edit_token
from .images import PortalImageField
from .library import LibraryImageWidget, thumbnail, usages
from .m2m_names import name_link_tables
from .models import Campus, HospitalInfo, UploadedImage
from .richtext import RichTextFormField
from .versions import compare_versions, version_rows

# Every app's models are loaded when the admin modules are: name their link tables for the admin now.
name_link_tables()

# A web address typed without its scheme ("www.example.org/...") is saved with https, as Django 6 will do
# by default; an editor who means http types it.
URL_FIELDS_ASSUME_HTTPS = {models.URLField: {"assume_scheme": "https"}}


class ContentAdmin(VersionAdmin):
    """Every change is recorded (who, when, what) and can be reverted; deleted records can be recovered.

    A save over a version newer than the one the editor opened is refused, naming who saved it and when
    (apps.core.conflicts); opening a record tells `change_form_opened`'s receivers who is editing it.
    Image fields can take an image from the media library instead of a new upload; rich-text fields can
    insert one (static/js/admin-library.js).
    """

    save_on_top = True
    formfield_overrides = {**URL_FIELDS_ASSUME_HTTPS, PortalImageField: {"widget": LibraryImageWidget}}
    object_history_template = "core/object_history.html"
    # True: a change posted without the version token (not from the edit page) is refused as stale.
    edit_token_required = False

    def __init__(self, model, admin_site):
        super().__init__(model, admin_site)
        self.form = with_edit_token(self.form, self.edit_token_for, required=self.edit_token_required)

    def edit_token_for(self, model, pk, lock=False):
        return current_token(model, pk, lock=lock)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or "edit_token" in flatten_fieldsets(fieldsets):
            return fieldsets
        (name, options), *rest = fieldsets
        return [(name, {**options, "fields": (*options["fields"], "edit_token")}), *rest]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form_class = super().get_form(request, obj, change, **kwargs)
        if getattr(request, "edit_token_exempt", False):
            # Reverting and recovering rebuild the record from a chosen version on purpose.
            return type(form_class.__name__, (form_class,), {"check_edit_token": False})
        return form_class

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        # Also reached when a mixin subclasses the form (Django builds the fields again through this callback).
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if isinstance(field, RichTextFormField):
            field.uploaded_by = request.user  # images copied from other sites are this editor's uploads
        return field

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if request.method == "GET":
            obj = self.get_object(request, unquote(object_id))
            if obj is not None:
                change_form_opened.send(sender=self.model, request=request, obj=obj)
        return super().change_view(request, object_id, form_url, extra_context)

    def revision_view(self, request, object_id, version_id, extra_context=None):
        request.edit_token_exempt = True
        return super().revision_view(request, object_id, version_id, extra_context)

    def recover_view(self, request, version_id, extra_context=None):
        request.edit_token_exempt = True
        return super().recover_view(request, version_id, extra_context)

    def get_urls(self):
        info = self.model._meta.app_label, self.model._meta.model_name
        compare = self.admin_site.admin_view(self.compare_view)
        return [
            path("<path:object_id>/history/compare/", compare, name="{}_{}_compare".format(*info)),
            *super().get_urls(),
        ]

    def versions_of(self, object_id):
        return Version.objects.get_for_object_reference(self.model, unquote(object_id)).select_related(
            "revision", "revision__user"
        )

    def history_view(self, request, object_id, extra_context=None):
        info = self.model._meta.app_label, self.model._meta.model_name
        compare_url = reverse(f"admin:{info[0]}_{info[1]}_compare", args=[object_id])

        def link(older, newer):
            return f"{compare_url}?from={older.pk}&to={newer.pk}"

        rows = version_rows(self.versions_of(object_id).order_by("-pk"), link)
        return super().history_view(request, object_id, {"version_rows": rows, **(extra_context or {})})

    def compare_view(self, request, object_id):
        """What changed between two versions of a record, field by field, with rich text compared as text."""
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        ids = [request.GET.get(name, "") for name in ("from", "to")]
        if not all(value.isascii() and value.isdigit() for value in ids):
            raise Http404(_("请从历史记录中选择要对比的两个版本。"))
        versions = {version.pk: version for version in self.versions_of(object_id).filter(pk__in=ids)}
        older, newer = (versions.get(int(value)) for value in ids)
        if older is None or newer is None:
            raise Http404(_("没有找到要对比的版本。"))
        opts = self.model._meta
        context = {
            **self.admin_site.each_context(request),
            "title": _("对比版本"),
            "opts": opts,
            "object_id": object_id,
            "older": older,
            "newer": newer,
            "rows": compare_versions(self.model, older, newer),
            "history_url": reverse(f"admin:{opts.app_label}_{opts.model_name}_history", args=[object_id]),
        }
        return TemplateResponse(request, "core/version_compare.html", context)

    class Media:
        # The rich-text editor's body styled as on the site, its image-caption button named as such, and
        # inline tables that fit the screen.
        css = {"all": ["css/admin-editor.css", "css/admin-fit.css"]}
        js = ["js/admin-editor.js", "js/admin-library.js"]


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
    list_display = ("name", "address", "phone", "emergency_phone", "display_order")
    list_editable = ("display_order",)
    search_fields = ("name", "address")
    fieldsets = (
        (None, {"fields": ("name", "slug", "photo", "description", "display_order")}),
        (_("地址与交通"), {"fields": ("address", "transport", "map_url")}),
        (_("电话与时间"), {"fields": ("phone", "opening_hours", "emergency_phone", "emergency_hours")}),
    )


@admin.register(HospitalInfo)
class HospitalInfoAdmin(ContentAdmin):
    """One record: the list goes straight to it, and it can be neither added twice nor deleted."""

    fieldsets = (
        (
            _("电话"),
            {
                "fields": ("switchboard_phone", "emergency_phone", "booking_phone"),
                "description": _("每一项都可以先空着：没填的项目在网站上不显示。填写后，全站页面立即更新。"),
            },
        ),
        (
            _("预约渠道"),
            {
                "fields": (
                    "booking_hotlines",
                    "online_booking_url",
                    "wechat_account",
                    "wechat_qr_code",
                    "mini_program",
                    "mini_program_qr_code",
                )
            },
        ),
        (_("备案信息（显示在页脚）"), {"fields": ("icp_number", "public_security_number")}),
    )

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not HospitalInfo.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        # There is only one record: no "save and add another".
        extra_context = {**(extra_context or {}), "show_save_and_add_another": False}
        return super().changeform_view(request, object_id, form_url, extra_context)

    def changelist_view(self, request, extra_context=None):
        if not self.has_view_or_change_permission(request):
            return super().changelist_view(request, extra_context)
        if HospitalInfo.objects.exists():
            return redirect(reverse("admin:core_hospitalinfo_change", args=[1]))
        return redirect(reverse("admin:core_hospitalinfo_add"))


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

"""The experts' admin: profiles with their weekly sessions as a grid and exceptions inline, workstations,
bulk 停诊 for an expert or a department, and Excel import and export of experts, weekly sessions and
their exceptions.

Every save, inline edit and import is one revision in the expert's history, so a 内容管理员 can see
who changed a timetable and revert it (the sessions come back with the expert: see models/__init__.py).
"""

import reversion
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportMixin
from import_export.formats.base_formats import XLSX
from import_export.forms import SelectableFieldsExportForm

from apps.core.admin import ContentAdmin

from .bulk import BulkCancelForm
from .grid import ExpertAdminForm
from .models import Expert, ScheduleException, WeeklySession, Workstation
from .resources import ExpertResource, ScheduleExceptionResource, WeeklySessionResource


class ExcelExportForm(SelectableFieldsExportForm):
    """The columns to export, each named as in the Excel file (编号, 专家…) rather than by its attribute."""

    def __init__(self, formats, resources, **kwargs):
        super().__init__(formats, resources, **kwargs)
        for resource in resources:
            for name, field in resource().fields.items():
                if form_field := self.fields.get(self.create_boolean_field_name(resource, name)):
                    form_field.label = field.column_name


class ExcelImportExportMixin(ImportExportMixin):
    """Excel only, a dry-run preview before anything is saved, Chinese messages, and history for imports."""

    import_formats = [XLSX]
    export_formats = [XLSX]
    import_template_name = "experts/admin/import.html"
    export_template_name = "experts/admin/export.html"
    export_form_class = ExcelExportForm
    skip_admin_log = False

    def has_import_permission(self, request):
        opts = self.model._meta
        return request.user.has_perm(f"{opts.app_label}.add_{opts.model_name}") and request.user.has_perm(
            f"{opts.app_label}.change_{opts.model_name}"
        )

    def has_export_permission(self, request):
        return self.has_view_or_change_permission(request)

    def add_data_read_fail_error_to_form(self, form, e):
        form.add_error(
            "import_file",
            _("无法读取这个文件：请上传 Excel 文件（.xlsx）。可以先点“导出”下载一份，在其中修改后再导入。"),
        )

    def process_dataset(self, dataset, form, request, **kwargs):
        with reversion.create_revision():
            reversion.set_user(request.user)
            reversion.set_comment(_("从 Excel 文件导入"))
            return super().process_dataset(dataset, form, request, **kwargs)

    def process_result(self, result, request):
        if result.has_errors() or result.has_validation_errors():
            # The data changed between the preview and the confirmation; the transaction was rolled back.
            messages.error(
                request, _("导入未完成，没有保存任何内容：文件中有内容与网站现有数据不符，请重新上传并查看预览。")
            )
            opts = self.model._meta
            return HttpResponseRedirect(reverse(f"admin:{opts.app_label}_{opts.model_name}_import"))
        return super().process_result(result, request)

    def get_export_filename(self, request, queryset, file_format):
        stamp = timezone.localtime().strftime("%Y%m%d")
        return f"{self.model._meta.model_name}-{stamp}.{file_format.get_extension()}"


class ScheduleExceptionInline(admin.TabularInline):
    model = ScheduleException
    fk_name = "expert"
    extra = 0
    fields = ("date", "period", "kind", "substitute", "reason", "campus", "clinic_type", "building", "floor", "room")
    autocomplete_fields = ("substitute", "campus")
    verbose_name = _("停诊、替诊或加诊")
    verbose_name_plural = _("停诊、替诊与加诊（按日期；过去的记录可保留也可删除）")

    def get_queryset(self, request):
        # Only what is still to come: the past would make the form long without use.
        return (
            super().get_queryset(request).filter(date__gte=timezone.localdate()).select_related("substitute", "campus")
        )


@admin.register(Expert)
class ExpertAdmin(ExcelImportExportMixin, ContentAdmin):
    resource_classes = [ExpertResource]
    form = ExpertAdminForm
    inlines = [ScheduleExceptionInline]
    list_display = (
        "name", "clinical_title", "primary_department", "roles", "is_visiting", "is_active", "display_order",
        "schedule_updated_at",
    )  # fmt: skip
    list_display_links = ("name",)
    list_editable = ("display_order",)
    list_filter = ("is_active", "is_visiting", "clinical_title", "primary_department", "departments")
    list_select_related = ("primary_department",)
    search_fields = ("name", "slug", "roles", "specialties", "academic_title")
    autocomplete_fields = ("primary_department", "departments")
    readonly_fields = ("schedule_updated_at", "updated_at")
    fieldsets = (
        (None, {"fields": ("name", "slug", "photo", "is_active", "display_order")}),
        (
            _("职称与科室"),
            {"fields": ("clinical_title", "academic_title", "degree", "roles", "primary_department", "departments")},
        ),
        (
            _("介绍"),
            {"fields": ("specialties", "biography", "education", "academic_posts", "honours", "is_visiting")},
        ),
        (
            _("出诊与预约"),
            {
                "fields": ("schedule_note", "booking_url", "booking_qr_code", "schedule_updated_at", "updated_at"),
                "description": _(
                    "每周出诊在下方的表格中填写，停诊、替诊、加诊在本页最下方；改动会记入历史，可以撤销。"
                ),
            },
        ),
        (_("每周出诊安排"), {"fields": ("weekly_grid",)}),
    )

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        form.save_weekly_grid()
        expert = form.instance
        if expert.primary_department_id:
            expert.departments.add(expert.primary_department_id)


@admin.register(WeeklySession)
class WeeklySessionAdmin(ExcelImportExportMixin, ContentAdmin):
    resource_classes = [WeeklySessionResource]
    list_display = ("expert", "weekday", "period", "campus", "clinic_type", "location", "valid_from", "valid_until")
    list_filter = ("weekday", "period", "campus", "clinic_type")
    list_select_related = ("expert", "campus")
    search_fields = ("expert__name", "expert__slug", "room", "note")
    autocomplete_fields = ("expert", "campus")
    date_hierarchy = None

    @admin.display(description=_("地点"))
    def location(self, obj):
        return obj.location


@admin.register(ScheduleException)
class ScheduleExceptionAdmin(ExcelImportExportMixin, ContentAdmin):
    resource_classes = [ScheduleExceptionResource]
    change_list_template = "experts/admin/scheduleexception_change_list.html"
    list_display = ("expert", "date", "period", "kind", "substitute", "reason")
    list_filter = ("kind", "date")
    list_select_related = ("expert", "substitute")
    search_fields = ("expert__name", "substitute__name", "reason")
    autocomplete_fields = ("expert", "substitute", "campus")
    date_hierarchy = "date"

    def get_urls(self):
        bulk_cancel = path(
            "bulk-cancel/",
            self.admin_site.admin_view(self.bulk_cancel_view),
            name="experts_scheduleexception_bulk_cancel",
        )
        return [bulk_cancel, *super().get_urls()]

    def bulk_cancel_view(self, request):
        """停诊 for one expert or a department over a range of dates (holidays, leave), with a reason."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = BulkCancelForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            made, experts, skipped = form.save(request.user)
            if made:
                message = _("已为 %(experts)d 位专家添加 %(made)d 条停诊记录。") % {"experts": experts, "made": made}
                if skipped:
                    message += _("另有 %(skipped)d 天已有停诊、替诊或加诊记录，保持不变。") % {"skipped": skipped}
                self.message_user(request, message, messages.SUCCESS)
            else:
                self.message_user(request, _("所选日期内没有需要停诊的出诊安排，没有添加停诊记录。"), messages.WARNING)
            return HttpResponseRedirect(reverse("admin:experts_scheduleexception_changelist") + "?kind__exact=cancel")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("批量停诊"),
            "form": form,
            "media": self.media + form.media,
        }
        return TemplateResponse(request, "experts/admin/bulk_cancel.html", context)


@admin.register(Workstation)
class WorkstationAdmin(ContentAdmin):
    list_display = ("name", "kind", "lead_expert", "department", "is_active", "display_order")
    list_editable = ("display_order",)
    list_filter = ("kind", "is_active")
    list_select_related = ("lead_expert", "department")
    search_fields = ("name", "lead_expert__name")
    autocomplete_fields = ("lead_expert", "department")

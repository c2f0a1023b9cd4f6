"""The admin of the patient-service pages and of the 导诊 symptom table."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from apps.core.admin import URL_FIELDS_ASSUME_HTTPS, ContentAdmin, PublishableAdmin
from apps.media.admin import AttachmentInline
from apps.workflow.admin import WorkflowAdminMixin

from .models import ServiceLink, ServicePage, ServiceQRCode, Symptom
from .views import ServicePageDetailView


class ServiceLinkInline(admin.TabularInline):
    model = ServiceLink
    extra = 0
    formfield_overrides = URL_FIELDS_ASSUME_HTTPS


class ServiceQRCodeInline(admin.TabularInline):
    model = ServiceQRCode
    extra = 0


@admin.register(ServicePage)
class ServicePageAdmin(WorkflowAdminMixin, PublishableAdmin):
    preview_view = ServicePageDetailView
    list_display = ("title", "purpose", "publication_state", "published_at", "navigation_order", "updated_at")
    list_editable = ("navigation_order",)
    search_fields = ("title", "summary", "body")
    inlines = (ServiceLinkInline, ServiceQRCodeInline, AttachmentInline)
    fieldsets = (
        (None, {"fields": ("title", "slug", "purpose", "summary", "body")}),
        (_("发布"), {"fields": ("status", "published_at", "navigation_order")}),
    )


class SymptomForm(forms.ModelForm):
    class Meta:
        model = Symptom
        fields = [
            "name",
            "synonyms",
            "departments",
            "display_order",
            "is_red_flag",
            "advice",
            "reviewed_by",
            "reviewed_on",
        ]
        error_messages = {
            "name": {"unique": _("已有同名的导诊症状。")},
            "departments": {"required": _("请至少选择一个本院的建议就诊科室。")},
        }


@admin.register(Symptom)
class SymptomAdmin(ContentAdmin):
    form = SymptomForm
    list_display = ("name", "synonyms_display", "departments_display", "is_red_flag", "review_display", "display_order")
    list_editable = ("display_order",)
    list_filter = ("is_red_flag", "departments")
    search_fields = ("name", "synonyms", "departments__name")
    autocomplete_fields = ("departments",)
    fieldsets = (
        (None, {"fields": ("name", "synonyms", "departments", "display_order")}),
        (_("危急症状"), {"fields": ("is_red_flag", "advice")}),
        (
            _("审核（通用导诊建议）"),
            {
                "description": _("导诊症状是通用的医学建议，不是医院公布的事实；由医务人员审核后填写审核人和日期。"),
                "fields": ("reviewed_by", "reviewed_on"),
            },
        ),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("departments")

    @admin.display(description=_("常见说法"))
    def synonyms_display(self, obj):
        return "、".join(obj.synonym_list) or "—"

    @admin.display(description=_("建议就诊科室"))
    def departments_display(self, obj):
        return "、".join(department.name for department in obj.departments.all()) or "—"

    @admin.display(description=_("审核"))
    def review_display(self, obj):
        return f"{obj.reviewed_by} {obj.reviewed_on:%Y-%m-%d}" if obj.is_reviewed else _("未审核")

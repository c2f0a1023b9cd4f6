"""The admin of departments, designations, centres and conditions, written for the hospital's content editors."""

from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from apps.core.admin import ContentAdmin
from apps.core.pagination import ascii_int

from .models import Centre, Condition, Department, Designation, DesignationCount, DesignationType


def department_names(obj):
    return "、".join(department.name for department in obj.departments.all()) or "—"


class DesignationTypeFilter(admin.SimpleListFilter):
    title = _("重点专科与资质")
    parameter_name = "designation_type"

    def lookups(self, request, model_admin):
        return [(str(kind.pk), kind.name) for kind in DesignationType.objects.all()]

    def queryset(self, request, queryset):
        designation_type = ascii_int(self.value())
        if designation_type is not None:
            return queryset.filter(designations__designation_type_id=designation_type).distinct()
        return queryset


class DepartmentDesignationInline(admin.TabularInline):
    model = Designation.departments.through
    extra = 0
    autocomplete_fields = ("designation",)
    verbose_name = _("重点专科与资质")
    verbose_name_plural = _("本科室的重点专科与资质（也可在“重点专科与资质”中编辑）")


class DepartmentCentreInline(admin.TabularInline):
    model = Centre.departments.through
    extra = 0
    autocomplete_fields = ("centre",)
    verbose_name = _("中心与基地")
    verbose_name_plural = _("本科室依托的中心与基地")


class DepartmentConditionInline(admin.TabularInline):
    model = Condition.departments.through
    extra = 0
    autocomplete_fields = ("condition",)
    verbose_name = _("病症")
    verbose_name_plural = _("到本科室就诊的病症（导诊）")


@admin.register(Department)
class DepartmentAdmin(ContentAdmin):
    list_display = ("name", "kind", "parent", "display_order", "is_visible", "updated_at")
    list_editable = ("display_order", "is_visible")
    list_filter = ("kind", "is_visible", "campuses", DesignationTypeFilter)
    list_select_related = ("parent",)
    ordering = ("kind", "display_order", "name")
    search_fields = ("name", "aliases", "slug")
    autocomplete_fields = ("parent", "campuses")
    fieldsets = (
        (None, {"fields": ("name", "kind", "parent", "aliases", "summary", "display_order", "is_visible")}),
        (_("介绍与专长"), {"fields": ("introduction", "photo", "specialties", "featured_techniques")}),
        (_("院区与联系方式"), {"fields": ("campuses", "location", "phone")}),
        (_("网址"), {"fields": ("slug",), "classes": ("collapse",)}),
    )
    inlines = (DepartmentDesignationInline, DepartmentCentreInline, DepartmentConditionInline)


class DesignationCountInline(admin.TabularInline):
    model = DesignationCount
    extra = 0
    fields = ("count", "year", "source")


class DesignationInline(admin.TabularInline):
    model = Designation
    extra = 0
    fields = ("name", "departments", "level", "role", "status", "display_order")
    autocomplete_fields = ("departments",)
    show_change_link = True


@admin.register(DesignationType)
class DesignationTypeAdmin(ContentAdmin):
    list_display = ("name", "group", "designation_count", "display_order")
    list_editable = ("display_order",)
    list_filter = ("group",)
    search_fields = ("name", "description")
    fields = ("name", "group", "description", "display_order", "slug")
    inlines = (DesignationCountInline, DesignationInline)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(designation_total=Count("designations"))

    @admin.display(description=_("已登记条目"), ordering="designation_total")
    def designation_count(self, obj):
        return obj.designation_total


@admin.register(Designation)
class DesignationAdmin(ContentAdmin):
    list_display = ("name", "designation_type", "level", "role", "status", "departments_display")
    list_filter = ("designation_type", "level", "status")
    list_select_related = ("designation_type",)
    search_fields = ("name", "note", "role", "departments__name", "designation_type__name")
    autocomplete_fields = ("designation_type", "departments")
    fields = ("designation_type", "name", "departments", "level", "role", "status", "note", "source", "display_order")

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("departments")

    @admin.display(description=_("相关科室"))
    def departments_display(self, obj):
        return department_names(obj)


@admin.register(Centre)
class CentreAdmin(ContentAdmin):
    list_display = ("name", "kind", "level", "led_by_hospital", "departments_display", "display_order", "is_visible")
    list_editable = ("display_order", "is_visible")
    list_filter = ("kind", "level", "led_by_hospital", "is_visible")
    search_fields = ("name", "note", "departments__name")
    autocomplete_fields = ("departments",)
    fields = (
        "name",
        "kind",
        "level",
        "led_by_hospital",
        "departments",
        "established",
        "note",
        "source",
        "display_order",
        "is_visible",
        "slug",
    )

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("departments")

    @admin.display(description=_("依托科室"))
    def departments_display(self, obj):
        return department_names(obj)


@admin.register(Condition)
class ConditionAdmin(ContentAdmin):
    list_display = ("name", "kind", "aliases_display", "departments_display", "display_order")
    list_editable = ("display_order",)
    list_filter = ("kind",)
    search_fields = ("name", "aliases", "departments__name")
    autocomplete_fields = ("departments",)
    fields = ("name", "kind", "aliases", "departments", "display_order", "slug")

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("departments")

    @admin.display(description=_("其他叫法"))
    def aliases_display(self, obj):
        return "、".join(obj.alias_list) or "—"

    @admin.display(description=_("就诊科室"))
    def departments_display(self, obj):
        return department_names(obj)

"""Editing the equipment catalogue: devices listed by category, with history and publishing."""

from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from apps.core.admin import ContentAdmin, PublishableAdmin
from apps.workflow.admin import WorkflowAdminMixin

from .models import Equipment, EquipmentCategory
from .views import EquipmentDetailView


@admin.register(EquipmentCategory)
class EquipmentCategoryAdmin(ContentAdmin):
    list_display = ("name", "equipment_count", "display_order")
    list_editable = ("display_order",)
    search_fields = ("name", "description")
    fields = ("name", "slug", "description", "display_order")

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(equipment_total=Count("equipment"))

    @admin.display(description=_("设备数"), ordering="equipment_total")
    def equipment_count(self, obj):
        return obj.equipment_total


@admin.register(Equipment)
class EquipmentAdmin(WorkflowAdminMixin, PublishableAdmin):
    preview_view = EquipmentDetailView
    list_display = (
        "name",
        "category",
        "manufacturer",
        "year_acquired",
        "is_featured",
        "display_order",
        "publication_state",
    )
    list_editable = ("display_order",)
    list_filter = ("category", "status", "is_featured", "acquisition", "manufacturer", "campus", "departments")
    list_select_related = ("category",)
    ordering = ("category__display_order", "category__name", "display_order", "name")
    search_fields = ("name", "other_names", "manufacturer", "model_number")
    autocomplete_fields = ("category", "campus", "departments")
    fieldsets = (
        (None, {"fields": ("name", "other_names", "slug", "category", "manufacturer", "model_number")}),
        (_("科室与院区"), {"fields": ("departments", "campus", "quantity")}),
        (_("购置"), {"fields": ("year_acquired", "acquisition", "acquisition_note")}),
        (_("介绍与图片"), {"fields": ("description", "image")}),
        (_("展示与发布"), {"fields": ("is_featured", "display_order", "status", "published_at")}),
        (_("资料来源"), {"fields": ("source",)}),
    )

"""Admin for the hospital profile, key figures, timeline and honours: every change versioned and revertable."""

import reversion
from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from reversion.models import Version

from apps.core.admin import ContentAdmin

from .models import Honour, HospitalName, HospitalProfile, KeyFigure, KeyFigureValue, Milestone, Source


class HistoryAdmin(ContentAdmin):
    """Content loaded from the fixtures (or the shell) has no version yet: one is recorded before its first
    edit or deletion in the admin, so that edit can be reverted and the record recovered."""

    def record_first_versions(self, objects):
        versioned = set(Version.objects.get_for_model(self.model).values_list("object_id", flat=True))
        missing = [obj for obj in objects if obj is not None and str(obj.pk) not in versioned]
        if missing:
            with reversion.create_revision():
                reversion.set_comment("修改前的原始内容")
                for obj in missing:
                    reversion.add_to_revision(obj)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if request.method == "POST":
            self.record_first_versions([self.get_object(request, unquote(object_id))])
        return super().change_view(request, object_id, form_url, extra_context)

    def delete_view(self, request, object_id, extra_context=None):
        if request.method == "POST":
            self.record_first_versions([self.get_object(request, unquote(object_id))])
        return super().delete_view(request, object_id, extra_context)

    def changelist_view(self, request, extra_context=None):
        if request.method == "POST":  # list_editable and actions such as bulk delete
            self.record_first_versions(self.model._default_manager.all())
        return super().changelist_view(request, extra_context)


@admin.register(Source)
class SourceAdmin(HistoryAdmin):
    list_display = ("short_title", "title", "author", "year", "display_order")
    list_editable = ("display_order",)
    search_fields = ("title", "short_title", "author", "reference")


class HospitalNameInline(admin.TabularInline):
    model = HospitalName
    extra = 0
    autocomplete_fields = ("source",)
    fields = ("name", "year", "note", "is_current", "source")


@admin.register(HospitalProfile)
class HospitalProfileAdmin(HistoryAdmin):
    """There is one profile: the list goes straight to it, and a second one cannot be added."""

    inlines = (HospitalNameInline,)
    fieldsets = (
        (_("名称"), {"fields": ("name", "full_name", "epithet", "summary")}),
        (_("创建与等级"), {"fields": ("founded_year", "founder", "grade")}),
        (_("医院简介"), {"fields": ("introduction",)}),
        (_("使命与文化"), {"fields": ("mission", "motto", "spirit")}),
    )

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not HospitalProfile.objects.exists()

    def has_delete_permission(self, request, obj=None):
        # The /about/ page stands on this record; a bad edit is undone from its history instead.
        return False

    def changelist_view(self, request, extra_context=None):
        profile = HospitalProfile.objects.first()
        if profile is not None:
            return HttpResponseRedirect(reverse("admin:history_hospitalprofile_change", args=[profile.pk]))
        if self.has_add_permission(request):
            return HttpResponseRedirect(reverse("admin:history_hospitalprofile_add"))
        return super().changelist_view(request, extra_context)


class KeyFigureValueInline(admin.TabularInline):
    model = KeyFigureValue
    extra = 1
    autocomplete_fields = ("source",)
    fields = ("value", "year", "since_year", "source", "note")
    verbose_name = _("数值记录")
    # Without a plural Django adds an English "s" to the singular.
    verbose_name_plural = _("数值记录（新数值请新增一行，旧数值保留）")


@admin.register(KeyFigure)
class KeyFigureAdmin(HistoryAdmin):
    inlines = (KeyFigureValueInline,)
    list_display = ("label", "latest_value", "category", "is_featured", "is_visible", "display_order")
    list_editable = ("is_featured", "display_order")
    list_filter = ("category", "is_featured", "is_visible")
    search_fields = ("label",)

    def get_queryset(self, request):
        return super().get_queryset(request).with_values()

    @admin.display(description=_("最新数值"))
    def latest_value(self, obj):
        latest = obj.latest
        if latest is None:
            return "—"
        return f"{latest.value}{obj.unit}（{latest.period_display}）"


@admin.register(Milestone)
class MilestoneAdmin(HistoryAdmin):
    list_display = ("display_date", "title", "category", "precision", "is_visible")
    list_display_links = ("display_date", "title")
    list_filter = ("category", "precision", "is_visible", "sources")
    search_fields = ("title", "description")
    autocomplete_fields = ("sources",)
    date_hierarchy = "date"
    fields = ("date", "precision", "title", "description", "category", "sources", "display_order", "is_visible")

    @admin.display(description=_("日期"), ordering="date")
    def display_date(self, obj):
        return obj.display_date


@admin.register(Honour)
class HonourAdmin(HistoryAdmin):
    list_display = ("title", "recipient_name", "recipient_kind", "level", "kind", "year", "is_visible")
    list_filter = ("level", "kind", "recipient_kind", "is_visible", "sources")
    search_fields = ("title", "recipient_name", "awarding_body", "note")
    autocomplete_fields = ("sources",)
    fieldsets = (
        (None, {"fields": ("title", "kind", "level", "year")}),
        (_("获得者"), {"fields": ("recipient_kind", "recipient_name")}),
        (_("出处"), {"fields": ("awarding_body", "sources", "note")}),
        (_("显示"), {"fields": ("display_order", "is_visible")}),
    )

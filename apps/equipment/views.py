"""The equipment catalogue: every device grouped by category, filterable by department, and one device."""

from itertools import groupby

from django.db.models import Prefetch
from django.views.generic import DetailView, ListView

from apps.core.views import OldSlugRedirectMixin, PublishedForVisitorsMixin
from apps.departments.models import Department

from .forms import DepartmentFilterForm
from .models import Equipment

RELATED_LIMIT = 8


def visible_departments():
    return Prefetch("departments", queryset=Department.objects.visible().only("name", "slug"))


class EquipmentListView(ListView):
    model = Equipment

    def get_queryset(self):
        departments = Department.objects.visible().filter(pk__in=Equipment.objects.published().values("departments"))
        self.filter_form = DepartmentFilterForm(self.request.GET or None, departments=departments.only("name", "slug"))
        queryset = (
            Equipment.objects.published()
            .select_related("category", "campus")
            .prefetch_related(visible_departments())
            .order_by("category__display_order", "category__name", "-is_featured", "display_order", "name")
        )
        if self.filter_form.selected_department:
            queryset = queryset.filter(departments=self.filter_form.selected_department)
        return queryset

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["groups"] = [
            (category, list(items))
            for category, items in groupby(context["object_list"], key=lambda item: item.category)
        ]
        context["filter_form"] = self.filter_form
        context["department"] = self.filter_form.selected_department
        return context


class EquipmentDetailView(OldSlugRedirectMixin, PublishedForVisitorsMixin, DetailView):
    model = Equipment

    def get_queryset(self):
        return super().get_queryset().select_related("category", "campus").prefetch_related(visible_departments())

    def get_context_data(self, **kwargs):
        related = (
            Equipment.objects.published()
            .filter(category_id=self.object.category_id)
            .exclude(pk=self.object.pk)
            .order_by("-is_featured", "display_order", "name")
            .only("name", "slug", "manufacturer")[:RELATED_LIMIT]
        )
        return super().get_context_data(related_equipment=related, **kwargs)

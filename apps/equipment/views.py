"""The equipment catalogue: each category with its first devices, one category page by page, and one device."""

from itertools import groupby

from django.db.models import Count, F, Window
from django.db.models.functions import RowNumber
from django.utils.http import urlencode
from django.views.generic import DetailView, ListView

from apps.core.cache import content_generation
from apps.core.pagination import PageNumberMixin
from apps.core.views import OldSlugRedirectMixin, PublishedForVisitorsMixin
from apps.departments.models import Department, visible_departments

from .forms import EquipmentFilterForm
from .models import Equipment, EquipmentCategory

RELATED_LIMIT = 8
# Featured devices lead their category, then the editors' order.
IN_CATEGORY_ORDER = (F("is_featured").desc(), "display_order", "name")
CATEGORY_ORDER = ("category__display_order", "category__name")


def published_equipment(department=None):
    equipment = Equipment.objects.published()
    return equipment.filter(departments=department) if department else equipment


def categories_with_totals(department=None):
    """The categories that have published devices (in the department), each with their number as `total`."""
    return (
        EquipmentCategory.objects.filter(equipment__in=published_equipment(department))
        .annotate(total=Count("equipment"))
        .order_by("display_order", "name")
    )


class EquipmentListView(PageNumberMixin, ListView):
    """/equipment/: every category with its first `per_category` devices and a link to the rest;
    ?category=<slug>: that category page by page. ?department=<slug> narrows either.

    The page stays the same size however many devices there are, in a fixed number of queries.
    """

    model = Equipment
    query_parameters = ("department", "category", "page")  # what the page cache keys on (apps.core.cache)
    per_category = 12
    paginate_by = 24

    def get(self, request, *args, **kwargs):
        departments = Department.objects.visible().filter(pk__in=Equipment.objects.published().values("departments"))
        self.filter_form = EquipmentFilterForm(
            request.GET or None,
            departments=departments.only("name", "slug"),
            categories_for=categories_with_totals,
        )
        self.department = self.filter_form.selected_department
        self.category = self.filter_form.selected_category
        self.notices = self.filter_form.notices()
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        equipment = (
            published_equipment(self.department)
            .defer("description", "source")  # not on the cards
            .select_related("category", "campus")
            .prefetch_related(visible_departments())
        )
        if self.category:
            return equipment.filter(category=self.category).order_by(*IN_CATEGORY_ORDER)
        # One query for every category: its first devices, and how many it has in all.
        in_category = {"partition_by": F("category_id")}
        return (
            equipment.annotate(
                rank_in_category=Window(RowNumber(), order_by=IN_CATEGORY_ORDER, **in_category),
                category_total=Window(Count("pk"), **in_category),
            )
            .filter(rank_in_category__lte=self.per_category)
            .order_by(*CATEGORY_ORDER, *IN_CATEGORY_ORDER)
        )

    def get_paginate_by(self, queryset):
        return self.paginate_by if self.category else None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        groups = []
        if self.category:
            categories = list(self.filter_form.categories.values())
        else:
            for category, items in groupby(context["object_list"], key=lambda item: item.category):
                items = list(items)
                category.total = items[0].category_total
                groups.append((category, items))
            categories = [category for category, _items in groups]
        department_query = {"department": self.department.slug} if self.department else {}
        context.update(
            groups=groups,
            categories=categories,
            category=self.category,
            filter_form=self.filter_form,
            content_generation=content_generation(),
            department=self.department,
            department_total=sum(category.total for category in categories),
            notices=[*self.notices, *self.page_notices],
            department_query=urlencode(department_query),
            filter_query=urlencode({**department_query, "category": self.category.slug} if self.category else {}),
        )
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
            .only("name", "slug")[:RELATED_LIMIT]
        )
        return super().get_context_data(related_equipment=related, **kwargs)

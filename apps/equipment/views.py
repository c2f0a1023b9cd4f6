"""The equipment catalogue: each category with its first devices, one category page by page, and one device."""

from itertools import groupby

from django.db.models import Count, F, OuterRef, Window
from django.db.models.functions import RowNumber
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.generic import DetailView, ListView

from apps.core.compiled import detail_pages, fields_of, related_rows
from apps.core.views import CompiledDetailMixin, OldSlugRedirectMixin, PublishedForVisitorsMixin
from apps.departments.models import Department, visible_departments

from .forms import EquipmentFilterForm
from .models import Equipment, EquipmentCategory

RELATED_LIMIT = 8
# Featured devices lead their category, then the editors' order.
IN_CATEGORY_ORDER = (F("is_featured").desc(), "display_order", "name")
CATEGORY_ORDER = ("category__display_order", "category__name")
# More digits than any real page count: such a page number is simply past the end.
MAX_PAGE_DIGITS = 9


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


def shown(value, length=30):
    """A visitor's input, made short enough to repeat back in a notice."""
    value = value.replace("\x00", "")
    return value if len(value) <= length else value[:length] + "…"


class EquipmentListView(ListView):
    """/equipment/: every category with its first `per_category` devices and a link to the rest;
    ?category=<slug>: that category page by page. ?department=<slug> narrows either.

    The page stays the same size however many devices there are, in a fixed number of queries.
    """

    model = Equipment
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

    def paginate_queryset(self, queryset, page_size):
        """A page number that is not one shows page 1, one past the end the last page; both with a notice."""
        paginator = self.get_paginator(queryset, page_size, allow_empty_first_page=True)
        value = self.request.GET.get(self.page_kwarg) or "1"
        if value.isascii() and value.isdigit() and value.strip("0"):
            number = int(value) if len(value) <= MAX_PAGE_DIGITS else paginator.num_pages + 1
            if number > paginator.num_pages:
                self.notices.append(
                    _("本类设备只有 %(count)d 页，已为您显示最后一页。") % {"count": paginator.num_pages}
                )
                number = paginator.num_pages
        else:
            self.notices.append(_("页码“%(value)s”无效，已为您显示第 1 页。") % {"value": shown(value)})
            number = 1
        page = paginator.page(number)
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        groups = []
        if self.category:
            categories = list(self.filter_form.categories.values())
            page = context["page_obj"]
            context["page_range"] = page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
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
            department=self.department,
            department_total=sum(category.total for category in categories),
            notices=self.notices,
            department_query=urlencode(department_query),
            filter_query=urlencode({**department_query, "category": self.category.slug} if self.category else {}),
        )
        return context


def equipment_page(slug, now, preview):
    """The device at `slug` with its departments and other devices of its category, in one statement
    (CompiledDetailMixin)."""
    equipment = Equipment.objects.all() if preview else Equipment.objects.published(now)
    others = (
        Equipment.objects.published(now)
        .filter(category=OuterRef("category"))
        .exclude(pk=OuterRef("pk"))
        .order_by("-is_featured", "display_order", "name")
    )
    return (
        equipment.filter(slug=slug)
        .values(
            *fields_of(Equipment),
            *("category__id", "category__name", "category__slug"),
            *("campus__id", "campus__name", "campus__slug"),
        )
        .annotate(
            visible_departments=related_rows(
                Department.objects.visible().filter(equipment=OuterRef("pk")), "id", "name", "slug"
            ),
            related_equipment=related_rows(others[:RELATED_LIMIT], "id", "name", "slug", "manufacturer"),
        )
    )


class EquipmentDetailView(OldSlugRedirectMixin, CompiledDetailMixin, PublishedForVisitorsMixin, DetailView):
    model = Equipment
    pages = detail_pages(equipment_page)

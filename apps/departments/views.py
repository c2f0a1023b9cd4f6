"""Public pages of departments: the list grouped by kind with its filters, and one department's page."""

from django.db.models import F, OuterRef, Prefetch, prefetch_related_objects
from django.views.generic import DetailView, ListView

from apps.core.compiled import detail_pages, fields_of, related_rows
from apps.core.models import Campus
from apps.core.reversing import slug_urls
from apps.core.views import CompiledDetailMixin, OldSlugRedirectMixin, PublishedForVisitorsMixin

from .forms import DepartmentFilterForm
from .models import Centre, Department, Designation, DesignationType, visible_departments


def group_by_kind(departments):
    """[{"kind", "label", "departments"}] in the order of Department.Kind, empty groups left out.

    Each department gets its `url`, made here for all of them at once (see slug_urls()).
    """
    groups = {kind: [] for kind in Department.Kind.values}
    url = slug_urls("departments:detail")
    for department in departments:
        department.url = url(department.slug)
        groups.setdefault(department.kind, []).append(department)
    labels = dict(Department.Kind.choices)
    return [
        {"kind": kind, "label": labels.get(kind, kind), "departments": members}
        for kind, members in groups.items()
        if members
    ]


def department_page(slug, now, preview):
    """The department at `slug` with everything its page shows, in one statement (CompiledDetailMixin).

    Experts, equipment and news are reached through the reverse relations: their apps are not
    imported. Each related record is read as far as the page shows it.
    """

    def related(name):
        return Department._meta.get_field(name).related_model._default_manager.filter(departments=OuterRef("pk"))

    departments = Department.objects.all() if preview else Department.objects.visible()
    return (
        departments.filter(slug=slug)
        .values(
            *fields_of(Department),
            *("parent__id", "parent__name", "parent__slug", "parent__is_visible"),
        )
        .annotate(
            visible_children=related_rows(
                Department.objects.visible().filter(parent=OuterRef("pk")), "id", "name", "slug"
            ),
            campus_list=related_rows(Campus.objects.filter(departments=OuterRef("pk")), "id", "name", "slug"),
            designation_list=related_rows(
                related("designations"),
                *("id", "name", "role", "status", "note"),
                *("designation_type__id", "designation_type__name", "designation_type__slug"),
            ),
            centre_list=related_rows(
                related("centres").visible(), "id", "name", "slug", "led_by_hospital", "established", "note"
            ),
            condition_list=related_rows(related("conditions"), "id", "name", "slug", "aliases"),
            active_experts=related_rows(
                related("experts").active(),
                *("id", "name", "slug", "photo", "clinical_title", "academic_title", "roles"),
            ),
            equipment_list=related_rows(
                related("equipment").published(now).order_by("category__display_order", "display_order", "name"),
                *("id", "name", "slug", "manufacturer"),
            ),
            related_news=related_rows(
                related("news_articles").published(now).order_by("-published_at", "-id")[:5],
                *("id", "title", "slug", "published_at"),
            ),
        )
    )


class DepartmentListView(ListView):
    """Departments grouped by kind; filters by campus and designation; the centres and designations overview."""

    template_name = "departments/department_list.html"
    context_object_name = "departments"

    def get_queryset(self):
        self.designation_types = list(DesignationType.objects.prefetch_related("counts"))
        self.filter_form = DepartmentFilterForm(
            self.request.GET or None, campuses=Campus.objects.all(), designation_types=self.designation_types
        )
        # Cards show names, summaries and a visible parent's name, and nothing else is read; the
        # parent is two values rather than a second instance per card.
        queryset = (
            Department.objects.visible()
            .only("name", "slug", "kind", "summary")
            .annotate(parent_name=F("parent__name"), parent_is_visible=F("parent__is_visible"))
        )
        if campus := self.filter_form.selected_campus:
            queryset = queryset.filter(campuses=campus)
        if designation_type := self.filter_form.selected_designation_type:
            queryset = queryset.filter(designations__designation_type=designation_type).distinct()
        return queryset

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = self.filter_form
        context.update(
            filter_form=form,
            groups=group_by_kind(context["departments"]),
            selected_campus=form.selected_campus,
            selected_designation_type=form.selected_designation_type,
            is_filtering=form.is_filtering,
        )
        if not form.is_filtering:
            # The overview of centres and designations belongs to the whole list, not to a filtered one.
            holders = Designation.objects.prefetch_related(visible_departments())
            prefetch_related_objects(self.designation_types, Prefetch("designations", queryset=holders))
            context["designation_types"] = self.designation_types
            context["centres"] = Centre.objects.visible().prefetch_related(visible_departments())
        return context


class DepartmentDetailView(OldSlugRedirectMixin, CompiledDetailMixin, PublishedForVisitorsMixin, DetailView):
    """One department: its place among centres, designations, centres and bases, conditions, experts.

    Everything the page shows is read by the one statement of department_page(); a section added
    later appends its list there and its markup in the template's `related` block.
    """

    model = Department
    pages = detail_pages(department_page)

    def visible_to_visitors(self, queryset):
        return queryset.visible()

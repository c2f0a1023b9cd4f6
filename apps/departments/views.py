"""Public pages of departments: the list grouped by kind with its filters, and one department's page."""

from django.db.models import F, Prefetch, prefetch_related_objects
from django.views.generic import DetailView, ListView

from apps.core.models import Campus
from apps.core.views import OldSlugRedirectMixin

from .forms import DepartmentFilterForm
from .models import Centre, Condition, Department, Designation, DesignationType, visible_departments


def group_by_kind(departments):
    """[{"kind", "label", "departments"}] in the order of Department.Kind, empty groups left out."""
    groups = {kind: [] for kind in Department.Kind.values}
    for department in departments:
        groups.setdefault(department.kind, []).append(department)
    labels = dict(Department.Kind.choices)
    return [
        {"kind": kind, "label": labels.get(kind, kind), "departments": members}
        for kind, members in groups.items()
        if members
    ]


def active_experts():
    """A department's active experts, read as far as their cards go.

    Reached through the reverse relation: the experts app is not imported.
    """
    expert_model = Department._meta.get_field("experts").related_model
    return expert_model._default_manager.active().only(
        "name", "slug", "photo", "clinical_title", "academic_title", "roles"
    )


def published_equipment():
    """A department's published equipment, read as far as its one line each goes.

    Reached through the reverse relation: the equipment app is not imported.
    """
    equipment_model = Department._meta.get_field("equipment").related_model
    equipment = equipment_model._default_manager.published().only("name", "slug", "manufacturer")
    return equipment.order_by("category__display_order", "display_order", "name")


def published_news():
    """A department's latest five published news, through the reverse relation (the news app is not imported)."""
    article_model = Department._meta.get_field("news_articles").related_model
    articles = article_model._default_manager.published().only("title", "slug", "published_at")
    return articles.order_by("-published_at", "-id")[:5]


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


class DepartmentDetailView(OldSlugRedirectMixin, DetailView):
    """One department: its place among centres, designations, centres and bases, conditions, experts.

    Everything the page shows is fetched by the one chain in get_queryset(); a section added later
    (equipment, news) appends its Prefetch there and its markup in the template's `related` block.
    """

    model = Department

    def get_queryset(self):
        return (
            self.departments_for_viewer()
            .select_related("parent")
            .prefetch_related(
                # Related records are read as far as this page shows them: no one else's introduction.
                Prefetch(
                    "children",
                    queryset=Department.objects.visible().only("name", "slug", "parent"),
                    to_attr="visible_children",
                ),
                "campuses",
                Prefetch("designations", queryset=Designation.objects.select_related("designation_type")),
                Prefetch(
                    "centres",
                    queryset=Centre.objects.visible().only("name", "slug", "led_by_hospital", "established", "note"),
                ),
                Prefetch("conditions", queryset=Condition.objects.only("name", "aliases")),
                Prefetch("experts", queryset=active_experts(), to_attr="active_experts"),
                Prefetch("equipment", queryset=published_equipment()),
                Prefetch("news_articles", queryset=published_news(), to_attr="related_news"),
            )
        )

    def departments_for_viewer(self):
        """Visitors see visible departments; editors who may change departments can preview hidden ones."""
        if self.request.user.has_perm("departments.change_department"):
            return Department.objects.all()
        return Department.objects.visible()

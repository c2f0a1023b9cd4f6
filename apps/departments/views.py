"""Public pages of departments: the list grouped by kind with its filters, and one department's page."""

from django.db.models import F, Prefetch
from django.views.generic import DetailView, ListView

from apps.core.models import Campus
from apps.core.views import OldSlugRedirectMixin, PublishedForVisitorsMixin

from .forms import DepartmentFilterForm
from .models import Centre, Condition, Department, Designation, DesignationType, group_by_kind, visible_departments


def group_sources(records):
    """[(source, [label, …])] for a page's 资料来源 note: what it shows, grouped by where each fact comes from."""
    grouped = {}
    for label, source in records:
        if source:
            grouped.setdefault(source, []).append(label)
    return list(grouped.items())


def source_summary(sources):
    """The distinct parts of `；`-separated source notes, in the order first met, as one line."""
    parts = {}
    for source in sources:
        for part in source.split("；"):
            if part:
                parts.setdefault(part, None)
    return "；".join(parts)


def related_records(name):
    """The records at the other end of the department's reverse relation `name`, whose app is not imported."""
    return Department._meta.get_field(name).related_model._default_manager


class DepartmentListView(ListView):
    """Departments grouped by kind; filters by campus and designation; the centres and designations overview."""

    template_name = "departments/department_list.html"
    query_parameters = ("campus", "designation")  # what the page cache keys on (apps.core.cache)
    context_object_name = "departments"

    def get_queryset(self):
        self.filter_form = DepartmentFilterForm(self.request.GET or None)
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
            designation_types = list(
                DesignationType.objects.prefetch_related("counts", Prefetch("designations", queryset=holders))
            )
            for designation_type in designation_types:
                designation_type.source_summary = source_summary(d.source for d in designation_type.designations.all())
            centres = list(Centre.objects.visible().prefetch_related(visible_departments()))
            context.update(
                designation_types=designation_types,
                centres=centres,
                centres_source_summary=source_summary(centre.source for centre in centres),
            )
        return context


class DepartmentDetailView(OldSlugRedirectMixin, PublishedForVisitorsMixin, DetailView):
    """One department: its place among centres, designations, centres and bases, conditions, experts.

    Everything the page shows is fetched by get_queryset(), each related record as far as the page
    shows it; a section added later appends its Prefetch there and its markup in the template's
    `related` block.
    """

    model = Department

    def visible_to_visitors(self, queryset):
        return queryset.visible()

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("parent")
            .prefetch_related(
                Prefetch(
                    "children",
                    queryset=Department.objects.visible().only("name", "slug", "parent"),
                    to_attr="visible_children",
                ),
                Prefetch("campuses", queryset=Campus.objects.only("name", "slug"), to_attr="campus_list"),
                Prefetch(
                    "designations",
                    queryset=Designation.objects.select_related("designation_type"),
                    to_attr="designation_list",
                ),
                Prefetch(
                    "centres",
                    queryset=Centre.objects.visible().only(
                        "name", "slug", "led_by_hospital", "established", "note", "source"
                    ),
                    to_attr="centre_list",
                ),
                Prefetch(
                    "conditions", queryset=Condition.objects.only("name", "aliases", "kind"), to_attr="condition_list"
                ),
                Prefetch(
                    "experts",
                    queryset=related_records("experts")
                    .active()
                    .only("name", "slug", "photo", "clinical_title", "academic_title", "roles"),
                    to_attr="active_experts",
                ),
                Prefetch(
                    "equipment",
                    queryset=related_records("equipment")
                    .published()
                    .only("name", "slug", "manufacturer")
                    .order_by("category__display_order", "display_order", "name"),
                    to_attr="equipment_list",
                ),
                Prefetch(
                    "news_articles",
                    queryset=related_records("news_articles")
                    .published()
                    .only("title", "slug", "published_at")
                    .order_by("-published_at", "-id")[:5],
                    to_attr="related_news",
                ),
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        department = self.object
        techniques = set(department.technique_list)
        # A technique (神经导航) is something the department does, not a complaint a patient comes with.
        context["conditions"] = [c for c in department.condition_list if c.kind == Condition.Kind.CONDITION]
        context["treatments"] = [
            c for c in department.condition_list if c.kind == Condition.Kind.TREATMENT and c.name not in techniques
        ]
        context["sources"] = group_sources(
            [
                *(
                    (
                        designation.designation_type.name
                        if designation.name == department.name
                        else f"{designation.designation_type.name}：{designation.name}",
                        designation.source,
                    )
                    for designation in department.designation_list
                ),
                *((centre.name, centre.source) for centre in department.centre_list),
            ]
        )
        return context

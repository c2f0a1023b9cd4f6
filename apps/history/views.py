"""The hospital profile (/about/), the timeline (/history/) and honours (/honors/)."""

from django.views.generic import ListView, TemplateView

from .models import Honour, HospitalProfile, KeyFigure, Milestone, Source


class AboutView(TemplateView):
    """Profile, key figures as big numbers with their years, mission, 院训, 百年仁济精神 and former names."""

    template_name = "history/about.html"

    def get_context_data(self, **kwargs):
        figures = list(KeyFigure.objects.visible().with_values())
        figures = [figure for figure in figures if figure.latest]
        return super().get_context_data(
            profile=HospitalProfile.objects.current(),
            featured_figures=[figure for figure in figures if figure.is_featured],
            figure_groups=group_figures([figure for figure in figures if not figure.is_featured]),
            grade_reviews=Milestone.objects.visible().filter(category=Milestone.Category.GRADE),
            sources=Source.objects.all(),
            **kwargs,
        )


def group_figures(figures):
    """[(category label, [figures])] in the order of KeyFigure.Category, empty categories left out."""
    groups = {category: [] for category in KeyFigure.Category.values}
    for figure in figures:
        groups.setdefault(figure.category, []).append(figure)
    labels = dict(KeyFigure.Category.choices)
    return [(labels.get(category, category), members) for category, members in groups.items() if members]


class TimelineView(ListView):
    """Milestones from 1902 to today, oldest first."""

    template_name = "history/milestone_list.html"
    context_object_name = "milestones"

    def get_queryset(self):
        return Milestone.objects.visible().with_sources()


class HonourListView(ListView):
    """Honours and accreditations grouped by level, then by year (newest first, undated last)."""

    template_name = "history/honour_list.html"
    context_object_name = "honours"

    def get_queryset(self):
        return Honour.objects.visible().with_sources()

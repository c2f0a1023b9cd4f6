"""Views that compose the content apps: the home page, patient-service pages and 导诊."""

from django.views.generic import DetailView, TemplateView

from apps.core.models import Campus
from apps.core.views import OldSlugRedirectMixin, PublishedForVisitorsMixin
from apps.departments.models import Department
from apps.news.models import Article

from .models import ServicePage


class HomeView(TemplateView):
    """Profile, key figures, news, the ways into departments and experts, the campuses."""

    template_name = "pages/home.html"
    news_count = 6

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        articles = list(Article.objects.published().for_listing()[: self.news_count])
        departments = Department.objects.visible().filter(parent__isnull=True).only("name", "slug", "kind")
        context.update(
            pinned_news=[article for article in articles if article.is_pinned],
            latest_news=[article for article in articles if not article.is_pinned],
            department_groups=group_by_kind(departments),
            campuses=Campus.objects.all(),
        )
        return context


def group_by_kind(departments):
    """[(kind label, [departments])] in the order of Department.Kind."""
    groups = {kind: [] for kind in Department.Kind.values}
    for department in departments:
        groups.setdefault(department.kind, []).append(department)
    labels = dict(Department.Kind.choices)
    return [(labels.get(kind, kind), members) for kind, members in groups.items() if members]


class ServicePageDetailView(OldSlugRedirectMixin, PublishedForVisitorsMixin, DetailView):
    model = ServicePage
    context_object_name = "page"

    def get_queryset(self):
        return super().get_queryset().prefetch_related("links", "qr_codes")

"""Views that compose the content apps: the home page, patient-service pages and 导诊."""

from django.conf import settings
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, TemplateView

from apps.core.context_processors import HOSPITAL_NAME
from apps.core.models import Campus
from apps.core.views import OldSlugRedirectMixin, PublishedForVisitorsMixin
from apps.departments.models import Condition, Department, group_by_kind, visible_departments
from apps.history.models import HospitalProfile, KeyFigure
from apps.media.models import Attachment
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
        profile = HospitalProfile.objects.first()
        context.update(
            profile=profile,
            structured_data=hospital_structured_data(profile),
            key_figures=KeyFigure.objects.visible().featured().with_values()[:6],
            pinned_news=[article for article in articles if article.is_pinned],
            latest_news=[article for article in articles if not article.is_pinned],
            department_groups=group_by_kind(departments),
            campuses=Campus.objects.all(),
        )
        return context


def hospital_structured_data(profile):
    """schema.org Hospital for the home page; only facts the profile holds."""
    data = {"@type": "Hospital", "name": str(HOSPITAL_NAME), "url": settings.SITE_URL + "/"}
    if profile:
        data.update(name=profile.name, alternateName=profile.full_name, foundingDate=str(profile.founded_year))
        if profile.summary:
            data["description"] = profile.summary
    return data


class ServicePageDetailView(OldSlugRedirectMixin, PublishedForVisitorsMixin, DetailView):
    model = ServicePage
    context_object_name = "page"

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .prefetch_related(
                "links",
                "qr_codes",
                Prefetch("attachments", queryset=Attachment.objects.for_listing(), to_attr="attachment_list"),
            )
        )


class GuideView(TemplateView):
    """导诊: from a complaint, typed or picked, to the departments whose condition lists match it."""

    template_name = "pages/guide.html"
    max_query_length = 50

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = " ".join(self.request.GET.get("q", "").split())
        conditions = list(Condition.objects.prefetch_related(visible_departments()))
        error = ""
        matches = []
        if len(query) > self.max_query_length:
            error = _("输入的内容太长了，请用简短的词描述症状，例如“胸痛”“头晕”。")
        elif query:
            matches = [condition for condition in conditions if condition_matches(condition, query)]
        context.update(
            query=query[: self.max_query_length],
            error=error,
            matches=matches,
            conditions=[c for c in conditions if c.kind == Condition.Kind.CONDITION],
            treatments=[c for c in conditions if c.kind == Condition.Kind.TREATMENT],
        )
        return context


def condition_matches(condition, query):
    """True when the complaint names the condition ("最近胸痛" names 胸痛) or is part of its name."""
    for term in (condition.name, *condition.alias_list):
        if term and (term in query or (len(query) >= 2 and query in term)):
            return True
    return False

"""Views that compose the content apps: the home page, patient-service pages and 导诊."""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, TemplateView

from apps.core.context_processors import HOSPITAL_NAME
from apps.core.models import Campus
from apps.core.views import OldSlugRedirectMixin, PublishedForVisitorsMixin
from apps.departments.models import Condition, Department, group_by_kind, visible_departments
from apps.history.models import HospitalProfile, KeyFigure
from apps.news.models import Article

from .models import ServicePage

# The 预约挂号 service page of the fixtures; its slug is stable, an edited title leaves an old-slug redirect.
BOOKING_PAGE_SLUG = "yu-yue-gua-hao"


def patient_actions():
    """The four things most patients come for, first on the home page: (url, label, hint, icon name)."""
    return [
        (reverse("departments:list"), _("找科室"), _("按类别与院区"), "stethoscope"),
        (reverse("experts:list"), _("找专家/出诊"), _("擅长与出诊时间"), "user-round-search"),
        (reverse("pages:service", kwargs={"slug": BOOKING_PAGE_SLUG}), _("预约挂号"), _("挂号方式"), "calendar-check"),
        (reverse("core:campuses"), _("来院/联系"), _("院区地址与电话"), "map-pin"),
    ]


class HomeView(TemplateView):
    """Profile, key figures, news, the ways into departments and experts, the campuses."""

    template_name = "pages/home.html"
    news_count = 6

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        articles = list(Article.objects.published().for_listing()[: self.news_count])
        departments = Department.objects.visible().filter(parent__isnull=True).only("name", "slug", "kind")
        profile = HospitalProfile.objects.first()
        campuses = list(Campus.objects.all())
        context.update(
            profile=profile,
            structured_data=hospital_structured_data(profile),
            key_figures=KeyFigure.objects.visible().featured().with_values()[:6],
            pinned_news=[article for article in articles if article.is_pinned],
            latest_news=[article for article in articles if not article.is_pinned],
            department_groups=group_by_kind(departments),
            campuses=campuses,
            # The first campus photo is the home page's picture; with none the hero shows the emblem.
            hero_campus=next((campus for campus in campuses if campus.photo), None),
            patient_actions=patient_actions(),
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
        return super().get_queryset().prefetch_related("links", "qr_codes")


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

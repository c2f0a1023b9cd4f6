"""Views that compose the content apps: the home page, patient-service pages and 导诊."""

from django.conf import settings
from django.contrib import admin
from django.contrib.auth.mixins import UserPassesTestMixin
from django.db.models import Prefetch
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, TemplateView

from apps.core.context_processors import HOSPITAL_NAME, current_hospital_info
from apps.core.models import Campus
from apps.core.views import OldSlugRedirectMixin, PublishedForVisitorsMixin
from apps.departments.models import Condition, Department, group_by_kind, visible_departments
from apps.history.models import HospitalProfile, KeyFigure
from apps.media.models import Attachment
from apps.news.models import Article

from .checklist import launch_checklist
from .models import ServicePage, Symptom

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
            structured_data=hospital_structured_data(profile, current_hospital_info(), campuses),
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


def hospital_structured_data(profile, info, campuses=()):
    """schema.org Hospital for the home page; only facts the profile, the contact facts and the campuses hold."""
    data = {"@type": "Hospital", "name": str(HOSPITAL_NAME), "url": settings.SITE_URL + "/"}
    if profile:
        data.update(name=profile.name, alternateName=profile.full_name, foundingDate=str(profile.founded_year))
        if profile.summary:
            data["description"] = profile.summary
    if info.switchboard_phone:
        data["telephone"] = info.switchboard_phone
    contact_points = [
        {"@type": "ContactPoint", "telephone": phone, "contactType": kind}
        for phone, kind in ((info.emergency_phone, "emergency"), (info.booking_phone, "reservations"))
        if phone
    ]
    if contact_points:
        data["contactPoint"] = contact_points
    locations = []
    for campus in campuses:
        location = {"@type": "Place", "name": campus.name}
        if campus.address:
            location["address"] = {"@type": "PostalAddress", "streetAddress": campus.address, "addressCountry": "CN"}
        if campus.phone:
            location["telephone"] = campus.phone
        if len(location) > 2:
            locations.append(location)
    if locations:
        data["location"] = locations
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

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.object.purpose == ServicePage.Purpose.CONTACT:
            context["contact_campuses"] = Campus.objects.all()
        return context


class GuideView(TemplateView):
    """导诊: from a complaint, typed or picked, to departments: by the symptom table first, then by conditions.

    Red-flag symptoms the complaint names come before everything else, with their advice (立即拨打 120 或到急诊).
    """

    template_name = "pages/guide.html"
    query_parameters = ("q",)  # what the page cache keys on (apps.core.cache)
    max_query_length = 50

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = " ".join(self.request.GET.get("q", "").split())
        conditions = list(Condition.objects.prefetch_related(visible_departments()))
        symptoms = list(Symptom.objects.for_guide())
        error = ""
        matches = []
        matched_symptoms = []
        if len(query) > self.max_query_length:
            error = _("输入的内容太长了，请用简短的词描述症状，例如“胸痛”“头晕”。")
        elif query:
            # Red flags first (the queryset's order), then the symptom the patient named exactly.
            matched_symptoms = sorted(
                (symptom for symptom in symptoms if symptom.matches(query)),
                key=lambda symptom: (not symptom.is_red_flag, query not in symptom.terms),
            )
            # A condition of the same name as a symptom shown (胸痛) would be the same card twice.
            named = {symptom.name for symptom in matched_symptoms}
            matches = [c for c in conditions if c.name not in named and condition_matches(c, query)]
        context.update(
            query=query[: self.max_query_length],
            error=error,
            matches=matches,
            urgent_symptoms=[symptom for symptom in matched_symptoms if symptom.is_red_flag],
            matched_symptoms=[symptom for symptom in matched_symptoms if not symptom.is_red_flag],
            found=bool(matches or matched_symptoms),
            symptoms=[symptom for symptom in symptoms if not symptom.is_red_flag],
            red_flags=[symptom for symptom in symptoms if symptom.is_red_flag],
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


class LaunchChecklistView(UserPassesTestMixin, TemplateView):
    """上线检查 in the admin: what is still missing, counted, each item linked to its change page."""

    template_name = "admin/launch_checklist.html"
    raise_exception = True

    def test_func(self):
        return can_see_launch_checklist(self.request.user)

    def get_context_data(self, **kwargs):
        groups = launch_checklist()
        return super().get_context_data(
            **admin.site.each_context(self.request),
            title=_("上线检查"),
            groups=groups,
            total=sum(len(group.items) for group in groups),
            **kwargs,
        )


def can_see_launch_checklist(user):
    """Superusers and 内容管理员 (who edit the hospital's contact facts)."""
    return user.is_active and user.is_staff and (user.is_superuser or user.has_perm("core.change_hospitalinfo"))

"""Find an expert (/experts/), read their page, and take their clinic sessions as a calendar."""

import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.http import HttpResponse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.generic import DetailView, ListView

from apps.core.cache import content_generation
from apps.core.pagination import PageNumberMixin
from apps.core.views import OldSlugRedirectMixin, PublishedForVisitorsMixin
from apps.departments.models import Department

from .forms import ExpertFilterForm
from .ical import expert_calendar
from .models import Expert, ScheduleException, Weekday, WeeklySession, Workstation
from .timetable import days_with_sessions, local_today, sessions_between

COMING_DAYS = 7
CALENDAR_DAYS = 28


def current_sessions(today):
    """Weekly sessions not yet ended, with their campus: what the list cards and filters go by."""
    return WeeklySession.objects.filter(Q(valid_until__isnull=True) | Q(valid_until__gte=today))


def related_news():
    """The expert's latest published news, through the reverse relation (the news app is not imported)."""
    article_model = Expert._meta.get_field("news_articles").related_model
    articles = article_model._default_manager.published().only("title", "slug", "published_at")
    return Prefetch("news_articles", queryset=articles.order_by("-published_at", "-id")[:5], to_attr="related_news")


def schedule_prefetches(first_day, last_day):
    """What sessions_between() needs for the days first_day..last_day (excluded), in four queries."""
    exceptions = ScheduleException.objects.filter(date__gte=first_day, date__lt=last_day)
    return [
        Prefetch("weekly_sessions", queryset=WeeklySession.objects.select_related("campus")),
        Prefetch("schedule_exceptions", queryset=exceptions.select_related("substitute", "campus")),
        Prefetch(
            "substitutions",
            queryset=exceptions.filter(kind=ScheduleException.Kind.SUBSTITUTE)
            .select_related("expert")
            .prefetch_related(
                Prefetch("expert__weekly_sessions", queryset=WeeklySession.objects.select_related("campus"))
            ),
        ),
    ]


class ExpertListView(PageNumberMixin, ListView):
    model = Expert
    query_parameters = ("department", "title", "campus", "day", "page")  # what the page cache keys on
    paginate_by = 12
    context_object_name = "experts"

    def get_queryset(self):
        today = local_today()
        self.filter_form = ExpertFilterForm(self.request.GET or None)
        self.filters = self.filter_form.selected()
        queryset = (
            Expert.objects.in_directory()
            .select_related("primary_department")
            # The cards show neither the long texts nor the department's introduction.
            .defer("biography", "education", "academic_posts", "honours", "primary_department__introduction")
            .prefetch_related(
                Prefetch(
                    "weekly_sessions",
                    queryset=current_sessions(today).select_related("campus"),
                    to_attr="current_sessions",
                )
            )
            .order_by("display_order", "name", "pk")
        )
        return self.filter_queryset(queryset, today)

    def filter_queryset(self, queryset, today):
        filters = self.filters
        if department := filters.get("department"):
            # A centre's page lists the experts of the departments under it too.
            in_department = Q(pk=department.pk) | Q(parent_id=department.pk)
            departments = Department.objects.filter(in_department).values("pk")
            queryset = queryset.filter(
                Q(primary_department__in=departments)
                | Exists(Expert.departments.through.objects.filter(expert=OuterRef("pk"), department__in=departments))
            )
        if title := filters.get("title"):
            queryset = queryset.filter(clinical_title=title)
        if "campus" in filters or "day" in filters:
            # Campus and day together mean one session at that campus on that day.
            sessions = current_sessions(today).filter(expert=OuterRef("pk"))
            if campus := filters.get("campus"):
                sessions = sessions.filter(campus=campus)
            if day := filters.get("day"):
                sessions = sessions.filter(weekday=day)
            queryset = queryset.filter(Exists(sessions))
        return queryset

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = {
            key: value
            for key, value in (
                ("department", getattr(self.filters.get("department"), "slug", "")),
                ("title", self.filters.get("title", "")),
                ("campus", getattr(self.filters.get("campus"), "slug", "")),
                ("day", self.filters.get("day", "")),
            )
            if value
        }
        page = context["page_obj"]
        context.update(
            filter_form=self.filter_form,
            filters=self.filters,
            content_generation=content_generation(),
            notices=[*self.filter_form.notices(), *self.page_notices],
            filter_query=urlencode(query),
            is_filtered=bool(self.filters),
            title_label=Expert.ClinicalTitle(self.filters["title"]).label if "title" in self.filters else "",
            day_label=Weekday(self.filters["day"]).label if "day" in self.filters else "",
        )
        if not self.filters and page.number == 1:
            context["workstations"] = Workstation.objects.filter(is_active=True).select_related(
                "lead_expert", "department"
            )
        return context


class ExpertDetailView(OldSlugRedirectMixin, PublishedForVisitorsMixin, DetailView):
    model = Expert

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.today = local_today()

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("primary_department")
            .defer("primary_department__introduction")
            .prefetch_related(
                Prefetch("departments", queryset=Department.objects.only("name", "slug", "is_visible")),
                Prefetch("led_workstations", queryset=Workstation.objects.filter(is_active=True)),
                *schedule_prefetches(self.today, self.today + datetime.timedelta(days=COMING_DAYS)),
                related_news(),
            )
        )

    def get_context_data(self, **kwargs):
        expert, today = self.object, self.today
        weekly = sorted(
            (s for s in expert.weekly_sessions.all() if s.valid_until is None or s.valid_until >= today),
            key=lambda s: (s.weekday, s.period, s.valid_from or datetime.date.min),
        )
        changed = [expert.schedule_updated_at, *(s.updated_at for s in expert.weekly_sessions.all())]
        changed += [e.updated_at for e in expert.schedule_exceptions.all()]
        # Only the days with a session: a day without one would be a grey card saying so.
        coming_days = [day for day in days_with_sessions(expert, today, COMING_DAYS) if day.sessions]
        return super().get_context_data(
            today=today,
            coming_days=coming_days,
            coming_days_have_sessions=bool(coming_days),
            # No booking facts or timetable for someone named only for an honour, until they hold a session.
            sees_patients=expert.sees_patients or bool(weekly) or bool(coming_days),
            weekly_sessions=weekly,
            # A timetable column no session fills is left out rather than shown as a column of dashes.
            weekly_has_location=any(session.location for session in weekly),
            weekly_has_note=any(
                session.note or session.valid_until or (session.valid_from and session.valid_from > today)
                for session in weekly
            ),
            schedule_changed_at=max((moment for moment in changed if moment), default=None),
            **kwargs,
        )


class ExpertScheduleCalendarView(OldSlugRedirectMixin, PublishedForVisitorsMixin, DetailView):
    """/experts/<slug>/schedule.ics: the coming weeks' sessions, exceptions applied, as iCalendar."""

    model = Expert

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.today = local_today()

    def get_queryset(self):
        last_day = self.today + datetime.timedelta(days=CALENDAR_DAYS)
        return super().get_queryset().prefetch_related(*schedule_prefetches(self.today, last_day))

    def get_current_url(self, record):
        return record.get_schedule_ics_url()

    def render_to_response(self, context, **response_kwargs):
        """The calendar instead of a template."""
        expert, today = self.object, self.today
        sessions = sessions_between(expert, today, today + datetime.timedelta(days=CALENDAR_DAYS))
        body = expert_calendar(
            expert,
            sessions,
            calendar_name=_("%(name)s 出诊时间 - %(hospital)s")
            % {"name": expert.name, "hospital": _("衡阳市中心医院")},
            uid_domain=urlsplit(settings.SITE_URL).hostname or "localhost",
            page_url=self.request.build_absolute_uri(expert.get_absolute_url()),
            stamp=timezone.now(),
        )
        response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = f'inline; filename="{expert.slug}-schedule.ics"'
        return response

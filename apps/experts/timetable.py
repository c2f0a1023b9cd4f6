"""From weekly sessions and dated exceptions to the real sessions of given days, in the hospital's local time.

Everything here works on what is already loaded (prefetched) on the expert: it runs no query of its own
when the expert came with `weekly_sessions`, `schedule_exceptions` and `substitutions__expert__weekly_sessions`
prefetched, and it is a plain function of its inputs, so it is easy to test.
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from .models import PERIOD_HOURS, ClinicType, Period, ScheduleException, Weekday

ONE_DAY = datetime.timedelta(days=1)


def hospital_timezone():
    """The hospital's time zone (settings.TIME_ZONE, Asia/Shanghai), whatever zone is active."""
    return timezone.get_default_timezone()


def local_today():
    return timezone.localdate(timezone=hospital_timezone())


@dataclass(frozen=True)
class Session:
    """One half-day on one date, as a patient would see it."""

    REGULAR = "regular"
    CANCELLED = "cancelled"
    SUBSTITUTED = "substituted"
    EXTRA = "extra"
    SUBSTITUTING = "substituting"

    date: datetime.date
    period: int
    start: datetime.datetime
    end: datetime.datetime
    status: str
    campus: object
    clinic_type: str
    location: str = ""
    note: str = ""
    reason: str = ""
    substitute: object = None  # SUBSTITUTED: who sees the patients instead
    replaces: object = None  # SUBSTITUTING: whose session this expert covers
    exact_hours: bool = False  # the editor gave the hours; otherwise they are the period's usual ones

    @property
    def weekday_label(self):
        return Weekday(self.date.isoweekday()).label

    @property
    def period_label(self):
        return Period(self.period).label

    @property
    def clinic_type_label(self):
        return ClinicType(self.clinic_type).label if self.clinic_type in ClinicType.values else ""


def _days(start, end):
    day = start
    while day < end:
        yield day
        day += ONE_DAY


def _at(day, time):
    return datetime.datetime.combine(day, time, tzinfo=hospital_timezone())


def _weekly_sessions_on(weekly_sessions, day):
    return [s for s in weekly_sessions if s.weekday == day.isoweekday() and s.is_valid_on(day)]


def _change_for(exceptions, day, period):
    """The cancellation or substitution covering that session; one naming the period wins over a whole day."""
    matching = [
        e
        for e in exceptions
        if e.kind in (ScheduleException.Kind.CANCEL, ScheduleException.Kind.SUBSTITUTE) and e.applies_to(day, period)
    ]
    matching.sort(key=lambda e: e.period is None)
    return matching[0] if matching else None


def _from_weekly(weekly, day, status, **extra):
    start, end = weekly.hours()
    return Session(
        exact_hours=bool(weekly.start_time or weekly.end_time),
        date=day,
        period=weekly.period,
        start=_at(day, start),
        end=_at(day, end),
        status=status,
        campus=weekly.campus,
        clinic_type=weekly.clinic_type,
        location=weekly.location,
        note=weekly.note,
        **extra,
    )


def sessions_between(expert, start, end):
    """The sessions of `expert` on each local date from `start` (included) to `end` (excluded).

    Weekly sessions count on the dates they are valid; a 停诊 marks its sessions cancelled, a 替诊 marks
    them substituted (and names who covers), a 加诊 adds a session; sessions the expert covers for a
    colleague (替诊 naming this expert) are included. Sorted by date and period.
    """
    weekly_sessions = list(expert.weekly_sessions.all())
    exceptions = [e for e in expert.schedule_exceptions.all() if start <= e.date < end]
    sessions = []
    for day in _days(start, end):
        for weekly in _weekly_sessions_on(weekly_sessions, day):
            change = _change_for(exceptions, day, weekly.period)
            if change is None:
                sessions.append(_from_weekly(weekly, day, Session.REGULAR))
            elif change.kind == ScheduleException.Kind.CANCEL:
                sessions.append(_from_weekly(weekly, day, Session.CANCELLED, reason=change.reason))
            else:
                sessions.append(
                    _from_weekly(weekly, day, Session.SUBSTITUTED, reason=change.reason, substitute=change.substitute)
                )
    for extra in exceptions:
        if extra.kind != ScheduleException.Kind.EXTRA:
            continue
        start_time, end_time = PERIOD_HOURS[extra.period]
        sessions.append(
            Session(
                date=extra.date,
                period=extra.period,
                start=_at(extra.date, start_time),
                end=_at(extra.date, end_time),
                status=Session.EXTRA,
                campus=extra.campus,
                clinic_type=extra.clinic_type,
                location=extra.location,
                reason=extra.reason,
            )
        )
    for substitution in expert.substitutions.all():
        if substitution.kind != ScheduleException.Kind.SUBSTITUTE or not start <= substitution.date < end:
            continue
        covered = substitution.expert
        for weekly in _weekly_sessions_on(covered.weekly_sessions.all(), substitution.date):
            if substitution.applies_to(substitution.date, weekly.period):
                sessions.append(
                    _from_weekly(
                        weekly, substitution.date, Session.SUBSTITUTING, reason=substitution.reason, replaces=covered
                    )
                )
    sessions.sort(key=lambda s: (s.date, s.period, s.start))
    return sessions


@dataclass(frozen=True)
class Day:
    date: datetime.date
    sessions: list

    @property
    def weekday_label(self):
        return Weekday(self.date.isoweekday()).label


def days_with_sessions(expert, first_day, days=7):
    """A Day for each of `days` days from `first_day`, every day listed even when it has no session."""
    end = first_day + datetime.timedelta(days=days)
    sessions = sessions_between(expert, first_day, end)
    return [Day(day, [s for s in sessions if s.date == day]) for day in _days(first_day, end)]

"""Experts and their clinic schedules."""

import reversion

from .experts import Expert, ExpertManager, ExpertQuerySet, Workstation
from .schedule import PERIOD_HOURS, ClinicType, Period, ScheduleException, Weekday, WeeklySession

# An expert's versions carry their sessions and exceptions, and each session's carry its expert:
# reverting an expert (or a schedule edit) from the history brings the old timetable back whole.
reversion.register(Expert, follow=("weekly_sessions", "schedule_exceptions"))
reversion.register(WeeklySession, follow=("expert",))
reversion.register(ScheduleException, follow=("expert",))
reversion.register(Workstation)

__all__ = [
    "PERIOD_HOURS",
    "ClinicType",
    "Expert",
    "ExpertManager",
    "ExpertQuerySet",
    "Period",
    "ScheduleException",
    "Weekday",
    "WeeklySession",
    "Workstation",
]

"""Experts, their workstations and teams, and weekly clinic schedules with their exceptions."""

from django.apps import AppConfig


class ExpertsConfig(AppConfig):
    name = "apps.experts"
    verbose_name = "专家"
    editor_roles = ("内容管理员",)

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from .models import ScheduleException, WeeklySession
        from .signals import schedule_changed

        for model in (WeeklySession, ScheduleException):
            post_save.connect(schedule_changed, sender=model, dispatch_uid=f"experts-schedule-saved-{model.__name__}")
            post_delete.connect(
                schedule_changed, sender=model, dispatch_uid=f"experts-schedule-deleted-{model.__name__}"
            )

"""Clinic schedules: an expert's weekly sessions (出诊), and dated exceptions (停诊, 替诊, 加诊)."""

import datetime

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from apps.core.models import Campus, TimeStampedModel

from .experts import Expert


class Weekday(models.IntegerChoices):
    """ISO weekdays, as date.isoweekday() counts them."""

    MONDAY = 1, _("周一")
    TUESDAY = 2, _("周二")
    WEDNESDAY = 3, _("周三")
    THURSDAY = 4, _("周四")
    FRIDAY = 5, _("周五")
    SATURDAY = 6, _("周六")
    SUNDAY = 7, _("周日")


class Period(models.IntegerChoices):
    MORNING = 1, _("上午")
    AFTERNOON = 2, _("下午")
    EVENING = 3, _("晚上")


# When a period begins and ends unless a session says otherwise; used for calendar entries.
PERIOD_HOURS = {
    Period.MORNING: (datetime.time(8, 0), datetime.time(12, 0)),
    Period.AFTERNOON: (datetime.time(14, 30), datetime.time(17, 30)),
    Period.EVENING: (datetime.time(18, 30), datetime.time(21, 0)),
}


class ClinicType(models.TextChoices):
    EXPERT = "expert", _("专家门诊")
    GENERAL = "general", _("普通门诊")
    SPECIAL_NEEDS = "special_needs", _("特需门诊")
    SPECIALIST = "specialist", _("专科门诊")
    SPECIFIC_DISEASE = "specific_disease", _("专病门诊")
    MULTIDISCIPLINARY = "multidisciplinary", _("多学科联合门诊")


class ClinicPlace(models.Model):
    """Where a session is held: campus, clinic type, building, floor and room."""

    clinic_type = models.CharField(_("门诊类型"), max_length=20, choices=ClinicType.choices, default=ClinicType.EXPERT)
    building = models.CharField(_("楼栋"), max_length=50, blank=True, help_text=_("例如：门诊楼。"))
    floor = models.CharField(_("楼层"), max_length=20, blank=True, help_text=_("例如：3楼。"))
    room = models.CharField(_("诊室"), max_length=50, blank=True, help_text=_("例如：302诊室。"))

    class Meta:
        abstract = True

    @property
    def location(self):
        """Building, floor and room as one line, without the campus."""
        return " ".join(part for part in (self.building, self.floor, self.room) if part)


class WeeklySession(ClinicPlace, TimeStampedModel):
    """A half-day an expert sees patients every week, from an optional first day to an optional last day."""

    expert = models.ForeignKey(Expert, verbose_name=_("专家"), on_delete=models.CASCADE, related_name="weekly_sessions")
    weekday = models.PositiveSmallIntegerField(_("星期"), choices=Weekday.choices)
    period = models.PositiveSmallIntegerField(_("时段"), choices=Period.choices)
    campus = models.ForeignKey(Campus, verbose_name=_("院区"), on_delete=models.PROTECT, related_name="expert_sessions")
    start_time = models.TimeField(
        _("开始时间"), null=True, blank=True, help_text=_("可不填：上午默认 8:00，下午 14:30，晚上 18:30。")
    )
    end_time = models.TimeField(
        _("结束时间"), null=True, blank=True, help_text=_("可不填：上午默认 12:00，下午 17:30，晚上 21:00。")
    )
    note = models.CharField(_("备注"), max_length=200, blank=True, help_text=_("例如：单周出诊、限号 30 人。"))
    valid_from = models.DateField(_("生效日期"), null=True, blank=True, help_text=_("可不填，不填表示即日起。"))
    valid_until = models.DateField(_("截止日期"), null=True, blank=True, help_text=_("可不填，不填表示长期有效。"))

    class Meta:
        ordering = ["expert", "weekday", "period", "valid_from"]
        verbose_name = _("每周出诊安排")
        verbose_name_plural = _("每周出诊安排")
        constraints = [
            models.CheckConstraint(
                condition=Q(weekday__gte=1, weekday__lte=7),
                name="experts_weeklysession_weekday_range",
                violation_error_message=_("星期应为周一至周日。"),
            ),
            models.CheckConstraint(
                condition=Q(period__gte=1, period__lte=3),
                name="experts_weeklysession_period_range",
                violation_error_message=_("时段应为上午、下午或晚上。"),
            ),
            models.CheckConstraint(
                condition=Q(valid_from__isnull=True)
                | Q(valid_until__isnull=True)
                | Q(valid_until__gte=F("valid_from")),
                name="experts_weeklysession_valid_dates_in_order",
                violation_error_message=_("截止日期不能早于生效日期。"),
            ),
            models.CheckConstraint(
                condition=Q(start_time__isnull=True) | Q(end_time__isnull=True) | Q(end_time__gt=F("start_time")),
                name="experts_weeklysession_times_in_order",
                violation_error_message=_("结束时间应晚于开始时间。"),
            ),
            models.UniqueConstraint(
                fields=["expert", "weekday", "period", "valid_from"],
                nulls_distinct=False,
                name="experts_weeklysession_one_per_slot",
                violation_error_message=_("这位专家在同一星期、同一时段已有一条生效日期相同的出诊安排。"),
            ),
        ]

    def __str__(self):
        return f"{self.expert} {self.get_weekday_display()}{self.get_period_display()} {self.campus}"

    def get_absolute_url(self):
        return self.expert.get_absolute_url() + "#schedule"

    def is_valid_on(self, day):
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_until is None or day <= self.valid_until
        )

    def hours(self):
        default_start, default_end = PERIOD_HOURS[self.period]
        return self.start_time or default_start, self.end_time or default_end


class ScheduleException(ClinicPlace, TimeStampedModel):
    """A change to one day's sessions: 停诊 (cancelled), 替诊 (another expert sees the patients) or 加诊 (extra)."""

    class Kind(models.TextChoices):
        CANCEL = "cancel", _("停诊")
        SUBSTITUTE = "substitute", _("替诊")
        EXTRA = "extra", _("加诊")

    expert = models.ForeignKey(
        Expert, verbose_name=_("专家"), on_delete=models.CASCADE, related_name="schedule_exceptions"
    )
    date = models.DateField(_("日期"))
    period = models.PositiveSmallIntegerField(
        _("时段"),
        choices=Period.choices,
        null=True,
        blank=True,
        help_text=_("停诊、替诊可不填，表示当天全天；加诊必须填写。"),
    )
    kind = models.CharField(_("类型"), max_length=20, choices=Kind.choices)
    substitute = models.ForeignKey(
        Expert,
        verbose_name=_("替诊专家"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="substitutions",
        help_text=_("仅替诊时填写：由哪位专家代为出诊。"),
    )
    reason = models.CharField(_("原因"), max_length=200, blank=True, help_text=_("显示给患者，例如：外出学术交流。"))
    campus = models.ForeignKey(
        Campus,
        verbose_name=_("院区"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="expert_extra_sessions",
        help_text=_("仅加诊时填写；停诊、替诊沿用原出诊安排的地点。"),
    )

    class Meta:
        ordering = ["date", "period"]
        verbose_name = _("停诊、替诊与加诊")
        verbose_name_plural = _("停诊、替诊与加诊")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=["cancel", "substitute", "extra"]),
                name="experts_scheduleexception_kind_known",
                violation_error_message=_("类型应为停诊、替诊或加诊。"),
            ),
            models.CheckConstraint(
                condition=Q(kind="substitute", substitute__isnull=False) | (~Q(kind="substitute") & Q(substitute=None)),
                name="experts_scheduleexception_substitute_only_for_substitution",
                violation_error_message=_("替诊必须选择替诊专家；停诊和加诊不填替诊专家。"),
            ),
            models.CheckConstraint(
                condition=Q(substitute=None) | ~Q(substitute=F("expert")),
                name="experts_scheduleexception_not_own_substitute",
                violation_error_message=_("替诊专家不能是本人。"),
            ),
            models.CheckConstraint(
                condition=~Q(kind="extra") | Q(period__isnull=False, campus__isnull=False),
                name="experts_scheduleexception_extra_has_period_and_campus",
                violation_error_message=_("加诊必须填写时段和院区。"),
            ),
            models.UniqueConstraint(
                fields=["expert", "date", "period"],
                nulls_distinct=False,
                name="experts_scheduleexception_one_per_slot",
                violation_error_message=_("这位专家在这一天的这个时段已有一条停诊、替诊或加诊记录。"),
            ),
        ]

    def __str__(self):
        period = self.get_period_display() if self.period else _("全天")
        return f"{self.expert} {self.date:%Y-%m-%d} {period} {self.get_kind_display()}"

    def get_absolute_url(self):
        return self.expert.get_absolute_url() + "#schedule"

    def applies_to(self, day, period):
        """Whether this cancellation or substitution covers the session on `day` in `period`."""
        return self.date == day and (self.period is None or self.period == period)

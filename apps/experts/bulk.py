"""Bulk 停诊: cancel the sessions of one expert or of a whole department over a range of dates, with a reason.

One whole-day (or one-period) 停诊 is made for each day an expert has a weekly session in effect; a day
that already has an exception of that scope (停诊, 替诊 or 加诊) is left as it is. Everything is saved in
one transaction and one revision, and the page cache is emptied once at the end.
"""

import datetime

import reversion
from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AdminDateWidget, AutocompleteSelect
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from apps.core.cache import invalidation_deferred
from apps.departments.models import Department

from .models import Expert, Period, ScheduleException, WeeklySession

MAX_DAYS = 366


class BulkCancelForm(forms.Form):
    expert = forms.ModelChoiceField(
        label=_("专家"),
        queryset=Expert.objects.all(),
        required=False,
        widget=AutocompleteSelect(ScheduleException._meta.get_field("expert"), admin.site),
        help_text=_("为一位专家停诊时选择；为整个科室停诊时留空。"),
    )
    department = forms.ModelChoiceField(
        label=_("科室"),
        queryset=Department.objects.all(),
        required=False,
        widget=AutocompleteSelect(Expert._meta.get_field("primary_department"), admin.site),
        help_text=_("这个科室的所有在岗专家（含兼属这个科室的专家）都停诊。"),
    )
    start = forms.DateField(label=_("开始日期"), widget=AdminDateWidget)
    end = forms.DateField(label=_("结束日期"), widget=AdminDateWidget, help_text=_("包含这一天。"))
    period = forms.TypedChoiceField(
        label=_("时段"),
        choices=[("", _("全天")), *Period.choices],
        coerce=int,
        empty_value=None,
        required=False,
    )
    reason = forms.CharField(
        label=_("原因"),
        max_length=ScheduleException._meta.get_field("reason").max_length,
        help_text=_("显示给患者，例如：春节放假、外出学术交流。"),
    )

    def clean(self):
        cleaned = super().clean()
        expert, department = cleaned.get("expert"), cleaned.get("department")
        if expert and department:
            raise forms.ValidationError(_("请只选择一位专家或一个科室，不要同时选择。"))
        if not expert and not department and "expert" not in self.errors and "department" not in self.errors:
            raise forms.ValidationError(_("请选择一位专家或一个科室。"))
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end:
            if end < start:
                self.add_error("end", _("结束日期不能早于开始日期。"))
            elif (end - start).days >= MAX_DAYS:
                self.add_error("end", _("一次最多为 %(days)d 天停诊，请分几次填写。") % {"days": MAX_DAYS})
        return cleaned

    def experts(self):
        if expert := self.cleaned_data["expert"]:
            return Expert.objects.filter(pk=expert.pk)
        department = self.cleaned_data["department"]
        in_department = Q(primary_department=department) | Q(departments=department)
        return Expert.objects.active().filter(in_department).distinct()

    def save(self, user):
        """Creates the 停诊 records; returns (records made, experts affected, days that already had one)."""
        start, end = self.cleaned_data["start"], self.cleaned_data["end"]
        period, reason = self.cleaned_data["period"], self.cleaned_data["reason"]
        experts = list(self.experts())
        sessions = WeeklySession.objects.filter(expert__in=experts).filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=end), Q(valid_until__isnull=True) | Q(valid_until__gte=start)
        )
        if period:
            sessions = sessions.filter(period=period)
        sessions_by_expert = {}
        for session in sessions:
            sessions_by_expert.setdefault(session.expert_id, []).append(session)
        taken = set(
            ScheduleException.objects.filter(expert__in=experts, date__range=(start, end), period=period).values_list(
                "expert_id", "date"
            )
        )
        made, affected, skipped = 0, set(), 0
        with transaction.atomic(), reversion.create_revision(), invalidation_deferred():
            reversion.set_user(user)
            reversion.set_comment(gettext("批量停诊：%(reason)s") % {"reason": reason})
            day = start
            while day <= end:
                for expert in experts:
                    works = any(
                        s.weekday == day.isoweekday() and s.is_valid_on(day)
                        for s in sessions_by_expert.get(expert.pk, [])
                    )
                    if not works:
                        continue
                    if (expert.pk, day) in taken:
                        skipped += 1
                        continue
                    ScheduleException.objects.create(
                        expert=expert, date=day, period=period, kind=ScheduleException.Kind.CANCEL, reason=reason
                    )
                    made += 1
                    affected.add(expert.pk)
                day += datetime.timedelta(days=1)
        return made, len(affected), skipped

"""The filters of the expert list: department, clinical title, campus and day of the week.

An unknown value is dropped with a notice that says which filter was ignored, and the others still apply.
Each menu offers only the values some listed expert has (a department someone works in, a campus or weekday
with a current session, a title someone holds) besides the one chosen: a choice that can only answer
"0 位专家" is not offered, and a filter with no such value is not shown. Any valid value in the address
still filters.
"""

from functools import cached_property

from django import forms
from django.db.models import Case, Exists, IntegerField, OuterRef, Q, Value, When
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from apps.core.models import Campus
from apps.departments.models import Department

from .models import Expert, Weekday, WeeklySession
from .timetable import local_today


def listed_sessions():
    """The weekly sessions, not yet ended, of the experts the list shows."""
    return WeeklySession.objects.filter(
        Q(valid_until__isnull=True) | Q(valid_until__gte=local_today()),
        expert__in=Expert.objects.in_directory(),
    )


def offered_values():
    """{filter name: the values with at least one listed expert}, in three queries."""
    sessions = listed_sessions()
    return {
        "title": set(Expert.objects.in_directory().values_list("clinical_title", flat=True).distinct()),
        "campus": set(
            Campus.objects.filter(Exists(sessions.filter(campus=OuterRef("pk")))).values_list("slug", flat=True)
        ),
        "day": {str(day) for day in sessions.values_list("weekday", flat=True).distinct()},
    }


def offered_departments(chosen=""):
    """Visible departments with a listed expert (a centre: also in a department under it), and the chosen one.

    In the order of the department list: by kind, then each kind's own display order and name.
    """
    experts = Expert.objects.in_directory()
    has_expert = Exists(
        experts.filter(
            Q(primary_department=OuterRef("pk"))
            | Q(primary_department__parent=OuterRef("pk"))
            | Q(departments=OuterRef("pk"))
            | Q(departments__parent=OuterRef("pk"))
        )
    )
    kind_rank = Case(
        *(When(kind=kind, then=Value(rank)) for rank, kind in enumerate(Department.Kind.values)),
        default=Value(len(Department.Kind.values)),
        output_field=IntegerField(),
    )
    return (
        Department.objects.visible()
        .filter(has_expert | Q(slug=chosen))
        .only("name", "slug")
        .order_by(kind_rank, "display_order", "name")
    )


class ExpertFilterForm(forms.Form):
    department = forms.ModelChoiceField(
        label=_("科室"),
        queryset=Department.objects.visible().only("name", "slug"),
        to_field_name="slug",
        required=False,
        empty_label=_("全部科室"),
        error_messages={"invalid_choice": _("没有找到您选择的科室，已按全部科室显示。")},
    )
    title = forms.ChoiceField(
        label=_("职称"),
        required=False,
        choices=[("", _("全部职称")), *Expert.ClinicalTitle.choices],
        error_messages={"invalid_choice": _("没有这个职称选项，已按全部职称显示。")},
    )
    campus = forms.ModelChoiceField(
        label=_("院区"),
        queryset=Campus.objects.only("name", "slug"),
        to_field_name="slug",
        required=False,
        empty_label=_("全部院区"),
        error_messages={"invalid_choice": _("没有找到您选择的院区，已按全部院区显示。")},
    )
    day = forms.TypedChoiceField(
        label=_("出诊日"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("不限")), *Weekday.choices],
        error_messages={"invalid_choice": _("出诊日应为周一至周日，已按不限出诊日显示。")},
    )

    def selected(self):
        """The valid filters as {name: value} (department and campus as objects); invalid ones left out."""
        self.is_valid()
        return {name: value for name, value in getattr(self, "cleaned_data", {}).items() if value}

    @cached_property
    def offered_fields(self):
        """The filters to show, each menu narrowed to the values with a match; a filter with none is left out."""
        offered = offered_values()
        shown = []
        for field in self:
            if field.name == "department":
                # The narrowed queryset is read once, when the menu is rendered (as the whole list was).
                field.field.queryset = offered_departments(str(self.data.get("department", "")))
            elif field.name in offered:
                chosen = str(self.data.get(field.name, ""))
                keep = offered[field.name] | {chosen}
                field.field.widget.choices = [
                    (value, label) for value, label in field.field.choices if value == "" or str(value) in keep
                ]
            if len(field.field.widget.choices) > 1:
                shown.append(field)
        return shown

    def offered_summary(self):
        """The shown filters' names as one phrase, e.g. “科室、院区和出诊日”, for the page's introduction."""
        labels = [str(field.label) for field in self.offered_fields]
        if len(labels) < 2:
            return "".join(labels)
        return gettext("%(names)s和%(last)s") % {"names": "、".join(labels[:-1]), "last": labels[-1]}

    def offers_campus_and_day(self):
        """Whether both the campus and the day filter are shown (together they find who is where that day)."""
        return {"campus", "day"} <= {field.name for field in self.offered_fields}

    def notices(self):
        """One message per filter that was given a value the page does not offer."""
        return [message for errors in self.errors.values() for message in errors]

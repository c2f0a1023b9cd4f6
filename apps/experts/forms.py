"""The filters of the expert list: department, clinical title, campus and day of the week.

Each value is checked against the choices the page offers (no lookup per value); an unknown value is
dropped with a notice that says which filter was ignored, and the others still apply.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from apps.core.widgets import ChoiceList, ListSelect

from .models import Expert, Weekday


class ExpertFilterForm(forms.Form):
    department = forms.ChoiceField(
        label=_("科室"),
        required=False,
        widget=ListSelect,
        error_messages={"invalid_choice": _("没有找到您选择的科室，已按全部科室显示。")},
    )
    title = forms.ChoiceField(
        label=_("职称"),
        required=False,
        widget=ListSelect,
        choices=[("", _("全部职称")), *Expert.ClinicalTitle.choices],
        error_messages={"invalid_choice": _("没有这个职称选项，已按全部职称显示。")},
    )
    campus = forms.ChoiceField(
        label=_("院区"),
        required=False,
        widget=ListSelect,
        error_messages={"invalid_choice": _("没有找到您选择的院区，已按全部院区显示。")},
    )
    day = forms.TypedChoiceField(
        label=_("出诊日"),
        required=False,
        widget=ListSelect,
        coerce=int,
        empty_value=None,
        choices=[("", _("不限")), *Weekday.choices],
        error_messages={"invalid_choice": _("出诊日应为周一至周日，已按不限出诊日显示。")},
    )

    def __init__(self, data=None, *, departments, campuses):
        """departments: {slug: department} in the order offered (Department.objects.by_slug())."""
        super().__init__(data)
        self.departments = departments
        self.campuses = {campus.slug: campus for campus in campuses}
        self.fields["department"].choices = ChoiceList([("", _("全部科室")), *departments.choices()])
        self.fields["campus"].choices = ChoiceList(
            [("", _("全部院区")), *((slug, campus.name) for slug, campus in self.campuses.items())]
        )

    def selected(self):
        """The valid filters as {name: value} (department and campus as objects); invalid ones left out."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        chosen = {}
        if data.get("department"):
            chosen["department"] = self.departments[data["department"]]
        if data.get("title"):
            chosen["title"] = data["title"]
        if data.get("campus"):
            chosen["campus"] = self.campuses[data["campus"]]
        if data.get("day"):
            chosen["day"] = data["day"]
        return chosen

    def notices(self):
        """One message per filter that was given a value the page does not offer."""
        return [message for errors in self.errors.values() for message in errors]

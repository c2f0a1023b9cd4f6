"""The filters of the expert list: department, clinical title, campus and day of the week.

An unknown value is dropped with a notice that says which filter was ignored, and the others still apply.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from apps.core.models import Campus
from apps.departments.models import Department

from .models import Expert, Weekday


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

    def notices(self):
        """One message per filter that was given a value the page does not offer."""
        return [message for errors in self.errors.values() for message in errors]

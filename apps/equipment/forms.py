"""The department filter of the equipment list, checked against the departments it offers (no lookup per value)."""

from django import forms
from django.utils.translation import gettext_lazy as _


class DepartmentFilterForm(forms.Form):
    department = forms.ChoiceField(
        label=_("按科室查看"),
        required=False,
        error_messages={"invalid_choice": _("没有找到您选择的科室，下面列出全部设备。")},
    )

    def __init__(self, data=None, *, departments):
        super().__init__(data)
        self._departments = {department.slug: department for department in departments}
        self.fields["department"].choices = [
            ("", _("全部科室")),
            *((slug, department.name) for slug, department in self._departments.items()),
        ]

    @property
    def selected_department(self):
        """The chosen department, or None when none (or an unknown one) was asked for."""
        if not self.is_valid():
            return None
        return self._departments.get(self.cleaned_data["department"])

"""The filters of the department list, checked against the choices they offer (no database lookup per value)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from apps.core.widgets import ChoiceList, ListSelect


class DepartmentFilterForm(forms.Form):
    campus = forms.ChoiceField(
        label=_("院区"),
        required=False,
        widget=ListSelect,
        error_messages={"invalid_choice": _("没有找到您选择的院区，下面列出全部院区的科室。")},
    )
    designation = forms.ChoiceField(
        label=_("重点专科与资质"),
        required=False,
        widget=ListSelect,
        error_messages={"invalid_choice": _("没有找到您选择的重点专科或资质类别，下面列出全部科室。")},
    )

    def __init__(self, data=None, *, campuses, designation_types):
        super().__init__(data)
        self._campuses = {campus.slug: campus for campus in campuses}
        self._designation_types = {kind.slug: kind for kind in designation_types}
        self.fields["campus"].choices = ChoiceList(
            [("", _("全部院区")), *((slug, c.name) for slug, c in self._campuses.items())]
        )
        self.fields["designation"].choices = ChoiceList(
            [("", _("全部科室")), *((slug, kind.name) for slug, kind in self._designation_types.items())]
        )
        self.is_valid()

    @property
    def selected_campus(self):
        """The chosen campus, or None when none (or an unknown one) was asked for."""
        return self._campuses.get(self._cleaned("campus"))

    @property
    def selected_designation_type(self):
        return self._designation_types.get(self._cleaned("designation"))

    def _cleaned(self, name):
        # An unbound form, or a field whose value was not among the choices, selects nothing.
        return getattr(self, "cleaned_data", {}).get(name) or ""

    @property
    def is_filtering(self):
        return bool(self.selected_campus or self.selected_designation_type)

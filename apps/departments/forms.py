"""The filters of the department list: a campus and a kind of designation, each chosen by its slug.

The campus menu offers only campuses some visible department is at (a campus with none could only list
nothing) and is left out when there is none; any campus in the address still filters.
"""

from functools import cached_property

from django import forms
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from apps.core.models import Campus

from .models import Department, DesignationType


class DepartmentFilterForm(forms.Form):
    campus = forms.ModelChoiceField(
        label=_("院区"),
        queryset=Campus.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("全部院区"),
        error_messages={"invalid_choice": _("没有找到您选择的院区，下面列出全部院区的科室。")},
    )
    designation = forms.ModelChoiceField(
        label=_("重点专科与资质"),
        queryset=DesignationType.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("不限"),
        error_messages={"invalid_choice": _("没有找到您选择的重点专科或资质类别，下面列出全部科室。")},
    )

    @cached_property
    def has_campus_menu(self):
        """Narrows the campus menu to campuses with departments (and the chosen one); False when it is empty."""
        with_departments = Exists(Department.objects.visible().filter(campuses=OuterRef("pk")))
        chosen = self.data.get("campus", "")
        campuses = Campus.objects.filter(with_departments | Q(slug=chosen)).values_list("slug", "name")
        self.fields["campus"].widget.choices = [("", self.fields["campus"].empty_label), *campuses]
        return len(self.fields["campus"].widget.choices) > 1

    @property
    def selected_campus(self):
        """The chosen campus, or None when none (or an unknown one) was asked for."""
        return self._cleaned("campus")

    @property
    def selected_designation_type(self):
        return self._cleaned("designation")

    def _cleaned(self, name):
        # An unbound form, or a field whose value was not among the choices, selects nothing.
        self.is_valid()
        return getattr(self, "cleaned_data", {}).get(name)

    @property
    def is_filtering(self):
        return bool(self.selected_campus or self.selected_designation_type)

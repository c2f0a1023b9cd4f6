"""The filters of the equipment list, each value checked against what the page offers."""

from functools import cached_property

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from apps.departments.models import Department


class EquipmentFilterForm(forms.Form):
    """?department= narrows the catalogue to one department; ?category= shows one category of it, paged.

    An unknown value of either is dropped with a notice, and the other still applies.
    """

    department = forms.ModelChoiceField(
        label=_("按科室查看"),
        queryset=Department.objects.none(),  # the departments with published devices, given by the view
        to_field_name="slug",
        required=False,
        empty_label=_("全部科室"),
        error_messages={"invalid_choice": _("没有找到您选择的科室，已按全部科室显示。")},
    )
    # Declared after department: clean_category() checks the slug against that department's categories.
    category = forms.CharField(
        required=False,
        widget=forms.HiddenInput,
        error_messages={
            "invalid_choice": _("没有找到您选择的设备类别，已按全部类别显示。"),
            "not_in_department": _("%(department)s没有您选择的这类设备，已按全部类别显示。"),
        },
    )

    def __init__(self, data=None, *, departments, categories_for):
        """departments: a queryset of the departments on offer.
        categories_for(department or None): the categories on offer, each with its `total`; asked only
        when a category is chosen, so the overview does not pay for the query."""
        super().__init__(data)
        self.fields["department"].queryset = departments
        self._categories_for = categories_for

    def clean_category(self):
        slug = self.cleaned_data["category"]
        if slug and slug not in self.categories:
            department = self._chosen_department()
            if department is None:
                raise ValidationError(self.fields["category"].error_messages["invalid_choice"], code="invalid_choice")
            raise ValidationError(
                self.fields["category"].error_messages["not_in_department"],
                code="not_in_department",
                params={"department": department.name},
            )
        return slug

    def _chosen_department(self):
        return getattr(self, "cleaned_data", {}).get("department")

    @cached_property
    def categories(self):
        """{slug: category} of the categories with published devices (in the chosen department)."""
        self.is_valid()  # the department decides which categories are on offer
        return {category.slug: category for category in self._categories_for(self._chosen_department())}

    @property
    def selected_department(self):
        """The chosen department, or None when none (or an unknown one) was asked for."""
        self.is_valid()
        return self._chosen_department()

    @property
    def selected_category(self):
        """The chosen category (with its `total`), or None when none (or an unknown one) was asked for."""
        self.is_valid()
        slug = getattr(self, "cleaned_data", {}).get("category")
        return self.categories[slug] if slug else None

    def notices(self):
        """One message per filter given a value the page does not offer."""
        return [message for errors in self.errors.values() for message in errors]

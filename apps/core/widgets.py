"""Form widgets for the public filters."""

import html

from django import forms
from django.utils.choices import BaseChoiceIterator
from django.utils.html import format_html
from django.utils.safestring import mark_safe


def html_attributes(attrs):
    """Attributes in the order given, as django/forms/widgets/attrs.html writes them."""
    return mark_safe(
        "".join(
            format_html(" {}", name) if value is True else format_html(' {}="{}"', name, value)
            for name, value in attrs.items()
            if value is not False
        )
    )


class ChoiceList(BaseChoiceIterator):
    """Choices already in Django's normal form, (value, label) pairs, for a list made per request.

    A field normalizes a list of choices every time they are set, and its widget again, checking each
    label against four abstract base classes: for two hundred departments about 1 ms per form. Django
    leaves a BaseChoiceIterator as it is.
    """

    def __init__(self, pairs):
        self.pairs = list(pairs)

    def __iter__(self):
        return iter(self.pairs)

    def __len__(self):
        return len(self.pairs)


def _escape(text):
    """conditional_escape() without its lazy-string wrapper, which cost more than the escaping."""
    if hasattr(text, "__html__"):
        return text.__html__()
    return html.escape(str(text))


class ListSelect(forms.Select):
    """A <select> for long lists (two hundred departments), rendered in Python.

    Django's own Select renders a template for every <option>; on the expert list that was about half
    of the page's rendering time. Building a dictionary per option (optgroups()) and escaping through
    the lazy-aware helpers still cost 4 ms for the expert list's filters, so the options are written
    straight from the choices. The markup is the same as Django's, character for character.
    """

    def render(self, name, value, attrs=None, renderer=None):
        attrs = self.build_attrs(self.attrs, attrs)
        if self.allow_multiple_selected:
            attrs["multiple"] = True
        chosen = self.format_value(value)
        parts = [format_html('<select name="{}"{}>', name, html_attributes(attrs))]
        has_selected = False
        # The choices as Select.optgroups() reads them: an option, or a group name with its options.
        for option_value, option_label in self.choices:
            if isinstance(option_label, (list, tuple)):
                group_name, options = option_value, option_label
            else:
                group_name, options = None, [("" if option_value is None else option_value, option_label)]
            if group_name:
                parts.append(f'\n  <optgroup label="{_escape(group_name)}">')
            for subvalue, sublabel in options:
                selected = (not has_selected or self.allow_multiple_selected) and str(subvalue) in chosen
                has_selected |= selected
                selected_attribute = " selected" if selected else ""
                parts.append(
                    f'\n  <option value="{_escape(subvalue)}"{selected_attribute}>{_escape(sublabel)}</option>\n'
                )
            if group_name:
                parts.append("\n  </optgroup>")
        parts.append("\n</select>")
        # Every value and label above went through _escape() or format_html().
        return mark_safe("".join(parts))

"""Form widgets for the public filters."""

from django import forms
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


class ListSelect(forms.Select):
    """A <select> for long lists (two hundred departments), rendered in Python.

    Django's own Select renders a template for every <option>; on the expert list that was about half
    of the page's rendering time. The markup is the same as Django's, character for character.
    """

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        parts = [format_html('<select name="{}"{}>', widget["name"], html_attributes(widget["attrs"]))]
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                parts.append(format_html('\n  <optgroup label="{}">', group_name))
            parts.extend(
                format_html(
                    '\n  <option value="{}"{}>{}</option>\n',
                    option["value"],
                    html_attributes(option["attrs"]),
                    option["label"],
                )
                for option in options
            )
            if group_name:
                parts.append("\n  </optgroup>")
        parts.append("\n</select>")
        # Every part is either escaped by format_html() or a literal of this method.
        return mark_safe("".join(parts))

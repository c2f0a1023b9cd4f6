"""Template filters for the hospital's contact facts: `tel:` links and lists of numbers."""

from django import template

from apps.core.phones import phone_list, tel_uri

register = template.Library()


@register.filter
def tel_href(value):
    """`tel:07348888888` for a number shown as 0734-8888888; "" for a value with no number in it."""
    return tel_uri(value or "")


@register.filter
def phones(value):
    """The numbers an editor listed in one field (114、12320)."""
    return phone_list(value)

"""The guide's red-flag answer (立即拨打 120) for other pages: the search results show it when the query names one."""

from django import template

from apps.core.cache import cached_per_generation

from ..models import Symptom

register = template.Library()

RED_FLAGS_CACHE_KEY = "pages:red-flag-symptoms"


def red_flag_symptoms():
    """The red-flag symptoms with their visible departments: one query per content generation, like the navigation."""
    return cached_per_generation(
        RED_FLAGS_CACHE_KEY, lambda: list(Symptom.objects.filter(is_red_flag=True).for_guide())
    )


@register.simple_tag
def red_flags_named(query):
    """The red-flag symptoms the query names, by the guide's rule (Symptom.matches): 胸痛 names 胸痛伴大汗."""
    query = " ".join(str(query or "").split())
    if not query:
        return []
    return [symptom for symptom in red_flag_symptoms() if symptom.matches(query)]

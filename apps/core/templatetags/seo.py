"""Structured data for search engines: schema.org JSON-LD, safe to embed in a page."""

import json

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()

# Escapes that keep JSON inside <script> from closing the element or opening a comment.
_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag
def json_ld(data):
    """A <script type="application/ld+json"> data block (not executed, so the CSP allows it)."""
    text = json.dumps({"@context": "https://schema.org", **data}, ensure_ascii=False).translate(_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))  # noqa: S308

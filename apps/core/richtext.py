"""Rich text cleaning: whatever path HTML came in by, only what CKEditor 5 produces reaches a page."""

import re

import nh3
from django.db import models
from django.utils.safestring import mark_safe
from django_ckeditor_5.fields import CKEditor5Field

# The tags CKEditor 5 (as configured in settings.CKEDITOR_5_CONFIGS) produces.
ALLOWED_TAGS = {
    "p", "br", "h2", "h3", "h4", "h5", "h6", "strong", "b", "em", "i", "u", "s", "sub", "sup",
    "a", "ul", "ol", "li", "blockquote", "figure", "figcaption", "img", "picture", "source",
    "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "colgroup", "col",
    "span", "hr", "code", "pre",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "*": {"class"},
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height", "srcset", "sizes", "loading"},
    "source": {"srcset", "sizes", "type", "media"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "ol": {"start", "reversed"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}
# CKEditor's own classes (image styles, alignment, tables); nothing else gets a class.
ALLOWED_CLASS = re.compile(
    r"^(image(_[a-z-]+)?|image-style-[a-z-]+|text-(left|right|center|justify)|table|ck-[a-z-]+)$"
)


def _keep_class(tag, attribute, value):
    if attribute != "class":
        return value
    kept = [name for name in value.split() if ALLOWED_CLASS.match(name)]
    return " ".join(kept) or None


def clean_html(html):
    """Returns HTML reduced to an allow-list of tags, attributes and URL schemes."""
    if not html:
        return ""
    return nh3.clean(
        str(html),
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=_keep_class,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


def render_rich_text(html):
    return mark_safe(clean_html(html))  # noqa: S308 - cleaned by the allow-list above


def plain_text(html):
    """The text of some HTML, for summaries, meta descriptions and the search index."""
    return " ".join(nh3.clean(str(html or ""), tags=set()).split())


class RichTextField(CKEditor5Field):
    """A long text edited with CKEditor 5; templates show it through the `rich_text` filter."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("config_name", "default")
        super().__init__(*args, **kwargs)


__all__ = ["RichTextField", "clean_html", "plain_text", "render_rich_text", "models"]

"""Template tags every app uses: cleaned rich text, link addresses, responsive images and icons."""

import functools
import re

from django import template
from django.contrib.staticfiles import finders
from django.templatetags.static import static
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from apps.core.images import renditions
from apps.core.links import is_web_url
from apps.core.richtext import plain_text, render_rich_text

register = template.Library()


@register.filter
def rich_text(value):
    """Rich text cleaned by the allow-list, safe to show."""
    return render_rich_text(value)


@register.filter
def text_only(value):
    """The plain text of rich text, for summaries and meta descriptions."""
    return plain_text(value)


@register.filter
def safe_url(value):
    """An editor's web address for an href, or "" when it is not http(s) (a value that bypassed validation)."""
    return value if is_web_url(value) else ""


@register.simple_tag
def responsive_image(image, alt, sizes="100vw", css_class="", eager=False, placeholder=""):
    """An <img> with a WebP srcset of resized renditions; the original upload is never sent.

    With no image, shows the static placeholder when one is named, else nothing. An eager image is
    the page's own picture, usually its largest paint on a phone: the browser fetches it first.
    """
    priority = mark_safe(' fetchpriority="high"') if eager else ""
    versions = renditions(image) if image else []
    if not versions:
        if not placeholder:
            return ""
        return format_html(
            '<img src="{}" alt="{}" class="{}" width="320" height="320"{}>',
            static(placeholder),
            alt,
            css_class,
            priority,
        )
    src, width, height = versions[min(1, len(versions) - 1)]
    srcset = format_html_join(", ", "{} {}w", ((url, w) for url, w, _ in versions))
    return format_html(
        '<img src="{}" srcset="{}" sizes="{}" width="{}" height="{}" alt="{}" class="{}" loading="{}"{}'
        ' decoding="async">',
        src,
        srcset,
        sizes,
        width,
        height,
        alt,
        css_class,
        "eager" if eager else "lazy",
        priority,
    )


@functools.lru_cache(maxsize=128)
def _icon_markup(name):
    """The SVG `static/icons/<name>.svg` (Lucide's, and the site's emblem), decorative and sized by CSS (.icon)."""
    if not re.fullmatch(r"[a-z0-9-]+", name):
        raise template.TemplateSyntaxError(f"bad icon name {name!r}")
    path = finders.find(f"icons/{name}.svg")
    if path is None:
        raise template.TemplateSyntaxError(f"no icon static/icons/{name}.svg")
    with open(path, encoding="utf-8") as file:
        svg = file.read()
    # Drop the licence comment (static/icons/LICENSE carries it) and mark the icon as decoration.
    svg = svg[svg.index("<svg") :]
    svg = re.sub(r'\sclass="[^"]*"', "", svg, count=1)
    svg = svg.replace("<svg", '<svg class="icon" aria-hidden="true" focusable="false"', 1)
    return " ".join(svg.split())


@register.simple_tag
def icon(name):
    """An inline icon that takes the text's colour and size; screen readers skip it."""
    return mark_safe(_icon_markup(name))  # noqa: S308 - a static file of this repository, not user input

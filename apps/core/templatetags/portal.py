"""Template tags every app uses: cleaned rich text, link addresses and responsive images."""

from django import template
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

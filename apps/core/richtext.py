"""Rich text cleaning: whatever path HTML came in by, only what CKEditor 5 produces reaches a page."""

import html as html_entities
import re

import nh3
from django import forms
from django.conf import settings
from django.db import models
from django.db.models.fields.files import ImageFieldFile
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django_ckeditor_5.fields import CKEditor5Field
from django_ckeditor_5.widgets import CKEditor5Widget

from .images import renditions

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


# Browsers drop tabs and newlines inside URLs and ignore leading blanks and control characters.
URL_IGNORED_CHARACTERS = re.compile(r"[\x00-\x20\x7f]+")
URL_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):")
# Block boundaries become spaces in plain text, so that paragraphs do not run into each other.
BLOCK_BOUNDARY = re.compile(r"<(?=br\b|/?(?:p|h[1-6]|li|td|th|tr|blockquote|figcaption|div|pre)\b)", re.IGNORECASE)


def _is_safe_url(url):
    """Relative URLs and the allowed schemes only, judged the way a browser would read the URL."""
    scheme = URL_SCHEME.match(URL_IGNORED_CHARACTERS.sub("", url).lower())
    return scheme is None or scheme.group(1) in URL_SCHEMES


def _safe_srcset(value):
    # nh3 checks the schemes of href and src but not of srcset, which lists several URLs.
    candidates = [candidate.strip() for candidate in value.split(",") if candidate.strip()]
    kept = [candidate for candidate in candidates if _is_safe_url(candidate.split()[0])]
    return ", ".join(kept) or None


def _filter_attribute(tag, attribute, value):
    if attribute == "class":
        kept = [name for name in value.split() if ALLOWED_CLASS.match(name)]
        return " ".join(kept) or None
    if attribute == "srcset":
        return _safe_srcset(value)
    return value


# An <img> as nh3 serialises it: every attribute value double-quoted, quotes inside escaped.
SERIALISED_IMG = re.compile(r'<img((?:\s[a-z-]+="[^"]*")*)>')


def _with_alt(match):
    attributes = match.group(1)
    return match.group(0) if ' alt="' in attributes else f'<img{attributes} alt="">'


def clean_html(html):
    """Returns HTML reduced to an allow-list of tags, attributes and URL schemes.

    An image the editor gave no text alternative gets `alt=""`: screen readers then pass over it
    instead of reading out its file name.
    """
    if not html:
        return ""
    cleaned = nh3.clean(
        str(html),
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=_filter_attribute,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
    return SERIALISED_IMG.sub(_with_alt, cleaned)


# A stored image's name as apps.core.images.GeneratedName makes it: `<prefix>/<yyyy>/<mm>/<hex>.<ext>`.
STORED_IMAGE_NAME = re.compile(r"^[a-z0-9_-]+/\d{4}/\d{2}/[0-9a-f]{32}\.(?:jpg|png|webp|gif)$")
IMG_ATTRIBUTE = re.compile(r'\s([a-z-]+)="([^"]*)"')
# The width the text column of an article or page takes (templates/news/article_detail.html's cover too).
RICH_TEXT_IMAGE_SIZES = "(min-width: 800px) 48rem, 100vw"


def stored_image_name(url):
    """The storage name of one of the site's own uploaded images at `url`, or None."""
    media_url = settings.MEDIA_URL
    if not url.startswith(media_url):
        return None
    name = url.removeprefix(media_url)
    return name if STORED_IMAGE_NAME.match(name) else None


def _stored_image(name):
    """The stored file of an uploaded image, as renditions() reads it (no database query)."""
    from .models import UploadedImage  # noqa: PLC0415 - models import the fields this module defines

    field = UploadedImage._meta.get_field("image")
    return ImageFieldFile(None, field, name)


def _responsive(match):
    attributes = dict(IMG_ATTRIBUTE.findall(match.group(1)))
    name = stored_image_name(html_entities.unescape(attributes.get("src", "")))
    versions = renditions(_stored_image(name)) if name else []
    if not versions:  # another site's image, or an original that is missing: left as it is
        return match.group(0)
    src, width, height = versions[min(2, len(versions) - 1)]
    srcset = ", ".join(f"{escape(url)} {shown}w" for url, shown, _ in versions)
    css_class = f' class="{attributes["class"]}"' if attributes.get("class") else ""
    return (
        f'<img src="{escape(src)}" srcset="{srcset}" sizes="{RICH_TEXT_IMAGE_SIZES}" width="{width}"'
        f' height="{height}" alt="{attributes.get("alt", "")}"{css_class} loading="lazy" decoding="async">'
    )


def responsive_images(cleaned_html):
    """Every image of the site's own in cleaned rich text shown as WebP renditions with a srcset, its width
    and height, loaded lazily: a page never sends the uploaded original, whatever size the editor left."""
    return SERIALISED_IMG.sub(_responsive, cleaned_html)


def render_rich_text(html):
    return mark_safe(responsive_images(clean_html(html)))  # noqa: S308 - cleaned by the allow-list above


def plain_text(html):
    """The text of some HTML, for summaries, meta descriptions and the search index.

    Returns plain characters (`&` not `&amp;`): templates escape it once, as any other text.
    """
    spaced = BLOCK_BOUNDARY.sub(" <", str(html or ""))
    return " ".join(html_entities.unescape(nh3.clean(spaced, tags=set())).split())


class RichTextFormField(forms.CharField):
    """The form field of a RichTextField: images pasted from other sites are copied to this site on save.

    The admin sets `uploaded_by` to the editor, whom the media library then names as the copies' uploader.
    """

    uploaded_by = None

    def clean(self, value):
        from .library import remember_alt_texts  # noqa: PLC0415 - these modules import this one
        from .remote_images import copy_outside_images  # noqa: PLC0415

        cleaned = copy_outside_images(super().clean(value), uploaded_by=self.uploaded_by)
        remember_alt_texts(cleaned)
        return cleaned


class RichTextWidget(CKEditor5Widget):
    """CKEditor 5 with a button that inserts an image from the media library (static/js/admin-library.js)."""

    template_name = "core/widgets/rich_text.html"


class RichTextField(CKEditor5Field):
    """A long text edited with CKEditor 5; templates show it through the `rich_text` filter."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("config_name", "default")
        super().__init__(*args, **kwargs)

    def formfield(self, **kwargs):
        return super().formfield(
            **{"form_class": RichTextFormField, "widget": RichTextWidget(config_name=self.config_name), **kwargs}
        )


__all__ = ["RichTextField", "clean_html", "plain_text", "render_rich_text", "models"]

"""Comparing two recorded versions of a record, field by field; rich text is compared as text."""

import difflib
import html

import nh3
from django.db import models
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from .richtext import BLOCK_BOUNDARY, RichTextField


def text_of_html(value):
    """The text of rich text, one line per paragraph, heading, list item or table cell."""
    marked = BLOCK_BOUNDARY.sub("\n<", str(value or ""))
    text = html.unescape(nh3.clean(marked, tags=set()))
    return "\n".join(" ".join(line.split()) for line in text.splitlines() if line.strip())


def marked_diff(old, new):
    """The new text with what was removed in <del> and what was added in <ins>, character by character.

    Characters, not words: Chinese has no spaces between words.
    """
    parts = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for operation, old_start, old_end, new_start, new_end in matcher.get_opcodes():
        if operation == "equal":
            parts.append(escape(old[old_start:old_end]))
            continue
        if old_end > old_start:
            parts.append(f"<del>{escape(old[old_start:old_end])}</del>")
        if new_end > new_start:
            parts.append(f"<ins>{escape(new[new_start:new_end])}</ins>")
    return mark_safe("".join(parts).replace("\n", "<br>"))  # noqa: S308 - every piece of text is escaped above


def _display(field, value):
    """A stored value as an editor reads it: labels for choices, names for linked records."""
    if value in (None, "", []):
        return ""
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if field.many_to_many:
        names = field.related_model._default_manager.filter(pk__in=value)
        return "、".join(str(item) for item in names)
    if field.is_relation:
        related = field.related_model._default_manager.filter(pk=value).first()
        return str(related) if related is not None else str(value)
    if isinstance(field, models.BooleanField):
        return _("是") if value else _("否")
    return str(value)


def compare_versions(model, older, newer):
    """The fields that differ between two reversion Versions of one record, each with its marked changes."""
    rows = []
    before, after = older.field_dict, newer.field_dict
    for field in model._meta.get_fields():
        if not getattr(field, "editable", False) or field.auto_created or not field.concrete and not field.many_to_many:
            continue
        if field.name not in before and field.name not in after:
            continue
        old_value, new_value = before.get(field.name), after.get(field.name)
        if field.many_to_many:
            old_value, new_value = sorted(old_value or []), sorted(new_value or [])
        if old_value == new_value:
            continue
        if isinstance(field, RichTextField):
            old_text, new_text = text_of_html(old_value), text_of_html(new_value)
        else:
            old_text, new_text = _display(field, old_value), _display(field, new_value)
        rows.append(
            {
                "label": field.verbose_name,
                "old": old_text,
                "new": new_text,
                "diff": marked_diff(old_text, new_text),
                "long": isinstance(field, (RichTextField, models.TextField)),
            }
        )
    return rows


def version_rows(versions, compare_url):
    """History rows, newest first, each with a link comparing it with the version before it."""
    versions = list(versions)
    rows = []
    for index, version in enumerate(versions):
        previous = versions[index + 1] if index + 1 < len(versions) else None
        rows.append({"version": version, "compare_url": previous and compare_url(previous, version)})
    return rows

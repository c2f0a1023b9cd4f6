"""错敏字与医疗广告合规检查: a record's text against the word lists administrators keep (ComplianceRule)."""

import re
from dataclasses import dataclass

from django.db import models

from apps.core.richtext import RichTextField
from apps.core.versions import text_of_html

from .models import ComplianceRule

CONTEXT = 15  # characters shown either side of a hit


@dataclass
class Hit:
    rule: ComplianceRule
    field: str
    before: str
    match: str
    after: str

    @property
    def blocks(self):
        return self.rule.severity == ComplianceRule.Severity.BLOCK

    def __str__(self):
        return f"{self.field}：…{self.before}【{self.match}】{self.after}…"


def is_checked_text(field):
    """Text a reader sees: titles, summaries, bodies, captions, bylines; not addresses, slugs or choices."""
    if isinstance(field, (models.SlugField, models.URLField, models.EmailField)) or field.choices:
        return False
    return isinstance(field, (models.CharField, models.TextField, RichTextField)) and field.editable


def _text(field, value):
    return text_of_html(value) if isinstance(field, RichTextField) else str(value or "")


def record_texts(obj, values=None):
    """(label, text) of a record's checked fields, `values` (a form's cleaned data) taking precedence, and the
    captions of its related images."""
    values = values or {}
    texts = []
    for field in obj._meta.concrete_fields:
        if is_checked_text(field):
            value = values[field.name] if field.name in values else getattr(obj, field.attname)
            texts.append((str(field.verbose_name), _text(field, value)))
    if obj.pk:
        for relation in obj._meta.related_objects:
            related = relation.related_model
            if relation.one_to_many and any(field.name == "caption" for field in related._meta.concrete_fields):
                label = str(related._meta.get_field("caption").verbose_name)
                captions = getattr(obj, relation.get_accessor_name()).values_list("caption", flat=True)
                texts.extend((label, caption) for caption in captions if caption)
    return texts


def compile_rule(rule):
    return re.compile(rule.phrase if rule.is_pattern else re.escape(rule.phrase))


def check_texts(texts, rules=None):
    """Every hit of every active rule in the texts, restricted ones first."""
    rules = list(ComplianceRule.objects.active()) if rules is None else rules
    hits = []
    for rule in rules:
        pattern = compile_rule(rule)
        for label, text in texts:
            for found in pattern.finditer(text):
                start, end = found.span()
                hits.append(
                    Hit(rule, label, text[max(0, start - CONTEXT) : start], found.group(), text[end : end + CONTEXT])
                )
    return sorted(hits, key=lambda hit: (not hit.blocks, hit.field))


def check_record(obj, values=None, rules=None):
    return check_texts(record_texts(obj, values), rules)

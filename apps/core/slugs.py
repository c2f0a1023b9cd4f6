"""Readable pinyin slugs made from Chinese names (神经外科 -> shen-jing-wai-ke)."""

import re

from pypinyin import Style, lazy_pinyin

NON_SLUG = re.compile(r"[^a-z0-9]+")


def pinyin_slug(text, max_length=80):
    """Pinyin without tones, one hyphen between syllables; Latin letters and digits are kept."""
    syllables = lazy_pinyin(str(text), style=Style.NORMAL, errors="default")
    words = [NON_SLUG.sub("-", syllable.lower()).strip("-") for syllable in syllables]
    slug = "-".join(word for word in words if word)
    slug = re.sub(r"-{2,}", "-", slug)[:max_length].strip("-")
    return slug or "item"


def pinyin_initials(text):
    """First letters of each syllable (李远志 -> lyz), for matching names typed by initials."""
    return "".join(s[0] for s in lazy_pinyin(str(text), style=Style.FIRST_LETTER) if s and s[0].isalnum()).lower()


def pinyin_full(text):
    """The whole pinyin without separators (李远志 -> liyuanzhi)."""
    return "".join(lazy_pinyin(str(text), style=Style.NORMAL)).lower()


def unique_slug(model, base, exclude_pk=None, max_length=80):
    """`base`, or `base-2`, `base-3`… whichever the model does not already use."""
    base = base[: max_length - 4].strip("-") or "item"
    taken = set(
        model._default_manager.filter(slug__startswith=base).exclude(pk=exclude_pk).values_list("slug", flat=True)
    )
    candidate, n = base, 2
    while candidate in taken:
        candidate = f"{base}-{n}"
        n += 1
    return candidate

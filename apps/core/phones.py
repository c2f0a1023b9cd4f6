"""Chinese telephone numbers as the hospital publishes them, checked on entry and made into `tel:` links."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Landline with its area code (0734-8888888, extension allowed), mobile, 400/800 hotlines, and the
# national service numbers a hospital page names (急救 120, 查号 114, 卫生健康热线 12320).
PHONE_PATTERNS = (
    re.compile(r"0\d{2,3}-?\d{7,8}(?:-\d{1,6})?"),
    re.compile(r"1[3-9]\d{9}"),
    re.compile(r"[48]00-?\d{3}-?\d{4}"),
    re.compile(r"120|114|12320"),
)
PHONE_MESSAGE = _(
    "电话号码格式不正确。请填写带区号的座机（如 0734-8888888）、11 位手机号码、400 或 800 热线，"
    "或 120、114、12320 等短号。"
)
LIST_MESSAGE = _(
    "“%(number)s”不是有效的电话号码。请填写带区号的座机（如 0734-8888888）、11 位手机号码、400 或 800 热线，"
    "或 120、114、12320 等短号，多个号码用顿号分开。"
)
LIST_SEPARATORS = re.compile(r"[、，,;；/\s]+")


def normalise_phone(value):
    """The number as typed, without the spaces people put between digit groups."""
    return re.sub(r"\s+", "", value or "")


def is_phone(value):
    return any(pattern.fullmatch(normalise_phone(value)) for pattern in PHONE_PATTERNS)


def validate_phone(value):
    if value and not is_phone(value):
        raise ValidationError(PHONE_MESSAGE, code="invalid_phone", params={"value": value})


def phone_list(value):
    """Numbers an editor listed in one field (114、12320)."""
    return [number for number in LIST_SEPARATORS.split(value or "") if number]


def validate_phone_list(value):
    for number in phone_list(value):
        if not is_phone(number):
            raise ValidationError(LIST_MESSAGE, code="invalid_phone", params={"number": number})


def tel_uri(value):
    """`tel:` address of a number as shown (0734-8888888 → tel:07348888888); "" when it holds no number."""
    digits = re.sub(r"[^0-9+]", "", value)
    return f"tel:{digits}" if len(digits) >= 3 else ""

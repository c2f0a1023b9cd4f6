"""Web addresses editors give (a campus map, a booking page, a service page's links): http(s) only.

The model validator refuses any other scheme (`javascript:`, `vbscript:`, `data:`…) wherever a record is
checked with full_clean(): the admin, an import, a fixture loaded by a command that cleans. A value that
never met it (an .update(), raw SQL) is caught again where a template writes it into a link, by the
`safe_url` filter, which renders nothing for it.
"""

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

WEB_SCHEMES = ("http", "https")

validate_web_url = URLValidator(
    schemes=WEB_SCHEMES,
    message=_("请填写以 https:// 或 http:// 开头的网址。"),
    code="invalid_web_url",
)


def is_web_url(value):
    """Whether `value` is an http(s) address a link may point to."""
    try:
        validate_web_url(value)
    except ValidationError:
        return False
    return True


validate_https_url = URLValidator(
    schemes=("https",),
    message=_("请填写以 https:// 开头的网址（患者的手机只应打开加密的网页）。"),
    code="invalid_https_url",
)

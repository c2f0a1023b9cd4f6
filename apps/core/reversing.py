"""URL reversal for links that list pages render by the hundred.

`reverse()` walks the URL resolver on every call, which costs tens of microseconds: a department list
that links two hundred departments paid for it two hundred times. `cached_reverse()` reverses each
view once per URLconf and script prefix, with a placeholder where the slug goes, and then only fills
the slug in. Anything that is not a plain ASCII slug goes through `reverse()` itself, so the URL
patterns stay the only judge of what is valid.
"""

import re
from functools import lru_cache

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse

PLAIN_SLUG = re.compile(r"[-a-zA-Z0-9_]+\Z")
# Slug-shaped so that the <slug:> converter accepts it, and unlike any real slug.
PLACEHOLDER = "0slug0placeholder0"


@lru_cache(maxsize=256)
def _reversed(viewname, with_slug, urlconf, script_prefix):
    if not with_slug:
        return reverse(viewname, urlconf=urlconf), ""
    before, found, after = reverse(viewname, urlconf=urlconf, kwargs={"slug": PLACEHOLDER}).partition(PLACEHOLDER)
    assert found, f"{viewname} does not put its slug in the path"
    return before, after


def slug_urls(viewname):
    """A function from a slug to its URL under `viewname`, for a page that links hundreds of records.

    Looking the request's URLconf and script prefix up is most of what a URL costs; this looks them
    up once, when the list is made. cached_reverse() makes one URL with it.
    """
    urlconf = get_urlconf() or settings.ROOT_URLCONF
    before, after = _reversed(viewname, True, urlconf, get_script_prefix())

    def url(slug):
        if PLAIN_SLUG.match(slug):
            return f"{before}{slug}{after}"
        return reverse(viewname, urlconf=urlconf, kwargs={"slug": slug})

    return url


def cached_reverse(viewname, slug=None):
    """reverse(viewname) or reverse(viewname, kwargs={"slug": slug}), from a per-process cache."""
    if slug is None:
        return _reversed(viewname, False, get_urlconf() or settings.ROOT_URLCONF, get_script_prefix())[0]
    return slug_urls(viewname)(slug)

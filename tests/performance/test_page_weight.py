"""The home page stays light on a phone's connection and needs nothing from another host to render.

How the weight is measured, so that the figure is what a visitor's browser downloads:

- the HTML is the home page rendered from the hospital's real content (published patient-service
  pages included, as they are in the header) by the test client asking for gzip, through the same
  GZipMiddleware as in production; its compressed body is counted as sent, random padding included;
- each stylesheet and script the page references is found among the static files and compressed
  with whitenoise's own Compressor.compress_gzip (gzip level 9), which writes the .gz file that
  whitenoise serves after collectstatic; when that saves too little, whitenoise sends the file
  itself, so the smaller of the two is counted. Brotli (.br), where the browser accepts it, is
  smaller still: the gzip figure is the upper bound;
- stylesheets pulled in by @import are counted too. Images, the favicon and fonts are not: the
  budget is for HTML, CSS and JavaScript.
"""

import datetime
import gzip
import re
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.db import transaction
from django.test import Client, override_settings
from django.utils import timezone
from whitenoise.compress import Compressor

# pytest-django creates the test database only when a test in the run is marked for it: without
# this mark, the module-scoped home_page fixture would write to the configured database.
pytestmark = pytest.mark.django_db

BUDGET_BYTES = 150 * 1024
HOST = "testserver"
FETCHING_LINK_RELS = {"stylesheet", "preload", "modulepreload", "prefetch", "icon", "apple-touch-icon", "manifest"}
HASHED_NAME = re.compile(r"\.[0-9a-f]{12}(\.[^./]+)$")
CSS_IMPORT = re.compile(r"""@import\s+(?:url\()?\s*["']?([^"')\s;]+)""")


class Requests(HTMLParser):
    """What a browser fetches while it reads the HTML: (tag, URL, render-blocking?)."""

    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and attrs.get("href"):
            rels = set((attrs.get("rel") or "").lower().split())
            if rels & FETCHING_LINK_RELS:
                blocking = "stylesheet" in rels and attrs.get("media", "all") in ("all", "screen")
                self.found.append(("stylesheet" if "stylesheet" in rels else "link", attrs["href"], blocking))
        elif tag == "script" and attrs.get("src"):
            blocking = "async" not in attrs and "defer" not in attrs and attrs.get("type") != "module"
            self.found.append(("script", attrs["src"], blocking))
        elif tag in ("img", "source", "iframe", "video", "audio", "embed", "input"):
            for name in ("src", "poster"):
                if attrs.get(name):
                    self.found.append((tag, attrs[name], False))
            for candidate in (attrs.get("srcset") or "").split(","):
                if candidate.strip():
                    self.found.append((tag, candidate.split()[0], False))
        elif tag == "object" and attrs.get("data"):
            self.found.append((tag, attrs["data"], False))


@pytest.fixture(scope="module")
def home_page(django_db_setup, django_db_blocker):
    """The home page's gzipped response and the requests its HTML makes, on the real content.

    The content is loaded once for the module, in a transaction rolled back afterwards.
    """
    from apps.pages.models import ServicePage

    with django_db_blocker.unblock(), override_settings(PAGE_CACHE=False), transaction.atomic():
        call_command("load_hospital_content", verbosity=0)
        ServicePage.objects.update(
            status=ServicePage.Status.PUBLISHED, published_at=timezone.now() - datetime.timedelta(days=1)
        )
        response = Client().get("/", HTTP_ACCEPT_ENCODING="gzip")
        transaction.set_rollback(True)
    assert response.status_code == 200
    body = gzip.decompress(response.content) if response.get("Content-Encoding") == "gzip" else response.content
    parser = Requests()
    parser.feed(body.decode())
    return response, [(tag, urljoin(f"http://{HOST}/", url), blocking) for tag, url, blocking in parser.found]


def _own(url):
    return urlsplit(url).hostname in {HOST, urlsplit(settings.SITE_URL).hostname}


def _static_file(url):
    """The source file behind a static URL, hashed (manifest storage) or not."""
    path = urlsplit(url).path
    assert path.startswith(settings.STATIC_URL), f"{url} is not one of the site's static files"
    name = path.removeprefix(settings.STATIC_URL)
    found = finders.find(name) or finders.find(HASHED_NAME.sub(r"\1", name))
    assert found, f"{url}: no such static file"
    with open(found, "rb") as f:
        return f.read()


def _sent_size(data):
    return min(len(data), len(Compressor.compress_gzip(data)))


def _stylesheets_and_scripts(url, seen):
    """(URL, bytes sent) of a stylesheet or script and of the stylesheets it @imports."""
    if url in seen:
        return []
    seen.add(url)
    data = _static_file(url)
    sizes = [(url, _sent_size(data))]
    if urlsplit(url).path.endswith(".css"):
        for imported in CSS_IMPORT.findall(data.decode()):
            sizes += _stylesheets_and_scripts(urljoin(url, imported), seen)
    return sizes


def test_home_page_html_css_and_javascript_transfer_under_150_kb(home_page):
    response, requests = home_page
    assert response["Content-Encoding"] == "gzip", "the site must gzip its HTML for browsers that accept it"
    html = len(response.content)
    seen = set()
    assets = []
    for tag, url, _ in requests:
        if tag in ("stylesheet", "script") and _own(url):
            assets += _stylesheets_and_scripts(url, seen)
    total = html + sum(size for _, size in assets)
    breakdown = "\n".join(
        [
            f"  HTML (gzip as sent): {html:,} B",
            *(f"  {urlsplit(url).path} (gzip -9): {size:,} B" for url, size in assets),
        ]
    )
    assert total < BUDGET_BYTES, (
        f"the home page's HTML, CSS and JavaScript transfer {total / 1024:.1f} KB compressed, over the "
        f"{BUDGET_BYTES // 1024} KB budget:\n{breakdown}"
    )
    print(f"home page HTML+CSS+JS: {total / 1024:.1f} KB compressed\n{breakdown}")


def test_no_render_blocking_request_goes_to_another_host(home_page):
    _, requests = home_page
    blocking = [url for _, url, is_blocking in requests if is_blocking and not _own(url)]
    assert blocking == [], "stylesheets or synchronous scripts from another host hold up the first paint"


def test_home_page_requests_nothing_from_another_host(home_page):
    _, requests = home_page
    third_party = [url for _, url, _ in requests if not _own(url)]
    for tag, url, _ in requests:
        if tag == "stylesheet" and _own(url):
            css = _static_file(url).decode()
            third_party += [u for u in re.findall(r"url\(\s*[\"']?([^\"')]+)", css) if urlsplit(u).hostname]
    assert third_party == [], "the home page loads files from other hosts"

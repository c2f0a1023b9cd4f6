"""Every public page of the hospital's content, saved as served, to compare two versions of the code.

    scripts/with-db.sh .venv/bin/python scripts/page_snapshot.py var/snapshot-before
    (change the code)
    scripts/with-db.sh .venv/bin/python scripts/page_snapshot.py var/snapshot-after
    diff -r var/snapshot-before var/snapshot-after

It loads the hospital's content into a new database (made and dropped like a test database), then
crawls the site from the home page, the sitemap and the filter, feed, calendar and search addresses
that no page links to. Each answer goes into one file named after its address, with what changes on
every request masked: CSRF tokens, the calendar's time stamps.
"""

import io
import os
import re
import sys
from hashlib import sha1
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlsplit

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hospital_portal.settings")
# As the tests run it: static files unhashed, each page rendered afresh rather than from the page cache.
os.environ.setdefault("DEBUG", "true")
os.environ.setdefault("PAGE_CACHE", "false")
os.environ.setdefault("LOG_LEVEL", "WARNING")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_databases, setup_test_environment, teardown_databases  # noqa: E402

MASKS = [
    (re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]+'), r"\1…"),
    (re.compile(r"^(DTSTAMP:).*$", re.M), r"\1…"),
]
SKIPPED_PREFIXES = ("/admin/", "/static/", "/media/", "/ckeditor5/")
EXTRA = [
    "/robots.txt",
    "/sitemap.xml",
    "/news/feed/",
    "/healthz",
    "/departments/?designation=nope",
    "/experts/?department=nope&title=x&campus=y&day=9",
    "/experts/?page=999",
    "/experts/?page=abc",
    "/news/?page=999",
    "/news/?year=1800",
    "/equipment/?category=nope",
    "/search/?q=",
    "/search/?q=" + "长" * 300,
    "/no-such-page/",
]
SEARCHES = ["胸痛", "神经外科", "心脏", "CT", "李", "xin nei ke", "xnk", "头痛", "医院", "肿瘤", "介入", "急诊"]


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src", "action") and value:
                self.found.append(value)


def same_site(address):
    parts = urlsplit(address)
    if parts.scheme not in ("", "http", "https") or parts.netloc not in ("", "testserver", "127.0.0.1:8000"):
        return None
    if parts.netloc and parts.netloc != "testserver":
        return None
    path = urldefrag(parts.path + (f"?{parts.query}" if parts.query else ""))[0]
    if not path.startswith("/") or path.startswith(SKIPPED_PREFIXES):
        return None
    return path


def file_name(address):
    readable = re.sub(r"[^-\w.]+", "_", unquote(address)).strip("_")[:60] or "home"
    return f"{readable}-{sha1(address.encode()).hexdigest()[:8]}"


def crawl(client, start, limit=5000):
    seen, queue, pages = set(start), list(start), {}
    while queue and len(pages) < limit:
        address = queue.pop(0)
        response = client.get(address)
        body = response.content.decode("utf-8", "replace")
        for pattern, replacement in MASKS:
            body = pattern.sub(replacement, body)
        pages[address] = (
            f"{response.status_code} {response.get('Content-Type', '')} {response.get('Location', '')}\n{body}"
        )
        if "html" in response.get("Content-Type", "") or "xml" in response.get("Content-Type", ""):
            parser = Links()
            parser.feed(body)
            for link in parser.found + re.findall(r"<loc>([^<]+)</loc>", body):
                path = same_site(link.replace("&amp;", "&"))
                if path and path not in seen:
                    seen.add(path)
                    queue.append(path)
    return pages


def addresses_of_filters():
    """The filters' combinations, which forms offer and no link does; every calendar."""
    from apps.core.models import Campus
    from apps.departments.models import Department
    from apps.experts.models import Expert

    campuses = ["", *Campus.objects.values_list("slug", flat=True)]
    addresses = [f"/experts/?campus={campus}&day={day}" for campus in campuses for day in ["", *range(1, 8)]]
    addresses += [f"/experts/?title={title}" for title in Expert.ClinicalTitle.values]
    for slug in Department.objects.values_list("slug", flat=True):
        addresses += [f"/experts/?department={slug}", f"/departments/?campus={campuses[-1]}&designation="]
    addresses += [f"/departments/?campus={campus}" for campus in campuses]
    addresses += [f"/experts/{slug}/schedule.ics" for slug in Expert.objects.values_list("slug", flat=True)]
    return addresses


def drafts():
    """The pages of records visitors cannot see, which no page links to."""
    from apps.departments.models import Department
    from apps.equipment.models import Equipment
    from apps.experts.models import Expert
    from apps.news.models import Article
    from apps.pages.models import ServicePage

    hidden = [
        Department.objects.filter(is_visible=False),
        Expert.objects.filter(is_active=False),
        Equipment.objects.exclude(pk__in=Equipment.objects.published()),
        Article.objects.exclude(pk__in=Article.objects.published()),
        ServicePage.objects.exclude(pk__in=ServicePage.objects.published()),
    ]
    return [record.get_absolute_url() for queryset in hidden for record in queryset]


def main(out_dir):
    setup_test_environment()
    databases = setup_databases(verbosity=0, interactive=False)
    try:
        call_command("load_hospital_content", verbosity=0, stdout=io.StringIO())
        start = ["/", *EXTRA, *(f"/search/?q={q}" for q in SEARCHES), *addresses_of_filters()]
        pages = crawl(Client(), start)
        # An editor previews what visitors cannot see (drafts, hidden records) on the same pages.
        from django.contrib.auth import get_user_model

        editor = Client()
        editor.force_login(get_user_model().objects.create_superuser("snapshot", "snapshot@example.org", "x"))
        pages.update({f"editor{address}": body for address, body in crawl(editor, start + drafts()).items()})
    finally:
        teardown_databases(databases, verbosity=0)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    for address, body in pages.items():
        (out / file_name(address)).write_text(f"{address}\n{body}", encoding="utf-8")
    print(f"{len(pages)} addresses saved in {out}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "var/snapshot")

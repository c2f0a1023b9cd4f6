"""Bad input never gives a 500 and never changes data.

Every public GET route (tests/security/routes.py) gets hostile query strings, in the parameters
its own GET forms use and in the usual filter names; a NUL byte or broken UTF-8 is refused with
the Chinese 400 page before any view or query sees it. POSTs to public pages are refused.
"""

import re
from html.parser import HTMLParser
from urllib.parse import quote, quote_from_bytes

import pytest
from django.db import connection
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .routes import public_routes

pytestmark = pytest.mark.django_db

ROUTES = public_routes()
ANSWERS = {200, 301, 400, 404}
USUAL_FILTERS = {"page", "q", "department", "title", "campus", "day", "category", "year", "kind", "no_such_filter"}
HOSTILE_VALUES = [
    "-1",
    "abc",
    "99999999999999999999",
    "²",
    "①",
    "１２",
    "٢",
    "x" * 10_000,
    "' OR 1=1--",
    "{{7*7}}",
    "{% debug %}",
    "神经外科",
    "😀🏥",
    "<script>alert(1)</script>",
    "../../etc/passwd",
    "%zz",
]
RAW_QUERY_STRINGS = ["page=%zz", "q=%", "%%=%%", "&&==&", "page=1&page=abc&page=-5", "q=%E7%A5%9E&page=2"]
MALFORMED_QUERY_STRINGS = ["page=%00", "q=abc%00def", "q=%ff%fe", "department=%C0%80", "%ff=1", "q=%E7%A5"]
REFUSAL = "网址中含有无法识别的字符"


class _GetFormFields(HTMLParser):
    def __init__(self):
        super().__init__()
        self.names = set()
        self._in_get_form = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "form":
            self._in_get_form = (attributes.get("method") or "get").lower() == "get"
        elif tag in ("input", "select", "textarea") and self._in_get_form and attributes.get("name"):
            self.names.add(attributes["name"])

    def handle_endtag(self, tag):
        if tag == "form":
            self._in_get_form = False


def filter_names(response):
    """The names every GET form on the page sends (its filters and the search box), and the usual ones."""
    finder = _GetFormFields()
    if response["Content-Type"].startswith("text/html"):
        finder.feed(response.content.decode())
    return sorted(finder.names | USUAL_FILTERS)


def database_digest():
    """A fingerprint of every row of every table: any insert, update or delete changes it."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")
        tables = [connection.ops.quote_name(row[0]) for row in cursor.fetchall()]
        cursor.execute(
            " UNION ALL ".join(
                f"SELECT '{table}', md5(coalesce(string_agg(t::text, ',' ORDER BY t::text), '')) FROM {table} t"
                for table in tables
            )
        )
        return dict(cursor.fetchall())


def assert_clear_answer(response):
    assert response.status_code in ANSWERS, response.status_code
    if response.status_code != 301 and response["Content-Type"].startswith("text/html"):
        html = response.content.decode()
        assert '<html lang="zh-Hans">' in html
        assert re.search(r"[\u4e00-\u9fff]", html)
        assert "<h1" in html  # a page that says what went wrong, not a bare status


@pytest.fixture
def route_page(route, client):
    """The route's address (a record is made for a <slug> route) and the query parameters it knows."""
    url = route.url()
    return url, filter_names(client.get(url))


@pytest.mark.parametrize("route", ROUTES, ids=str)
def test_hostile_query_strings_get_a_clear_chinese_answer_and_change_nothing(client, route, route_page):
    url, names = route_page
    before = database_digest()

    for value in HOSTILE_VALUES:
        assert_clear_answer(client.get(url, dict.fromkeys(names, value)))
    for raw in RAW_QUERY_STRINGS:
        assert_clear_answer(client.get(url, QUERY_STRING=raw))
    for raw in MALFORMED_QUERY_STRINGS:
        response = client.get(url, QUERY_STRING=raw)
        assert response.status_code == 400, raw
        assert REFUSAL in response.content.decode()

    assert database_digest() == before


def test_nul_bytes_and_broken_utf8_never_reach_the_view(client, monkeypatch):
    def must_not_run(*args, **kwargs):
        raise AssertionError("the view saw a malformed query string")

    monkeypatch.setattr("apps.core.views.CampusListView.get", must_not_run)
    for raw in MALFORMED_QUERY_STRINGS:
        assert client.get("/campuses/", QUERY_STRING=raw).status_code == 400


def _pair(names, values):
    return st.tuples(st.sampled_from(names), values)


# Any text a URL can carry: every Unicode character but the surrogates, which UTF-8 cannot encode.
ANY_TEXT = st.characters(exclude_categories=["Cs"])
# Digits and numerals of every script (², ①, １２, ٢, Ⅻ…): str.isdigit() passes many, int() reads some.
ANY_DIGITS = st.characters(categories=["Nd", "Nl", "No"])


def query_strings(names):
    """Query strings of up to six parts: any text, any bytes (NUL, broken UTF-8), numbers in ASCII and in
    any script, broken escapes."""
    text = _pair(names, st.text(ANY_TEXT, max_size=300)).map(lambda pair: f"{quote(pair[0])}={quote(pair[1])}")
    raw_bytes = _pair(names, st.binary(max_size=40)).map(lambda pair: f"{quote(pair[0])}={quote_from_bytes(pair[1])}")
    numbers = _pair(names, st.integers(min_value=-(10**30), max_value=10**30)).map(lambda pair: f"{pair[0]}={pair[1]}")
    digits = _pair(names, st.text(ANY_DIGITS, min_size=1, max_size=6)).map(
        lambda pair: f"{quote(pair[0])}={quote(pair[1])}"
    )
    hostile = _pair(names, st.sampled_from(HOSTILE_VALUES)).map(lambda pair: f"{pair[0]}={quote(pair[1])}")
    broken = st.sampled_from(["%zz", "%", "=", "&", "%%", "page=%2", "q=%u4e2d"])
    return st.lists(st.one_of(text, raw_bytes, numbers, digits, hostile, broken), max_size=6).map("&".join)


@pytest.mark.parametrize("route", ROUTES, ids=str)
@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_generated_query_strings_never_break_a_page_or_change_data(client, route, route_page, data):
    url, names = route_page
    before = database_digest()
    query_string = data.draw(query_strings(names), label="query string")

    response = client.get(url, QUERY_STRING=query_string)

    assert_clear_answer(response)
    assert database_digest() == before


@pytest.mark.parametrize("route", ROUTES, ids=str)
def test_posting_to_a_public_page_is_refused_and_changes_nothing(route):
    url = route.url()
    before = database_digest()

    # As a browser or a forged form sends it: no CSRF token.
    response = Client(enforce_csrf_checks=True).post(url, {"q": "' OR 1=1--", "page": "1"})

    assert response.status_code in (403, 405)
    if response.status_code == 403:
        assert re.search(r"[\u4e00-\u9fff]", response.content.decode())
    assert database_digest() == before

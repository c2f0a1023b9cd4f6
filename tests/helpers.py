"""What the tests share: fetching a page as a visitor, counting its SQL queries, reading its HTML as a browser would."""

import re
from html.parser import HTMLParser

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext


def get_html(client, url, *, status=200, **params):
    """The HTML of `url` with these query parameters, once its status is checked."""
    response = client.get(url, params)
    assert response.status_code == status, url
    return response.content.decode()


def count_queries(client, url, *, first_visit=False, tables="", **params):
    """How many SQL queries one view of `url` runs.

    By default the page is viewed once before, so that the site-wide caches (navigation, footer) are
    filled and what is counted is the page's own work; `first_visit=True` empties the cache instead.
    `tables="departments_"` counts only the queries on the tables whose name starts so.
    """
    if first_visit:
        cache.clear()
    else:
        client.get(url, params)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params)
    assert response.status_code == 200, url
    queries = captured.captured_queries
    if tables:
        queries = [query for query in queries if f'"{tables}' in query["sql"]]
    return len(queries)


def text_of(html):
    """Visible text with tags removed and whitespace collapsed, for asserting what a visitor reads."""
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def meta_description(html):
    match = re.search(r'<meta name="description" content="([^"]*)"', html)
    return match.group(1) if match else ""


class _Outline(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.headings = []
        self.images = []
        self._heading = None

    def handle_starttag(self, tag, attrs):
        if re.fullmatch(r"h[1-6]", tag):
            self._heading = [int(tag[1]), ""]
        if tag == "img":
            self.images.append(dict(attrs))

    def handle_data(self, data):
        if self._heading is not None:
            self._heading[1] += data

    def handle_endtag(self, tag):
        if self._heading is not None and tag == f"h{self._heading[0]}":
            self.headings.append((self._heading[0], self._heading[1].strip()))
            self._heading = None


def outline(html):
    """The page's headings as [(level, text)] in order (`.headings`), and its images' attributes (`.images`)."""
    page = _Outline()
    page.feed(html)
    page.close()
    return page


# <script> elements that hold data, not code, are allowed (json_script, structured data).
DATA_SCRIPT_TYPES = {"application/json", "application/ld+json"}


class _InlineCode(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []
        self._script_text = None

    def handle_starttag(self, tag, attrs):
        for name, _value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=…> (inline event handler)")
            elif name == "style":
                self.problems.append(f"<{tag} style=…> (inline style)")
        if tag == "script":
            attributes = dict(attrs)
            holds_data = (attributes.get("type") or "").strip().lower() in DATA_SCRIPT_TYPES
            self._script_text = None if "src" in attributes or holds_data else []

    def handle_data(self, data):
        if self._script_text is not None:
            self._script_text.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._script_text is not None:
            code = "".join(self._script_text).strip()
            if code:
                self.problems.append(f"<script>{code[:60]}…</script> (inline script)")
            self._script_text = None


def inline_code(html):
    """What a strict Content-Security-Policy blocks in `html`: each inline script, on…= handler and style=."""
    finder = _InlineCode()
    finder.feed(html)
    finder.close()
    return finder.problems


def assert_accessible_page(html):
    """One h1, headings that never skip a level, alt text on every image, nothing a strict CSP blocks."""
    page = outline(html)
    levels = [level for level, _ in page.headings]
    assert levels.count(1) == 1, page.headings
    for previous, current in zip(levels, levels[1:], strict=False):
        assert current <= previous + 1, page.headings
    assert all(image.get("alt") for image in page.images), page.images
    assert inline_code(html) == []


class _FormReader(HTMLParser):
    def __init__(self, form_id):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.inside = False
        self.fields = []
        self._select = None
        self._select_default = None
        self._select_seen_selected = False
        self._textarea = None
        self._text = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("id") == self.form_id:
            self.inside = True
        if not self.inside:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in ("submit", "button", "file", "image", "reset"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            self.fields.append((name, attrs.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "select" and name:
            self._select, self._select_default, self._select_seen_selected = name, None, False
            self._multiple = "multiple" in attrs
        elif tag == "option" and self._select:
            value = attrs.get("value", "")
            if "selected" in attrs:
                self.fields.append((self._select, value))
                self._select_seen_selected = True
            elif self._select_default is None:
                self._select_default = value
        elif tag == "textarea" and name:
            self._textarea, self._text = name, []

    def handle_endtag(self, tag):
        if tag == "form" and self.inside:
            self.inside = False
        elif tag == "select" and self._select:
            # A single select with nothing marked submits its first option.
            if not self._select_seen_selected and not self._multiple and self._select_default is not None:
                self.fields.append((self._select, self._select_default))
            self._select = None
        elif tag == "textarea" and self._textarea:
            self.fields.append((self._textarea, "".join(self._text).removeprefix("\n")))
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self._text.append(data)


def admin_form_data(response):
    """The admin form on a change, revision or recover page, as the browser would post it back unchanged:
    {name: value, or [values] for a name given more than once}."""
    reader = _FormReader(f"{response.context['opts'].model_name}_form")
    reader.feed(response.content.decode())
    data = {}
    for name, value in reader.fields:
        if name in data:
            data[name] = data[name] if isinstance(data[name], list) else [data[name]]
            data[name].append(value)
        else:
            data[name] = value
    return data

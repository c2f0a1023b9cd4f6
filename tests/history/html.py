"""Reading rendered pages the way a visitor's browser or screen reader would."""

import re
from html.parser import HTMLParser


class _Outline(HTMLParser):
    def __init__(self):
        super().__init__()
        self.headings = []
        self.inline_style = []
        self.handlers = []
        self.images_without_alt = []
        self.inline_scripts = 0
        self._in_script = False
        self._script_has_src = False

    def handle_starttag(self, tag, attrs):
        names = {name for name, _ in attrs}
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        if "style" in names:
            self.inline_style.append(tag)
        self.handlers += [name for name in names if name.startswith("on")]
        if tag == "img" and "alt" not in names:
            self.images_without_alt.append(dict(attrs).get("src"))
        if tag == "script":
            self._in_script, self._script_has_src = True, "src" in names

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script and not self._script_has_src and data.strip():
            self.inline_scripts += 1


def outline(html):
    parser = _Outline()
    parser.feed(html)
    return parser


def assert_accessible_page(html):
    """One h1, headings that never skip a level, no inline script/style/handlers, alt text on images."""
    page = outline(html)
    assert page.headings.count(1) == 1, page.headings
    for previous, current in zip(page.headings, page.headings[1:], strict=False):
        assert current <= previous + 1, f"heading h{current} after h{previous}"
    assert page.inline_style == []
    assert page.handlers == []
    assert page.inline_scripts == 0
    assert page.images_without_alt == []


def text_of(html):
    """Visible text with tags removed and whitespace collapsed, for asserting what a visitor reads."""
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def meta_description(html):
    match = re.search(r'<meta name="description" content="([^"]*)"', html)
    return match.group(1) if match else ""

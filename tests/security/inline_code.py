"""Finds what a strict Content-Security-Policy blocks: inline script code, on…= handlers and style= attributes."""

from html.parser import HTMLParser

# <script> elements that hold data, not code, are allowed (json_script, structured data).
DATA_SCRIPT_TYPES = {"application/json", "application/ld+json"}


class _Finder(HTMLParser):
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
    """A description of each inline script, event handler attribute and style attribute in `html`."""
    finder = _Finder()
    finder.feed(html)
    finder.close()
    return finder.problems

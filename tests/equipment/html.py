"""What a visitor's browser would make of a page: its headings, images and anything the CSP forbids."""

from html.parser import HTMLParser


class _Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.headings = []
        self.images = []
        self.forbidden = []
        self._heading = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self._heading = [int(tag[1]), ""]
        if tag == "img":
            self.images.append(attributes)
        if tag == "script" and "src" not in attributes:
            self.forbidden.append("inline <script>")
        for name in attributes:
            if name == "style" or name.startswith("on"):
                self.forbidden.append(f"{name}= on <{tag}>")

    def handle_data(self, data):
        if self._heading is not None:
            self._heading[1] += data

    def handle_endtag(self, tag):
        if self._heading is not None and tag == f"h{self._heading[0]}":
            self.headings.append((self._heading[0], self._heading[1].strip()))
            self._heading = None


def read_page(html):
    page = _Page()
    page.feed(html)
    page.close()
    return page


def assert_accessible_and_csp_safe(html):
    """One h1, headings never skip a level, every image has alt text, no inline script, style or handler."""
    page = read_page(html)
    levels = [level for level, _ in page.headings]
    assert levels.count(1) == 1, page.headings
    for previous, current in zip(levels, levels[1:], strict=False):
        assert current <= previous + 1, page.headings
    assert all(image.get("alt") for image in page.images), page.images
    assert page.forbidden == []

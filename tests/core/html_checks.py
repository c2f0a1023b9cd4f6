"""Reads HTML the way a browser's tokenizer does and reports anything that could run script."""

import re
from html.parser import HTMLParser

# What CKEditor 5, as configured, produces; anything else in cleaned output is a failure.
CKEDITOR_TAGS = {
    "p", "br", "h2", "h3", "h4", "h5", "h6", "strong", "b", "em", "i", "u", "s", "sub", "sup",
    "a", "ul", "ol", "li", "blockquote", "figure", "figcaption", "img", "picture", "source",
    "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "colgroup", "col",
    "span", "hr", "code", "pre",
}  # fmt: skip
HARMLESS_ATTRIBUTES = {
    "class", "href", "title", "rel", "src", "alt", "width", "height", "srcset", "sizes", "loading",
    "type", "media", "colspan", "rowspan", "scope", "start", "reversed",
}  # fmt: skip
SAFE_SCHEMES = {"http", "https", "mailto", "tel"}
# The URL standard strips leading and trailing controls and blanks and drops tabs and newlines anywhere;
# NUL is dropped too, as old browsers did.
URL_DROPPED = re.compile(r"[\t\n\r\x00]+")
SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):")


def url_scheme(url):
    """The scheme a browser would see in an attribute value (already entity-decoded), or None if relative."""
    match = SCHEME.match(URL_DROPPED.sub("", url).strip("".join(map(chr, range(0x21)))).lower())
    return match and match.group(1)


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements = []
        self.comments = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, attrs))

    def handle_startendtag(self, tag, attrs):
        self.elements.append((tag, attrs))

    def handle_comment(self, data):
        self.comments.append(data)

    def handle_decl(self, decl):
        self.comments.append(decl)

    def unknown_decl(self, data):
        self.comments.append(data)


def parse(html):
    """[(tag, [(attribute, value)])] of every element in `html`, and its comments."""
    collector = _Collector()
    collector.feed(html)
    collector.close()
    return collector.elements, collector.comments


def executable_parts(html):
    """Everything in `html` that a browser could execute or that CKEditor never produces; [] when safe."""
    problems = []
    elements, comments = parse(html)
    problems += [f"comment {data!r}" for data in comments]
    for tag, attrs in elements:
        if tag not in CKEDITOR_TAGS:
            problems.append(f"tag <{tag}>")
        for name, value in attrs:
            value = value or ""
            if name.startswith("on") or name not in HARMLESS_ATTRIBUTES:
                problems.append(f"attribute {name}={value!r} on <{tag}>")
            elif name in ("href", "src") and url_scheme(value) not in (None, *SAFE_SCHEMES):
                problems.append(f"URL {name}={value!r} on <{tag}>")
            elif name == "srcset":
                for candidate in filter(None, (part.strip() for part in value.split(","))):
                    if url_scheme(candidate.split()[0]) not in (None, *SAFE_SCHEMES):
                        problems.append(f"URL srcset={value!r} on <{tag}>")
    return problems

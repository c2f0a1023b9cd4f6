"""No template carries what the Content-Security-Policy forbids: inline script code, on…= handlers, style=.

JSON data blocks (`type="application/json"`, `application/ld+json`) are data, not code, and allowed.
"""

from pathlib import Path

import pytest
from django.conf import settings

from tests.helpers import inline_code

BASE_DIR = Path(settings.BASE_DIR)
TEMPLATES = sorted(
    [
        *BASE_DIR.glob("templates/**/*.html"),
        *BASE_DIR.glob("apps/*/templates/**/*.html"),
        *BASE_DIR.glob("benchmarks/templates/**/*.html"),
    ]
)


def test_the_templates_are_found():
    assert BASE_DIR / "templates" / "base.html" in TEMPLATES


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda path: str(path.relative_to(BASE_DIR)))
def test_template_has_no_inline_script_handler_or_style(template):
    assert inline_code(template.read_text()) == []


@pytest.mark.parametrize(
    "html",
    [
        "<script>alert(1)</script>",
        '<script type="text/javascript">document.title = "x"</script>',
        '<button onclick="go()">go</button>',
        '<body onload="go()">',
        '<p style="color: red">red</p>',
    ],
)
def test_the_check_catches_what_the_policy_blocks(html):
    assert inline_code(html) != []


@pytest.mark.parametrize(
    "html",
    [
        '<script src="/static/js/site.js" defer></script>',
        '<script type="application/ld+json">{"@type": "Hospital"}</script>',
        '<script id="data" type="application/json">{"a": 1}</script>',
        '<p class="note" data-toggle="menu">{% translate "说明" %}</p>',
    ],
)
def test_the_check_allows_scripts_from_files_and_json_data(html):
    assert inline_code(html) == []

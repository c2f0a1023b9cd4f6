"""axe-core finds no serious or critical violation on any public page, on a phone and a desktop,
in standard and large-text mode."""

import pytest

from tests.conftest import DESKTOP, PHONE
from tests.journeys.conftest import run_axe
from tests.public_pages import html_pages

pytestmark = [pytest.mark.browser]


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_every_page_type_passes_axe_in_both_text_sizes(browser, live_server, hospital_content, viewport):
    # axe is injected as a script tag; the pages' own CSP would rightly refuse it.
    context = browser.new_context(viewport=viewport, bypass_csp=True, locale="zh-CN")
    page = context.new_page()
    problems = []
    for name, path in html_pages():
        for large in (False, True):
            page.goto(live_server.url + path)
            page.evaluate(f"() => localStorage.setItem('textSize', '{'large' if large else 'normal'}')")
            page.reload()
            assert page.evaluate("document.documentElement.classList.contains('large-text')") is large
            mode = "large" if large else "standard"
            problems += [f"{name} [{mode}] {path}: {line}" for line in run_axe(page)]
            # Readable without sideways scrolling, even in large-text mode on a phone.
            overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
            if overflow > 1:
                problems.append(f"{name} [{mode}] {path}: page is {overflow}px wider than the screen")
    context.close()
    assert problems == []

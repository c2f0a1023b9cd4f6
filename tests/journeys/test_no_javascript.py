"""A visitor whose browser runs no JavaScript reads every public page type, on a phone and a desktop:
the heading and main content are there, the whole navigation is on screen with working links (behind the
menu button on a phone, which opens without script), and no
control that needs JavaScript is offered."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from apps.core.context_processors import MAIN_NAVIGATION
from apps.pages.models import ServicePage
from tests.journeys.conftest import both_sizes, main_nav
from tests.public_pages import html_pages

pytestmark = [pytest.mark.browser]

NAV_LINKS = """links => links.map(link => {
  const box = link.getBoundingClientRect();
  const style = getComputedStyle(link);
  return {
    text: link.innerText.trim(), href: link.getAttribute("href"), left: box.left, right: box.right,
    visible: box.width > 0 && box.height > 0 && style.visibility === "visible" && style.display !== "none",
  };
})"""


@pytest.fixture
def reader(browser, viewport):
    context = browser.new_context(viewport=viewport, locale="zh-CN", java_script_enabled=False)
    yield context.new_page()
    context.close()


def expected_navigation():
    main = [(str(label), reverse(name)) for name, label in MAIN_NAVIGATION]
    services = [(page.title, page.get_absolute_url()) for page in ServicePage.objects.published()]
    return main + services


@both_sizes
def test_every_page_type_reads_and_navigates_without_javascript(live_server, hospital_content, reader, viewport):
    page = reader
    navigation = expected_navigation()
    problems = []
    for name, path in html_pages():
        response = page.goto(live_server.url + path)
        assert response.ok, f"{name} {path}: {response.status}"
        heading = page.get_by_role("heading", level=1)
        main = page.get_by_role("main")
        expect(heading, f"{name} {path}").to_be_visible()
        expect(main, f"{name} {path}").to_be_visible()
        if not heading.inner_text().strip():
            problems.append(f"{name} {path}: empty h1")
        if len(main.inner_text().strip()) < 20:
            problems.append(f"{name} {path}: the main content is almost empty: {main.inner_text()!r}")

        # Playwright's own evaluation still runs when the page's scripts do not. On a phone the menu is
        # folded behind its button, which opens without script.
        links = main_nav(page).get_by_role("link").evaluate_all(NAV_LINKS)
        shown = [(link["text"], link["href"]) for link in links]
        if shown != navigation:
            problems.append(f"{name} {path}: navigation is {shown}")
        for link in links:
            if not link["visible"] or link["left"] < 0 or link["right"] > viewport["width"]:
                problems.append(f"{name} {path}: navigation link {link['text']!r} is not on screen: {link}")

        # The text-size button works by script: without it, it would be a button that does nothing.
        if page.get_by_role("button", name="大字版").is_visible():
            problems.append(f"{name} {path}: the 大字版 button is offered but cannot work without JavaScript")
    assert problems == [], "\n".join(problems)

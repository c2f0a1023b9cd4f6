"""The profile, timeline and honours pages in Chromium: readable on a phone, no axe violations, no script errors."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from playwright.sync_api import expect

from tests.conftest import DESKTOP, PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE_JS = Path(__import__("axe_playwright_python").__file__).with_name("axe.min.js")
PAGES = [("about", "/about/"), ("timeline", "/history/"), ("honors", "/honors/"), ("campuses", "/campuses/")]


@pytest.fixture
def history_content(transactional_db):
    for name in ["010_campuses.json", "020_history.json"]:
        call_command("loaddata", str(Path(settings.BASE_DIR) / "fixtures" / name), verbosity=0)


def axe_violations(page):
    page.add_script_tag(path=str(AXE_JS))
    result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{violation['id']}: {violation['help']} at {[node['target'] for node in violation['nodes'][:3]]}"
        for violation in result["violations"]
        if violation["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_history_pages_read_well_and_pass_axe(browser, live_server, history_content, viewport, artifacts_dir):
    # axe is injected as a script tag, which the pages' own CSP would rightly refuse.
    context = browser.new_context(viewport=viewport, bypass_csp=True, locale="zh-CN")
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    problems = []
    for name, path in PAGES:
        assert page.goto(live_server.url + path).status == 200
        expect(page.locator("h1")).to_have_count(1)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        if overflow > 1:
            problems.append(f"{path}: {overflow}px wider than the screen")
        problems += [f"{path}: {line}" for line in axe_violations(page)]
        page.screenshot(path=str(artifacts_dir / f"history-{name}-{viewport['width']}.png"), full_page=True)
    context.close()
    assert problems == []
    assert errors == []


def test_the_staff_figure_shows_its_latest_value_big_with_the_older_one_beneath(page, live_server, history_content):
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + "/about/")
    staff = page.locator(".figure-grid .figure", has_text="在职员工")
    expect(staff.locator(".figure-number")).to_have_text("1753")
    expect(staff.locator(".figure-earlier")).to_contain_text("2022年：1724人")
    big = staff.locator(".figure-number").evaluate("node => parseFloat(getComputedStyle(node).fontSize)")
    older = staff.locator(".figure-earlier").evaluate("node => parseFloat(getComputedStyle(node).fontSize)")
    assert big > 2 * older


def test_the_timeline_is_a_vertical_ordered_list_oldest_first(page, live_server, history_content):
    page.goto(live_server.url + "/history/")
    dates = page.locator("ol.timeline > li time").evaluate_all("nodes => nodes.map(n => n.getAttribute('datetime'))")
    assert dates[0] == "1902"
    assert dates == sorted(dates)  # "2020-02" sorts before "2020-02-24", as a month before its days
    tops = page.locator("ol.timeline > li").evaluate_all("nodes => nodes.map(n => n.getBoundingClientRect().top)")
    assert tops == sorted(tops)

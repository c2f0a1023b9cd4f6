"""An elderly visitor switches on 大字版 with the button in the header: the text really grows, the
choice follows them from page to page and through a reload, no page scrolls sideways, and 标准版
brings the standard size back."""

import re

import pytest
from playwright.sync_api import expect

from tests.journeys.conftest import both_sizes, department_link, main_nav

pytestmark = [pytest.mark.browser]

BODY_TEXT_SIZE = "() => parseFloat(getComputedStyle(document.querySelector('main p')).fontSize)"
OVERFLOW = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"


def nav_link(page, name):
    return main_nav(page).get_by_role("link", name=name, exact=True)


def walk(page):
    """From the home page through the sections a patient reads, by their links; yields each page's name."""
    steps = [
        ("首页", None),
        ("医院概况", lambda: nav_link(page, "医院概况")),
        ("科室导航", lambda: nav_link(page, "科室导航")),
        ("神经外科", lambda: department_link(page, "神经外科")),
        ("专家", lambda: page.get_by_role("region", name="专家团队").get_by_role("link").first),
        ("新闻动态", lambda: nav_link(page, "新闻动态")),
        ("新闻", lambda: page.locator(".news-item-title a").first),
    ]
    for name, link in steps:
        if link:
            link().click()
            page.wait_for_load_state()
        yield name


def fits_the_screen(page, where):
    overflow = page.evaluate(OVERFLOW)
    assert overflow <= 0, f"{where}: the page is {overflow}px wider than the screen"


@both_sizes
def test_large_text_is_switched_on_by_its_button_stays_on_across_pages_and_switches_off(
    live_server, hospital_content, visitor
):
    page = visitor
    page.goto(live_server.url + "/")
    standard = {}
    for name in walk(page):
        standard[name] = page.evaluate(BODY_TEXT_SIZE)
        fits_the_screen(page, f"{name} (标准版)")

    nav_link(page, "首页").click()
    page.get_by_role("button", name="大字版").click()
    toggle = page.get_by_role("button", name="标准版")
    expect(toggle).to_have_attribute("aria-pressed", "true")
    expect(page.locator("html")).to_have_class(re.compile(r"\blarge-text\b"))

    for name in walk(page):
        expect(page.locator("html")).to_have_class(re.compile(r"\blarge-text\b"))
        expect(page.get_by_role("button", name="标准版")).to_have_attribute("aria-pressed", "true")
        size = page.evaluate(BODY_TEXT_SIZE)
        assert size >= standard[name] * 1.2, f"{name}: body text is {size}px in 大字版, {standard[name]}px normally"
        fits_the_screen(page, f"{name} (大字版)")

    page.reload()
    expect(page.get_by_role("button", name="标准版")).to_have_attribute("aria-pressed", "true")
    assert page.evaluate(BODY_TEXT_SIZE) >= standard["新闻"] * 1.2
    fits_the_screen(page, "新闻 (大字版, reloaded)")

    page.get_by_role("button", name="标准版").click()
    expect(page.get_by_role("button", name="大字版")).to_have_attribute("aria-pressed", "false")
    assert page.evaluate(BODY_TEXT_SIZE) == standard["新闻"]
    nav_link(page, "首页").click()
    expect(page.locator("html")).not_to_have_class(re.compile(r"\blarge-text\b"))
    assert page.evaluate(BODY_TEXT_SIZE) == standard["首页"]
    page.reload()
    expect(page.get_by_role("button", name="大字版")).to_have_attribute("aria-pressed", "false")
    assert page.evaluate(BODY_TEXT_SIZE) == standard["首页"]

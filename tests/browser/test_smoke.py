"""Browser smoke test: the home page on a phone and a desktop, every navigation link followed."""

import pytest
from playwright.sync_api import expect

from apps.core.context_processors import MAIN_NAVIGATION
from tests.conftest import DESKTOP, PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_home_page_navigation_reaches_every_section(page, live_server, viewport, artifacts_dir):
    page.set_viewport_size(viewport)
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(live_server.url + "/")

    expect(page.locator(".brand-name")).to_have_text("衡阳市中心医院")
    nav_links = page.locator("nav.main-nav a")
    expect(nav_links).to_have_count(len(MAIN_NAVIGATION))
    # Nothing wider than the screen: no sideways scrolling on a phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    page.screenshot(path=str(artifacts_dir / f"home-{viewport['width']}.png"), full_page=True)

    hrefs = [nav_links.nth(i).get_attribute("href") for i in range(nav_links.count())]
    for href in hrefs:
        response = page.goto(live_server.url + href)
        assert response.status == 200, href
        expect(page.locator("h1").first).to_be_visible()
    assert errors == []


def test_chinese_text_renders_with_real_glyphs(page, live_server, artifacts_dir):
    """A font with Chinese glyphs is installed: the brand name is as wide as its characters, not boxes."""
    page.goto(live_server.url + "/")
    width_chinese = page.evaluate(
        """() => {
            const c = document.createElement('canvas').getContext('2d');
            c.font = '32px sans-serif';
            const a = c.measureText('衡阳市中心医院').width;
            const b = c.measureText('\\u{10FFFF}\\u{10FFFE}').width;
            return [a, b];
        }"""
    )
    chinese, missing_glyphs = width_chinese
    assert chinese > 150
    # Seven CJK glyphs measure about seven em; boxes for missing glyphs would not depend on the text.
    assert abs(chinese / 7 - 32) < 6
    page.screenshot(path=str(artifacts_dir / "home-glyphs.png"))

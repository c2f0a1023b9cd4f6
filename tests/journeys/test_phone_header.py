"""A patient on a 375 px phone: the home page's first screen holds the four patient actions, the menu
button opens and closes the navigation by keyboard and by touch, with and without JavaScript, and a
desktop shows the whole navigation at once."""

import pytest
from playwright.sync_api import expect

from tests.conftest import DESKTOP, PHONE

pytestmark = [pytest.mark.browser]

ACTIONS = {"找科室": "/departments/", "找专家/出诊": "/experts/", "预约挂号": "/services/yu-yue-gua-hao/"}
ACTIONS["来院/联系"] = "/campuses/"


def new_tab(browser, viewport, javascript=True, large_text=False):
    context = browser.new_context(
        viewport=viewport, locale="zh-CN", has_touch=True, is_mobile=viewport is PHONE, java_script_enabled=javascript
    )
    if large_text:
        context.add_init_script("localStorage.setItem('textSize', 'large')")
    return context, context.new_page()


def is_open(page):
    return page.locator("details.site-menu").evaluate("menu => menu.open")


@pytest.mark.parametrize("large_text", [False, True], ids=["standard", "large-text"])
def test_the_four_patient_actions_are_on_a_phones_first_screen(live_server, hospital_content, browser, large_text):
    context, page = new_tab(browser, PHONE, large_text=large_text)
    page.goto(live_server.url + "/")
    actions = page.get_by_role("navigation", name="就医服务")
    for label, href in ACTIONS.items():
        link = actions.get_by_role("link", name=label)
        expect(link).to_have_attribute("href", href)
        box = link.bounding_box()
        assert box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"], (
            f"{label} is below the first screen: {box}"
        )
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], label
    # one search box on the phone's first screen, not two
    assert page.get_by_role("searchbox").count() == 1
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    if large_text:
        size = page.locator(".pa-label").first.evaluate("node => parseFloat(getComputedStyle(node).fontSize)")
        assert size >= 1.1 * 1.25 * 16 - 0.5  # the actions grow with 大字版 like the rest of the text
    context.close()


@pytest.mark.parametrize("javascript", [True, False], ids=["script", "no-script"])
def test_menu_opens_and_closes_by_keyboard(live_server, hospital_content, browser, javascript):
    context, page = new_tab(browser, PHONE, javascript=javascript)
    page.goto(live_server.url + "/experts/")
    nav = page.locator("nav.main-nav")
    expect(nav).to_be_hidden()
    # a <summary>: browsers announce it as a button with its expanded state, and it needs no script
    button = page.locator("summary.menu-button")
    expect(button).to_be_visible()
    expect(button).to_have_text("菜单")

    for _ in range(6):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('summary.menu-button')"):
            break
    else:
        pytest.fail("Tab never reached the menu button")
    page.keyboard.press("Enter")
    expect(nav).to_be_visible()
    assert is_open(page)
    # the next Tab goes into the open menu, to its first link
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('nav.main-nav') !== null")
    assert page.evaluate("document.activeElement.textContent.trim()") == "首页"

    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Space")
    expect(nav).to_be_hidden()
    assert not is_open(page)

    if javascript:
        # Escape closes it too and gives the focus back to the button
        page.keyboard.press("Enter")
        expect(nav).to_be_visible()
        page.keyboard.press("Tab")
        page.keyboard.press("Escape")
        expect(nav).to_be_hidden()
        assert page.evaluate("document.activeElement.matches('summary.menu-button')")
    context.close()


@pytest.mark.parametrize("javascript", [True, False], ids=["script", "no-script"])
def test_menu_opens_and_closes_by_touch_and_its_links_work(live_server, hospital_content, browser, javascript):
    context, page = new_tab(browser, PHONE, javascript=javascript)
    page.goto(live_server.url + "/")
    nav = page.get_by_role("navigation", name="主导航")
    button = page.locator("summary.menu-button")
    button.tap()
    expect(nav).to_be_visible()
    for link in nav.get_by_role("link").all():
        box = link.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], link.inner_text()
        assert box["height"] >= 44, link.inner_text()  # a finger-sized target
    button.tap()
    expect(nav).to_be_hidden()

    button.tap()
    nav.get_by_role("link", name="科室导航").tap()
    page.wait_for_url("**/departments/")
    expect(page.get_by_role("heading", level=1)).to_have_text("科室导航")
    expect(page.locator("nav.main-nav")).to_be_hidden()  # a new page starts with the menu folded
    context.close()


@pytest.mark.parametrize("javascript", [True, False], ids=["script", "no-script"])
def test_a_desktop_shows_the_whole_navigation_without_a_menu_button(live_server, hospital_content, browser, javascript):
    context, page = new_tab(browser, DESKTOP, javascript=javascript)
    page.goto(live_server.url + "/departments/")
    expect(page.locator("summary.menu-button")).to_be_hidden()
    links = page.get_by_role("navigation", name="主导航").get_by_role("link")
    assert links.count() >= 10
    first_row = {round(box["y"]) for box in (link.bounding_box() for link in links.all())}
    assert len(first_row) == 1, "the navigation wraps onto a second row at 1280 px"
    for link in links.all():
        expect(link).to_be_visible()
    context.close()

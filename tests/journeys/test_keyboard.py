"""A visitor who uses only the keyboard: the first Tab shows the skip link and Enter skips to the main
content; Tab reaches the menu button (Enter opens it on a phone), every main-navigation entry, the
search box and the expert filters, and every element that takes the focus shows a visible focus
indicator."""

import re

import pytest
from playwright.sync_api import expect

from tests.journeys.conftest import both_sizes, main_nav

pytestmark = [pytest.mark.browser]

# What the focused element looks like: enough to name it in a failure and to see its focus indicator.
FOCUSED = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  const box = el.getBoundingClientRect();
  const label = el.labels && el.labels.length ? el.labels[0].firstChild.textContent.trim() : "";
  return {
    tag: el.tagName.toLowerCase(),
    id: el.id,
    cls: el.className,
    text: (el.innerText || el.value || "").trim(),
    label: label,
    inNav: !!el.closest("nav.main-nav"),
    inMain: !!el.closest("main"),
    outlineStyle: style.outlineStyle,
    outlineWidth: parseFloat(style.outlineWidth),
    boxShadow: style.boxShadow,
    focusVisible: el.matches(":focus-visible"),
    top: box.top, bottom: box.bottom, left: box.left, right: box.right,
    viewportWidth: window.innerWidth, viewportHeight: window.innerHeight,
  };
}"""


def describe(focused):
    return f"<{focused['tag']} id={focused['id']!r} class={focused['cls']!r}> {focused['text'][:20]!r}"


def shows_focus(focused):
    outlined = focused["outlineStyle"] != "none" and focused["outlineWidth"] > 0
    return focused["focusVisible"] and (outlined or focused["boxShadow"] != "none")


def on_screen(focused):
    return (
        focused["top"] >= 0
        and focused["left"] >= 0
        and focused["bottom"] <= focused["viewportHeight"]
        and focused["right"] <= focused["viewportWidth"]
    )


def tab(page):
    page.keyboard.press("Tab")
    return page.evaluate(FOCUSED)


@both_sizes
def test_keyboard_user_skips_to_content_and_reaches_navigation_search_and_filters(
    live_server, hospital_content, visitor
):
    page = visitor
    url = live_server.url + "/experts/"
    page.goto(url)
    nav_labels = main_nav(page).get_by_role("link").all_inner_texts()
    assert len(nav_labels) >= 10
    page.goto(url)

    # The first Tab lands on the skip link, which comes on screen; Enter moves to the main content.
    first = tab(page)
    assert first["cls"] == "skip-link", describe(first)
    assert first["text"] == "跳到正文"
    assert on_screen(first), f"the skip link is focused but off screen: {first}"
    assert shows_focus(first), f"no focus indicator on the skip link: {first}"
    page.keyboard.press("Enter")
    # The browser follows the link after the key press returns: wait for it rather than read at once.
    expect(page).to_have_url(re.compile(r"#main$"))
    expect(page.locator("main")).to_be_focused()
    page.wait_for_function("document.querySelector('main').getBoundingClientRect().top <= 1")
    after_skip = tab(page)
    assert after_skip["inMain"] and not after_skip["inNav"], f"Tab after skipping went to {describe(after_skip)}"

    # From a fresh load, Tab alone goes through the header, the navigation and on to the filters.
    page.goto(url)
    reached_nav, reached, problems = [], set(), []
    for _ in range(60):
        focused = tab(page)
        if not shows_focus(focused):
            problems.append(f"no visible focus indicator on {describe(focused)}: {focused}")
        if not on_screen(focused):
            problems.append(f"focused but off screen: {describe(focused)}")
        if focused["cls"] == "menu-button" and not page.locator("details.site-menu").evaluate("menu => menu.open"):
            page.keyboard.press("Enter")  # folded on a phone: the keyboard opens it like a tap
        if focused["inNav"]:
            reached_nav.append(focused["text"])
        if focused["id"] == "site-search":
            reached.add("search box")
        if focused["inMain"] and focused["tag"] in ("select", "button"):
            reached.add(focused["label"] or focused["text"])
        if focused["text"] == "查找专家":
            break
    assert problems == []
    assert reached_nav == nav_labels
    # Only the filters the hospital's data can satisfy are offered (no clinic days or campuses are known yet).
    assert reached >= {"search box", "科室", "查找专家"}, reached

    # The filters work from the keyboard too: choose with the arrow keys, submit with Enter.
    page.locator("#id_department").focus()
    page.keyboard.press("ArrowDown")
    page.get_by_role("button", name="查找专家").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/experts/?**department=**")
    expect(page.get_by_role("heading", level=2, name=re.compile(r"找到 \d+ 位专家"))).to_be_visible()

"""A patient on a 375 px phone types how they feel (头痛, 心慌, 小儿发热, 便血) into the guide and into the search,
and reaches a department of this hospital; a red flag is answered first with 120."""

import re

import pytest
from playwright.sync_api import expect

from tests.conftest import PHONE

pytestmark = [pytest.mark.browser]

# The word typed, and the department of this hospital the guide's symptom table points it to.
COMPLAINTS = [("头痛", "神经内科"), ("心慌", "心血管内科"), ("小儿发热", "妇儿中心"), ("便血", "消化内科")]


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE, locale="zh-CN", timezone_id="Asia/Shanghai")
    yield context.new_page()
    context.close()


def reaches_department(page, results, department):
    results.get_by_role("link", name=department, exact=True).first.click()
    expect(page).to_have_url(re.compile(r"/departments/[a-z0-9-]+/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(department)


def test_each_complaint_typed_into_the_guide_and_the_search_leads_to_a_department(live_server, hospital_content, phone):
    page = phone
    for word, department in COMPLAINTS:
        page.goto(live_server.url + "/guide/")
        field = page.get_by_label("症状或疾病")
        field.fill(word)
        field.press("Enter")
        results = page.get_by_role("region", name=f"“{word}”的导诊结果")
        expect(results).to_contain_text("通用导诊建议")
        reaches_department(page, results, department)

        page.goto(live_server.url + "/search/")
        field = page.get_by_label("搜索科室、专家、疾病、设备或新闻")
        field.fill(word)
        field.press("Enter")
        expect(page.get_by_role("heading", level=1)).to_have_text(f"“{word}”的搜索结果")
        reaches_department(page, page.locator(".search-results"), department)


def test_a_red_flag_comes_first_on_the_phone(live_server, hospital_content, phone, artifacts_dir):
    page = phone
    page.goto(live_server.url + "/guide/?q=胸痛")
    cards = page.locator(".guide-results .card")
    expect(cards.first.get_by_role("heading")).to_have_text("胸痛伴大汗")
    expect(cards.first).to_contain_text("立即拨打 120")
    expect(cards.nth(1).get_by_role("heading")).to_have_text("胸痛")
    page.screenshot(path=str(artifacts_dir / "guide-red-flag-375.png"), full_page=True)


def test_a_red_flag_typed_into_the_search_shows_the_120_card_above_the_results(
    live_server, hospital_content, phone, artifacts_dir
):
    page = phone
    page.goto(live_server.url + "/search/?q=胸痛")
    card = page.locator(".search-urgent .guide-urgent").first
    expect(card.get_by_role("heading")).to_have_text("胸痛伴大汗")
    call = card.get_by_role("link", name="拨打 120")
    expect(call).to_have_attribute("href", "tel:120")
    # The card comes first on the phone, and the results follow it.
    card_box, results_box = card.bounding_box(), page.locator(".search-results").bounding_box()
    assert card_box["y"] + card_box["height"] <= results_box["y"]
    assert card_box["width"] <= 375
    page.screenshot(path=str(artifacts_dir / "search-red-flag-375.png"), full_page=True)


def test_a_patient_typing_guahao_into_the_search_reaches_the_booking_page(live_server, hospital_content, phone):
    page = phone
    page.goto(live_server.url + "/search/")
    field = page.get_by_label("搜索科室、专家、疾病、设备或新闻")
    field.fill("挂号")
    field.press("Enter")
    page.locator(".search-results").get_by_role("link").first.click()
    expect(page).to_have_url(re.compile(r"/services/yu-yue-gua-hao/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("预约挂号")

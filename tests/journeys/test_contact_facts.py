"""A new patient on a phone (375 px) asks the four questions — the phone number, the way there, when a
doctor sees patients, how to book — first with the contact facts empty, then after a content administrator
fills them in the admin."""

import re

import pytest
from playwright.sync_api import expect

from tests.conftest import PHONE
from tests.factories import PASSWORD, content_admin
from tests.journeys.conftest import run_axe

pytestmark = [pytest.mark.browser]

PLACEHOLDERS = re.compile("待公布|暂无|正在整理中")


@pytest.fixture
def phone(browser):
    # bypass_csp: axe is injected as a script tag, which the pages' own CSP would rightly refuse.
    context = browser.new_context(viewport=PHONE, locale="zh-CN", timezone_id="Asia/Shanghai", bypass_csp=True)
    yield context.new_page()
    context.close()


def quick_entry(page, name):
    return page.get_by_role("navigation", name="快速入口").get_by_role("link", name=re.compile(name))


def patient_action(page, name):
    return page.get_by_role("navigation", name="就医服务").get_by_role("link", name=re.compile(name))


def ask_the_four_questions(page, base):
    """Each answer within two taps of the home page; returns the texts the patient read."""
    read = {}
    page.goto(base + "/")
    read["home"] = page.locator("body").inner_text()
    quick_entry(page, "联系我们").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("联系我们")
    read["contact"] = page.locator("main").inner_text()
    assert run_axe(page) == []

    page.goto(base + "/")
    patient_action(page, "来院").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("院区指引")
    read["campuses"] = page.locator("main").inner_text()

    page.goto(base + "/")
    patient_action(page, "找专家").click()
    page.get_by_role("link", name="李远志", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("李远志")
    read["expert"] = page.locator("main").inner_text()

    page.goto(base + "/")
    patient_action(page, "预约挂号").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("预约挂号")
    read["booking"] = page.locator("main").inner_text()
    assert run_axe(page) == []
    for name, text in read.items():
        assert not PLACEHOLDERS.search(text), name
    return read


def test_the_four_questions_before_and_after_the_facts_are_entered(live_server, hospital_content, phone):
    page, base = phone, live_server.url

    # Nothing entered yet: no placeholder anywhere, and each page says where to turn.
    read = ask_the_four_questions(page, base)
    assert page.locator(".contact-bar").count() == 0
    assert "急危重症请立即拨打 120" in read["contact"]
    assert "回雁峰下" in read["campuses"] and "雁峰、蒸湘" in read["campuses"]
    assert "出诊时间以门诊当日公布为准" in read["expert"]
    assert "查看出诊时间" not in read["expert"]
    assert "11.8万人次" in read["booking"]

    # A content administrator fills the record through the admin.
    content_admin(username="neirong")
    page.goto(f"{base}/admin/login/?next=/admin/")
    page.get_by_label("用户名").fill("neirong")
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.get_by_role("link", name="医院信息", exact=True).first.click()
    page.get_by_label("急诊电话").fill("0734-2222222")
    page.get_by_label("总机电话").fill("0734-1111111")
    page.get_by_label("预约挂号电话").fill("0734-3333333")
    page.get_by_label("网上预约挂号网址").fill("https://example.org/synthetic-booking")
    page.locator('input[name="_save"]').first.click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    page.context.clear_cookies()

    read = ask_the_four_questions(page, base)
    # The emergency number is on every page, one tap away.
    page.goto(base + "/")
    expect(page.locator(".contact-bar").get_by_role("link", name="0734-2222222")).to_have_attribute(
        "href", "tel:07342222222"
    )
    assert "0734-1111111" in read["contact"] and "0734-3333333" in read["contact"]
    assert "0734-3333333" in read["expert"]
    expect(page.locator(".contact-bar")).to_be_visible()
    page.goto(base + "/")
    patient_action(page, "预约挂号").click()
    expect(page.get_by_role("link", name="网上预约挂号")).to_have_attribute(
        "href", "https://example.org/synthetic-booking"
    )

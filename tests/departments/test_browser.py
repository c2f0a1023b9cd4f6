"""A patient on a phone finds a department in a real browser: filters without JavaScript, no axe violations."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from tests.conftest import PHONE
from tests.journeys.conftest import run_axe

pytestmark = [pytest.mark.browser]

FIXTURES = Path(settings.BASE_DIR) / "fixtures"


@pytest.fixture
def departments_content(transactional_db):
    call_command("loaddata", str(FIXTURES / "010_campuses.json"), verbosity=0)
    call_command("loaddata", str(FIXTURES / "030_departments.json"), verbosity=0)


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE, locale="zh-CN", bypass_csp=True)
    yield context.new_page()
    context.close()


def test_phone_visitor_filters_by_designation_and_opens_the_chest_pain_centre(
    browser, live_server, departments_content
):
    context = browser.new_context(viewport=PHONE, locale="zh-CN", java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/departments/")
    page.get_by_role("combobox", name="重点专科与资质").select_option(label="中心认证与资质")
    page.get_by_role("button", name="筛选").click()
    assert "designation=zhong-xin-ren-zheng-yu-zi-zhi" in page.url
    page.get_by_role("link", name="胸痛中心", exact=True).click()
    assert page.url.endswith("/departments/xiong-tong-zhong-xin/")
    assert page.get_by_role("heading", level=1).inner_text() == "胸痛中心"
    assert page.get_by_text("衡阳首家通过国家认证的标准版胸痛中心").first.is_visible()
    context.close()


@pytest.mark.parametrize("path", ["/departments/", "/departments/shen-jing-wai-ke/", "/departments/pu-wai-zhong-xin/"])
def test_department_pages_pass_axe_on_a_phone_in_both_text_sizes(phone, live_server, departments_content, path):
    problems = []
    for size in ("normal", "large"):
        phone.goto(live_server.url + path)
        phone.evaluate(f"() => localStorage.setItem('textSize', '{size}')")
        phone.reload()
        problems += [f"{size}: {line}" for line in run_axe(phone)]
        overflow = phone.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        if overflow > 1:
            problems.append(f"{size}: page is {overflow}px wider than the screen")
    assert problems == []

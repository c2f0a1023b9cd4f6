"""A 内容管理员 moves one of an expert's clinic sessions to another day in the admin's weekly grid, sees the new
timetable on the expert's public page, reverts the change from the expert's history, and sees the
old timetable again."""

import io
import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from apps.experts.models import Expert, Period, Weekday
from tests.factories import PASSWORD, content_admin
from tests.journeys.conftest import both_sizes

pytestmark = [pytest.mark.browser]


@pytest.fixture
def expert(transactional_db):
    """A synthetic expert with weekly sessions, and a first version of every expert to come back to."""
    call_command("generate_synthetic_data", scale=0.001, stdout=io.StringIO())
    call_command("createinitialrevisions", "experts.Expert", comment="初始内容", verbosity=0)
    return Expert.objects.filter(weekly_sessions__isnull=False).order_by("pk").first()


def timetable(page, expert, base_url):
    """The weekly timetable as the expert's public page shows it, one line per session."""
    page.goto(base_url + expert.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text(expert.name)
    return [re.sub(r"\s+", " ", row) for row in page.locator("table.weekly-sessions tbody tr").all_inner_texts()]


def save_button(page):
    return page.locator('input[name="_save"]').first


@both_sizes
def test_content_manager_moves_a_clinic_session_sees_it_online_and_reverts_it_from_the_history(
    live_server, expert, visitor
):
    page = visitor
    base = live_server.url
    before = timetable(page, expert, base)
    assert before, "the expert's page should show a weekly timetable"

    content_admin(username="neirong")
    page.goto(f"{base}/admin/login/?next=/admin/")
    page.get_by_label("用户名").fill("neirong")
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))

    # Through the admin's own pages to the expert: the experts list, its search, the expert's form.
    page.get_by_role("rowheader", name="专家", exact=True).get_by_role("link").click()
    page.locator("#searchbar").fill(expert.name)
    page.locator("#searchbar").press("Enter")
    page.get_by_role("link", name=expert.name, exact=True).click()
    expect(page).to_have_url(re.compile(rf"/admin/experts/expert/{expert.pk}/change/"))

    # In the weekly grid, the first session moves to a day the expert has no session on.
    session = expert.weekly_sessions.select_related("campus").order_by("weekday", "period").first()
    taken = set(expert.weekly_sessions.values_list("weekday", flat=True))
    new_day = next(day for day in Weekday if day not in taken)
    old_slot = f"{Weekday(session.weekday).label}{Period(session.period).label}"
    new_slot = f"{new_day.label}{Period(session.period).label}"
    page.get_by_label(f"{new_slot}院区").select_option(label=session.campus.name)
    page.get_by_label(f"{old_slot}院区").select_option(label="不出诊")
    page.get_by_label(f"{old_slot}诊室").fill("")
    save_button(page).click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    assert expert.weekly_sessions.filter(weekday=new_day).exists()

    after = timetable(page, expert, base)
    assert after != before
    assert any(row.startswith(f"{new_day.label} ") for row in after), after
    assert not any(row.startswith(f"{new_day.label} ") for row in before)

    # The expert's history lists the first version; saving it brings the old timetable back.
    page.go_back()
    page.get_by_role("link", name=expert.name, exact=True).click()
    page.get_by_role("link", name="历史").first.click()
    expect(page.get_by_role("cell", name="neirong")).to_be_visible()
    page.get_by_role("row").filter(has_text="初始内容").get_by_role("link").click()
    expect(page.get_by_text("单击保存按钮将此对象恢复到此版本。")).to_be_visible()
    save_button(page).click()
    expect(page.locator(".messagelist .success")).to_be_visible()

    assert timetable(page, expert, base) == before
    assert not expert.weekly_sessions.filter(weekday=new_day).exists()

"""A patient finds an expert in a real browser: filters by keyboard, reads the page and its coming sessions.

Synthetic experts and schedules (the real content has no schedules); axe-core checks the pages with every
kind of session shown, on a phone and a desktop, in standard and large-text mode.
"""

import datetime

import pytest
from playwright.sync_api import expect

from apps.experts.models import Period
from apps.experts.timetable import local_today
from tests.conftest import DESKTOP, PHONE
from tests.factories import (
    CampusFactory,
    ExpertFactory,
    ScheduleExceptionFactory,
    WeeklySessionFactory,
    WorkstationFactory,
)
from tests.journeys.conftest import run_axe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def clinic(settings):
    settings.PAGE_CACHE = False
    today = local_today()
    east, west = CampusFactory(name="测试东院区"), CampusFactory(name="测试西院区")
    doctor = ExpertFactory(name="测试专家甲", specialties="测试用擅长内容，较长的一段文字用来检查换行是否正常。" * 3)
    colleague = ExpertFactory(name="测试专家乙")
    for offset, period in ((0, Period.MORNING), (1, Period.AFTERNOON), (2, Period.MORNING)):
        day = today + datetime.timedelta(days=offset)
        WeeklySessionFactory(
            expert=doctor, weekday=day.isoweekday(), period=period, campus=east, note="测试备注：单周出诊"
        )
    ScheduleExceptionFactory(
        expert=doctor, date=today + datetime.timedelta(days=1), kind="cancel", reason="外出学术交流"
    )
    ScheduleExceptionFactory(
        expert=doctor, date=today + datetime.timedelta(days=2), kind="substitute", substitute=colleague
    )
    ScheduleExceptionFactory(
        expert=doctor, date=today + datetime.timedelta(days=3), period=Period.EVENING, kind="extra", campus=west
    )
    WeeklySessionFactory(expert=colleague, weekday=today.isoweekday(), period=Period.AFTERNOON, campus=west)
    WorkstationFactory(name="测试专家工作室", lead_expert=doctor)
    return {"doctor": doctor, "east": east, "today": today}


def test_a_patient_finds_an_expert_by_campus_and_day_using_only_the_keyboard(page, live_server, clinic):
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + "/experts/")
    page.focus("#id_campus")
    page.select_option("#id_campus", label="测试东院区")
    page.focus("#id_day")
    page.select_option("#id_day", value=str(clinic["today"].isoweekday()))
    page.focus("form.expert-filters button[type=submit]")
    page.keyboard.press("Enter")

    page.wait_for_url("**/experts/?**")
    expect(page.locator(".expert-card-name")).to_have_text(["测试专家甲"])
    page.get_by_role("link", name="测试专家甲").focus()
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("测试专家甲")
    expect(page.locator(".coming-day").nth(1)).to_contain_text("停诊")
    expect(page.locator(".coming-day").nth(2)).to_contain_text("由 测试专家乙 替诊")
    expect(page.locator(".coming-day").nth(3)).to_contain_text("加诊")


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_expert_pages_pass_axe_and_fit_the_screen_in_both_text_sizes(browser, live_server, clinic, viewport):
    context = browser.new_context(viewport=viewport, bypass_csp=True, locale="zh-CN")
    page = context.new_page()
    paths = [
        "/experts/",
        f"/experts/?campus={clinic['east'].slug}&day={clinic['today'].isoweekday()}",
        "/experts/?department=no-such&day=9",
        clinic["doctor"].get_absolute_url(),
    ]
    problems = []
    for path in paths:
        for large in (False, True):
            page.goto(live_server.url + path)
            page.evaluate(f"() => localStorage.setItem('textSize', '{'large' if large else 'normal'}')")
            page.reload()
            problems += [f"{path} large={large}: {line}" for line in run_axe(page)]
            overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
            if overflow > 1:
                problems.append(f"{path} large={large}: {overflow}px wider than the screen")
    context.close()
    assert problems == [], "\n".join(problems)


def box(page, selector):
    return page.locator(selector).first.bounding_box()


def test_without_a_photo_the_initial_is_a_small_tile_on_a_phone_and_the_facts_are_on_the_first_screen(
    browser, live_server, clinic
):
    doctor = clinic["doctor"]
    doctor.clinical_title = "chief"
    doctor.save()
    context = browser.new_context(viewport=PHONE, locale="zh-CN")
    page = context.new_page()
    page.goto(live_server.url + doctor.get_absolute_url())
    tile = box(page, ".expert-header .expert-initial")
    assert tile["width"] <= 80 and tile["height"] <= 80
    # The name sits beside the tile, and the practical facts start on the first screen.
    assert box(page, "h1")["y"] < tile["y"] + tile["height"]
    assert box(page, ".facts-list")["y"] < PHONE["height"]
    page.goto(live_server.url + "/experts/")
    card, card_tile = box(page, ".expert-card"), box(page, ".expert-card .expert-initial")
    assert card_tile["width"] <= 64 and card_tile["width"] < card["width"] / 5

    page.set_viewport_size(DESKTOP)
    page.goto(live_server.url + doctor.get_absolute_url())
    assert box(page, ".expert-header .expert-initial")["width"] >= 200
    context.close()

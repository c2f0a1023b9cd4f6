"""The admin in a real browser at 1280 px: the weekly grid filled by keyboard and mouse and checked by
axe, bulk 停诊 of a department seen on an expert's page and calendar, the export page's 全选 under the
admin's CSP, the rich-text editor's headings and caption button, and no page wider than the screen."""

import datetime

import pytest
from django.test import Client
from playwright.sync_api import expect

from apps.experts.models import WeeklySession
from apps.experts.timetable import local_today
from tests.browser.ckeditor import Editor
from tests.conftest import DESKTOP
from tests.core.test_admin_language import admin_urls
from tests.factories import (
    ArticleImageFactory,
    CampusFactory,
    DepartmentFactory,
    DesignationFactory,
    ExpertFactory,
    KeyFigureValueFactory,
    ScheduleExceptionFactory,
    WeeklySessionFactory,
    content_admin,
)
from tests.journeys.conftest import AXE_JS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def editor_page(browser, live_server, settings, tmp_path):
    """A browser page at 1280 × 800, logged in as a 内容管理员, that records console errors."""
    settings.PAGE_CACHE = False
    settings.MEDIA_ROOT = tmp_path / "media"
    user = content_admin(username="网格编辑")
    client = Client()
    client.force_login(user)
    cookies = [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    context = browser.new_context(viewport=DESKTOP, locale="zh-CN")
    context.add_cookies(cookies)
    page = context.new_page()
    page.console_errors = []
    page.on(
        "console",
        lambda message: (
            message.type == "error"
            and not message.location.get("url", "").endswith("/favicon.ico")
            and page.console_errors.append(message.text)
        ),
    )
    page.user = user

    def axe(url, region):
        """axe-core's serious and critical findings in `region` of `url` (in a context that lets axe's script in).

        The region is what this project built; Django's own widgets (select2, breadcrumbs) are left out.
        """
        checking = browser.new_context(viewport=DESKTOP, locale="zh-CN", bypass_csp=True)
        checking.add_cookies(cookies)
        checked = checking.new_page()
        checked.goto(live_server.url + url)
        checked.add_script_tag(path=str(AXE_JS))
        result = checked.evaluate(
            "region => axe.run({include: [region], exclude: ['.select2-container']}, {resultTypes: ['violations']})",
            region,
        )
        checking.close()
        return [
            f"{violation['id']} ({violation['impact']}): {violation['help']} at {violation['nodes'][0]['target']}"
            for violation in result["violations"]
            if violation["impact"] in ("serious", "critical")
        ]

    page.axe = axe
    yield page
    context.close()


def overflow(page):
    return page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")


def test_a_week_is_filled_in_the_grid_which_passes_axe_and_fits_the_screen(editor_page, live_server):
    page = editor_page
    east = CampusFactory(name="测试东院区")
    CampusFactory(name="测试西院区")
    expert = ExpertFactory(name="测试网格专家")
    WeeklySessionFactory(expert=expert, weekday=3, period=2, campus=east, room="旧诊室")

    problems = page.axe(f"/admin/experts/expert/{expert.pk}/change/", ".field-weekly_grid")
    assert problems == [], "\n".join(problems)
    page.goto(f"{live_server.url}/admin/experts/expert/{expert.pk}/change/")
    assert overflow(page) <= 1
    page.get_by_label("周一上午院区").select_option(label="测试东院区")
    page.get_by_label("周一上午诊室").fill("101诊室")
    page.get_by_label("周二下午院区").select_option(label="测试西院区")
    page.get_by_label("周二下午门诊类型").select_option(label="特需门诊")
    page.get_by_label("周五晚上院区").select_option(label="测试东院区")
    page.get_by_label("周三下午院区").select_option(label="不出诊")
    page.get_by_label("周三下午诊室").fill("")
    with page.expect_navigation():
        page.locator('input[name="_continue"]').first.click()

    expect(page.locator(".messagelist .success")).to_be_visible()
    sessions = WeeklySession.objects.filter(expert=expert).order_by("weekday", "period")
    assert [(s.weekday, s.period, s.campus.name, s.clinic_type, s.room) for s in sessions] == [
        (1, 1, "测试东院区", "expert", "101诊室"),
        (2, 2, "测试西院区", "special_needs", ""),
        (5, 3, "测试东院区", "expert", ""),
    ]
    expect(page.get_by_label("周二下午门诊类型")).to_have_value("special_needs")
    page.get_by_label("周四上午诊室").fill("诊" * 51)
    page.get_by_label("周四上午院区").select_option(label="测试西院区")
    page.locator('input[name="_continue"]').first.click()
    expect(page.locator(".errorlist")).to_contain_text("周四上午 诊室：最多填写 50 个字（现在是 51 个）。")
    assert WeeklySession.objects.filter(expert=expert).count() == 3
    assert page.console_errors == []


def test_a_department_is_cancelled_for_three_days_and_its_experts_page_and_calendar_show_it(editor_page, live_server):
    page = editor_page
    campus = CampusFactory(name="测试东院区")
    department = DepartmentFactory(name="测试停诊科室")
    expert = ExpertFactory(name="测试停诊专家", primary_department=department)
    for weekday in range(1, 8):
        WeeklySessionFactory(expert=expert, weekday=weekday, period=1, campus=campus)
    first = local_today() + datetime.timedelta(days=1)
    days = [first + datetime.timedelta(days=offset) for offset in range(3)]

    assert page.axe("/admin/experts/scheduleexception/bulk-cancel/", "#content-main") == []
    page.goto(f"{live_server.url}/admin/experts/scheduleexception/")
    page.get_by_role("link", name="批量停诊").click()
    # The department is chosen through the admin's autocomplete, as an editor does.
    page.locator(".field-department .select2-selection").click()
    page.locator(".select2-search__field").fill("测试停诊")
    page.locator(".select2-results__option", has_text="测试停诊科室").click()
    page.get_by_label("开始日期").fill(f"{days[2]:%Y-%m-%d}")
    page.get_by_label("结束日期").fill(f"{days[0]:%Y-%m-%d}")
    page.get_by_label("原因").fill("科室外出义诊")
    page.get_by_role("button", name="添加停诊").click()
    expect(page.locator(".errorlist")).to_contain_text("结束日期不能早于开始日期。")

    page.get_by_label("开始日期").fill(f"{days[0]:%Y-%m-%d}")
    page.get_by_label("结束日期").fill(f"{days[2]:%Y-%m-%d}")
    page.get_by_role("button", name="添加停诊").click()
    expect(page.locator(".messagelist .success")).to_contain_text("已为 1 位专家添加 3 条停诊记录。")

    visitor = page.context.browser.new_context(viewport=DESKTOP, locale="zh-CN")
    public = visitor.new_page()
    public.goto(live_server.url + expert.get_absolute_url())
    for day in days:
        expect(public.locator(".coming-day", has_text=f"{day.month}月{day.day}日")).to_contain_text("停诊")
    expect(public.locator("main")).to_contain_text("科室外出义诊")
    feed = public.request.get(live_server.url + expert.get_schedule_ics_url()).text()
    assert feed.count("STATUS:CANCELLED") == 3 and "科室外出义诊" in feed
    visitor.close()


def test_select_all_on_the_export_page_works_under_the_admins_csp(editor_page, live_server):
    page = editor_page
    page.goto(f"{live_server.url}/admin/experts/weeklysession/export/")
    columns = page.locator('.selectable-field-export-row input[type="checkbox"]:not(#select-all-toggle)')
    expect(columns.first).to_be_checked()

    page.get_by_label("全选").uncheck()
    assert all(not box.is_checked() for box in columns.all())
    page.get_by_label("全选").check()
    assert all(box.is_checked() for box in columns.all())
    assert page.console_errors == []


def test_the_editor_shows_headings_as_headings_and_names_the_image_caption(editor_page, live_server):
    page = editor_page
    department = DepartmentFactory(name="测试编辑科室", introduction="<p>正文</p>")
    page.goto(f"{live_server.url}/admin/departments/department/{department.pk}/change/")
    editor = Editor(page, page.locator(".field-introduction"))
    editor.editable.click()
    page.keyboard.press("End")
    page.keyboard.press("Enter")
    editor.heading("小标题")

    sizes = editor.editable.evaluate(
        "e => [parseFloat(getComputedStyle(e.querySelector('h2')).fontSize),"
        " parseFloat(getComputedStyle(e.querySelector('p')).fontSize)]"
    )
    assert sizes[0] > sizes[1] * 1.15, sizes
    editor.upload_image("示例图片.png", (320, 240))
    page.locator(".ck-content figure.image").click()
    caption = page.locator('.ck-balloon-panel button[data-cke-tooltip-text="添加图片说明"]')
    expect(caption).to_be_visible()
    assert page.locator('[data-cke-tooltip-text*="表标题"]').count() == 0


def test_no_admin_page_is_wider_than_a_1280_px_screen(editor_page, live_server):
    page = editor_page
    department = DepartmentFactory()
    DesignationFactory(departments=[department])
    expert = ExpertFactory(primary_department=department)
    WeeklySessionFactory(expert=expert)
    ScheduleExceptionFactory(expert=expert, date=local_today() + datetime.timedelta(days=2), reason="外出学术交流")
    KeyFigureValueFactory()
    ArticleImageFactory()

    too_wide = []
    for url in admin_urls(page.user):
        page.goto(live_server.url + url)
        if (extra := overflow(page)) > 1:
            too_wide.append(f"{url}: {extra}px")
    assert too_wide == [], "\n".join(too_wide)

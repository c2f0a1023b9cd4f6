"""A patient, on a phone and on a desktop, uses the site only by clicking and typing: finds 神经外科
and 李远志, searches 胸痛, finds who sees patients on Monday at 华新院区, and reads the latest news."""

import io
import re

import pytest
from django.core.management import call_command
from django.db.models import Q
from playwright.sync_api import expect

from apps.experts.models import Expert, Weekday, WeeklySession
from apps.experts.timetable import local_today
from apps.news.models import Article
from tests.journeys.conftest import both_sizes, department_link, main_nav

pytestmark = [pytest.mark.browser]


@pytest.fixture
def content(hospital_content):
    """The hospital's real content, and a small synthetic set of experts with weekly sessions."""
    call_command("generate_synthetic_data", scale=0.005, stdout=io.StringIO())


def monday_at_huaxin_slugs():
    """Slugs of the visible experts with a current Monday session at 华新院区, according to the database."""
    sessions = WeeklySession.objects.filter(
        Q(valid_until__isnull=True) | Q(valid_until__gte=local_today()),
        weekday=Weekday.MONDAY,
        campus__name="华新院区",
    )
    return set(Expert.objects.active().filter(weekly_sessions__in=sessions).values_list("slug", flat=True))


@both_sizes
def test_patient_finds_a_department_an_expert_a_centre_a_clinic_day_and_the_latest_news(live_server, content, visitor):
    page = visitor
    page.goto(live_server.url + "/")

    # From the home page to 神经外科 through the main navigation and the departments list.
    main_nav(page).get_by_role("link", name="科室导航").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("科室导航")
    department_link(page, "神经外科").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("神经外科")
    techniques = page.get_by_role("region", name="诊疗专长与特色技术")
    expect(techniques).to_contain_text("神经导航")
    expect(techniques).to_contain_text("内镜下治疗脑出血")

    # The department's expert team leads to 李远志, whose page says what he brought to the department.
    page.get_by_role("region", name="专家团队").get_by_role("link", name="李远志").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("李远志")
    expect(page.locator(".expert-roles")).to_have_text("神经外科主任")
    biography = page.get_by_role("region", name="个人简介")
    expect(biography).to_be_visible()
    expect(biography).to_contain_text("引进“神经导航”“内镜下治疗脑出血”等前沿技术和设备")

    # The search box in the header finds the chest-pain centre.
    search = page.get_by_role("searchbox", name="搜索科室、专家、设备、新闻")
    search.fill("胸痛")
    search.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("“胸痛”的搜索结果")
    page.get_by_role("main").get_by_role("link", name="胸痛中心", exact=True).first.click()
    expect(page).to_have_url(re.compile(r"/departments/xiong-tong-zhong-xin/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("胸痛中心")

    # Who sees patients on Monday at 华新院区: the list's filters, chosen as a patient would.
    expected = monday_at_huaxin_slugs()
    assert expected, "the synthetic data set should give someone a Monday session at 华新院区"
    main_nav(page).get_by_role("link", name="专家介绍").click()
    filters = page.get_by_role("form", name="筛选专家")
    filters.get_by_label("院区").select_option(label="华新院区")
    filters.get_by_label("出诊日").select_option(label="周一")
    filters.get_by_role("button", name="查找专家").click()
    expect(page.get_by_role("heading", name=f"找到 {len(expected)} 位专家")).to_be_visible()
    expect(page.locator(".expert-filter-summary")).to_have_text("周一在华新院区出诊")
    listed = set()
    while True:
        cards = page.locator(".expert-card")
        for index in range(cards.count()):
            card = cards.nth(index)
            expect(card.locator(".expert-card-sessions")).to_contain_text(
                re.compile(r"周一(上午|下午|晚上)（华新院区）")
            )
            listed.add(card.get_by_role("link").first.get_attribute("href").rstrip("/").rsplit("/", 1)[-1])
        next_page = page.get_by_role("link", name="下一页")
        if not next_page.count():
            break
        next_page.click()
    assert listed == expected

    # Back home: the news card with the latest date is the newest published article.
    main_nav(page).get_by_role("link", name="首页").click()
    news = page.get_by_role("region", name="新闻动态")
    cards = news.locator("article")
    dates = [cards.nth(i).locator("time").get_attribute("datetime") for i in range(cards.count())]
    assert dates, "the home page should show news"
    newest_card = cards.nth(dates.index(max(dates)))
    newest_card.get_by_role("link").click()
    newest = Article.objects.published().order_by("-published_at", "-pk").first()
    expect(page.get_by_role("heading", level=1)).to_have_text(newest.title)
    expect(page).to_have_url(re.compile(re.escape(newest.get_absolute_url()) + "$"))

"""The news list: pinned first then newest, by category and year, paginated; bad parameters get a Chinese notice."""

import datetime
import zoneinfo

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import ArticleFactory, CategoryFactory

pytestmark = pytest.mark.django_db

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


def at(year, month=6, day=1):
    return datetime.datetime(year, month, day, 9, 0, tzinfo=SHANGHAI)


def titles(response):
    return [article.title for article in response.context["articles"]]


def test_pinned_articles_come_first_then_the_newest(client):
    ArticleFactory(title="较早的新闻", published_at=at(2021))
    ArticleFactory(title="最新的新闻", published_at=at(2023))
    ArticleFactory(title="置顶的旧新闻", published_at=at(2020), is_pinned=True)

    response = client.get(reverse("news:list"))

    assert titles(response) == ["置顶的旧新闻", "最新的新闻", "较早的新闻"]
    assert "置顶" in response.content.decode()


def test_category_page_shows_only_that_category(client):
    notices = CategoryFactory(name="测试通知栏目", slug="ce-shi-tong-zhi")
    ArticleFactory(title="一则测试通知", category=notices)
    ArticleFactory(title="一则其他新闻")

    response = client.get(reverse("news:category", kwargs={"slug": "ce-shi-tong-zhi"}))

    assert response.status_code == 200
    assert titles(response) == ["一则测试通知"]
    html = response.content.decode()
    assert "<h1>测试通知栏目</h1>" in html
    assert 'aria-current="page">测试通知栏目</a>' in html


def test_category_can_also_be_chosen_with_a_query_parameter(client):
    notices = CategoryFactory(slug="ce-shi-tong-zhi")
    ArticleFactory(title="一则测试通知", category=notices)
    ArticleFactory(title="一则其他新闻")

    response = client.get(reverse("news:list"), {"category": "ce-shi-tong-zhi"})

    assert titles(response) == ["一则测试通知"]


def test_year_filter_keeps_that_years_articles_and_offers_the_years_there_are(client):
    ArticleFactory(title="2021年的新闻", published_at=at(2021))
    ArticleFactory(title="2022年的新闻", published_at=at(2022))
    ArticleFactory(draft=True, title="2019年的草稿", published_at=at(2019))

    response = client.get(reverse("news:list"), {"year": "2022"})

    assert titles(response) == ["2022年的新闻"]
    html = response.content.decode()
    assert '<option value="2022" selected>2022年</option>' in html
    assert '<option value="2021">2021年</option>' in html
    assert "2019" not in html  # a year with only a draft is not offered


def test_year_filter_waits_for_its_button_so_keyboard_users_can_step_through_the_years(client):
    ArticleFactory(published_at=at(2021))
    html = client.get(reverse("news:list")).content.decode()
    form = html[html.index('<form class="filters news-filters"') : html.index("</form>", html.index("news-filters"))]
    assert "data-autosubmit" not in form
    assert '<button type="submit" class="button">筛选</button>' in form


def test_year_is_that_of_the_hospitals_time_zone(client):
    # 2022-12-31 20:00 UTC is already 2023-01-01 in 衡阳.
    ArticleFactory(title="元旦零点的新闻", published_at=datetime.datetime(2022, 12, 31, 20, 0, tzinfo=datetime.UTC))

    assert titles(client.get(reverse("news:list"), {"year": "2023"})) == ["元旦零点的新闻"]
    assert titles(client.get(reverse("news:list"), {"year": "2022"})) == []


def test_years_offered_skip_years_with_no_article_and_follow_the_hospitals_time_zone(client):
    ArticleFactory(published_at=at(2016))
    ArticleFactory(published_at=at(2019, 12, 31))
    ArticleFactory(published_at=datetime.datetime(2022, 12, 31, 20, 0, tzinfo=datetime.UTC))  # 2023 in 衡阳
    ArticleFactory(published_at=at(2024))
    ArticleFactory(draft=True, published_at=at(2018))
    ArticleFactory(published_at=timezone.now() + datetime.timedelta(days=400))  # scheduled, not yet out

    assert client.get(reverse("news:list")).context["years"] == [2024, 2023, 2019, 2016]


def test_an_article_with_no_summary_is_introduced_by_the_start_of_its_body(client):
    ArticleFactory(summary="", body="<h2>开头</h2><p>这是正文的第一段。</p>" + "<p>后文。</p>" * 2000)

    html = client.get(reverse("news:list")).content.decode()

    assert '<p class="news-item-summary">开头 这是正文的第一段。 后文。' in html


def test_category_and_year_combine(client):
    notices = CategoryFactory(slug="ce-shi-tong-zhi")
    ArticleFactory(title="2021年的通知", category=notices, published_at=at(2021))
    ArticleFactory(title="2022年的通知", category=notices, published_at=at(2022))
    ArticleFactory(title="2022年的其他新闻", published_at=at(2022))

    response = client.get(reverse("news:category", kwargs={"slug": "ce-shi-tong-zhi"}), {"year": "2022"})

    assert titles(response) == ["2022年的通知"]


def test_list_is_paginated_and_pages_keep_the_filters(client):
    for day in range(1, 15):
        ArticleFactory(title=f"2022年的第{day}篇", published_at=at(2022, 3, day))

    first = client.get(reverse("news:list"), {"year": "2022"})
    second = client.get(reverse("news:list"), {"year": "2022", "page": "2"})

    assert len(titles(first)) == 12
    assert titles(second) == ["2022年的第2篇", "2022年的第1篇"]
    assert 'href="?year=2022&amp;page=2"' in first.content.decode()
    assert '<li><span aria-current="page">2</span></li>' in second.content.decode()


@pytest.mark.parametrize(
    ("params", "notice"),
    [
        ({"page": "abc"}, "页码“abc”无效，已为您显示第 1 页。"),
        ({"page": "0"}, "页码“0”无效"),
        ({"page": "-1"}, "页码“-1”无效"),
        ({"year": "abc"}, "年份“abc”无效，以下显示全部年份的新闻。"),
        ({"year": "1800"}, "年份“1800”无效"),
        ({"year": "9" * 400}, "无效"),
        ({"category": "no-such-category"}, "没有找到栏目“no-such-category”"),
        ({"category": "x" * 5000}, "没有找到栏目"),
    ],
)
def test_bad_parameters_get_a_chinese_notice_and_the_unfiltered_list(client, params, notice):
    ArticleFactory(title="仍然显示的新闻")

    response = client.get(reverse("news:list"), params)

    assert response.status_code == 200
    html = response.content.decode()
    assert notice in html
    assert "仍然显示的新闻" in html


@pytest.mark.parametrize("params", [{"year": "2022\x00"}, {"category": "坏\x00值"}, {"page": "\x00"}])
def test_nul_bytes_in_parameters_get_a_chinese_400(client, params):
    response = client.get(reverse("news:list"), params)

    assert response.status_code == 400
    assert "请求的地址或参数有误" in response.content.decode()


def test_a_page_past_the_end_shows_the_last_page_with_a_notice(client):
    ArticleFactory(title="仍然显示的新闻")

    response = client.get(reverse("news:list"), {"page": "99"})

    assert response.status_code == 200
    assert titles(response) == ["仍然显示的新闻"]
    assert "没有您要找的那一页，已为您显示最后一页（第 1 页）。" in response.content.decode()


def test_unknown_category_address_is_a_chinese_404(client, settings):
    settings.DEBUG = False

    response = client.get("/news/category/no-such-category/")

    assert response.status_code == 404
    assert "抱歉，您要找的页面不存在" in response.content.decode()


def test_empty_list_shows_no_placeholder(client):
    response = client.get(reverse("news:list"))

    assert response.status_code == 200
    assert "暂无" not in response.content.decode()


def test_list_offers_the_feed(client):
    html = client.get(reverse("news:list")).content.decode()

    assert f'type="application/rss+xml" title="衡阳市中心医院 新闻动态" href="{reverse("news:feed")}"' in html

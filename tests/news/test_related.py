"""Department and expert pages list their latest five published news, in a fixed number of queries."""

import datetime
import zoneinfo

import pytest
from django.core.cache import cache
from django.utils import timezone

from tests.factories import ArticleFactory, DepartmentFactory, ExpertFactory
from tests.helpers import count_queries

pytestmark = pytest.mark.django_db

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


def related_section(html):
    start = html.index('class="related-news"')
    return html[start : html.index("</section>", start)]


def link_news(relation, count, first_day=1):
    articles = [
        ArticleFactory(title=f"相关新闻{day}", published_at=datetime.datetime(2022, 5, day, 9, tzinfo=SHANGHAI))
        for day in range(first_day, first_day + count)
    ]
    relation.add(*articles)
    return articles


def test_expert_page_lists_the_latest_five_published_news_about_the_expert(client):
    expert = ExpertFactory()
    link_news(expert.news_articles, 6)
    expert.news_articles.add(
        ArticleFactory(draft=True, title="相关草稿"),
        ArticleFactory(title="将来的相关新闻", published_at=timezone.now() + datetime.timedelta(days=1)),
    )
    ArticleFactory(title="无关的新闻")

    section = related_section(client.get(expert.get_absolute_url()).content.decode())

    assert '<h2 id="related-news-title">相关新闻</h2>' in section
    shown = [f"相关新闻{day}" for day in (6, 5, 4, 3, 2)]
    positions = [section.index(f">{title}</a>") for title in shown]
    assert positions == sorted(positions)
    assert ">相关新闻1</a>" not in section
    assert "草稿" not in section
    assert "将来的相关新闻" not in section
    assert "无关的新闻" not in section


def test_expert_page_without_news_has_no_news_section(client):
    expert = ExpertFactory()

    assert 'class="related-news"' not in client.get(expert.get_absolute_url()).content.decode()


def test_expert_page_query_count_does_not_grow_with_news(client, django_assert_num_queries):
    expert = ExpertFactory()
    link_news(expert.news_articles, 1)
    expected = count_queries(client, expert.get_absolute_url(), first_visit=True)

    link_news(expert.news_articles, 12, first_day=2)
    cache.clear()
    with django_assert_num_queries(expected):
        client.get(expert.get_absolute_url())


def test_department_page_lists_the_latest_five_published_news_about_the_department(client):
    department = DepartmentFactory()
    link_news(department.news_articles, 6)
    department.news_articles.add(ArticleFactory(draft=True, title="科室的草稿"))
    ArticleFactory(title="无关的新闻")

    response = client.get(department.get_absolute_url())

    section = related_section(response.content.decode())
    shown = [f"相关新闻{day}" for day in (6, 5, 4, 3, 2)]
    positions = [section.index(f">{title}</a>") for title in shown]
    assert positions == sorted(positions)
    assert ">相关新闻1</a>" not in section
    assert "草稿" not in section
    assert "无关的新闻" not in section


def test_department_page_query_count_does_not_grow_with_news(client, django_assert_num_queries):
    department = DepartmentFactory()
    link_news(department.news_articles, 1)
    expected = count_queries(client, department.get_absolute_url(), first_visit=True)

    link_news(department.news_articles, 12, first_day=2)
    cache.clear()
    with django_assert_num_queries(expected):
        client.get(department.get_absolute_url())

"""/search/?q=: ranked results with counts per kind, highlighted snippets and Chinese messages for bad input."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from apps.search import query as search_query
from tests.factories import ArticleFactory, DepartmentFactory, EquipmentFactory, ExpertFactory
from tests.helpers import get_html

pytestmark = pytest.mark.django_db

URL = reverse("search:results")
# The per-page budget of tests/performance/test_query_counts.py.
MAX_QUERIES = 10


def page(client, status=200, marks=True, **params):
    """The results page, with its highlighting marks or (`marks=False`) its plain text."""
    html = get_html(client, URL, status=status, **params)
    return html if marks else html.replace("<mark>", "").replace("</mark>", "")


@pytest.fixture
def neurosurgery():
    department = DepartmentFactory(name="神经外科", featured_techniques="神经导航\n内镜下治疗脑出血")
    ExpertFactory(
        name="李远志",
        roles="神经外科主任",
        biography="<p>引进“神经导航”“内镜下治疗脑出血”等前沿技术和设备。</p>",
        departments=[department],
    )
    return department


def test_the_header_search_form_points_to_the_results_page(client):
    html = client.get("/").content.decode()
    assert f'action="{URL}"' in html


def test_an_empty_query_asks_what_to_look_for_and_offers_the_guide(client):
    html = page(client, q="   ")
    assert "请输入要查找的科室、专家姓名、疾病或症状" in html
    assert f'href="{reverse("pages:guide")}"' in html
    assert f'href="{reverse("departments:list")}"' in html


def test_no_results_says_so_and_suggests_the_guide_and_the_department_list(client, neurosurgery):
    html = page(client, q="测试查无此词")
    assert "没有找到与“测试查无此词”相关的科室、专家、设备、新闻或就医服务。" in html
    assert "智能导诊" in html and f'href="{reverse("pages:guide")}"' in html
    assert "科室导航" in html and f'href="{reverse("departments:list")}"' in html


def test_results_link_to_the_records_with_the_query_highlighted(client, neurosurgery):
    html = page(client, q="神经导航")
    assert f'href="{neurosurgery.get_absolute_url()}"' in html
    assert "<mark>神经</mark>" in html or "<mark>神经导航</mark>" in html
    assert "共找到 2 条结果" in html
    assert '<meta name="robots" content="noindex, follow">' in html


def test_an_expert_is_found_by_pinyin_and_initials(client, neurosurgery):
    for query in ("lyz", "LYZ", "liyuanzhi", "li yuan zhi"):
        html = page(client, q=query)
        assert ">李远志</a>" in html, query


def test_counts_per_kind_and_the_kind_filter(client, neurosurgery):
    EquipmentFactory(name="测试神经导航仪")
    ArticleFactory(title="测试神经导航讲座")
    html = page(client, q="神经导航")
    assert "共找到 4 条结果" in html
    for label, count in (("全部", 4), ("科室", 1), ("专家", 1), ("设备", 1), ("新闻", 1)):
        assert f'{label} <span class="search-count">{count}</span>' in html

    html = page(client, q="神经导航", type="equipment", marks=False)
    assert "测试神经导航仪" in html
    assert "测试神经导航讲座" not in html and ">李远志</a>" not in html
    assert 'aria-current="page">设备' in html


def test_titles_and_snippets_escape_html_around_the_marks(client):
    ArticleFactory(title="<b>测试胸痛</b>讲座", body="<p>&lt;script&gt;alert(1)&lt;/script&gt;测试胸痛急救</p>")
    html = page(client, q="测试胸痛")
    assert "&lt;b&gt;<mark>测试胸痛</mark>&lt;/b&gt;讲座" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;<mark>测试胸痛</mark>急救" in html
    assert "<script>alert" not in html


def test_results_are_paginated(client):
    for n in range(13):
        ExpertFactory(name=f"测试分页专家{n}", specialties="测试分页专长")
    first = page(client, q="测试分页专长")
    assert "共找到 13 条结果，第 1 / 2 页" in first
    assert first.count('class="search-result"') == 10
    assert 'rel="next"' in first
    assert 'aria-label="第2页"' in first
    second = page(client, q="测试分页专长", page="2")
    assert second.count('class="search-result"') == 3
    assert "<title>“测试分页专长”的搜索结果（第 2 页）" in second
    assert "第 1 页" not in first.split("</title>", 1)[0]
    assert 'href="?q=%E6%B5%8B%E8%AF%95%E5%88%86%E9%A1%B5%E4%B8%93%E9%95%BF&amp;page=1" rel="prev"' in second


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"q": "胸" * 101}, "搜索词太长了（最多 100 个字），请精简后再搜索。"),
        ({"q": "胸痛\x07"}, "搜索词中含有无法识别的字符，请重新输入。"),
    ],
)
def test_malformed_queries_get_a_chinese_message_and_a_400(client, params, message):
    html = page(client, status=400, **params)
    assert message in html
    assert 'role="alert"' in html


def test_a_nul_byte_in_the_query_gets_a_chinese_400_page(client):
    html = page(client, status=400, q="胸痛\x00")
    assert "无法识别的字符" in html


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"type": "doctor"}, "没有“doctor”这一类结果，下面显示全部类别的结果。"),
        ({"page": "abc"}, "页码“abc”无效，已为您显示第 1 页。"),
        ({"page": "-3"}, "页码“-3”无效，已为您显示第 1 页。"),
        ({"page": "²"}, "页码“²”无效，已为您显示第 1 页。"),
        ({"page": "99"}, "没有您要找的那一页，已为您显示最后一页（第 1 页）。"),
    ],
)
def test_bad_filters_and_page_numbers_fall_back_with_a_notice(client, neurosurgery, params, message):
    html = page(client, q="神经导航", **params)
    assert message in html
    assert ">李远志</a>" in html


def test_when_no_record_has_every_word_records_with_some_are_shown_and_said_so(client, neurosurgery):
    html = page(client, q="神经导航 测试查无此词")
    assert "没有同时包含所有词语的结果，下面是包含其中部分词语的结果。" in html
    assert ">李远志</a>" in html


def test_a_query_of_punctuation_only_gets_a_message(client):
    html = page(client, q="？！——")
    assert "搜索词中没有可以查找的文字，请换一个词语。" in html


def count_queries(client, **params):
    """Queries of a results page viewed a second time, with the html shown."""
    client.get(URL, params)  # the first search of a process also reads the hospital's terms
    with CaptureQueriesContext(connection) as context:
        html = page(client, marks=False, **params)
    return len(context.captured_queries), html


def test_the_results_page_runs_the_same_few_queries_whatever_the_index_size(client):
    DepartmentFactory(name="测试心内科", summary="测试诊治心血管疾病。")
    small, html = count_queries(client, q="测试")
    assert "共找到 1 条结果" in html

    for n in range(30):
        ExpertFactory(name=f"测试专家{n}", specialties="测试心血管疾病")
        ArticleFactory(title=f"测试新闻{n}")
        EquipmentFactory(name=f"测试设备{n}")
    large, html = count_queries(client, q="测试")
    assert "共找到 91 条结果" in html

    assert small == large <= MAX_QUERIES


def test_a_word_in_more_records_than_are_counted_shows_where_counting_stopped(client, monkeypatch):
    monkeypatch.setattr(search_query, "COUNT_LIMIT", 15)
    monkeypatch.setattr(search_query, "MAX_RESULTS", 12)
    ExpertFactory(name="测试常见专家", specialties="测试常见病")
    for n in range(20):
        ArticleFactory(title=f"测试常见病讲座{n}")

    html = page(client, q="测试常见病", marks=False)
    # 全部 adds up what the tabs say: 1 expert and 15+ news are 16+.
    for label, count in (("全部", "16+"), ("专家", "1"), ("新闻", "15+")):
        assert f'{label} <span class="search-count">{count}</span>' in html
    assert "共找到 16+ 条结果，第 1 / 2 页" in html
    assert "共找到 15+ 条结果" in page(client, q="测试常见病", type="news", marks=False)
    assert "结果较多，这里列出最相关的 12 条；换一个更具体的词语可以找得更准。" in html
    assert page(client, q="测试常见病", page="2").count('class="search-result"') == 2


def test_among_more_news_than_are_ranked_the_newest_are_found(titles_found, monkeypatch):
    monkeypatch.setattr(search_query, "MAX_RESULTS", 5)
    monkeypatch.setattr(search_query, "RECENT_NEWS", 3)
    now = timezone.now()
    for days in range(10, 0, -1):
        ArticleFactory(title=f"测试院庆讲座{days}", published_at=now - datetime.timedelta(days=days))

    found = titles_found("测试院庆讲座")
    assert len(found) == 5
    assert {"测试院庆讲座1", "测试院庆讲座2", "测试院庆讲座3"} <= set(found)


def test_pages_past_the_fully_ranked_candidates_list_every_result_once(client, monkeypatch):
    monkeypatch.setattr(search_query, "CANDIDATES", 5)
    for n in range(13):
        ExpertFactory(name=f"测试分页专家{n}", specialties="测试分页专长")
    html = page(client, q="测试分页专长", marks=False) + page(client, q="测试分页专长", page="2", marks=False)
    assert sorted(re.findall(r">(测试分页专家\d+)</a>", html)) == sorted(f"测试分页专家{n}" for n in range(13))


def test_a_word_in_more_records_of_each_kind_than_are_ranked_costs_no_more_queries(client, monkeypatch):
    monkeypatch.setattr(search_query, "MAX_RESULTS", 3)
    DepartmentFactory(name="测试常见科室", summary="测试常见病")
    few, _ = count_queries(client, q="测试常见病")

    for n in range(5):
        DepartmentFactory(name=f"测试常见科室{n}", summary="测试常见病")
        ExpertFactory(name=f"测试常见专家{n}", specialties="测试常见病")
        EquipmentFactory(name=f"测试常见设备{n}", description="<p>测试常见病</p>")
        ArticleFactory(title=f"测试常见病讲座{n}")
    many, html = count_queries(client, q="测试常见病")
    assert "共找到 21 条结果" in html
    assert html.count('class="search-result"') == 3
    news, html = count_queries(client, q="测试常见病", type="news")
    assert html.count('class="search-result"') == 3

    assert few == many == news <= MAX_QUERIES

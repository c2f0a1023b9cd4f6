"""Comparing two versions in a record's history: field by field, rich text as text with what was added and removed."""

import re

import pytest
from django.urls import reverse

from apps.news.models import Article
from tests.factories import CategoryFactory, DepartmentFactory, content_admin
from tests.helpers import admin_form_data

pytestmark = pytest.mark.django_db


def save(client, url, **changes):
    data = admin_form_data(client.get(url))
    data.update(changes)
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]


def test_the_history_compares_a_version_with_the_one_before(client):
    client.force_login(content_admin())
    category = CategoryFactory()
    add = reverse("admin:news_article_add")
    save(client, add, title="测试对比新闻", category=category.pk, body="<p>第一段原文。</p><p>第二段不变。</p>")
    article = Article.objects.get(title="测试对比新闻")
    change = reverse("admin:news_article_change", args=[article.pk])
    save(client, change, title="测试对比新闻（修订）", body="<p>第一段新文。</p><p>第二段不变。</p>")

    history = client.get(reverse("admin:news_article_history", args=[article.pk])).content.decode()
    links = re.findall(r'href="([^"]*/history/compare/\?[^"]*)"', history)
    assert len(links) == 1  # the first version has nothing before it
    page = client.get(links[0].replace("&amp;", "&"))

    html = page.content.decode()
    assert page.status_code == 200
    assert "对比版本" in html
    assert '<th scope="row">标题</th>' in html
    assert "<ins>（修订）</ins>" in html
    assert "<del>原</del><ins>新</ins>" in html
    assert "<p>" not in html.split("version-compare")[1].split("</table>")[0]  # compared as text, not HTML
    assert "第二段不变。" in html
    assert "栏目" not in html.split("version-compare")[1]  # unchanged fields are not listed


def test_links_and_choices_are_compared_by_name():
    from apps.core.versions import compare_versions

    class Version:
        def __init__(self, **fields):
            self.field_dict = fields

    first, second = DepartmentFactory(name="测试甲科"), DepartmentFactory(name="测试乙科")
    rows = compare_versions(
        Article,
        Version(status="draft", departments=[first.pk], title="同"),
        Version(status="published", departments=[first.pk, second.pk], title="同"),
    )
    by_label = {str(row["label"]): row for row in rows}
    assert set(by_label) == {"状态", "相关科室"}
    assert (by_label["状态"]["old"], by_label["状态"]["new"]) == ("草稿", "发布")
    assert set(by_label["相关科室"]["new"].split("、")) == {"测试甲科", "测试乙科"}


@pytest.mark.parametrize("query", ["", "?from=x&to=1", "?from=1&to=99999", "?from=１&to=２"])
def test_bad_version_numbers_are_a_404(client, query):
    client.force_login(content_admin())
    category = CategoryFactory()
    save(client, reverse("admin:news_article_add"), title="测试", category=category.pk, body="<p>正文</p>")
    article = Article.objects.get(title="测试")
    url = reverse("admin:news_article_compare", args=[article.pk]) + query
    assert client.get(url).status_code == 404


def test_the_compare_page_needs_rights_on_the_record(client):
    from tests.factories import CampusFactory, communications_editor

    campus = CampusFactory()
    client.force_login(communications_editor())
    assert client.get(reverse("admin:core_campus_compare", args=[campus.pk]) + "?from=1&to=2").status_code == 403

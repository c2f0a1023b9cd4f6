"""The service pages (预约挂号, 联系我们, 就医指南…) are found like any record: 挂号 leads to the booking page."""

import re

import pytest
from django.core.management import call_command
from django.urls import reverse

from apps.pages.models import ServiceLink, ServicePage
from apps.search.models import SearchDocument
from tests.factories import ArticleFactory, DepartmentFactory
from tests.helpers import get_html

pytestmark = pytest.mark.django_db

URL = reverse("search:results")


def booking_page(**fields):
    return ServicePage.objects.create(
        title="预约挂号",
        purpose=ServicePage.Purpose.BOOKING,
        summary="医院实行预约诊疗，引导患者分时段预约和错峰就诊。",
        body="<p>医院提供集咨询、预约、分诊、协调沟通等于一体的“一站式服务”。</p>",
        status=ServicePage.Status.PUBLISHED,
        **fields,
    )


def result_links(html):
    return re.findall(r'<h2 class="search-result-title"><a href="([^"]+)"', html)


@pytest.mark.parametrize("query", ["挂号", "预约挂号", "怎么挂号", "预约"])
def test_a_patient_searching_for_booking_finds_the_booking_page_first(client, query):
    page = booking_page()
    # What the review met: a 2022 article that mentions 挂号 came up alone.
    ArticleFactory(title="测试2022年门诊服务新闻", body="<p>线上预约挂号11.8万人次，挂号更方便。</p>")
    DepartmentFactory(name="测试门诊部", summary="门诊挂号、预约咨询。")

    html = get_html(client, URL, q=query)
    assert result_links(html)[0] == page.get_absolute_url()
    assert '<span class="tag search-kind-service">就医服务</span>' in html


def test_the_service_pages_have_a_tab_of_their_own_only_when_some_are_found(client):
    page = booking_page()
    DepartmentFactory(name="测试挂号科室", summary="测试挂号")

    html = get_html(client, URL, q="挂号")
    assert re.search(
        r'href="\?q=%E6%8C%82%E5%8F%B7&amp;type=service">就医服务 <span class="search-count">1</span>', html
    )
    assert '全部 <span class="search-count">2</span>' in html
    only_services = get_html(client, URL, q="挂号", type="service")
    assert result_links(only_services) == [page.get_absolute_url()]

    html = get_html(client, URL, q="测试挂号科室")
    assert "就医服务" not in re.search(r'<nav class="search-tabs".*?</nav>', html, re.S).group()


def test_an_unpublished_service_page_is_not_found_and_unpublishing_hides_it_at_once(client):
    ServicePage.objects.create(title="测试草稿服务页", body="<p>测试停车指引</p>")
    assert "没有找到与“测试停车指引”相关的" in get_html(client, URL, q="测试停车指引")

    page = booking_page()
    assert page.get_absolute_url() in get_html(client, URL, q="挂号")
    page.status = ServicePage.Status.DRAFT
    page.save()
    assert page.get_absolute_url() not in get_html(client, URL, q="挂号")


def test_editing_a_service_pages_text_is_found_at_once(client):
    page = booking_page()
    assert "没有找到与“测试夜间门诊”相关的" in get_html(client, URL, q="测试夜间门诊")

    page.body = "<p>测试夜间门诊开放时间以医院公告为准。</p>"
    page.save()
    html = get_html(client, URL, q="测试夜间门诊")
    assert result_links(html) == [page.get_absolute_url()]
    assert "<mark>测试夜间门诊</mark>开放时间以医院公告为准" in html


def test_a_link_added_to_a_service_page_finds_it_and_a_deleted_page_is_gone(client, titles_found):
    page = booking_page()
    link = ServiceLink.objects.create(page=page, title="测试网上预约平台", url="https://example.org/")
    assert result_links(get_html(client, URL, q="测试网上预约平台")) == [page.get_absolute_url()]
    link.delete()
    assert titles_found("测试网上预约平台") == []

    page.delete()
    assert not SearchDocument.objects.filter(kind=SearchDocument.Kind.SERVICE).exists()


def test_the_rebuild_indexes_the_published_service_pages(titles_found):
    booking_page()
    SearchDocument.objects.all().delete()
    call_command("rebuild_search_index", jobs=1, verbosity=0, stdout=None)
    assert titles_found("挂号", kind=SearchDocument.Kind.SERVICE) == ["预约挂号"]

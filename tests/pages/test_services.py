"""Patient-service pages: editors publish them, visitors see them and find them in the navigation."""

import datetime
import re

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.utils import timezone

from apps.pages.models import ServiceLink, ServicePage
from tests.helpers import get_html

pytestmark = pytest.mark.django_db


def make_page(title="就医指南", **kwargs):
    kwargs.setdefault("status", ServicePage.Status.PUBLISHED)
    kwargs.setdefault("published_at", timezone.now() - datetime.timedelta(hours=1))
    return ServicePage.objects.create(title=title, **kwargs)


def nav_labels(client):
    html = get_html(client, "/")
    nav = html.split('class="main-nav"', 1)[1].split("</nav>", 1)[0]
    return nav


def test_published_page_shows_its_body_and_links_and_joins_the_navigation(client):
    page = make_page(body="<p>门诊时间以医院公告为准。</p><script>alert(1)</script>")
    ServiceLink.objects.create(page=page, title="示例预约渠道", url="https://example.org/book")

    response = client.get(page.get_absolute_url())
    html = response.content.decode()

    assert response.status_code == 200
    assert page.slug == "jiu-yi-zhi-nan"
    assert "门诊时间以医院公告为准。" in html
    assert "<script>alert(1)</script>" not in html
    assert 'href="https://example.org/book"' in html
    assert f'href="{page.get_absolute_url()}"' in nav_labels(client)


def test_draft_page_is_hidden_from_visitors_and_the_navigation(client):
    page = make_page(status=ServicePage.Status.DRAFT)
    assert client.get(page.get_absolute_url()).status_code == 404
    assert page.get_absolute_url() not in nav_labels(client)


def test_editor_previews_a_draft_with_a_banner(client, django_user_model):
    page = make_page(status=ServicePage.Status.DRAFT)
    editor = django_user_model.objects.create_user("editor", password="a-long-password-123", is_staff=True)
    editor.groups.add(Group.objects.get(name="内容管理员"))
    client.force_login(editor)

    html = client.get(page.get_absolute_url()).content.decode()

    assert "预览：此页面尚未发布" in html


def test_scheduled_page_appears_at_its_time_without_any_job(client):
    publish_at = timezone.now() + datetime.timedelta(hours=2)
    page = make_page(published_at=publish_at)
    assert client.get(page.get_absolute_url()).status_code == 404
    assert page.get_absolute_url() not in nav_labels(client)

    with time_machine.travel(publish_at + datetime.timedelta(minutes=1)):
        assert client.get(page.get_absolute_url()).status_code == 200
        assert page.get_absolute_url() in nav_labels(client)


def test_seeded_service_pages_are_published_with_what_the_sources_say_and_nothing_else():
    call_command("loaddata", "fixtures/070_pages.json", verbosity=0)
    pages = {page.purpose: page for page in ServicePage.objects.all()}
    assert {page.title for page in pages.values()} == {"就医指南", "预约挂号", "院务公开", "联系我们"}
    assert set(pages) == set(ServicePage.Purpose.values)
    assert all(page.is_live for page in pages.values())
    for measure in (
        "预约诊疗和电子胶片",
        "一人一诊室就诊",
        "排队叫号系统",
        "诊前问诊",
        "分时段预约和错峰就诊",
        "党员志愿岗",
        "红马甲",
    ):
        assert measure in pages["guide"].body
    assert "11.8万人次" in pages["booking"].body and "23%" in pages["booking"].body
    # 院务公开 publishes the headings the sources fill; the rest wait on the launch checklist.
    assert "<h2>机构基本概况</h2>" in pages["disclosure"].body
    assert "医保、价格与收费" not in pages["disclosure"].body
    assert "回雁峰下" in pages["contact"].body
    # No phone number, address or opening hour the sources do not give.
    for page in pages.values():
        assert not re.search(r"\d{7,}|0734|路\d|号楼", page.body), page.title


def test_service_page_query_count_does_not_grow_with_links(client, django_assert_num_queries):
    page = make_page()
    client.get(page.get_absolute_url())  # warm the navigation and footer caches
    with django_assert_num_queries(4):  # the page, its links, QR codes and attachments
        client.get(page.get_absolute_url())
    for n in range(20):
        ServiceLink.objects.create(page=page, title=f"示例链接{n}", url=f"https://example.org/{n}")
    client.get(page.get_absolute_url())
    with django_assert_num_queries(4):
        client.get(page.get_absolute_url())


def test_published_service_pages_and_every_section_are_in_the_sitemap(client):
    live = make_page()
    draft = make_page(title="联系我们", status=ServicePage.Status.DRAFT)
    xml = client.get("/sitemap.xml").content.decode()
    assert live.get_absolute_url() in xml
    assert draft.get_absolute_url() not in xml
    for path in ("/departments/", "/experts/", "/equipment/", "/news/", "/guide/", "/about/", "/history/"):
        assert f"<loc>http://testserver{path}</loc>" in xml


def test_a_seeded_page_shows_no_update_date_until_an_editor_changes_it(client):
    call_command("loaddata", "fixtures/070_pages.json", verbosity=0)
    page = ServicePage.objects.get(purpose=ServicePage.Purpose.BOOKING)
    assert "最后更新" not in get_html(client, page.get_absolute_url())  # the documents give the page no date

    page.body += "<p>测试：新增的说明。</p>"
    page.save()

    today = timezone.localdate()
    html = get_html(client, page.get_absolute_url())
    assert "最后更新：<time datetime=" in html
    assert f"{today.year}年{today.month}月{today.day}日" in html

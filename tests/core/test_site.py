"""The skeleton every page stands on: health check, robots.txt, error pages, navigation, admin."""

import pytest
from django.db import OperationalError
from django.urls import reverse

from apps.core.context_processors import MAIN_NAVIGATION
from apps.core.models import Campus

pytestmark = pytest.mark.django_db


def test_healthz_answers_ok_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}


def test_healthz_answers_503_when_the_database_fails(client, monkeypatch):
    def broken_cursor(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr("apps.core.views.connection.cursor", broken_cursor)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unavailable"


def test_robots_txt_points_to_the_sitemap_and_keeps_out_of_the_admin(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Disallow: /admin/" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body


def test_home_page_shows_the_hospital_name_and_every_section(client):
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="zh-Hans">' in html
    assert "衡阳市中心医院" in html
    assert 'href="#main"' in html  # skip link
    for name, label in MAIN_NAVIGATION:
        assert f'href="{reverse(name)}"' in html
        assert str(label) in html


@pytest.mark.parametrize("name", [name for name, _ in MAIN_NAVIGATION])
def test_every_navigation_entry_answers_without_error(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 200


def test_unknown_page_gets_the_chinese_404_page(client, settings):
    settings.DEBUG = False
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "抱歉，您要找的页面不存在" in html
    assert "返回首页" in html


def test_server_error_gets_the_chinese_500_page(client, settings):
    settings.DEBUG = False
    from apps.core.views import server_error

    response = server_error(None)
    assert response.status_code == 500
    assert "抱歉，网站暂时出现故障" in response.content.decode()


def test_database_failure_in_a_page_gets_the_chinese_503_page(client, monkeypatch):
    def broken(*args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr("apps.core.views.CampusListView.get_queryset", broken)
    response = client.get(reverse("core:campuses"))
    assert response.status_code == 503
    assert "网站暂时无法访问" in response.content.decode()
    assert response["Retry-After"] == "30"


def test_campus_page_lists_campuses_and_footer_follows_an_edit(client):
    campus = Campus.objects.create(name="雁峰院区", slug="yan-feng-yuan-qu")
    html = client.get(reverse("core:campuses")).content.decode()
    assert "雁峰院区" in html
    assert "<dt>地址</dt>" not in html and "待医院公布" not in html  # no address line while it is unknown
    campus.phone = "0734-0000000"
    campus.save()
    html = client.get("/").content.decode()
    assert 'href="tel:07340000000"' in html


def test_admin_login_page_is_in_chinese_with_the_hospital_name(client):
    response = client.get("/admin/login/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "衡阳市中心医院 网站管理" in html
    assert "用户名" in html

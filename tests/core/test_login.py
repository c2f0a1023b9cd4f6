"""The admin login speaks Chinese and is throttled: after 5 failures the next attempt is refused, even a right one."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from tests.factories import PASSWORD, content_admin

pytestmark = pytest.mark.django_db

LOGIN_URL = reverse("admin:login")
START = datetime.datetime(2024, 7, 1, 9, 0, tzinfo=datetime.UTC)


@pytest.fixture
def editor():
    return content_admin(username="login-editor")


def log_in(client, username, password):
    return client.post(LOGIN_URL, {"username": username, "password": password, "next": "/admin/"})


def is_logged_in(client):
    return client.get(reverse("admin:index")).status_code == 200


def test_a_wrong_password_gets_a_chinese_message(client, editor):
    response = log_in(client, editor.username, "not-the-password")

    assert response.status_code == 200
    assert "请输入一个正确的工作人员账户 用户名 和密码" in response.content.decode()
    assert not is_logged_in(client)


def test_the_right_password_logs_in(client, editor):
    response = log_in(client, editor.username, PASSWORD)

    assert response.status_code == 302
    assert is_logged_in(client)


def test_after_five_failures_even_the_right_password_is_refused_with_the_lockout_page(client, settings, editor):
    assert settings.AXES_FAILURE_LIMIT == 5
    with time_machine.travel(START, tick=False):
        for _ in range(4):
            assert log_in(client, editor.username, "guess").status_code == 200
        fifth = log_in(client, editor.username, "guess")

        response = log_in(client, editor.username, PASSWORD)
        assert not is_logged_in(client)

    for refused in (fifth, response):
        assert refused.status_code == 429
        html = refused.content.decode()
        assert "登录失败次数过多" in html
        assert "该账户已被暂时锁定" in html


def test_the_lock_lifts_after_the_cool_off_time(client, editor):
    with time_machine.travel(START, tick=False) as clock:
        for _ in range(5):
            log_in(client, editor.username, "guess")
        assert log_in(client, editor.username, PASSWORD).status_code == 429

        clock.shift(datetime.timedelta(minutes=16))

        assert log_in(client, editor.username, PASSWORD).status_code == 302
        assert is_logged_in(client)


@pytest.mark.parametrize("form", [{}, {"next": ""}], ids=["no-next", "empty-next"])
def test_a_login_that_names_no_page_lands_on_the_admin_index(client, editor, form):
    response = client.post(LOGIN_URL, {"username": editor.username, "password": PASSWORD, **form})

    assert response.status_code == 302
    assert response["Location"] == reverse("admin:index")
    assert client.get(response["Location"]).status_code == 200

"""Editors' accounts: passwords are validated, sessions are HTTPS-only and end with the browser or after 8 hours."""

import datetime

import pytest
import time_machine
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

pytestmark = pytest.mark.django_db

PASSWORD = "衡阳中心医院-编辑-2026"


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_superuser("security-editor", password=PASSWORD)


@pytest.mark.parametrize(
    ("password", "reason"),
    [
        ("Short-1", "12"),  # Django has no Chinese text for this one yet: the limit is what matters
        ("password1234", "这个密码太常见了"),
        ("837261945017", "密码只包含数字"),
        ("security-editor", "密码跟 用户名 太相似了"),
    ],
)
def test_weak_passwords_are_refused_with_the_reason(editor, password, reason):
    with translation.override("zh-hans"), pytest.raises(ValidationError) as refused:
        validate_password(password, user=editor)

    assert any(reason in message for message in refused.value.messages)


def test_a_long_uncommon_password_is_accepted(editor):
    validate_password("门诊楼-七层-东侧-2026", user=editor)


def test_the_session_cookie_is_https_only_unreadable_by_scripts_and_ends_with_the_browser(
    client, production_settings, editor
):
    answer = client.post("/admin/login/?next=/admin/", {"username": editor.username, "password": PASSWORD}, secure=True)

    assert answer.status_code == 302
    cookie = client.cookies["sessionid"]
    assert cookie["secure"] is True
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"
    assert not cookie["expires"] and not cookie["max-age"]  # no date: the browser forgets it when closed
    assert client.session.get_expiry_age() == 8 * 3600
    assert client.session.get_expire_at_browser_close()


def test_a_session_ends_on_the_server_after_eight_hours(client, production_settings, editor):
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        client.post("/admin/login/?next=/admin/", {"username": editor.username, "password": PASSWORD}, secure=True)
        assert client.get("/admin/", secure=True).status_code == 200

        traveller.shift(datetime.timedelta(hours=8, minutes=1))

        answer = client.get("/admin/", secure=True)
        assert answer.status_code == 302
        assert answer["Location"].startswith("/admin/login/")

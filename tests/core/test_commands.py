"""make run's set-up commands: content loads once, the admin account is created once."""

import json

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from apps.core.management.commands import ensure_admin, load_hospital_content
from apps.core.models import Campus, LoadedFixture

pytestmark = pytest.mark.django_db


@pytest.fixture
def fixtures_dir(tmp_path, monkeypatch):
    monkeypatch.setattr(load_hospital_content, "FIXTURES_DIR", tmp_path)
    (tmp_path / "010_campuses.json").write_text(
        json.dumps([{"model": "core.campus", "pk": 900, "fields": {"name": "测试院区", "slug": "ce-shi-yuan-qu"}}]),
        encoding="utf-8",
    )
    return tmp_path


def test_content_loads_once_and_a_second_run_keeps_editors_changes(fixtures_dir):
    call_command("load_hospital_content")
    assert Campus.objects.filter(name="测试院区").count() == 1
    Campus.objects.filter(pk=900).update(phone="edited")

    call_command("load_hospital_content")

    assert Campus.objects.filter(name="测试院区").count() == 1
    assert Campus.objects.get(pk=900).phone == "edited"
    assert LoadedFixture.objects.count() == 1


def test_loaded_content_has_a_first_version_so_the_first_edit_can_be_undone(fixtures_dir):
    from reversion.models import Version

    call_command("load_hospital_content")
    versions = Version.objects.get_for_object(Campus.objects.get(pk=900))
    assert versions.count() == 1
    assert versions.get().field_dict["name"] == "测试院区"


def test_admin_account_is_created_once(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(ensure_admin, "PASSWORD_FILE", tmp_path / "admin-password.txt")
    call_command("ensure_admin")
    call_command("ensure_admin")
    users = get_user_model().objects.filter(is_superuser=True)
    assert users.count() == 1
    password = (tmp_path / "admin-password.txt").read_text().strip()
    assert users.get().check_password(password)
    assert f"密码 {password}" in capsys.readouterr().out

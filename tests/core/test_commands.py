"""make run's set-up command: the admin account is created once."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from apps.core.management.commands import ensure_admin

pytestmark = pytest.mark.django_db


def test_admin_account_is_created_once(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(ensure_admin, "PASSWORD_FILE", tmp_path / "admin-password.txt")
    call_command("ensure_admin")
    call_command("ensure_admin")
    users = get_user_model().objects.filter(is_superuser=True)
    assert users.count() == 1
    password = (tmp_path / "admin-password.txt").read_text().strip()
    assert users.get().check_password(password)
    assert f"密码 {password}" in capsys.readouterr().out


def test_without_the_password_file_it_names_the_account_and_how_to_reset_its_password(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(ensure_admin, "PASSWORD_FILE", tmp_path / "admin-password.txt")
    get_user_model().objects.create_superuser("zhangsan", "", "a-long-password-123")  # a database kept from before
    call_command("ensure_admin")

    out = capsys.readouterr().out
    assert "zhangsan" in out
    assert "manage.py changepassword" in out
    assert not (tmp_path / "admin-password.txt").exists()

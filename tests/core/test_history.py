"""Nothing is lost: an admin edit is recorded (who, when, what), can be reverted, and a deleted record recovered."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from reversion.models import Version

from apps.core.models import Campus
from tests.factories import communications_editor, content_admin
from tests.helpers import admin_form_data

pytestmark = pytest.mark.django_db

EDITED_AT = datetime.datetime(2024, 6, 3, 10, 30, tzinfo=datetime.timezone(datetime.timedelta(hours=8)))


@pytest.fixture
def editor(client):
    user = content_admin(username="neirong-editor")
    client.force_login(user)
    return user


@pytest.fixture
def campus(client, editor):
    """A campus created through the admin, so that its first version is recorded like any editor's."""
    response = client.post(
        reverse("admin:core_campus_add"),
        {"name": "示例院区", "slug": "", "address": "示例路1号", "phone": "0734-1111111", "display_order": 1},
    )
    assert response.status_code == 302, response.context and response.context["adminform"].form.errors
    return Campus.objects.get(name="示例院区")


def edit_phone(client, campus, phone):
    change_url = reverse("admin:core_campus_change", args=[campus.pk])
    data = admin_form_data(client.get(change_url))
    response = client.post(change_url, {**data, "phone": phone})
    assert response.status_code == 302


def test_an_edit_records_who_when_and_what(client, editor, campus):
    with time_machine.travel(EDITED_AT, tick=False):
        edit_phone(client, campus, "0734-2222222")

    latest, first = Version.objects.get_for_object(campus)[:2]
    assert latest.revision.user == editor
    assert latest.revision.date_created == EDITED_AT
    assert "电话" in latest.revision.get_comment()
    assert latest.field_dict["phone"] == "0734-2222222"
    assert first.field_dict["phone"] == "0734-1111111"

    history = client.get(reverse("admin:core_campus_history", args=[campus.pk])).content.decode()
    assert "neirong-editor" in history
    assert "2024年6月3日" in history
    assert "电话" in history


def test_reverting_from_the_history_page_restores_the_old_value(client, editor, campus):
    edit_phone(client, campus, "0734-2222222")
    first = Version.objects.get_for_object(campus).last()
    revision_url = reverse("admin:core_campus_revision", args=[campus.pk, first.pk])

    page = client.get(revision_url)
    assert page.status_code == 200
    assert "单击保存按钮将此对象恢复到此版本。" in page.content.decode()
    assert Campus.objects.get(pk=campus.pk).phone == "0734-2222222"  # looking changes nothing

    response = client.post(revision_url, admin_form_data(page))

    assert response.status_code == 302
    assert Campus.objects.get(pk=campus.pk).phone == "0734-1111111"
    assert Version.objects.get_for_object(campus).first().revision.get_comment().startswith("恢复到")


def test_a_deleted_record_is_recovered_from_the_recover_page(client, editor, campus):
    edit_phone(client, campus, "0734-2222222")
    response = client.post(reverse("admin:core_campus_delete", args=[campus.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert not Campus.objects.filter(pk=campus.pk).exists()

    changelist = client.get(reverse("admin:core_campus_changelist")).content.decode()
    recover_list_url = reverse("admin:core_campus_recoverlist")
    assert recover_list_url in changelist
    recover_list = client.get(recover_list_url).content.decode()
    assert "恢复已删除的 院区" in recover_list
    assert "示例院区" in recover_list

    deleted = Version.objects.get_deleted(Campus).get()
    recover_url = reverse("admin:core_campus_recover", args=[deleted.pk])
    assert recover_url in recover_list
    page = client.get(recover_url)
    assert page.status_code == 200
    response = client.post(recover_url, admin_form_data(page))

    assert response.status_code == 302
    restored = Campus.objects.get(pk=campus.pk)
    assert (restored.name, restored.phone, restored.slug) == ("示例院区", "0734-2222222", campus.slug)


def test_a_role_without_rights_on_the_record_sees_no_history_and_recovers_nothing(client, campus):
    client.force_login(communications_editor())

    assert client.get(reverse("admin:core_campus_history", args=[campus.pk])).status_code == 403
    assert client.get(reverse("admin:core_campus_recoverlist")).status_code == 403

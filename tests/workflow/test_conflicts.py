"""Edit conflicts for every content type: a stale save is refused naming who saved and when; opening a record
someone else has open says who is editing it."""

import datetime

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from apps.core.models import Campus
from apps.pages.models import ServicePage
from tests.factories import (
    CampusFactory,
    DepartmentFactory,
    EquipmentFactory,
    ExpertFactory,
    UserFactory,
    content_admin,
)
from tests.helpers import admin_form_data

pytestmark = pytest.mark.django_db

SAVED_AT = datetime.datetime(2026, 3, 2, 9, 15, tzinfo=datetime.timezone(datetime.timedelta(hours=8)))


def editor(username, **kwargs):
    client = Client()
    client.force_login(content_admin(username=username, **kwargs))
    return client


def change_url(record):
    opts = record._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[record.pk])


RECORDS = {
    "department": (DepartmentFactory, "name"),
    "expert": (lambda: ExpertFactory(primary_department=None), "name"),
    "equipment": (EquipmentFactory, "name"),
    "campus": (CampusFactory, "address"),
    "page": (lambda: ServicePage.objects.create(title="测试服务页", body="<p>正文</p>"), "title"),
}


@pytest.mark.parametrize("kind", RECORDS)
def test_a_save_over_a_newer_version_is_refused_naming_who_saved_and_when(kind):
    factory, field = RECORDS[kind]
    record = factory()
    first = editor("zhang", first_name="张三")
    second = editor("li")
    url = change_url(record)
    mine = admin_form_data(first.get(url))
    theirs = admin_form_data(second.get(url))

    with time_machine.travel(SAVED_AT, tick=False):
        assert second.post(url, {**theirs, field: "测试：李的修改"}).status_code == 302
    response = first.post(url, {**mine, field: "测试：张的修改"})

    html = response.content.decode()
    assert response.status_code == 200
    assert "已被其他人修改并保存" in html
    assert "保存人：li" in html and "2026-03-02 09:15" in html
    record.refresh_from_db()
    assert getattr(record, field) == "测试：李的修改"


def test_a_save_on_the_current_version_goes_through_for_a_record_without_a_timestamp():
    campus = CampusFactory()
    client = editor("wang")
    url = change_url(campus)
    for address in ("测试路1号", "测试路2号"):  # each save starts from the page it reloaded
        assert client.post(url, {**admin_form_data(client.get(url)), "address": address}).status_code == 302
    assert Campus.objects.get(pk=campus.pk).address == "测试路2号"


def test_opening_a_record_someone_opened_lately_says_who_is_editing_it():
    department = DepartmentFactory()
    url = change_url(department)
    first, second = editor("zhao", first_name="赵编辑"), editor("qian")

    with time_machine.travel(SAVED_AT, tick=False):
        alone = first.get(url).content.decode()
    assert "可能正在编辑" not in alone

    with time_machine.travel(SAVED_AT + datetime.timedelta(minutes=2), tick=False):
        html = second.get(url).content.decode()
    assert "注意：赵编辑 于 09:15 打开了这条内容，可能正在编辑。" in html

    with time_machine.travel(SAVED_AT + datetime.timedelta(minutes=30), tick=False):
        later = UserFactory(username="sun", roles=["内容管理员"])
        client = Client()
        client.force_login(later)
        assert "可能正在编辑" not in client.get(url).content.decode()

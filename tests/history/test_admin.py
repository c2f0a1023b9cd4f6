"""Editors keep the profile, figures, timeline and honours true in the admin, and can undo an edit."""

import datetime

import pytest
from django.urls import reverse
from reversion.models import Version

from apps.history.models import Honour, HospitalProfile, KeyFigure, Milestone
from tests.factories import content_admin
from tests.helpers import admin_form_data, text_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def content_editor(client):
    """A 内容管理员 staff member: the role that keeps the hospital's history true."""
    user = content_admin(username="bianji")
    client.force_login(user)
    return user


def test_an_edit_of_the_motto_in_the_admin_shows_on_the_about_page_and_can_be_reverted(admin_client, hospital_content):
    profile = HospitalProfile.objects.get()
    url = reverse("admin:history_hospitalprofile_change", args=[profile.pk])
    data = admin_form_data(admin_client.get(url))
    data["motto"] = "测试院训：仅用于验证后台修改"

    response = admin_client.post(url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    assert "院训 测试院训：仅用于验证后台修改" in text_of(admin_client.get(reverse("history:about")).content.decode())

    # The loaded content was recorded before the edit: the editor restores it from the history page.
    original = Version.objects.get_for_object(profile).order_by("pk").first()
    assert original.field_dict["motto"] == "性仁、品卓、知博、术精"
    revision_url = reverse("admin:history_hospitalprofile_revision", args=[profile.pk, original.pk])
    assert admin_client.post(revision_url, admin_form_data(admin_client.get(revision_url))).status_code == 302
    assert "院训 性仁、品卓、知博、术精" in text_of(admin_client.get(reverse("history:about")).content.decode())
    assert HospitalProfile.objects.get().names.count() == 5


def test_a_new_figure_value_added_in_the_admin_becomes_latest_and_the_old_one_stays(admin_client, hospital_content):
    beds = KeyFigure.objects.get(label="编制床位")
    url = reverse("admin:history_keyfigure_change", args=[beds.pk])
    data = admin_form_data(admin_client.get(url))
    data.update({"values-2-value": "999999", "values-2-year": "2099", "values-2-source": "1"})

    response = admin_client.post(url, data)

    assert response.status_code == 302
    html = admin_client.get(reverse("history:about")).content.decode()
    assert "编制床位 999999 张 2099年" in text_of(html)
    assert "2024年：1500张" in text_of(html)
    assert "2022年：1500张" in text_of(html)


def test_a_milestone_entered_with_a_day_but_known_to_the_month_shows_as_the_month(admin_client, hospital_content):
    data = {
        "date": "2099-05-17",
        "precision": "month",
        "title": "测试大事：仅用于验证后台录入",
        "category": Milestone.Category.CULTURE,
        "sources": ["1"],
        "display_order": "100",
        "is_visible": "on",
    }
    response = admin_client.post(reverse("admin:history_milestone_add"), data)

    assert response.status_code == 302
    assert Milestone.objects.get(title__startswith="测试大事").date == datetime.date(2099, 5, 1)
    html = admin_client.get(reverse("history:timeline")).content.decode()
    assert '<time class="timeline-date" datetime="2099-05">2099年5月</time>' in html


def test_the_profile_admin_goes_straight_to_the_one_profile_and_refuses_a_second(admin_client, hospital_content):
    profile = HospitalProfile.objects.get()
    response = admin_client.get(reverse("admin:history_hospitalprofile_changelist"))
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:history_hospitalprofile_change", args=[profile.pk])
    assert admin_client.get(reverse("admin:history_hospitalprofile_add")).status_code == 403
    delete = reverse("admin:history_hospitalprofile_delete", args=[profile.pk])
    assert admin_client.get(delete).status_code == 403


def test_the_profile_admin_offers_to_create_the_profile_when_there_is_none(admin_client):
    response = admin_client.get(reverse("admin:history_hospitalprofile_changelist"))
    assert response["Location"] == reverse("admin:history_hospitalprofile_add")


def test_content_editors_can_edit_every_history_list_in_chinese(client, content_editor, hospital_content):
    index = client.get(reverse("admin:app_list", args=["history"])).content.decode()
    for label in ["医院概况", "医院简介", "关键数据", "大事记", "荣誉与资质", "资料来源"]:
        assert label in index
    for model in ["keyfigure", "milestone", "honour", "source"]:
        assert client.get(reverse(f"admin:history_{model}_changelist")).status_code == 200
    honours = client.get(reverse("admin:history_honour_changelist"), {"level__exact": "1"}).content.decode()
    assert "刘军" in honours
    assert "手术室" not in honours
    search = client.get(reverse("admin:history_milestone_changelist"), {"q": "援鄂"}).content.decode()
    assert "组建援鄂医疗队" in search


def test_a_loaded_honour_deleted_in_the_admin_can_be_recovered(admin_client, hospital_content):
    honour = Honour.objects.get(title="衡阳市三八红旗集体")
    assert not Version.objects.get_for_object(honour).exists()  # loaded from the fixture, never edited

    admin_client.post(reverse("admin:history_honour_delete", args=[honour.pk]), {"post": "yes"})
    assert not Honour.objects.filter(pk=honour.pk).exists()

    version = Version.objects.get_deleted(Honour).get(object_id=str(honour.pk))
    recover = reverse("admin:history_honour_recover", args=[version.pk])
    admin_client.post(recover, admin_form_data(admin_client.get(recover)))

    assert Honour.objects.filter(title="衡阳市三八红旗集体", recipient_name="神经内科").exists()

"""Who may edit the equipment catalogue: the 内容管理员 may, the 宣传科 (news only) may not."""

import pytest
from django.urls import reverse
from reversion.models import Version

from apps.core.roles import CONTENT_ADMIN
from apps.equipment.models import Equipment
from tests.factories import (
    DepartmentFactory,
    EquipmentCategoryFactory,
    EquipmentFactory,
    UserFactory,
    communications_editor,
)

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:equipment_equipment_changelist")
ADD = reverse("admin:equipment_equipment_add")


@pytest.fixture
def content_admin(client):
    client.force_login(UserFactory(username="content-admin", roles=[CONTENT_ADMIN]))
    return client


@pytest.fixture
def communications(client):
    client.force_login(communications_editor(username="communications"))
    return client


def device_form(category, **overrides):
    data = {
        "name": "示例超声诊断仪",
        "other_names": "示例超声",
        "slug": "",
        "category": category.pk,
        "manufacturer": "示例厂商",
        "model_number": "",
        "campus": "",
        "quantity": "",
        "year_acquired": "2022",
        "acquisition": Equipment.Acquisition.PROCUREMENT,
        "acquisition_note": "",
        "description": "<p>示例介绍。</p>",
        "is_featured": "on",
        "display_order": "10",
        "status": Equipment.Status.PUBLISHED,
        "published_at_0": "2024-01-01",
        "published_at_1": "08:00:00",
        "source": "示例资料",
    }
    data.update(overrides)
    return data


def test_content_admin_lists_equipment_by_category(content_admin):
    EquipmentFactory(
        name="示例内镜", category=EquipmentCategoryFactory(name="示例内镜类"), departments=[DepartmentFactory()]
    )
    EquipmentFactory(
        name="示例CT", category=EquipmentCategoryFactory(name="示例影像类"), departments=[DepartmentFactory()]
    )

    response = content_admin.get(CHANGELIST)
    html = response.content.decode()

    assert response.status_code == 200
    assert "示例内镜" in html and "示例内镜类" in html
    assert "线上状态" in html  # publication column
    changelist = response.context["cl"]
    assert {"类别", "状态", "使用科室"} <= {str(spec.title) for spec in changelist.filter_specs}
    assert changelist.search_fields  # a search box for editors


def test_content_admin_adds_a_device_with_its_departments(content_admin):
    category = EquipmentCategoryFactory(name="示例影像类")
    department = DepartmentFactory(name="示例影像科")

    assert content_admin.get(ADD).status_code == 200
    response = content_admin.post(ADD, device_form(category, departments=[department.pk]))

    assert response.status_code == 302, response.context["adminform"].form.errors
    device = Equipment.objects.get(name="示例超声诊断仪")
    assert device.slug == "shi-li-chao-sheng-zhen-duan-yi"
    assert list(device.departments.all()) == [department]
    assert device.is_live
    assert Version.objects.get_for_object(device).count() == 1  # the change is recorded and revertable


def test_content_admin_edits_a_device_and_the_page_follows(content_admin, client):
    device = EquipmentFactory(name="示例超声诊断仪", manufacturer="旧厂商")
    change_url = reverse("admin:equipment_equipment_change", args=[device.pk])

    assert content_admin.get(change_url).status_code == 200
    response = content_admin.post(change_url, device_form(device.category, manufacturer="新厂商", slug=device.slug))

    assert response.status_code == 302, response.context["adminform"].form.errors
    device.refresh_from_db()
    assert device.manufacturer == "新厂商"
    assert "新厂商" in client.get(device.get_absolute_url()).content.decode()


def test_content_admin_search_finds_a_device_by_its_other_name(content_admin):
    EquipmentFactory(name="示例直线加速器", other_names="示例智能加速器")
    EquipmentFactory(name="示例胃镜")

    html = content_admin.get(CHANGELIST, {"q": "智能加速器"}).content.decode()

    assert "示例直线加速器" in html
    assert "示例胃镜" not in html


def test_year_before_the_hospital_existed_is_refused_with_a_chinese_message(content_admin):
    category = EquipmentCategoryFactory()

    response = content_admin.post(ADD, device_form(category, year_acquired="1800"))

    assert response.status_code == 200
    assert "购置年份不能早于医院建院的1902年。" in response.content.decode()
    assert not Equipment.objects.exists()


def test_content_admin_adds_a_category(content_admin):
    response = content_admin.post(
        reverse("admin:equipment_equipmentcategory_add"),
        {"name": "示例新类别", "slug": "", "description": "", "display_order": "5"},
    )
    assert response.status_code == 302
    assert "示例新类别" in content_admin.get(reverse("admin:equipment_equipmentcategory_changelist")).content.decode()


@pytest.mark.parametrize(
    "url",
    [
        CHANGELIST,
        ADD,
        reverse("admin:equipment_equipmentcategory_changelist"),
        reverse("admin:equipment_equipmentcategory_add"),
    ],
)
def test_communications_staff_are_refused_the_equipment_admin(communications, url):
    assert communications.get(url).status_code == 403


def test_communications_staff_can_neither_open_nor_change_a_device(communications):
    device = EquipmentFactory(name="示例设备", manufacturer="原厂商")
    change_url = reverse("admin:equipment_equipment_change", args=[device.pk])

    assert communications.get(change_url).status_code == 403
    assert communications.post(change_url, device_form(device.category, manufacturer="被改")).status_code == 403
    assert communications.post(ADD, device_form(device.category, name="示例新设备")).status_code == 403

    device.refresh_from_db()
    assert device.manufacturer == "原厂商"
    assert not Equipment.objects.filter(name="示例新设备").exists()


def test_communications_staff_do_not_see_equipment_in_the_admin_index(communications):
    html = communications.get(reverse("admin:index")).content.decode()
    assert CHANGELIST not in html


def test_content_admin_picks_departments_by_typing(content_admin):
    DepartmentFactory(name="示例影像科")
    DepartmentFactory(name="示例检验科")

    form_html = content_admin.get(ADD).content.decode()
    lookup = content_admin.get(
        reverse("admin:autocomplete"),
        {"term": "影像", "app_label": "equipment", "model_name": "equipment", "field_name": "departments"},
    )

    assert 'data-field-name="departments"' in form_html  # a type-ahead box, not a list of every department
    assert lookup.status_code == 200
    assert [item["text"] for item in lookup.json()["results"]] == ["示例影像科"]

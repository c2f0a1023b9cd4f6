"""The department admin as a content administrator uses it: lists, filters, search, lookups, history, recovery."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from reversion.models import Version

from apps.core.roles import CONTENT_ADMIN
from apps.departments.models import Centre, Condition, Department, Designation, DesignationType
from tests.factories import (
    CampusFactory,
    CentreFactory,
    ConditionFactory,
    DepartmentFactory,
    DesignationCountFactory,
    DesignationFactory,
    DesignationTypeFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

MODELS = [Department, DesignationType, Designation, Centre, Condition]
FULLWIDTH_DIGITS = str.maketrans("0123456789", "０１２３４５６７８９")


@pytest.fixture
def content_admin(client):
    client.force_login(UserFactory(username="content-admin", roles=[CONTENT_ADMIN]))
    return client


def url(model, view, *args):
    return reverse(f"admin:departments_{model._meta.model_name}_{view}", args=args)


def department_form(**overrides):
    data = {
        "name": "测试新科",
        "kind": Department.Kind.CLINICAL,
        "parent": "",
        "aliases": "",
        "summary": "",
        "display_order": "100",
        "is_visible": "on",
        "introduction": "<p>测试介绍。</p>",
        "specialties": "",
        "featured_techniques": "",
        "location": "",
        "phone": "",
        "slug": "",
    }
    for prefix in ("Designation_departments", "Centre_departments", "Condition_departments"):
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    data.update(overrides)
    return data


@pytest.mark.parametrize("model", MODELS)
def test_content_admin_opens_every_list_and_add_page(content_admin, model):
    DepartmentFactory(name="测试科")
    DesignationFactory(name="测试称号")
    CentreFactory(name="测试基地")
    ConditionFactory(name="测试病症")
    assert content_admin.get(url(model, "changelist")).status_code == 200
    assert content_admin.get(url(model, "add")).status_code == 200


def test_department_list_shows_kind_and_offers_editors_filters_and_search(content_admin):
    DepartmentFactory(name="测试心胸外科", aliases="测试胸心外科")
    DepartmentFactory(name="测试眼科", kind=Department.Kind.MEDICAL_TECHNICAL)
    CampusFactory(name="测试院区")
    DesignationTypeFactory(name="测试重点专科")
    response = content_admin.get(url(Department, "changelist"), {"q": "测试胸心"})
    html = response.content.decode()
    assert "测试心胸外科" in html
    assert "测试眼科" not in html
    titles = {str(spec.title) for spec in response.context["cl"].filter_specs}
    assert {"类别", "在网站显示", "所在院区", "重点专科与资质"} <= titles


def test_department_list_filters_by_designation_type(content_admin):
    held = DepartmentFactory(name="测试甲科")
    DepartmentFactory(name="测试乙科")
    designation = DesignationFactory(departments=[held])
    response = content_admin.get(url(Department, "changelist"), {"designation_type": designation.designation_type.pk})
    html = response.content.decode()
    assert "测试甲科" in html
    assert "测试乙科" not in html


def test_a_designation_type_filter_not_in_ascii_digits_filters_nothing(content_admin):
    held = DepartmentFactory(name="测试甲科")
    DepartmentFactory(name="测试乙科")
    designation_type = DesignationFactory(departments=[held]).designation_type

    for value in (str(designation_type.pk).translate(FULLWIDTH_DIGITS), "²", "①"):
        response = content_admin.get(url(Department, "changelist"), {"designation_type": value})

        assert response.status_code == 200, value
        html = response.content.decode()
        assert "测试甲科" in html
        assert "测试乙科" in html


def test_content_admin_adds_a_department_with_its_campus_and_a_recorded_version(content_admin):
    campus = CampusFactory(name="测试院区")
    response = content_admin.post(url(Department, "add"), department_form(campuses=[campus.pk]))
    assert response.status_code == 302
    department = Department.objects.get(name="测试新科")
    assert department.slug == "ce-shi-xin-ke"
    assert list(department.campuses.all()) == [campus]
    version = Version.objects.get_for_object(department).get()
    assert version.revision.user.username == "content-admin"


def test_department_page_in_the_admin_edits_its_designations_inline(content_admin):
    department = DepartmentFactory(name="测试科")
    designation = DesignationFactory(name="测试称号")
    form = department_form(
        name="测试科",
        **{
            "Designation_departments-TOTAL_FORMS": "1",
            "Designation_departments-0-designation": designation.pk,
        },
    )
    response = content_admin.post(url(Department, "change", department.pk), form)
    assert response.status_code == 302
    assert list(department.designations.all()) == [designation]


def test_a_parent_loop_is_refused_with_a_message(content_admin):
    centre = DepartmentFactory(name="测试中心")
    division = DepartmentFactory(name="测试分科", parent=centre)
    response = content_admin.post(
        url(Department, "change", centre.pk), department_form(name="测试中心", parent=division.pk)
    )
    assert response.status_code == 200
    assert "所属中心不能是本科室或其下属科室。" in response.content.decode()
    centre.refresh_from_db()
    assert centre.parent is None


def test_renaming_in_the_admin_keeps_the_address_and_can_be_reverted(content_admin):
    department = DepartmentFactory(name="测试旧名科")
    content_admin.post(
        url(Department, "change", department.pk), department_form(name="测试旧名科", slug=department.slug)
    )
    content_admin.post(
        url(Department, "change", department.pk), department_form(name="测试新名科", slug=department.slug)
    )
    department.refresh_from_db()
    assert department.name == "测试新名科"
    assert department.slug == "ce-shi-jiu-ming-ke"

    first = Version.objects.get_for_object(department).order_by("pk").first()
    response = content_admin.post(
        url(Department, "revision", department.pk, first.pk), department_form(name="测试旧名科", slug=department.slug)
    )
    assert response.status_code == 302
    department.refresh_from_db()
    assert department.name == "测试旧名科"


def test_a_deleted_department_can_be_recovered(content_admin):
    department = DepartmentFactory(name="测试删除科")
    content_admin.post(
        url(Department, "change", department.pk), department_form(name="测试删除科", slug=department.slug)
    )
    content_admin.post(url(Department, "delete", department.pk), {"post": "yes"})
    assert not Department.objects.filter(name="测试删除科").exists()

    recover_list = content_admin.get(url(Department, "recoverlist")).content.decode()
    assert "测试删除科" in recover_list
    version = Version.objects.get_deleted(Department).get()
    response = content_admin.post(url(Department, "recover", version.pk), department_form(name="测试删除科"))
    assert response.status_code == 302
    assert Department.objects.filter(name="测试删除科").exists()


def test_designation_type_page_edits_its_counts_and_designations_inline(content_admin):
    designation_type = DesignationTypeFactory(name="测试市级重点专科")
    DesignationCountFactory(designation_type=designation_type, count=13, year=2022, source="测试日报")
    response = content_admin.get(url(DesignationType, "change", designation_type.pk))
    html = response.content.decode()
    assert response.status_code == 200
    assert "测试日报" in html
    assert "公布数量" in html


def test_designation_list_shows_its_departments(content_admin):
    DesignationFactory(
        name="测试称号", departments=[DepartmentFactory(name="测试甲科"), DepartmentFactory(name="测试乙科")]
    )
    html = content_admin.get(url(Designation, "changelist")).content.decode()
    assert "测试乙科、测试甲科" in html


def test_department_lookup_answers_the_autocomplete_of_designations(content_admin):
    DepartmentFactory(name="测试神经外科")
    DepartmentFactory(name="测试眼科")
    response = content_admin.get(
        "/admin/autocomplete/",
        {"app_label": "departments", "model_name": "designation", "field_name": "departments", "term": "神经"},
    )
    assert response.status_code == 200
    assert [item["text"] for item in response.json()["results"]] == ["测试神经外科"]


def test_news_only_editors_cannot_edit_departments(client, django_user_model):
    user = django_user_model.objects.create_user("communications", password="a-long-password-123", is_staff=True)
    user.groups.add(Group.objects.get(name="宣传科"))
    client.force_login(user)
    for model in MODELS:
        assert client.get(url(model, "changelist")).status_code == 403

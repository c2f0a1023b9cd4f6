"""The hospital's real departments, designations, centres and conditions load from fixtures/ and show."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

from apps.departments.models import Centre, Condition, Department, Designation, DesignationType

pytestmark = pytest.mark.django_db

FIXTURES = Path(settings.BASE_DIR) / "fixtures"


@pytest.fixture
def hospital_content():
    call_command("loaddata", str(FIXTURES / "010_campuses.json"), verbosity=0)
    call_command("loaddata", str(FIXTURES / "030_departments.json"), verbosity=0)


def test_fixture_loads_the_departments_the_sources_name(hospital_content):
    assert Department.objects.count() == 39
    assert Department.objects.get(name="肝胆外科").parent.name == "普外中心"
    assert set(Department.objects.get(name="普外中心").children.values_list("name", flat=True)) == {
        "肝胆外科",
        "胃肠外科",
        "乳甲外科",
    }
    assert Department.objects.get(name="胸痛中心").kind == Department.Kind.EMERGENCY_CENTRE


def test_loading_the_fixture_twice_changes_nothing(hospital_content):
    counts = [model.objects.count() for model in (Department, Designation, DesignationType, Centre, Condition)]
    call_command("loaddata", str(FIXTURES / "030_departments.json"), verbosity=0)
    assert [model.objects.count() for model in (Department, Designation, DesignationType, Centre, Condition)] == counts


def test_neurosurgery_page_shows_its_provincial_key_specialty_and_not_the_national_one(client, hospital_content):
    html = client.get(reverse("departments:detail", kwargs={"slug": "shen-jing-wai-ke"})).content.decode()
    assert "<h1>神经外科</h1>" in html
    assert "省临床重点专科（市州级）" in html
    assert "国家临床重点专科建设项目" not in html
    assert "湖南省神经外科ERAS标准病房" in html
    assert "神经导航" in html
    assert "脑出血" in html


def test_neuroscience_centre_is_the_national_key_specialty(client, hospital_content):
    html = client.get(reverse("departments:detail", kwargs={"slug": "shen-jing-yi-xue-zhong-xin"})).content.decode()
    assert "<h1>神经医学中心</h1>" in html
    assert "国家临床重点专科建设项目" in html


def test_chest_pain_centre_has_its_own_page_with_accreditation_and_alliance(client, hospital_content):
    response = client.get("/departments/xiong-tong-zhong-xin/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>胸痛中心</h1>" in html
    assert "衡阳首家通过国家认证的标准版胸痛中心" in html
    assert "衡阳市胸痛中心联盟" in html
    assert "牵头成立，主席单位" in html
    assert "湖南省胸痛急救临床医疗技术示范基地" in html
    assert "急危重症救治中心" in html

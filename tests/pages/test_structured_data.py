"""Department and expert pages describe themselves to search engines with schema.org JSON-LD."""

import json

import pytest

from apps.departments.models import Department
from apps.experts.models import Expert
from tests.helpers import get_html

pytestmark = pytest.mark.django_db


def structured_data(client, url):
    html = get_html(client, url)
    return json.loads(html.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0])


def test_department_page_is_a_medical_clinic_of_the_hospital(client):
    department = Department.objects.create(name="示例内科", summary="示例简介")
    data = structured_data(client, department.get_absolute_url())
    assert data["@type"] == "MedicalClinic"
    assert data["name"] == "示例内科"
    assert data["parentOrganization"]["name"] == "衡阳市中心医院"
    assert data["url"].endswith(department.get_absolute_url())


def test_expert_page_is_a_physician_with_the_title_the_record_holds(client):
    expert = Expert.objects.create(
        name="示例医生", clinical_title=Expert.ClinicalTitle.CHIEF, specialties="示例擅长</script>"
    )
    data = structured_data(client, expert.get_absolute_url())
    assert data["@type"] == "Physician"
    assert data["jobTitle"] == "主任医师"
    assert data["description"] == "示例擅长</script>"  # escaped inside the block, intact once parsed

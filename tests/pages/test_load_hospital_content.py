"""make run's content loader: each fixture file loads once, gets a first version, and is findable."""

import json

import pytest
from django.core.management import call_command

from apps.core.models import Campus, LoadedFixture
from apps.pages.management.commands import load_hospital_content

pytestmark = pytest.mark.django_db

STAMP = "2026-01-01T00:00:00Z"


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


def test_a_loaded_department_is_found_by_the_search_with_its_campus(fixtures_dir, client):
    department = {"name": "测试载入科", "slug": "ce-shi-zai-ru-ke", "created_at": STAMP, "updated_at": STAMP}
    (fixtures_dir / "030_departments.json").write_text(
        json.dumps([{"model": "departments.department", "pk": 900, "fields": {**department, "campuses": [900]}}]),
        encoding="utf-8",
    )

    call_command("load_hospital_content")

    html = client.get("/search/", {"q": "测试载入科"}).content.decode()
    assert "/departments/ce-shi-zai-ru-ke/" in html
    assert "/departments/ce-shi-zai-ru-ke/" in client.get("/search/", {"q": "测试院区"}).content.decode()

"""The 导诊 symptom table: what editors may enter, and the seeded complaints pointing to this hospital's departments."""

import datetime
import json
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from apps.core.roles import CONTENT_ADMIN
from apps.pages.models import Symptom
from apps.search.documents import hospital_terms
from apps.search.query import search
from tests.factories import DepartmentFactory, ExpertFactory, SymptomFactory, UserFactory

pytestmark = pytest.mark.django_db

FIXTURE = Path(settings.BASE_DIR) / "fixtures" / "080_symptoms.json"
ADD_URL = reverse("admin:pages_symptom_add")


@pytest.fixture
def content_admin(client):
    client.force_login(UserFactory(username="content-admin", roles=[CONTENT_ADMIN]))
    return client


def departments_found(word):
    """Titles a search finds with every word of `word` (a fallback to some of them finds nothing)."""
    outcome = search(word)
    return [hit.title for hit in outcome.page.object_list] if outcome.parsed.match_all else []


def messages_of(error):
    return [str(message) for messages in error.value.message_dict.values() for message in messages]


def test_a_review_date_in_the_future_is_refused_in_chinese():
    symptom = Symptom(
        name="测试头痛", reviewed_by="测试审核人", reviewed_on=timezone.localdate() + datetime.timedelta(days=1)
    )
    with pytest.raises(ValidationError) as error:
        symptom.full_clean(exclude=["departments"])
    assert "审核日期不能晚于今天。" in messages_of(error)


@pytest.mark.parametrize(
    "fields", [{"reviewed_by": "测试审核人"}, {"reviewed_on": datetime.date(2026, 1, 5)}], ids=["name", "date"]
)
def test_a_reviewer_without_a_date_or_a_date_without_a_reviewer_is_refused(fields):
    with pytest.raises(ValidationError) as error:
        Symptom(name="测试头痛", **fields).full_clean()
    assert "审核人和审核日期要一起填写（未审核时都留空）。" in messages_of(error)


def test_a_synonym_that_repeats_the_name_or_is_too_long_is_refused():
    with pytest.raises(ValidationError) as error:
        Symptom(name="测试头痛", synonyms="测试头疼\n测试头痛").full_clean()
    assert "常见说法里不必重复症状名称“测试头痛”。" in messages_of(error)
    with pytest.raises(ValidationError) as error:
        Symptom(name="测试头痛", synonyms="痛" * 31).full_clean()
    assert any(message.startswith("每种说法不超过 30 个字") for message in messages_of(error))


def test_the_admin_requires_a_department_and_saves_nothing_without_one(content_admin):
    response = content_admin.post(ADD_URL, {"name": "测试头痛", "display_order": 100})
    assert response.status_code == 200
    assert "请至少选择一个本院的建议就诊科室。" in response.content.decode()
    assert not Symptom.objects.exists()


def test_an_editor_adds_a_symptom_and_search_finds_its_department_by_the_everyday_word(content_admin):
    department = DepartmentFactory(name="测试神经科")
    response = content_admin.post(
        ADD_URL,
        {"name": "测试头痛", "synonyms": "测试脑壳疼", "departments": [department.pk], "display_order": 100},
    )
    assert response.status_code == 302
    assert Symptom.objects.get().reviewed_by == ""
    for word in ("测试头痛", "测试脑壳疼"):
        assert departments_found(word) == ["测试神经科"]


def test_editing_or_deleting_a_symptom_reindexes_its_departments():
    first, second = DepartmentFactory(name="测试甲科"), DepartmentFactory(name="测试乙科")
    symptom = SymptomFactory(name="测试心慌", departments=[first])
    assert departments_found("测试心慌") == ["测试甲科"]

    symptom.departments.set([second])
    assert departments_found("测试心慌") == ["测试乙科"]
    symptom.synonyms = "测试心里发慌"
    symptom.save()
    assert departments_found("测试心里发慌") == ["测试乙科"]

    symptom.delete()
    assert departments_found("测试心里发慌") == []


def test_the_seeded_table_has_forty_complaints_pointing_only_to_this_hospitals_departments():
    records = [record["fields"] for record in json.loads(FIXTURE.read_text(encoding="utf-8"))]
    departments = {
        record["fields"]["name"]
        for record in json.loads((FIXTURE.parent / "030_departments.json").read_text(encoding="utf-8"))
        if record["model"] == "departments.department" and record["fields"]["is_visible"]
    }
    assert len([record for record in records if not record["is_red_flag"]]) >= 40
    assert {"头痛", "头晕", "发热", "咳嗽", "胸痛", "心慌", "便血", "小儿发热", "孕检", "肿块"} <= {
        r["name"] for r in records
    }
    for record in records:
        assert record["departments"], record["name"]
        assert {name for (name,) in record["departments"]} <= departments, record["name"]
        # General guidance: no reviewer is invented, an editor signs it off in the admin.
        assert record["reviewed_by"] == "" and record["reviewed_on"] is None
    assert {"胸痛伴大汗", "突发一侧肢体无力", "大出血", "小儿抽搐", "呼吸困难"} <= {
        record["name"] for record in records if record["is_red_flag"]
    }


def test_content_admin_lists_symptoms_with_their_departments_and_review_state(content_admin):
    SymptomFactory(name="测试头痛", is_red_flag=True, departments=[DepartmentFactory(name="测试神经科")])
    html = content_admin.get(reverse("admin:pages_symptom_changelist")).content.decode()
    assert "测试头痛" in html and "测试神经科" in html and "未审核" in html
    html = content_admin.get(ADD_URL).content.decode()
    assert "审核（通用导诊建议）" in html and "不是医院公布的事实" in html


def test_a_rebuild_keeps_symptom_words_whole():
    SymptomFactory(name="测试小儿发热", synonyms="测试宝宝发烧", departments=[DepartmentFactory(name="测试妇儿科")])
    assert {"测试小儿发热", "测试宝宝发烧"} <= set(hospital_terms())


def test_everyday_symptom_words_find_the_people_of_the_department_after_the_department():
    neurology = DepartmentFactory(name="测试神经科")
    ExpertFactory(name="测试专家甲", departments=[neurology])
    symptom = SymptomFactory(name="测试头痛", departments=[neurology])
    assert departments_found("测试头痛") == ["测试神经科", "测试专家甲"]
    hit = search("测试头痛").page.object_list[1]
    assert hit.snippet_html.replace("<mark>", "").replace("</mark>", "") == "通用导诊建议：测试头痛可到测试神经科就诊。"

    other = DepartmentFactory(name="测试其他科")
    symptom.departments.set([other])
    assert departments_found("测试头痛") == ["测试其他科"]
    symptom.departments.add(neurology)
    symptom.delete()
    assert departments_found("测试头痛") == []


def test_a_red_flag_finds_the_department_but_not_its_people():
    emergency = DepartmentFactory(name="测试急诊科")
    ExpertFactory(name="测试专家乙", departments=[emergency])
    SymptomFactory(name="测试剧烈头痛", is_red_flag=True, departments=[emergency])
    assert departments_found("测试剧烈头痛") == ["测试急诊科"]

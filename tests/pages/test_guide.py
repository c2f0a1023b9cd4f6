"""导诊: a patient types or picks a complaint and is sent to the departments that treat it."""

import pytest
from django.urls import reverse

from apps.departments.models import Condition, Department

pytestmark = pytest.mark.django_db


@pytest.fixture
def chest_pain():
    centre = Department.objects.create(name="示例胸痛中心")
    condition = Condition.objects.create(name="胸痛", aliases="胸口痛\n心前区疼痛")
    condition.departments.add(centre)
    return condition


def test_typing_a_complaint_sends_the_patient_to_the_matching_department(client, chest_pain):
    html = client.get(reverse("pages:guide"), {"q": "最近胸痛三天"}).content.decode()
    results = html.split('id="guide-results-title"', 1)[1].split("</section>", 1)[0]
    assert "示例胸痛中心" in results
    assert 'href="/departments/shi-li-xiong-tong-zhong-xin/"' in results


def test_another_name_for_the_complaint_also_matches(client, chest_pain):
    html = client.get(reverse("pages:guide"), {"q": "胸口痛"}).content.decode()
    assert "示例胸痛中心" in html.split('id="guide-results-title"', 1)[1]


def test_an_unknown_complaint_offers_search_and_the_department_list(client, chest_pain):
    html = client.get(reverse("pages:guide"), {"q": "示例不存在的症状"}).content.decode()
    assert "没有找到对应的病症" in html
    assert "/search/?q=" in html


def test_an_overlong_complaint_gets_a_chinese_message_not_an_error(client, chest_pain):
    response = client.get(reverse("pages:guide"), {"q": "痛" * 500})
    assert response.status_code == 200
    assert "输入的内容太长了" in response.content.decode()


def test_every_condition_is_listed_with_its_departments_and_hidden_departments_stay_hidden(client, chest_pain):
    hidden = Department.objects.create(name="示例停用科室", is_visible=False)
    chest_pain.departments.add(hidden)
    html = client.get(reverse("pages:guide")).content.decode()
    assert 'id="condition-xiong-tong"' in html
    assert "示例停用科室" not in html


def test_guide_runs_the_same_queries_with_more_conditions(client, chest_pain, django_assert_num_queries):
    client.get(reverse("pages:guide"))
    with django_assert_num_queries(2):
        client.get(reverse("pages:guide"), {"q": "胸痛"})
    for n in range(30):
        condition = Condition.objects.create(name=f"示例病症{n}")
        condition.departments.add(Department.objects.create(name=f"示例科室{n}"))
    client.get(reverse("pages:guide"))
    with django_assert_num_queries(2):
        client.get(reverse("pages:guide"), {"q": "胸痛"})

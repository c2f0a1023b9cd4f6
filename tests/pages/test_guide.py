"""导诊: a patient types or picks a complaint and is sent to the departments that treat it."""

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse

from apps.departments.models import Condition, Department
from apps.pages.models import Symptom
from tests.factories import DepartmentFactory, SymptomFactory
from tests.helpers import assert_accessible_page, text_of

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


def test_guide_runs_the_same_queries_with_more_conditions_and_symptoms(client, chest_pain, django_assert_num_queries):
    SymptomFactory(name="胸闷", departments=[Department.objects.get(name="示例胸痛中心")])
    client.get(reverse("pages:guide"))
    with django_assert_num_queries(4):
        client.get(reverse("pages:guide"), {"q": "胸痛"})
    for n in range(30):
        condition = Condition.objects.create(name=f"示例病症{n}")
        department = Department.objects.create(name=f"示例科室{n}")
        condition.departments.add(department)
        SymptomFactory(name=f"示例症状{n}", is_red_flag=n % 2 == 0, departments=[department])
    client.get(reverse("pages:guide"))
    with django_assert_num_queries(4):
        client.get(reverse("pages:guide"), {"q": "胸痛"})


# --- the symptom table -------------------------------------------------------------------------


def results_of(client, query):
    html = client.get(reverse("pages:guide"), {"q": query}).content.decode()
    return html.split('id="guide-results-title"', 1)[1].split("</section>", 1)[0]


@pytest.fixture
def hospital_content():
    call_command("load_hospital_content", verbosity=0)


@pytest.mark.parametrize(
    ("query", "department"),
    [
        ("头痛", "神经内科"),
        ("头疼", "神经内科"),
        ("心慌", "心血管内科"),
        ("心悸", "心血管内科"),
        ("小儿发热", "妇儿中心"),
        ("宝宝发烧", "妇儿中心"),
        ("便血", "消化内科"),
        ("大便带血", "消化内科"),
    ],
)
def test_everyday_words_lead_to_a_department_of_this_hospital(client, hospital_content, query, department):
    results = results_of(client, query)
    link = Department.objects.get(name=department).get_absolute_url()
    assert f'<a href="{link}">{department}</a>' in results
    assert "通用导诊建议" in results
    assert "没有找到对应的病症" not in results
    assert client.get(link).status_code == 200


@pytest.mark.parametrize(
    ("query", "red_flag"), [("胸痛", "胸痛伴大汗"), ("头痛", "剧烈头痛"), ("孩子抽筋", "小儿抽搐")]
)
def test_a_red_flag_is_answered_first_with_120_and_the_emergency_department(client, hospital_content, query, red_flag):
    results = results_of(client, query)
    first_card = results.split('<li class="card', 2)[1]
    assert f'<h3 class="condition-name">{red_flag}</h3>' in first_card
    assert "120" in text_of(first_card)
    assert "急诊医学科" in first_card


def test_symptoms_show_their_reviewer_only_once_entered(client):
    department = DepartmentFactory(name="测试神经科")
    SymptomFactory(name="测试头痛", departments=[department])
    assert "审核：" not in results_of(client, "测试头痛")
    Symptom.objects.update(reviewed_by="测试审核人", reviewed_on=datetime.date(2026, 11, 30))
    assert "审核：测试审核人，2026年11月30日" in text_of(results_of(client, "测试头痛"))


def test_the_guide_lists_the_symptoms_to_pick_and_hides_hidden_departments(client):
    hidden = DepartmentFactory(name="测试停用科室", is_visible=False)
    SymptomFactory(name="测试头晕", departments=[hidden, DepartmentFactory(name="测试神经科")])
    html = client.get(reverse("pages:guide")).content.decode()
    assert f'href="{reverse("pages:guide")}?q=%E6%B5%8B%E8%AF%95%E5%A4%B4%E6%99%95">测试头晕</a>' in html
    assert "测试停用科室" not in results_of(client, "测试头晕")
    assert_accessible_page(client.get(reverse("pages:guide"), {"q": "测试头晕"}).content.decode())

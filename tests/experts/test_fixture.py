"""The hospital's real experts and workstations load from fixtures/040_experts.json with what the sources
say of them, and nothing they do not say (no clinical titles, no schedules)."""

import json
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

from apps.departments.models import Department
from apps.experts.models import Expert, ScheduleException, WeeklySession, Workstation

pytestmark = pytest.mark.django_db

FIXTURES = Path(settings.BASE_DIR) / "fixtures"
EXPERTS_FIXTURE = FIXTURES / "040_experts.json"


def referenced_departments():
    names = set()
    for record in json.loads(EXPERTS_FIXTURE.read_text(encoding="utf-8")):
        fields = record["fields"]
        for key in ("primary_department", "department"):
            if fields.get(key):
                names.add(fields[key][0])
        names.update(key[0] for key in fields.get("departments", []))
    return names


@pytest.fixture
def hospital_experts():
    # The departments come from their own fixture; any not there yet is made here by name.
    for name in referenced_departments():
        Department.objects.get_or_create(name=name)
    call_command("loaddata", str(EXPERTS_FIXTURE), verbosity=0)


def test_every_department_the_experts_name_is_in_the_departments_fixture():
    departments = json.loads((FIXTURES / "030_departments.json").read_text(encoding="utf-8"))
    known = {record["fields"]["name"] for record in departments if record["model"] == "departments.department"}
    assert referenced_departments() <= known, referenced_departments() - known


def test_fixture_holds_the_people_the_sources_name_and_no_invented_schedules(hospital_experts):
    assert set(Expert.objects.values_list("name", flat=True)) == {
        "李远志", "李珍发", "蒋水平", "罗琼", "胡新平", "丁菁", "段雪琴", "刘军", "唐肖春", "詹济舟",
        "廖万清", "肖湘生", "万峰", "任善成", "李加青",
    }  # fmt: skip
    assert not Expert.objects.exclude(clinical_title="").exists()
    assert not Expert.objects.exclude(photo="").exists()
    assert WeeklySession.objects.count() == 0
    assert ScheduleException.objects.count() == 0
    assert set(Expert.objects.filter(is_visiting=True).values_list("name", flat=True)) == {
        "廖万清", "肖湘生", "万峰", "任善成", "李加青"
    }  # fmt: skip
    for name in ("刘军", "唐肖春", "詹济舟"):
        expert = Expert.objects.get(name=name)
        assert expert.primary_department is None and not expert.departments.exists()


def test_li_yuan_zhi_page_shows_his_training_and_the_techniques_he_brought_in(client, hospital_experts):
    response = client.get(reverse("experts:detail", kwargs={"slug": "li-yuan-zhi"}))

    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>李远志</h1>" in html
    assert "神经外科主任" in html
    assert "博士" in html
    assert "<li>北京天坛医院进修学习</li>" in html
    for hospital in ("宣武医院", "南方医院", "珠江医院", "湘雅医院"):
        assert hospital in html
    assert "神经导航" in html and "内镜下治疗脑出血" in html
    # No sessions in the sources: one sentence, no timetable, no button to it and no calendar to subscribe to.
    assert "出诊时间以门诊当日公布为准。" in html
    assert "查看出诊时间" not in html and "schedule.ics" not in html and "每周出诊安排" not in html


def test_workstations_are_led_by_visiting_experts_in_their_departments(client, hospital_experts):
    expected = {
        "廖万清院士工作室": ("廖万清", "皮肤科", Workstation.Kind.ACADEMICIAN_STUDIO),
        "肖湘生教授工作室": ("肖湘生", "放射科", Workstation.Kind.PROFESSOR_STUDIO),
        "万峰院士心血管病诊疗中心": ("万峰", "心血管病诊疗中心", Workstation.Kind.EXPERT_CENTRE),
        "任善成教授衡阳工作站": ("任善成", "泌尿外科", Workstation.Kind.PROFESSOR_STATION),
        "李加青教授团队": ("李加青", "眼科", Workstation.Kind.EXPERT_TEAM),
    }
    found = {
        w.name: (w.lead_expert.name, w.department.name, w.kind)
        for w in Workstation.objects.select_related("lead_expert", "department")
    }
    assert found == expected
    assert all(w.lead_expert.is_visiting for w in Workstation.objects.select_related("lead_expert"))

    html = client.get(reverse("experts:list")).content.decode()
    assert "廖万清院士工作室" in html and 'href="/experts/liao-wan-qing/"' in html
    wan_feng = client.get(reverse("experts:detail", kwargs={"slug": "wan-feng"})).content.decode()
    assert "2021年11月26日，万峰院士开展换瓣加搭桥手术" in wan_feng
    assert "院外特聘专家" in wan_feng


def test_honoured_staff_show_their_honours(client, hospital_experts):
    html = client.get(reverse("experts:detail", kwargs={"slug": "liu-jun"})).content.decode()
    assert "<li>全国优秀共产党员</li>" in html
    assert "<li>全国抗击新冠肺炎疫情先进个人</li>" in html


def test_loading_the_fixture_twice_changes_nothing(hospital_experts):
    before = list(Expert.objects.order_by("pk").values_list("pk", "slug", "name"))
    call_command("loaddata", str(EXPERTS_FIXTURE), verbosity=0)
    assert list(Expert.objects.order_by("pk").values_list("pk", "slug", "name")) == before
    assert Workstation.objects.count() == 5

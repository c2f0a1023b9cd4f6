"""The hospital's real departments, designations, centres and conditions load from fixtures/ and show."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

from apps.departments.models import Centre, Condition, Department, Designation, DesignationType
from tests.content import loaded_once

pytestmark = pytest.mark.django_db

FIXTURES = Path(settings.BASE_DIR) / "fixtures"


hospital_content = loaded_once("010_campuses.json", "030_departments.json")


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


def departments_of(designation_type):
    return {
        department.name
        for department in Department.objects.filter(designations__designation_type__name=designation_type)
    }


def test_key_specialties_are_the_ones_the_hospital_profile_lists(hospital_content):
    assert departments_of("国家临床重点专科建设项目") == {"普外中心", "心血管内科", "重症医学科", "神经医学中心"}
    assert Designation.objects.get(
        designation_type__name="国家临床重点专科建设项目", name="普外科"
    ).departments.get().name == ("普外中心")
    assert departments_of("省临床重点建设专科") == {"呼吸与危重症医学科", "胃肠外科"}
    assert departments_of("省临床重点专科（市州级）") == {
        "心胸外科", "神经内科", "医学影像科", "老年病科", "神经外科", "骨科",
        "妇科", "新生儿科", "肿瘤科", "急诊医学科", "麻醉科", "临床药学",
    }  # fmt: skip


def test_city_key_specialties_are_a_dated_count_without_invented_members(hospital_content):
    city = DesignationType.objects.get(name="市级临床重点专科")
    assert city.designations.count() == 0
    assert [(c.count, c.year, c.source) for c in city.counts.all()] == [(13, 2022, "衡阳日报建院120周年综述")]


def test_quality_control_centres_keep_the_listed_names_and_both_dated_counts(hospital_content):
    quality = DesignationType.objects.get(name="衡阳市医疗质量控制中心挂靠单位")
    # 19 entries in the profile's list, 神经外科 twice: 18 records, and the stated 19 kept as a count
    assert quality.designations.count() == 18
    assert {(c.count, c.year) for c in quality.counts.all()} == {(19, None), (15, 2022)}
    # how the list was counted is a source remark, not something the patient reads beside the name
    assert "出现两次" in quality.designations.get(name="神经外科").source
    assert not quality.designations.get(name="神经外科").note
    committees = DesignationType.objects.get(name="衡阳市医学会专业委员会（学组）主委单位")
    assert committees.designations.count() == 11
    assert {(c.count, c.year) for c in committees.counts.all()} == {(13, None), (10, 2022)}


def test_alliances_and_accreditations_name_their_departments(hospital_content):
    changhai = Designation.objects.get(name="海军军医大学第一附属医院（上海长海医院）专科联盟")
    assert {d.name for d in changhai.departments.all()} == {"消化内科", "心血管内科", "肝胆外科", "胃肠外科"}
    assert Designation.objects.get(name="衡阳市胸痛中心联盟").role == "牵头成立，主席单位"
    assert Designation.objects.get(name="房颤中心").status == Designation.Status.IN_PROGRESS
    assert Designation.objects.get(name="全国第一批无痛分娩试点单位").departments.count() == 0


def test_the_six_centres_the_hospital_leads(hospital_content):
    led = Centre.objects.filter(led_by_hospital=True)
    assert set(led.values_list("name", flat=True)) == {
        "衡阳市肺病诊疗中心",
        "衡阳市皮肤科疾病诊疗中心",
        "湖南省前列腺疾病防治临床医疗技术示范基地",
        "区域性病理诊断示范中心",
        "上海市骨科临床医学研究中心衡阳市分中心",
        "上海儿童医学中心儿科湘南分中心",
    }
    assert set(led.filter(established="2023年7月").values_list("name", flat=True)) == {
        "上海市骨科临床医学研究中心衡阳市分中心",
        "上海儿童医学中心儿科湘南分中心",
    }
    assert Centre.objects.get(name="中风120湖南特别行动组衡阳站").departments.get().name == "神经内科"


@pytest.mark.parametrize(
    ("condition", "departments"),
    [
        ("银屑病", {"皮肤科"}),
        ("脑出血", {"神经外科"}),
        ("神经导航", {"神经外科"}),
        ("脑卒中", {"神经内科", "卒中中心"}),
        ("胸痛", {"胸痛中心"}),
        ("前列腺疾病", {"泌尿外科"}),
        ("泌尿系结石", {"泌尿外科"}),
        ("甲状腺疾病", {"乳甲外科"}),
        ("上消化道出血", {"消化内科"}),
        ("眼底疾病", {"眼科"}),
        ("肺病", {"呼吸与危重症医学科", "肺病诊疗中心"}),
        ("危重孕产妇", {"妇产科", "危重孕产妇救治中心"}),
        ("房颤", {"心血管内科"}),
        ("卵巢囊肿", {"妇科"}),
        ("纵膈肿瘤", {"心胸外科"}),
        ("经导管主动脉瓣置换术", {"心血管内科"}),
    ],
)
def test_conditions_lead_to_the_departments_the_sources_tie_them_to(hospital_content, condition, departments):
    assert {d.name for d in Condition.objects.get(name=condition).departments.all()} == departments


def test_a_patient_typing_chest_pain_or_stroke_reaches_the_centre(hospital_content):
    assert Department.objects.matching("胸痛").get().name == "胸痛中心"
    assert {d.name for d in Condition.objects.matching("中风").get().departments.all()} == {"神经内科", "卒中中心"}
    assert Department.objects.matching("胸心外科").get().name == "心胸外科"


def test_nothing_is_invented_that_the_sources_do_not_give(hospital_content):
    assert not Department.objects.exclude(phone="").exists()
    assert not Department.objects.exclude(location="").exists()
    assert not Department.objects.filter(campuses__isnull=False).exists()


def test_every_department_page_of_the_real_content_renders(client, hospital_content):
    for department in Department.objects.visible():
        response = client.get(department.get_absolute_url())
        assert response.status_code == 200, department.name
        assert f"<h1>{department.name}</h1>" in response.content.decode()


def test_list_of_the_real_content_filters_to_the_four_national_projects(client, hospital_content):
    slug = DesignationType.objects.get(name="国家临床重点专科建设项目").slug
    html = client.get(reverse("departments:list"), {"designation": slug}).content.decode()
    assert "共 4 个科室。" in html
    for name in ("普外中心", "心血管内科", "重症医学科", "神经医学中心"):
        assert f">{name}</a></h3>" in html


def test_techniques_are_listed_as_what_the_department_does_not_as_complaints(client, hospital_content):
    for slug, technique in (("shen-jing-wai-ke", "神经导航"), ("xin-xue-guan-nei-ke", "经导管主动脉瓣置换术")):
        html = client.get(reverse("departments:detail", kwargs={"slug": slug})).content.decode()
        specialties = html.split('id="department-specialties"', 1)[1].split("</section>", 1)[0]
        assert technique in specialties
        assert technique not in html.split('id="department-conditions"', 1)[-1].split("</section>", 1)[0]
        assert html.count(f"<li>{technique}") == 1


def test_a_treatments_other_names_are_names_of_the_same_treatment(hospital_content):
    tavr = Condition.objects.get(name="经导管主动脉瓣置换术")
    assert tavr.kind == Condition.Kind.TREATMENT
    assert set(tavr.alias_list) == {"TAVR", "TAVI", "经导管主动脉瓣植入术"}


def test_a_department_attribution_the_sources_do_not_state_says_it_is_inferred(hospital_content):
    inferred = "依托科室据名称推断"
    assert inferred in Centre.objects.get(name="湖南省神经外科ERAS标准病房").source
    assert inferred in Designation.objects.get(name="呼吸科").source
    # written in the sources: the 综述 puts the 衡阳站 in 神经内科; the profile names the 长海 alliance's members
    assert inferred not in Centre.objects.get(name="中风120湖南特别行动组衡阳站").source
    assert inferred not in Designation.objects.get(name="海军军医大学第一附属医院（上海长海医院）专科联盟").source
    for record in [
        *Designation.objects.prefetch_related("departments"),
        *Centre.objects.prefetch_related("departments"),
    ]:
        names = {department.name for department in record.departments.all()}
        if names and names != {record.name} and inferred not in record.source:
            assert record.name in {
                "中风120湖南特别行动组衡阳站",
                "海军军医大学第一附属医院（上海长海医院）专科联盟",
                "国家标准版胸痛中心认证",
                "湖南卒中联盟认证",
                "危重孕产妇救治中心市级认证",
                "危重新生儿救治中心市级认证",
            }, record.name


def test_department_page_keeps_every_source_in_one_closed_note(client, hospital_content):
    html = client.get(reverse("departments:detail", kwargs={"slug": "shen-jing-wai-ke"})).content.decode()
    assert html.count('<details class="source-note">') == 1
    note = html.split('<details class="source-note">', 1)[1].split("</details>", 1)[0]
    assert "名单中“神经外科”出现两次，合计为19个" in note
    assert "湖南省神经外科ERAS标准病房" in note
    assert "依托科室据名称推断" in note
    # the counting remark is no longer printed beside the designation itself
    assert "出现两次" not in html.replace(note, "")

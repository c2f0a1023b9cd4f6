"""The fixture holds the seed documents' facts, loads through load_hospital_content, and loads only once."""

import shutil

import pytest
from django.conf import settings
from django.core.management import call_command

from apps.history.models import Honour, HospitalName, HospitalProfile, KeyFigure, KeyFigureValue, Milestone, Source
from apps.pages.management.commands import load_hospital_content

pytestmark = pytest.mark.django_db


@pytest.fixture
def fixtures_dir(tmp_path, monkeypatch):
    """Only the campuses and the history content, so these tests do not depend on other sections' files."""
    for name in ["010_campuses.json", "020_history.json"]:
        shutil.copy(settings.BASE_DIR / "fixtures" / name, tmp_path / name)
    monkeypatch.setattr(load_hospital_content, "FIXTURES_DIR", tmp_path)
    return tmp_path


def test_load_hospital_content_loads_the_history_once_and_keeps_editors_changes(fixtures_dir, client):
    call_command("load_hospital_content")
    HospitalProfile.objects.update(motto="编辑修改后的院训（测试）")

    call_command("load_hospital_content")

    assert HospitalProfile.objects.get().motto == "编辑修改后的院训（测试）"
    assert Milestone.objects.filter(title="仁济医院创办").count() == 1
    html = client.get("/about/").content.decode()
    assert "1753" in html and "2022年：1724人" in html


def values_of(label):
    return {(v.value, v.year, v.source.short_title) for v in KeyFigureValue.objects.filter(figure__label=label)}


def test_every_figure_the_seeds_give_is_recorded_with_its_year_and_source(hospital_content):
    official, paper = "医院官方简介", "衡阳日报建院120周年综述"
    assert values_of("在职员工") == {("1724", 2022, paper), ("1753", 2024, official)}
    assert values_of("正高级职称") == {("75", 2022, paper), ("105", 2024, official)}
    assert values_of("高级职称") == {("389", 2022, paper)}
    assert values_of("副高级职称") == {("300", 2024, official)}
    assert values_of("编制床位") == {("1500", 2022, paper), ("1500", 2024, official)}
    assert values_of("临床医技科室") == {("61", 2022, paper), ("61", 2024, official)}
    assert values_of("占地面积") == {("376", 2022, paper), ("376", 2024, official)}
    assert values_of("建筑面积") == {("40多万", 2022, paper)}
    assert values_of("博士") == {("22", 2022, paper)}
    assert values_of("硕士学位") == {("345", 2022, paper)}
    assert values_of("研究生导师") == {("6", 2022, paper)}
    assert values_of("医联体协作单位") == {("117", 2022, paper)}
    assert values_of("线上预约挂号") == {("11.8万", 2021, paper)}
    assert values_of("线上预约挂号占总就诊人次") == {("23", 2021, paper)}
    assert values_of("省自然科学基金项目") == {("15", 2022, paper)}
    assert values_of("省卫健委科技课题") == {("11", 2022, paper)}
    assert values_of("市科技局指导性项目") == {("27", 2022, paper)}
    assert values_of("专项立项") == {("2", 2022, paper)}
    assert values_of("科研论文") == {("300余", 2022, paper)}
    assert values_of("SCI论文") == {("24", 2022, paper)}
    assert values_of("专利") == {("6", 2022, paper)}
    assert values_of("全科医生转岗培训") == {("1000余", 2022, paper)}
    assert values_of("住院医师规范化培训") == {("172", 2022, paper)}
    assert values_of("国家、省、市级个人荣誉") == {("300余", 2024, official)}
    new_techniques = KeyFigureValue.objects.get(figure__label="新技术新业务")
    assert (new_techniques.since_year, new_techniques.year, new_techniques.value) == (2012, 2022, "300余")
    staff_2024 = KeyFigureValue.objects.get(figure__label="在职员工", year=2024)
    assert "二十届三中全会" in staff_2024.source.note or "2024" in staff_2024.note


def test_the_profile_holds_names_founding_grade_mission_motto_and_spirit(hospital_content):
    profile = HospitalProfile.objects.get()
    assert (profile.name, profile.full_name) == ("衡阳市中心医院", "湖南师范大学附属衡阳市中心医院")
    assert profile.founded_year == 1902
    assert profile.founder == "基督教英国伦敦会皮克(E·C·Peake)医师"
    assert profile.epithet == "湘南西医之源"
    assert profile.grade == "三级甲等综合医院"
    assert profile.motto == "性仁、品卓、知博、术精"
    assert profile.spirit == "仁心仁术、济世济民"
    assert profile.mission == "建精品医院、筑尖端学科、做患者和医者贴心人"
    assert "2023年7月，挂牌成为上海市骨科临床医学研究中心衡阳市分中心" in profile.introduction
    assert list(HospitalName.objects.values_list("year", "name")) == [
        (1902, "仁济医院"),
        (1951, "衡阳市立第二医院"),
        (1968, "衡阳市第二医院"),
        (1991, "衡阳市中心医院"),
        (2023, "湖南师范大学附属衡阳市中心医院"),
    ]


def test_every_milestone_names_its_source_and_keeps_its_precision(hospital_content):
    dated = {(m.display_date, m.title) for m in Milestone.objects.all()}
    assert ("1951年1月", "衡阳市军管会接管仁济医院") in dated
    assert ("2020年2月24日", "3D腹腔镜下行胰腺假性囊肿—空肠Rou-Y吻合内引流术") in dated
    assert ("2021年11月26日", "万峰院士开展换瓣加搭桥手术") in dated
    assert ("2021年3月", "140名医护骨干投入新冠疫苗接种") in dated
    assert not Milestone.objects.filter(sources=None).exists()
    assert not Honour.objects.filter(sources=None).exists()


def test_every_honour_of_both_seeds_is_recorded_with_level_and_recipient(hospital_content):
    honours = set(Honour.objects.values_list("title", "recipient_name", "level"))
    national, provincial, municipal = Honour.Level.NATIONAL, Honour.Level.PROVINCIAL, Honour.Level.MUNICIPAL
    expected = {
        ("全国巾帼建功先进集体", "乳甲外科", national),
        ("全国巾帼文明岗", "妇产科", national),
        ("湖南省芙蓉标兵岗", "手术室", provincial),
        ("衡阳市芙蓉标兵岗", "急诊科", municipal),
        ("衡阳市芙蓉标兵岗", "呼吸内科", municipal),
        ("衡阳市芙蓉标兵岗", "超声科", municipal),
        ("衡阳市三八红旗集体", "神经内科", municipal),
        ("衡阳市“最美巾帼服务组织(团队)”", "益众志愿者服务队", municipal),
        ("全国优秀共产党员", "刘军", national),
        ("全国抗击新冠肺炎疫情先进个人", "刘军", national),
        ("全国卫生健康系统抗击新冠肺炎疫情先进个人", "唐肖春", national),
        ("全省优秀共产党员", "詹济舟", provincial),
        ("全省抗击新冠肺炎疫情先进个人", "詹济舟", provincial),
        ("全省抗击新冠肺炎疫情先进集体", "衡阳市中心医院", provincial),
        ("全市卫生健康宣传工作先进单位", "衡阳市中心医院", municipal),
    }
    assert expected <= honours
    assert Honour.objects.count() == 49
    assert Source.objects.count() == 2
    assert KeyFigure.objects.filter(is_featured=True).count() == 8

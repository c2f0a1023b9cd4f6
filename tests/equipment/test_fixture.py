"""The hospital's real equipment, as the two source documents name it: one record per device, facts merged."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from apps.equipment.models import Equipment, EquipmentCategory
from tests.content import loaded_once

pytestmark = pytest.mark.django_db

# The official introduction (002) lists these, maker first.
INTRODUCTION_DEVICES = {
    "瓦里安医用直线加速器": "瓦里安",
    "飞利浦PET-CT": "飞利浦",
    "飞利浦256排CT": "飞利浦",
    "飞利浦64排CT": "飞利浦",
    "GE多层螺旋CT": "GE",
    "东芝多层螺旋CT": "东芝",
    "飞利浦3.0T核磁共振": "飞利浦",
    "飞利浦1.5T核磁共振": "飞利浦",
    "东芝1.5T核磁共振": "东芝",
    "西门子血管造影系统(DSA)": "西门子",
    "奇目C臂机": "奇目",
    "豪洛捷乳腺钼靶机": "豪洛捷",
    "医用钬激光": "",
    "磁控胶囊胃镜系统": "",
    "贝克曼库尔特全自动生化分析仪": "贝克曼库尔特",
    "希森美康全自动血液分析仪": "希森美康",
    "富士电子超声内镜": "富士",
    "奥林巴斯电子内镜系统": "奥林巴斯",
    "STORZ3D腹腔镜": "STORZ",
    "奥林巴斯4K电子腹腔镜系统": "奥林巴斯",
    "JOIMAX椎间孔镜": "JOIMAX",
}
# The newspaper review (000) names these only, with no maker.
NEWSPAPER_ONLY_DEVICES = {"血管内超声波诊断仪", "混合动力碎石清石系统", "可移动式智能静脉药物调配机器人"}
# The newspaper's names for devices the introduction also lists, and the record they belong to.
NEWSPAPER_NAMES = {
    "瓦里安智能加速器": "瓦里安医用直线加速器",
    "西门子数字减影血管造影机": "西门子血管造影系统(DSA)",
    "椎间孔镜": "JOIMAX椎间孔镜",
    "3D腹腔镜": "STORZ3D腹腔镜",
    "PET-CT": "飞利浦PET-CT",
    "3.0T核磁": "飞利浦3.0T核磁共振",
    "256排CT": "飞利浦256排CT",
    "64排CT": "飞利浦64排CT",
}
PROCURED_2022 = ("飞利浦PET-CT", "飞利浦3.0T核磁共振", "飞利浦256排CT", "飞利浦64排CT")


equipment_content = loaded_once("050_equipment.json")


@pytest.fixture
def seeded(equipment_content):
    return {device.name: device for device in Equipment.objects.select_related("category")}


def test_every_device_the_sources_name_is_there_once_with_its_maker(seeded):
    assert set(seeded) == set(INTRODUCTION_DEVICES) | NEWSPAPER_ONLY_DEVICES
    for name, maker in INTRODUCTION_DEVICES.items():
        assert seeded[name].manufacturer == maker, name
    for name in NEWSPAPER_ONLY_DEVICES:
        assert seeded[name].manufacturer == "", name  # the newspaper names no maker: none is invented


def test_devices_both_documents_name_are_merged_into_one_record(seeded):
    for newspaper_name, record_name in NEWSPAPER_NAMES.items():
        assert newspaper_name not in seeded
        assert newspaper_name in seeded[record_name].other_name_list, newspaper_name
        assert "衡阳日报" in seeded[record_name].source
    assert Equipment.objects.filter(name__startswith="瓦里安").count() == 1
    assert Equipment.objects.filter(manufacturer="西门子").count() == 1


def test_merged_records_keep_the_newspapers_dated_facts(seeded):
    for name in PROCURED_2022:
        device = seeded[name]
        assert (device.year_acquired, device.acquisition) == (2022, Equipment.Acquisition.PROCUREMENT), name
    accelerator = seeded["瓦里安医用直线加速器"]
    assert accelerator.acquisition == Equipment.Acquisition.ADDED
    assert accelerator.year_acquired is None  # the newspaper gives a span, not a year
    assert accelerator.acquisition_summary == "2012年至2022年间添置"
    assert seeded["飞利浦PET-CT"].acquisition_summary == "2022年招标采购"
    assert "3D腹腔镜下行胰腺假性囊肿" in seeded["STORZ3D腹腔镜"].description


def test_the_newspapers_unattributed_1_5t_mri_is_not_pinned_on_either_machine(seeded):
    mri_15 = [device for name, device in seeded.items() if "1.5T" in name]
    assert sorted(device.manufacturer for device in mri_15) == ["东芝", "飞利浦"]
    for device in mri_15:
        assert device.year_acquired is None and device.acquisition == ""
        assert "未写明厂商" in device.source


def test_nothing_is_guessed_about_departments_or_campuses(seeded):
    assert all(device.departments.count() == 0 for device in seeded.values())
    assert all(device.campus_id is None and device.quantity is None for device in seeded.values())


def test_seeded_devices_are_published_under_pinyin_slugs_in_their_categories(seeded):
    assert set(EquipmentCategory.objects.values_list("name", flat=True)) == {
        "放射治疗",
        "医学影像",
        "内镜",
        "检验",
        "手术",
        "药学",
    }
    assert all(device.is_live for device in seeded.values())
    assert seeded["瓦里安医用直线加速器"].slug == "wa-li-an-yi-yong-zhi-xian-jia-su-qi"
    assert seeded["瓦里安医用直线加速器"].category.name == "放射治疗"
    assert seeded["可移动式智能静脉药物调配机器人"].category.name == "药学"


def test_catalogue_page_shows_the_seeded_devices_with_their_makers(client, seeded):
    html = client.get(reverse("equipment:list")).content.decode()

    assert html.count('class="card equipment-card"') == len(seeded)
    assert html.count(">瓦里安医用直线加速器</a>") == 1
    assert "瓦里安智能加速器" not in html  # merged, not listed twice
    pet_ct = html[html.index(">飞利浦PET-CT</a>") :].split("</li>", 1)[0]
    assert "<dd>飞利浦</dd>" in pet_ct
    assert "2022年招标采购" in pet_ct


def test_device_page_shows_both_names_and_both_sources(client, seeded):
    html = client.get(seeded["西门子血管造影系统(DSA)"].get_absolute_url()).content.decode()

    assert "<h1>西门子血管造影系统(DSA)</h1>" in html
    assert "又称：西门子数字减影血管造影机" in html
    assert "资料来源：衡阳市中心医院简介；《衡阳日报》建院120周年综述（2022年）" in html


def test_loading_the_hospital_content_twice_keeps_one_record_per_device(seeded):
    call_command("loaddata", "fixtures/050_equipment.json", verbosity=0)
    assert Equipment.objects.count() == len(seeded)
    assert EquipmentCategory.objects.count() == 6

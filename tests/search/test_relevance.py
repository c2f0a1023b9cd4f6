"""The relevance set (tests/search_relevance.json): for each query, the records that must rank in the top five.

Run on the hospital's real content (the fixtures) and on a minimal set of records built here from
what the seeds say, surrounded by obviously synthetic records that mention the same words.
"""

import json
from pathlib import Path

import pytest
from django.core.management import call_command

from apps.pages.models import ServicePage
from apps.search.models import SearchDocument
from tests.factories import (
    ArticleFactory,
    CategoryFactory,
    ConditionFactory,
    DepartmentFactory,
    EquipmentFactory,
    ExpertFactory,
    SymptomFactory,
    WorkstationFactory,
)

from .conftest import found

pytestmark = pytest.mark.django_db

SPEC = json.loads((Path(__file__).resolve().parent.parent / "search_relevance.json").read_text(encoding="utf-8"))
KIND_LABELS = dict(SearchDocument.Kind.choices)


def evaluate():
    """(score, failures, missing): the fraction of expectations met, and what went wrong."""
    top = SPEC["top"]
    indexed = set(SearchDocument.objects.values_list("kind", "title"))
    met, failures, missing = 0, [], []
    for expectation in SPEC["expectations"]:
        query = expectation["query"]
        required = [tuple(record) for record in expectation.get("all_of", [])]
        required += [tuple(record) for record in expectation.get("if_indexed", []) if tuple(record) in indexed]
        alternatives = [tuple(record) for record in expectation.get("one_of", [])]
        for kind, title in required + alternatives:
            if (kind, title) not in indexed and (kind, title) not in alternatives:
                missing.append(f"{KIND_LABELS[kind]}“{title}”（查询“{query}”需要）")
        if alternatives and not any(record in indexed for record in alternatives):
            missing.append(f"“{query}”所需的任一记录：{alternatives}")
        ranked = found(query)[:top]
        lost = [record for record in required if record not in ranked]
        if alternatives and not any(record in ranked for record in alternatives):
            lost.append(("one of", alternatives))
        if lost:
            failures.append(f"“{query}”前{top}名缺少 {lost}；实际为 {ranked}")
        else:
            met += 1
    return met / len(SPEC["expectations"]), failures, missing


def report(capsys, label, score, failures):
    with capsys.disabled():
        print(f"\n搜索相关性（{label}）：{score:.0%} 的期望得到满足")
        for failure in failures:
            print("  ", failure)


def test_relevance_set_on_the_hospitals_own_content(capsys):
    call_command("load_hospital_content", verbosity=0)
    score, failures, missing = evaluate()
    report(capsys, "医院真实内容", score, failures)
    assert not missing, "相关性测试所需的记录不在真实内容中：" + "；".join(missing)
    assert score == 1.0, "\n".join(failures)


def build_seed_records():
    """The records the relevance set names, with only what the seeds say of them."""
    chest_pain = DepartmentFactory(
        name="胸痛中心", kind="emergency_centre", summary="衡阳首家通过国家认证的标准版胸痛中心。"
    )
    ConditionFactory(name="胸痛", departments=[chest_pain])

    hepatobiliary = DepartmentFactory(name="肝胆外科")
    ExpertFactory(name="蒋水平", roles="肝胆外科主任", departments=[hepatobiliary])

    EquipmentFactory(name="STORZ3D腹腔镜", other_names="3D腹腔镜")
    EquipmentFactory(name="奥林巴斯4K电子腹腔镜系统")
    EquipmentFactory(name="飞利浦PET-CT", other_names="PET-CT", manufacturer="飞利浦")

    neurosurgery = DepartmentFactory(name="神经外科", featured_techniques="神经导航\n内镜下治疗脑出血")
    ExpertFactory(
        name="李远志",
        roles="神经外科主任",
        biography="<p>引进“神经导航”“内镜下治疗脑出血”等前沿技术和设备，给患者带来更好的就诊体验。</p>",
        departments=[neurosurgery],
    )
    ConditionFactory(name="脑出血", departments=[neurosurgery])

    dermatology = DepartmentFactory(name="皮肤科")
    ConditionFactory(name="银屑病", departments=[dermatology])
    WorkstationFactory(name="廖万清院士工作室", department=dermatology)

    neurology = DepartmentFactory(name="神经内科", featured_techniques="脑卒中血管取栓")
    stroke = DepartmentFactory(name="卒中中心", kind="emergency_centre", summary="卒中中心通过湖南卒中联盟认证。")
    ConditionFactory(name="脑卒中", aliases="中风", departments=[neurology, stroke])

    urology = DepartmentFactory(name="泌尿外科")
    ConditionFactory(name="前列腺疾病", departments=[urology])

    # The guide's symptom table (general guidance, as in fixtures/080_symptoms.json), red flags included.
    emergency = DepartmentFactory(name="急诊医学科")
    digestive = DepartmentFactory(name="消化内科")
    SymptomFactory(name="头痛", synonyms="头疼\n偏头痛", departments=[neurology])
    SymptomFactory(name="剧烈头痛", synonyms="突发剧烈头痛", is_red_flag=True, departments=[emergency, neurosurgery])
    SymptomFactory(name="心慌", synonyms="心悸", departments=[DepartmentFactory(name="心血管内科")])
    SymptomFactory(name="小儿发热", synonyms="宝宝发烧", departments=[DepartmentFactory(name="妇儿中心")])
    SymptomFactory(name="发热", synonyms="发烧", departments=[emergency])
    SymptomFactory(name="便血", synonyms="大便带血", departments=[digestive])
    SymptomFactory(name="大出血", synonyms="大量便血", is_red_flag=True, departments=[emergency])
    ConditionFactory(name="上消化道出血", departments=[digestive])

    # The service pages of fixtures/070_pages.json, with the seeds' words.
    for title, purpose, body in (
        ("预约挂号", "booking", "<p>医院实行预约诊疗，引导患者分时段预约和错峰就诊。</p>"),
        ("联系我们", "contact", "<p>医院现有雁峰院区、华新院区、奇峰院区三个院区。</p>"),
        ("就医指南", "guide", "<p>不知道该挂哪个科，可以用智能导诊按症状查找科室。</p>"),
    ):
        ServicePage.objects.create(title=title, purpose=purpose, body=body, status=ServicePage.Status.PUBLISHED)

    ArticleFactory(
        title="铿锵前行双甲子 风华正茂看今朝",
        subtitle="——衡阳市中心医院建院120周年综述",
        category=CategoryFactory(name="媒体报道"),
        body="<p>2022年，衡阳市中心医院迎来建院120周年院庆。</p>",
    )


def build_synthetic_noise():
    """Obviously synthetic records that mention the same words in passing, so that ranking is put to work."""
    words = (
        "胸痛、肝胆、腹腔镜、神经导航、银屑病、脑卒中、前列腺、PET-CT、120周年、李远志、蒋水平、头痛、心慌、便血、出血、"
        "挂号、预约挂号、地址、就医指南"
    )
    filler = "这是一段合成的测试文字，用来模拟普通新闻中的叙述。" * 4
    for n in range(12):
        ArticleFactory(title=f"测试新闻{n}", body=f"<p>{filler}</p><p>文中提到{words}等词语。</p><p>{filler}</p>")
        ExpertFactory(name=f"测试专家{n}", biography=f"<p>{filler}文中提到{words}等词语。</p>")
    for n in range(4):
        DepartmentFactory(name=f"测试科室{n}", introduction=f"<p>{filler}文中提到{words}等词语。</p>")
        EquipmentFactory(name=f"测试设备{n}", description=f"<p>{filler}文中提到{words}等词语。</p>")


def test_relevance_set_on_records_built_from_the_seeds_among_synthetic_noise(capsys):
    build_seed_records()
    build_synthetic_noise()
    score, failures, missing = evaluate()
    report(capsys, "按资料构造的记录", score, failures)
    assert not missing, "；".join(missing)
    assert score == 1.0, "\n".join(failures)
